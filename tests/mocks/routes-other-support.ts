import { ALICE_TOKEN, seedData } from '../../mocks/fixtures/index.ts';
import { createMockRedcap, type MockRedcap } from '../../mocks/redcap.ts';
import type { MockRedcapData } from '../../mocks/store/types.ts';

/**
 * Shared by tests/mocks/routes-other*.test.ts: posts to the mock's core as a client would and
 * reads what a client sees (status, Content-Type, body as text), plus the newest log row.
 */

export interface Answer {
  readonly status: number;
  readonly type: string;
  readonly text: string;
}

async function send(redcap: MockRedcap, body: Uint8Array, contentType: string): Promise<Answer> {
  const response = await redcap.handle({
    method: 'POST',
    url: 'http://mock.test/api/',
    headers: { 'content-type': contentType },
    body,
  });
  const raw = response.body;
  const text = typeof raw === 'string' ? raw : new TextDecoder('latin1').decode(raw);
  return { status: response.status, type: response.headers['content-type'] ?? '', text };
}

/** A fresh mock on the fixture, changed first by `edit` when given. */
export function mockWith(edit?: (seed: MockRedcapData) => void): MockRedcap {
  const seed = seedData();
  edit?.(seed);
  return createMockRedcap({ seed });
}

/** A form post: alice's token, JSON both ways unless `fields` says otherwise. */
export function post(redcap: MockRedcap, fields: Record<string, string>): Promise<Answer> {
  const params = new URLSearchParams({
    token: ALICE_TOKEN,
    format: 'json',
    returnFormat: 'json',
    ...fields,
  });
  return send(
    redcap,
    new TextEncoder().encode(params.toString()),
    'application/x-www-form-urlencoded',
  );
}

export interface UploadPart {
  readonly part?: string;
  readonly name: string;
  readonly type: string;
  readonly content: string;
}

/** A multipart post with alice's token and the given file parts. */
export async function multipart(
  redcap: MockRedcap,
  fields: Record<string, string>,
  files: readonly UploadPart[],
): Promise<Answer> {
  const form = new FormData();
  const all = { token: ALICE_TOKEN, returnFormat: 'json', ...fields };
  for (const [k, v] of Object.entries(all)) form.append(k, v);
  for (const f of files) {
    form.append(f.part ?? 'file', new Blob([f.content], { type: f.type }), f.name);
  }
  const request = new Request('http://mock.test/api/', { method: 'POST', body: form });
  const bytes = new Uint8Array(await request.arrayBuffer());
  return send(redcap, bytes, request.headers.get('content-type')!);
}

export interface LogLine {
  readonly username: string;
  readonly action: string;
  readonly details: string;
  readonly record: string;
}

/** The project's log as Export Logging gives it, newest first (alice's token by default). */
export async function logOf(redcap: MockRedcap, token = ALICE_TOKEN): Promise<LogLine[]> {
  const r = await post(redcap, { token, content: 'log' });
  if (r.status !== 200) throw new Error(`Export Logging: ${r.status} ${r.text}`);
  return (JSON.parse(r.text) as (LogLine & { timestamp: string })[]).map(
    ({ username, action, details, record }) => ({ username, action, details, record }),
  );
}

/** The newest log row before the Export Logging call that reads it. */
export async function lastLog(redcap: MockRedcap, token = ALICE_TOKEN): Promise<LogLine> {
  return (await logOf(redcap, token))[0]!;
}

export const jsonError = (message: string) => JSON.stringify({ error: message });
export const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" ?>';
export const xmlError = (message: string) => `${XML_HEAD}\n<hash><error>${message}</error></hash>`;

/**
 * A hand-written multipart body with one file part `file` whose filename is `filename` (even
 * blank, which FormData will not send).
 */
export function rawUpload(
  redcap: MockRedcap,
  fields: Record<string, string>,
  filename: string,
): Promise<Answer> {
  const all = { token: ALICE_TOKEN, returnFormat: 'json', ...fields };
  const part = (head: string, body: string) =>
    `--XX\r\nContent-Disposition: form-data; ${head}\r\n\r\n${body}\r\n`;
  let text = '';
  for (const [k, v] of Object.entries(all)) text += part(`name="${k}"`, v);
  text += part(`name="file"; filename="${filename}"\r\nContent-Type: text/plain`, 'abc');
  text += '--XX--\r\n';
  return send(redcap, new TextEncoder().encode(text), 'multipart/form-data; boundary=XX');
}
