import { describe, expect, it } from 'vitest';
import { getMethod } from '../../src/lib/methods/index.ts';
import { decodeBody } from '../../src/lib/redcap/decode.ts';
import { encodeBody, toFormData, toUrlEncoded } from '../../src/lib/redcap/encode.ts';
import { buildRedcapRequest, bodyValue, redactToken } from '../../src/lib/redcap/request.ts';
import { normalizeApiUrl, checkApiUrl, isLoopbackHost } from '../../src/lib/redcap/connection.ts';
import type { MethodDefinition } from '../../src/lib/methods/define-method.ts';
import * as z from 'zod/mini';
import { attachMeta, defineMethod } from '../../src/lib/methods/define-method.ts';
import { fileParam, textParam } from '../../src/lib/methods/shared-params.ts';

const connection = {
  apiUrl: 'https://redcap.example.edu/api/',
  token: 'ABCDEF0123456789ABCDEF0123456789',
};
const exportRecords = getMethod('exp_records');

describe('buildRedcapRequest', () => {
  it('starts with token, content and action, then params in the method order', () => {
    const req = buildRedcapRequest(
      exportRecords,
      { returnFormat: 'json', format: 'csv' },
      connection,
    );
    expect(req.body).toEqual([
      ['token', connection.token],
      ['content', 'record'],
      ['action', 'export'],
      ['format', 'csv'],
      ['returnFormat', 'json'],
    ]);
    expect(req.method).toBe('POST');
    expect(req.bodyKind).toBe('urlencoded');
    expect(req.methodId).toBe('exp_records');
  });

  it('flattens arrays into PHP bracket keys with 0-based indexes', () => {
    const req = buildRedcapRequest(exportRecords, { records: ['1', '2', '10'] }, connection);
    expect(req.body.filter(([n]) => n.startsWith('records'))).toEqual([
      ['records[0]', '1'],
      ['records[1]', '2'],
      ['records[2]', '10'],
    ]);
  });

  it('sends booleans as true/false, or as 1/0 where the method reads them so', () => {
    const exp = buildRedcapRequest(
      exportRecords,
      { exportCheckboxLabel: true, exportSurveyFields: false },
      connection,
    );
    expect(bodyValue(exp, 'exportCheckboxLabel')).toBe('true');
    expect(bodyValue(exp, 'exportSurveyFields')).toBe('false');
    const del = buildRedcapRequest(
      getMethod('del_records'),
      { records: ['1'], delete_logging: false },
      connection,
    );
    expect(bodyValue(del, 'delete_logging')).toBe('0');
  });

  it('leaves out empty optional params: blank text, undefined, empty and blank-only lists', () => {
    const req = buildRedcapRequest(
      exportRecords,
      { filterLogic: '', fields: [], forms: ['', ' '], records: undefined, type: 'flat' },
      connection,
    );
    expect(req.body.map(([n]) => n)).toEqual(['token', 'content', 'action', 'type']);
  });

  it('drops blank entries inside a list but keeps the rest in order', () => {
    const req = buildRedcapRequest(exportRecords, { records: ['1', '', ' 2 '] }, connection);
    expect(req.body.slice(3)).toEqual([
      ['records[0]', '1'],
      ['records[1]', '2'],
    ]);
  });

  it('carries filterLogic with quotes, brackets, < > and & unchanged through encoding', async () => {
    const logic = `[age] > 30 and [sex] = '1' or [name] <> "O'Brien & co" + 100%`;
    const req = buildRedcapRequest(exportRecords, { filterLogic: logic }, connection);
    const { body, contentType } = encodeBody(req);
    expect(typeof body).toBe('string');
    expect(body as string).not.toContain("'");
    const decoded = await decodeBody(contentType, new TextEncoder().encode(body as string));
    expect(decoded.fields['filterLogic']).toBe(logic);
  });

  it('keeps JSON data with quotes and newlines intact', async () => {
    const data = '[{"record_id":"1","notes":"line 1\nline \\"2\\""}]';
    const req = buildRedcapRequest(getMethod('imp_records'), { data, format: 'json' }, connection);
    const decoded = await decodeBody(
      'application/x-www-form-urlencoded',
      new TextEncoder().encode(toUrlEncoded(req.body)),
    );
    expect(decoded.fields['data']).toBe(data);
  });

  it('switches to multipart when a file part is present, and the file survives', async () => {
    const upload: MethodDefinition = defineMethod({
      id: 'test_upload',
      group: 'Files',
      label: 'Test upload',
      description: 'test',
      content: 'file',
      action: 'import',
      sendsData: false,
      destructive: true,
      superToken: false,
      params: z.object({
        record: textParam({ help: 'r', required: true }),
        file: fileParam({ help: 'f', required: true }),
      }),
      response: { kind: 'text', shape: 'empty' },
      examples: [],
    });
    const bytes = new Uint8Array([0, 1, 2, 255]);
    const req = buildRedcapRequest(
      upload,
      {
        record: '1',
        file: { kind: 'file', name: 'scan.bin', type: 'application/octet-stream', bytes },
      },
      connection,
    );
    expect(req.bodyKind).toBe('multipart');
    const { body } = encodeBody(req);
    expect(body).toBeInstanceOf(FormData);
    const encoded = new Request('http://x/', { method: 'POST', body: body as FormData });
    const decoded = await decodeBody(
      encoded.headers.get('content-type'),
      new Uint8Array(await encoded.arrayBuffer()),
    );
    expect(decoded.fields).toMatchObject({ token: connection.token, content: 'file', record: '1' });
    expect(decoded.files['file']?.name).toBe('scan.bin');
    expect([...decoded.files['file']!.bytes]).toEqual([0, 1, 2, 255]);
  });

  it('points at the API URL as the user knows it, always ending in /api/', () => {
    const req = buildRedcapRequest(
      exportRecords,
      {},
      { ...connection, apiUrl: 'https://x.org/redcap' },
    );
    expect(req.url).toBe('https://x.org/redcap/api/');
  });
});

describe('the API URL rule', () => {
  it.each([
    ['https://redcap.example.edu', 'https://redcap.example.edu/api/'],
    ['https://redcap.example.edu/', 'https://redcap.example.edu/api/'],
    ['https://redcap.example.edu/api', 'https://redcap.example.edu/api/'],
    ['https://redcap.example.edu/api/', 'https://redcap.example.edu/api/'],
    ['  https://example.edu/redcap/api/  ', 'https://example.edu/redcap/api/'],
    ['https://example.edu/redcap/api/?x=1#y', 'https://example.edu/redcap/api/'],
    ['http://127.0.0.1:8787/api/', 'http://127.0.0.1:8787/api/'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeApiUrl(input)).toBe(expected);
  });

  it('asks for https except on loopback hosts', () => {
    expect(checkApiUrl('http://redcap.example.edu/api/')).toMatch(/https/);
    expect(checkApiUrl('https://redcap.example.edu/api/')).toBeNull();
    expect(checkApiUrl('http://localhost:8787/api/')).toBeNull();
    expect(checkApiUrl('http://127.0.0.2/api/')).toBeNull();
    expect(checkApiUrl('http://[::1]:8787/api/')).toBeNull();
    expect(checkApiUrl('redcap.example.edu')).toMatch(/full address/);
    expect(checkApiUrl('https://user:pw@redcap.example.edu/api/')).toMatch(/password/);
  });

  it('knows loopback hosts', () => {
    expect(isLoopbackHost('localhost')).toBe(true);
    expect(isLoopbackHost('127.10.0.1')).toBe(true);
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('128.0.0.1')).toBe(false);
    expect(isLoopbackHost('localhost.evil.com')).toBe(false);
  });
});

describe('request building: the edges', () => {
  const flag = (wire?: readonly [string, string]) =>
    defineMethod({
      id: 'test_flag',
      group: 'Records',
      label: 'Test flag',
      description: 'test',
      content: 'record',
      action: 'export',
      sendsData: false,
      destructive: false,
      superToken: false,
      params: z.object({
        flag: attachMeta(z.optional(z.boolean()), {
          type: 'boolean',
          label: '',
          help: 'f',
          ...(wire && { booleanWire: wire }),
        }),
      }),
      response: { kind: 'text', shape: 'empty' },
      examples: [],
    });

  it.each([
    [undefined, true, 'true'],
    [undefined, false, 'false'],
    [['1', '0'] as const, true, '1'],
    [['1', '0'] as const, false, '0'],
  ])('a boolean with wire %j sends %s as %s', (wire, value, sent) => {
    const req = buildRedcapRequest(flag(wire), { flag: value }, connection);
    expect(req.body.slice(3)).toEqual([['flag', sent]]);
  });

  const file = {
    kind: 'file',
    name: 'scan.pdf',
    type: 'application/pdf',
    bytes: new Uint8Array([37, 80]),
  } as const;

  it('names the token pair "token" and redacts it as [REDACTED]', () => {
    const req = buildRedcapRequest(exportRecords, {}, connection);
    expect(req.body[0]).toEqual(['token', connection.token]);
    expect(redactToken(req).body[0]).toEqual(['token', '[REDACTED]']);
    expect(redactToken(req, '…').body[0]).toEqual(['token', '…']);
  });

  it('bodyValue reads strings only: a file part or a missing name is undefined', () => {
    const req = {
      ...buildRedcapRequest(exportRecords, { format: 'csv' }, connection),
      body: [['format', 'csv'] as const, ['file', file] as const, ['format', 'json'] as const],
    };
    expect(bodyValue(req, 'format')).toBe('csv');
    expect(bodyValue(req, 'file')).toBeUndefined();
    expect(bodyValue(req, 'nothing')).toBeUndefined();
  });

  it('urlencodes a file part as its name (the preview), and multipart keeps its type', async () => {
    expect(
      toUrlEncoded([
        ['a', 'x y'],
        ['file', file],
      ]),
    ).toBe('a=x+y&file=scan.pdf');
    const form = toFormData([['file', file]]);
    const sent = form.get('file') as File;
    expect([sent.name, sent.type, [...new Uint8Array(await sent.arrayBuffer())]]).toEqual([
      'scan.pdf',
      'application/pdf',
      [37, 80],
    ]);
  });
});
