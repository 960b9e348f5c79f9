import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { ALICE_TOKEN } from '../../mocks/fixtures/index.ts';
import { readCsv } from '../../src/lib/csv/csv.ts';
import { foldPhpPairs, type FormFields } from '../../src/lib/redcap/decode.ts';

/**
 * Replays what real REDCap clients send (tests/fixtures/clients/*.json) and judges the answers
 * the way each client reads them. No vitest here: tests/fixtures/clients/run/check-log.ts uses
 * it from the command line too. Sources of each client rule are cited where it is written.
 */

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const FIXTURE_DIR = join(ROOT, 'tests/fixtures/clients');
/** Stands for the project token in fixtures; replaced by alice's token when replayed. */
export const TOKEN_PLACEHOLDER = '{{TOKEN}}';

// ------------------------------------------------------------------------------------ schema

const Values = z.record(z.string(), z.string());
const Source = z.strictObject({ path: z.string(), function: z.string() });
const Pair = z.tuple([z.string(), z.string()]);
const FieldPart = z.strictObject({ name: z.string(), value: z.string() });
const FilePart = z.strictObject({
  name: z.string(),
  filename: z.string(),
  /** null: the client sends no Content-Type for the part (requests with a 2-tuple). */
  contentType: z.string().nullable(),
  text: z.string().optional(),
  base64: z.string().optional(),
});
const FormRequest = z.strictObject({
  contentType: z.literal('application/x-www-form-urlencoded'),
  encoding: z.enum(['python-urlencode', 'php-http_build_query', 'r-curl_escape']),
  fields: z.array(Pair),
});
const MultipartRequest = z.strictObject({
  contentType: z.literal('multipart/form-data'),
  style: z.enum(['python-requests', 'php-curl', 'r-curl']),
  parts: z.array(z.union([FieldPart, FilePart])),
});
const RowsCheck = z.strictObject({
  format: z.enum(['json', 'csv']),
  /** Exact columns in order, pseudo columns (redcap_repeat_instrument, …) left out. */
  columns: z.array(z.string()).optional(),
  /** The first row has these values. */
  first: Values.optional(),
  /** Exactly these rows (pseudo columns left out), taking only rows of no repeating instrument. */
  main: z.array(Values).optional(),
  /** Every row has these values. */
  every: Values.optional(),
  /** These values appear in this column in this order (others may come between). */
  inOrder: z.strictObject({ column: z.string(), values: z.array(z.string()) }).optional(),
  /** None of these values appears in this column. */
  absent: z.strictObject({ column: z.string(), values: z.array(z.string()) }).optional(),
  /** Exactly one row matches `match`, and it has `has`. */
  where: z.array(z.strictObject({ match: Values, has: Values })).optional(),
});
const ObjectCheck = z.strictObject({
  format: z.enum(['json', 'csv']),
  keys: z.array(z.string()).optional(),
  has: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
const BodyCheck = z.strictObject({
  json: z.unknown().optional(),
  text: z.string().optional(),
  empty: z.literal(true).optional(),
  rows: RowsCheck.optional(),
  object: ObjectCheck.optional(),
  file: z
    .strictObject({ text: z.string().optional(), base64: z.string().optional(), name: z.string() })
    .optional(),
});
const Expect = z.strictObject({
  status: z.number().int(),
  /** Content-Type without parameters, where redcap-api.md §1.6 fixes it. */
  mediaType: z.string().optional(),
  /** How the client reads the body: json-decodes it, keeps text or bytes, or ignores it. */
  client: z.enum(['json', 'text', 'bytes', 'ignored']),
  body: BodyCheck,
});
const Step = z.strictObject({
  why: z.string(),
  source: Source.optional(),
  /** The REDCap method key the request resolves to (redcap-api.md §1.10, §2.1). */
  method: z.string().regex(/^[a-z_]+$/),
  request: z.union([FormRequest, MultipartRequest]),
  expect: Expect,
});
export const ClientFixture = z.strictObject({
  name: z.string().regex(/^(pycap|phpcap|redcapr)-[a-z0-9-]+$/),
  client: z.enum(['PyCap', 'PHPCap', 'REDCapR']),
  clientVersion: z.string(),
  source: z.strictObject({
    repo: z.enum(['redcap-tools/PyCap', 'IUREDCap/phpcap', 'OuhscBbmc/REDCapR']),
    commit: z.string().regex(/^[0-9a-f]{40}$/),
    path: z.string(),
    function: z.string(),
  }),
  transport: z.array(Source),
  invocation: z.string(),
  description: z.string(),
  /** Changes data: replayed on a fresh server of its own. */
  writes: z.boolean(),
  steps: z.array(Step).min(1),
});

export type ClientFixture = z.infer<typeof ClientFixture>;
export type FixtureStep = z.infer<typeof Step>;
export type FixtureRequest = FixtureStep['request'];
type Client = ClientFixture['client'];

export function loadClientFixtures(dir = FIXTURE_DIR): ClientFixture[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const parsed = ClientFixture.safeParse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
      if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
      if (`${parsed.data.name}.json` !== file) throw new Error(`${file}: name must match the file`);
      return parsed.data;
    });
}

// ---------------------------------------------------------------------------------- encoding

function percentEncode(text: string, keep: RegExp, space: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(text)) {
    const ch = String.fromCharCode(byte);
    if (byte < 0x80 && keep.test(ch)) out += ch;
    else if (byte === 0x20) out += space;
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * The urlencoded body each client builds from its ordered pairs:
 * - python-urlencode: requests → urllib.parse.urlencode(doseq=True) → quote_plus: letters,
 *   digits and `_.-~` kept, space `+`.
 * - php-http_build_query: PHP urlencode (RFC 1738): letters, digits and `-_.` kept, space `+`.
 * - r-curl_escape: httr compose_query (r-lib/httr R/url-query.r) → curl::curl_escape: letters,
 *   digits and `-._~` kept, space `%20`.
 */
export function encodeForm(
  pairs: readonly (readonly [string, string])[],
  encoding: z.infer<typeof FormRequest>['encoding'],
): string {
  const [keep, space] =
    encoding === 'php-http_build_query'
      ? [/[A-Za-z0-9_.-]/, '+']
      : encoding === 'python-urlencode'
        ? [/[A-Za-z0-9_.~-]/, '+']
        : [/[A-Za-z0-9_.~-]/, '%20'];
  return pairs
    .map(
      ([name, value]) => `${percentEncode(name, keep, space)}=${percentEncode(value, keep, space)}`,
    )
    .join('&');
}

const BOUNDARIES = {
  // urllib3 encode_multipart_formdata: 32 hex digits.
  'python-requests': '4f1c9a2e7b3d4c5e8f9a0b1c2d3e4f50',
  // libcurl mime (PHP curl with an array, R curl via httr): 24 dashes and 16 hex digits.
  'php-curl': '------------------------9f3b2c1d0e4a5b6c',
  'r-curl': '------------------------1a2b3c4d5e6f7a8b',
} as const;

function partBytes(part: z.infer<typeof FilePart>): Uint8Array {
  if (part.base64 !== undefined) return Buffer.from(part.base64, 'base64');
  return new TextEncoder().encode(part.text ?? '');
}

/** A multipart body laid out as the client's library writes it (parts in the client's order). */
export function encodeMultipart(request: z.infer<typeof MultipartRequest>, token = ALICE_TOKEN) {
  const boundary = BOUNDARIES[request.style];
  const chunks: Uint8Array[] = [];
  const text = (s: string) => chunks.push(new TextEncoder().encode(s));
  for (const part of request.parts) {
    text(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"`);
    if ('filename' in part) {
      text(`; filename="${part.filename}"\r\n`);
      if (part.contentType !== null) text(`Content-Type: ${part.contentType}\r\n`);
      text('\r\n');
      chunks.push(partBytes(part));
      text('\r\n');
    } else {
      text(`\r\n\r\n${withToken(part.value, token)}\r\n`);
    }
  }
  text(`--${boundary}--\r\n`);
  return {
    body: Buffer.concat(chunks),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

function withToken(value: string, token: string): string {
  return value === TOKEN_PLACEHOLDER ? token : value;
}

/** The name/value pairs of a request (multipart: the non-file parts), token filled in. */
export function requestPairs(request: FixtureRequest, token = ALICE_TOKEN): [string, string][] {
  if (request.contentType === 'application/x-www-form-urlencoded') {
    return request.fields.map(([n, v]) => [n, withToken(v, token)]);
  }
  return request.parts.flatMap((p) =>
    'filename' in p ? [] : [[p.name, withToken(p.value, token)] as [string, string]],
  );
}

/** The line mocks/server.ts writes to MOCK_REQUEST_LOG for this step's request. */
export function expectedLogEntry(step: FixtureStep, token = ALICE_TOKEN) {
  const { request } = step;
  const fields: FormFields = foldPhpPairs(requestPairs(request, token));
  const files =
    request.contentType === 'multipart/form-data'
      ? request.parts.flatMap((p) => ('filename' in p ? [p.filename] : []))
      : [];
  return { method: step.method, fields, files };
}

// --------------------------------------------------------------------------------- replaying

export interface Reply {
  readonly status: number;
  /** Header values in the order fetch gives them (lower-case names). */
  readonly headers: readonly (readonly [string, string])[];
  readonly contentType: string;
  readonly bytes: Uint8Array;
  readonly text: string;
}

export async function send(apiUrl: string, request: FixtureRequest): Promise<Reply> {
  const { body, contentType } =
    request.contentType === 'multipart/form-data'
      ? encodeMultipart(request)
      : {
          body: encodeForm(requestPairs(request), request.encoding),
          contentType: request.contentType,
        };
  const response = await fetch(apiUrl, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return {
    status: response.status,
    headers: [...response.headers],
    contentType: response.headers.get('content-type') ?? '',
    bytes,
    text: new TextDecoder().decode(bytes),
  };
}

// ------------------------------------------------------------------- how each client reads it

function fieldOf(request: FixtureRequest, name: string): string | undefined {
  return requestPairs(request).find(([n]) => n === name)?.[1];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Why the client would treat a 200 answer as a failure, or null when it accepts it.
 * - PyCap (redcap/request.py _RCRequest.execute): the format key is returnFormat, else format,
 *   else none; json → response.json() must parse and a dict with `error` is an error; csv → a body
 *   starting with `error:`; otherwise a body containing `<error>`. The HTTP status is not read.
 * - PHPCap (src/RedCapProject.php processExportResult / processNonExportResult): the body must
 *   not match JSON_RESULT_ERROR_PATTERN; 'php' format results are json_decoded and must not
 *   have an `error` key.
 * - REDCapR (R/kernel-api.R kernel_api): success is status 200.
 */
export function clientRejection(client: Client, step: FixtureStep, reply: Reply): string | null {
  const how = step.expect.client;
  if (client === 'REDCapR') {
    return reply.status === 200 ? null : `REDCapR needs HTTP 200, got ${reply.status}`;
  }
  if (how === 'ignored') return null;
  const parse = (): { ok: true; value: unknown } | { ok: false } => {
    try {
      return { ok: true, value: JSON.parse(reply.text) };
    } catch {
      return { ok: false };
    }
  };
  if (client === 'PyCap') {
    const fmt = fieldOf(step.request, 'returnFormat') ?? fieldOf(step.request, 'format');
    if (fmt === 'json' && how !== 'bytes') {
      const parsed = parse();
      if (!parsed.ok) return 'PyCap: response.json() fails on the body';
      if (isPlainObject(parsed.value) && 'error' in parsed.value) return 'PyCap: {"error": …}';
      return null;
    }
    if (fmt === 'csv') {
      return reply.text.toLowerCase().startsWith('error:') ? 'PyCap: body starts "ERROR:"' : null;
    }
    return reply.text.toLowerCase().includes('<error>') ? 'PyCap: body contains <error>' : null;
  }
  if (/^\s*\{"error":\s*"(.*)"\}\s*$/.test(reply.text)) return 'PHPCap: {"error":"…"} body';
  if (how === 'json') {
    const parsed = parse();
    if (!parsed.ok) return 'PHPCap: json_decode fails on the body';
    if (isPlainObject(parsed.value) && 'error' in parsed.value) return 'PHPCap: error key';
  }
  return null;
}

/**
 * The file name a client takes from an Export a File answer.
 * - PyCap (redcap/methods/files.py Files.export_file): Content-Type split on `;`, parts
 *   stripped, each `key=value` part kept as key → value with `"` removed; the name is `name`.
 * - PHPCap (src/RedCapProject.php getFileInfo): Content-Type split on `;`; part [1] trimmed,
 *   substr($s, 6, strlen($s) - 7).
 * - REDCapR (R/redcap-file-download-oneshot.R): regexpr("name=.*") over every header value,
 *   then gsub('(name=.)|(")', ''): one name per matching header.
 */
export function clientFileNames(client: Client, reply: Reply): string[] {
  if (client === 'PyCap') {
    const map: Record<string, string> = {};
    for (const part of reply.contentType.split(';').map((p) => p.trim())) {
      if (part.includes('=')) map[part.split('=')[0]!] = part.split('=')[1]!.replaceAll('"', '');
    }
    return map['name'] === undefined ? [] : [map['name']];
  }
  if (client === 'PHPCap') {
    const parts = reply.contentType.split(';');
    if (parts.length < 2) return [];
    const part = parts[1]!.trim();
    return [part.slice(6, part.length - 1)];
  }
  return reply.headers
    .map(([, value]) => /name=.*/.exec(value)?.[0])
    .filter((m): m is string => m !== undefined)
    .map((m) => m.replace(/(name=.)|(")/g, ''));
}

// ------------------------------------------------------------------------------ body checks

const PSEUDO = new Set([
  'redcap_event_name',
  'redcap_repeat_instrument',
  'redcap_repeat_instance',
  'redcap_data_access_group',
  'redcap_survey_identifier',
]);

type Row = Record<string, unknown>;

function table(format: 'json' | 'csv', text: string): { rows: Row[]; header: string[] | null } {
  if (format === 'json') {
    const value: unknown = JSON.parse(text);
    if (!Array.isArray(value) || !value.every(isPlainObject)) throw new Error('not a JSON list');
    return { rows: value, header: null };
  }
  const [header = [], ...lines] = readCsv(text);
  return {
    header,
    rows: lines.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i]]))),
  };
}

const dataColumns = (names: string[]) => names.filter((n) => !PSEUDO.has(n));
const withoutPseudo = (row: Row) =>
  Object.fromEntries(Object.entries(row).filter(([k]) => !PSEUDO.has(k)));
const has = (row: Row, values: Record<string, unknown>) =>
  Object.entries(values).every(([k, v]) => row[k] === v);
const show = (value: unknown) => JSON.stringify(value);

function rowsProblems(check: z.infer<typeof RowsCheck>, text: string): string[] {
  let parsed: ReturnType<typeof table>;
  try {
    parsed = table(check.format, text);
  } catch (error) {
    return [`body is not a ${check.format} table: ${String(error)}: ${text.slice(0, 200)}`];
  }
  const { rows, header } = parsed;
  const problems: string[] = [];
  if (check.columns) {
    const seen = header ? [dataColumns(header)] : rows.map((r) => dataColumns(Object.keys(r)));
    for (const columns of seen) {
      if (!isDeepStrictEqual(columns, check.columns)) {
        problems.push(`columns ${show(columns)}, expected ${show(check.columns)}`);
        break;
      }
    }
  }
  if (check.first && !(rows[0] && has(rows[0], check.first))) {
    problems.push(`first row ${show(rows[0])} lacks ${show(check.first)}`);
  }
  if (check.main) {
    const main = rows
      .filter((r) => (r['redcap_repeat_instrument'] ?? '') === '')
      .map(withoutPseudo);
    if (!isDeepStrictEqual(main, check.main)) {
      problems.push(`rows ${show(main)}, expected ${show(check.main)}`);
    }
  }
  if (check.every) {
    const bad = rows.find((r) => !has(r, check.every!));
    if (bad) problems.push(`row ${show(bad)} lacks ${show(check.every)}`);
  }
  if (check.inOrder) {
    const column = rows.map((r) => r[check.inOrder!.column]);
    let at = 0;
    for (const value of check.inOrder.values) {
      const found = column.indexOf(value, at);
      if (found < 0) {
        problems.push(`${check.inOrder.column} ${show(column)}: no ${show(value)} in order`);
        break;
      }
      at = found + 1;
    }
  }
  if (check.absent) {
    const { column, values } = check.absent;
    const present = values.filter((v) => rows.some((r) => r[column] === v));
    if (present.length) problems.push(`${column} should not list ${show(present)}`);
  }
  for (const { match, has: wanted } of check.where ?? []) {
    const found = rows.filter((r) => has(r, match));
    if (found.length !== 1) problems.push(`${found.length} rows match ${show(match)}, expected 1`);
    else if (!has(found[0]!, wanted)) problems.push(`${show(found[0])} lacks ${show(wanted)}`);
  }
  return problems;
}

function objectProblems(check: z.infer<typeof ObjectCheck>, text: string): string[] {
  let object: Row;
  if (check.format === 'json') {
    const value: unknown = JSON.parse(text);
    if (!isPlainObject(value)) return [`expected one JSON object, got ${text.slice(0, 100)}`];
    object = value;
  } else {
    const [header = [], ...rows] = readCsv(text);
    if (rows.length !== 1) return [`expected a header and one CSV row, got ${rows.length} rows`];
    object = Object.fromEntries(header.map((h, i) => [h, rows[0]![i]]));
  }
  const problems: string[] = [];
  if (check.keys && !isDeepStrictEqual(Object.keys(object), check.keys)) {
    problems.push(`keys ${show(Object.keys(object))}, expected ${show(check.keys)}`);
  }
  for (const [key, value] of Object.entries(check.has ?? {})) {
    if (object[key] !== value) problems.push(`${key} is ${show(object[key])}, not ${show(value)}`);
  }
  return problems;
}

/** Everything about one answer that differs from what the fixture says the client expects. */
export function stepProblems(client: Client, step: FixtureStep, reply: Reply): string[] {
  const { expect } = step;
  const problems: string[] = [];
  if (reply.status !== expect.status) {
    problems.push(`HTTP ${reply.status}, expected ${expect.status}: ${reply.text.slice(0, 300)}`);
    return problems;
  }
  const mediaType = reply.contentType.split(';')[0]!.trim().toLowerCase();
  if (expect.mediaType !== undefined && mediaType !== expect.mediaType) {
    problems.push(`Content-Type ${reply.contentType}, expected ${expect.mediaType}`);
  }
  if (expect.status === 200) {
    const rejection = clientRejection(client, step, reply);
    if (rejection) problems.push(`${rejection}: ${reply.text.slice(0, 300)}`);
  }
  const body = expect.body;
  try {
    if (body.json !== undefined && !isDeepStrictEqual(JSON.parse(reply.text), body.json)) {
      problems.push(`JSON ${reply.text.slice(0, 300)}, expected ${show(body.json)}`);
    }
    if (body.text !== undefined && reply.text !== body.text) {
      problems.push(`body ${show(reply.text.slice(0, 300))}, expected ${show(body.text)}`);
    }
    if (body.empty && reply.bytes.length !== 0) {
      problems.push(`body ${show(reply.text.slice(0, 300))}, expected an empty body`);
    }
    if (body.rows) problems.push(...rowsProblems(body.rows, reply.text));
    if (body.object) problems.push(...objectProblems(body.object, reply.text));
  } catch (error) {
    problems.push(`${String(error)}: ${reply.text.slice(0, 300)}`);
  }
  if (body.file) {
    const wanted =
      body.file.base64 !== undefined
        ? Buffer.from(body.file.base64, 'base64')
        : Buffer.from(body.file.text ?? '', 'utf8');
    if (!Buffer.from(reply.bytes).equals(wanted)) {
      problems.push(`file bytes ${show(reply.text.slice(0, 100))} differ from the upload`);
    }
    const names = clientFileNames(client, reply);
    if (!isDeepStrictEqual(names, [body.file.name])) {
      problems.push(
        `${client} reads the file name(s) ${show(names)} from ${show(reply.headers)}, ` +
          `expected ${show(body.file.name)}`,
      );
    }
  }
  return problems;
}

// ------------------------------------------------------------------------------- the server

export interface RunningMockServer {
  readonly apiUrl: string;
  stop(): void;
}

/** `node mocks/server.ts` on PORT=0, resolved once it has printed its `listening:` line. */
export function startMockServer(env: Record<string, string> = {}): Promise<RunningMockServer> {
  const child = spawn(process.execPath, ['mocks/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`mock server printed no address: ${out} ${err}`));
    }, 15_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const apiUrl = /^listening: (\S+)$/m.exec(out)?.[1];
      if (!apiUrl) return;
      clearTimeout(timer);
      resolve({ apiUrl, stop: () => child.kill('SIGTERM') });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`mock server exited (${code}): ${err}`));
    });
  });
}
