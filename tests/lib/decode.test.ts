import { describe, expect, it } from 'vitest';
import { decodeBody, foldPhpPairs } from '../../src/lib/redcap/decode.ts';

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
