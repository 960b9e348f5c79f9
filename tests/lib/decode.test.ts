import { describe, expect, it } from 'vitest';
import { decodeBody, foldPhpPairs, scalarField } from '../../src/lib/redcap/decode.ts';

describe('foldPhpPairs (PHP $_POST semantics, redcap-api.md §1.4)', () => {
  it('builds arrays from 0-based, empty and 1-based bracket keys', () => {
    expect(
      foldPhpPairs([
        ['records[0]', '1'],
        ['records[1]', '2'],
      ]),
    ).toEqual({ records: ['1', '2'] });
    expect(
      foldPhpPairs([
        ['records[]', 'a'],
        ['records[]', 'b'],
      ]),
    ).toEqual({ records: ['a', 'b'] });
    expect(
      foldPhpPairs([
        ['records[1]', 'a'],
        ['records[2]', 'b'],
      ]),
    ).toEqual({ records: ['a', 'b'] });
  });

  it('keeps only the last value of a repeated plain name', () => {
    expect(
      foldPhpPairs([
        ['records', '1'],
        ['records', '2'],
      ]),
    ).toEqual({ records: '2' });
  });

  it('lets a later equal key replace the value in its first position', () => {
    expect(
      foldPhpPairs([
        ['f[0]', 'a'],
        ['f[1]', 'b'],
        ['f[0]', 'c'],
      ]),
    ).toEqual({ f: ['c', 'b'] });
  });

  it('keeps a comma string as one string (only Export Records splits it)', () => {
    expect(foldPhpPairs([['records', '1,2,3']])).toEqual({ records: '1,2,3' });
  });
});

describe('decodeBody', () => {
  it('reads a JSON body as no fields at all, so the token is missing (§1.3)', async () => {
    const bytes = new TextEncoder().encode('{"token":"X","content":"record"}');
    expect(await decodeBody('application/json', bytes)).toEqual({ fields: {}, files: {} });
  });

  it('reads urlencoded bodies with + as space', async () => {
    const bytes = new TextEncoder().encode('a=1+2&b=%27x%27');
    expect(
      (await decodeBody('application/x-www-form-urlencoded; charset=UTF-8', bytes)).fields,
    ).toEqual({
      a: '1 2',
      b: "'x'",
    });
  });

  it('survives a broken multipart body', async () => {
    const bytes = new TextEncoder().encode('garbage');
    expect(await decodeBody('multipart/form-data; boundary=zzz', bytes)).toEqual({
      fields: {},
      files: {},
    });
  });
});

describe('foldPhpPairs: a table of names and orders', () => {
  it.each<[string, [string, string][], Record<string, string | string[]>]>([
    ['a plain name', [['a', 'x']], { a: 'x' }],
    ['a name that starts with [', [['[x]', '1']], { '[x]': '1' }],
    ['text after ]', [['a[b]c', '1']], { 'a[b]c': '1' }],
    ['two ]', [['a[b]]', '1']], { 'a[b]]': '1' }],
    ['two [', [['a[[b]', '1']], { 'a[[b]': '1' }],
    ['two bracket pairs', [['a[b][c]', '1']], { 'a[b][c]': '1' }],
    ['a named key', [['a[k]', '1']], { a: ['1'] }],
    [
      '[] after an explicit key appends past it, an earlier key is still set',
      [
        ['r[1]', 'a'],
        ['r[]', 'b'],
        ['r[0]', 'c'],
      ],
      { r: ['a', 'b', 'c'] },
    ],
    [
      '[] after a two-digit key',
      [
        ['r[10]', 'a'],
        ['r[]', 'b'],
        ['r[0]', 'c'],
      ],
      { r: ['a', 'b', 'c'] },
    ],
    [
      'a key that only starts with digits does not move []',
      [
        ['r[1a]', 'a'],
        ['r[]', 'b'],
        ['r[]', 'c'],
      ],
      { r: ['a', 'b', 'c'] },
    ],
    [
      'a key that only ends with digits does not move []',
      [
        ['r[a1]', 'a'],
        ['r[]', 'b'],
        ['r[]', 'c'],
      ],
      { r: ['a', 'b', 'c'] },
    ],
    [
      'a smaller key after a larger one does not move [] back',
      [
        ['r[3]', 'a'],
        ['r[1]', 'b'],
        ['r[]', 'c'],
        ['r[4]', 'd'],
      ],
      { r: ['a', 'b', 'd'] },
    ],
    [
      'a scalar then an array: the array',
      [
        ['a', 'x'],
        ['a[]', 'y'],
      ],
      { a: ['y'] },
    ],
    [
      'an array then a scalar: the scalar',
      [
        ['a[]', 'x'],
        ['a', 'y'],
      ],
      { a: 'y' },
    ],
    [
      'a scalar between arrays starts the array again from 0',
      [
        ['a[5]', '1'],
        ['a', 'x'],
        ['a[]', '2'],
        ['a[0]', '3'],
      ],
      { a: ['3'] },
    ],
    [
      'a key set after two [] replaces the second',
      [
        ['r[]', 'a'],
        ['r[]', 'b'],
        ['r[1]', 'c'],
      ],
      { r: ['a', 'c'] },
    ],
    [
      'two names keep apart',
      [
        ['a[]', '1'],
        ['b[]', '2'],
        ['a[]', '3'],
      ],
      { a: ['1', '3'], b: ['2'] },
    ],
  ])('%s', (_, pairs, expected) => {
    const out = foldPhpPairs(pairs);
    expect({ ...out }).toStrictEqual(expected);
    expect(Object.keys(out)).toEqual(Object.keys(expected));
  });

  it('keeps __proto__ and constructor as data', () => {
    const out = foldPhpPairs([
      ['__proto__', 'p'],
      ['constructor[]', 'c'],
    ]);
    expect(Object.getPrototypeOf(out)).toBeNull();
    expect(Object.keys(out)).toEqual(['__proto__', 'constructor']);
    expect(out['__proto__']).toBe('p');
    expect(out['constructor']).toEqual(['c']);
  });
});

describe('decodeBody: media types and multipart', () => {
  const urlencoded = new TextEncoder().encode('token=T&records[]=1&records[]=2');

  it.each([
    ['application/x-www-form-urlencoded', true],
    ['Application/X-WWW-Form-Urlencoded', true],
    ['  application/x-www-form-urlencoded ; charset=UTF-8', true],
    ['application/x-www-form-urlencodedx', false],
    ['text/plain', false],
    ['', false],
    [null, false],
  ])('content type %j reads fields: %s', async (type, reads) => {
    const { fields, files } = await decodeBody(type, urlencoded);
    expect({ ...fields }).toStrictEqual(reads ? { token: 'T', records: ['1', '2'] } : {});
    expect({ ...files }).toStrictEqual({});
  });

  async function multipart(form: FormData): Promise<[string, Uint8Array]> {
    const request = new Request('http://x/', { method: 'POST', body: form });
    return [request.headers.get('content-type')!, new Uint8Array(await request.arrayBuffer())];
  }

  it('reads fields (folded as PHP does) and files from a multipart body', async () => {
    const form = new FormData();
    form.append('token', 'T');
    form.append('records[]', '1');
    form.append('records[]', '2');
    form.append('file', new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }), 'a.png');
    form.append('other', new Blob([new Uint8Array([9])]), 'b.bin');
    const [type, bytes] = await multipart(form);
    const decoded = await decodeBody(
      type.replace('multipart/form-data', ' Multipart/Form-Data '),
      bytes,
    );
    expect({ ...decoded.fields }).toStrictEqual({ token: 'T', records: ['1', '2'] });
    expect(Object.getPrototypeOf(decoded.files)).toBeNull();
    expect({ ...decoded.files }).toStrictEqual({
      file: { kind: 'file', name: 'a.png', type: 'image/png', bytes: new Uint8Array([1, 2, 3]) },
      other: {
        kind: 'file',
        name: 'b.bin',
        type: 'application/octet-stream',
        bytes: new Uint8Array([9]),
      },
    });
  });
});

it('names a file part without a Content-Type application/octet-stream', async () => {
  const body =
    '--zzz\r\nContent-Disposition: form-data; name="token"\r\n\r\nT\r\n' +
    '--zzz\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: \r\n\r\nhi\r\n' +
    '--zzz--\r\n';
  const decoded = await decodeBody(
    'multipart/form-data; boundary=zzz',
    new TextEncoder().encode(body),
  );
  expect({ ...decoded.fields }).toStrictEqual({ token: 'T' });
  expect({ ...decoded.files }).toStrictEqual({
    file: {
      kind: 'file',
      name: 'a.txt',
      type: 'application/octet-stream',
      bytes: new TextEncoder().encode('hi'),
    },
  });
});

describe('scalarField', () => {
  const fields = foldPhpPairs([
    ['token', 'T'],
    ['empty', ''],
    ['records[]', '1'],
  ]);
  it.each([
    ['token', 'T'],
    ['empty', ''],
    ['records', undefined],
    ['missing', undefined],
    ['toString', undefined],
    ['__proto__', undefined],
  ])('%s → %j', (name, value) => {
    expect(scalarField(fields, name)).toBe(value);
  });
  it('reads an own field even from an object with a prototype', () => {
    expect(scalarField({ toString: 'x' }, 'toString')).toBe('x');
    expect(scalarField({}, 'toString')).toBeUndefined();
  });
});
