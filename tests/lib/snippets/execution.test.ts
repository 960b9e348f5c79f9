import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsv } from '../../../src/lib/csv/csv.ts';
import { createFetchTransport } from '../../../src/lib/execute/transport.ts';
import { initialValues } from '../../../src/lib/form/describe-schema.ts';
import type { ParamValues } from '../../../src/lib/methods/define-method.ts';
import { getMethod, type MethodId } from '../../../src/lib/methods/index.ts';
import { validateParams } from '../../../src/lib/methods/validate.ts';
import { foldPhpPairs } from '../../../src/lib/redcap/decode.ts';
import { buildRedcapRequest, type RedcapRequest } from '../../../src/lib/redcap/request.ts';
import { extractRedcapError, parseContentType } from '../../../src/lib/redcap/response.ts';
import {
  generateSnippet,
  responseShape,
  TARGETS,
  type SnippetTarget,
} from '../../../src/lib/snippets/index.ts';
import {
  findInterpreter,
  inPool,
  runProgram,
  type Interpreter,
  type RunResult,
} from '../../support/interpreters.ts';
import { startMockServer, type MockServer } from '../../support/mock-server.ts';
import { buildPrograms } from './build.ts';
import { CONSENT_PDF } from './fixtures.ts';

/**
 * Every target's code, run in its real interpreter against a fresh `npm run mock:server` of its
 * own (writes in one language never meet another's), compared with what the playground itself
 * sends and receives: its own fetch transport, on one more fresh server, the same calls in the
 * same order. Missing interpreters skip on a dev machine and fail under CI=true.
 */

const CI = process.env['CI'] === 'true';
const BAD_TOKEN = '0000000000000000000000000000DEAD';
const MARK = '@@PARSED@@';

interface ExecCase {
  readonly name: string;
  readonly method: MethodId;
  readonly params: ParamValues;
  readonly badToken?: boolean;
  /** The status the playground gets (200 unless said). */
  readonly status?: number;
  /**
   * A batched Export Records (SnippetOptions.batchSize): the playground's reference is the id
   * list, then each batch, as the snippet should send them; the output, one unbatched export.
   */
  readonly batch?: number;
}

/** The demo project's record id field, for the batched exports. */
const RECORD_ID = 'record_id';

// JSON data with quotes, a CRLF and a tab between values, and text no language may mangle.
const IMPORT_DATA = [
  '[\r',
  `\t{"record_id":"101","first_name":"Ada \\"Countess\\" O'Lovelace",`,
  '   "last_name":"Zoë 🙂 \u202e $HOME `id` \\\\ end","notes":"line 1\\nline 2"}',
  ']',
].join('\n');

/** Run in this order on every server: reads, then writes, then errors in the three shapes. */
const CASES: readonly ExecCase[] = [
  {
    name: 'export records as JSON (arrays, filterLogic)',
    method: 'exp_records',
    params: {
      records: ['1', '2', '3', '4', '5', '6'],
      fields: ['record_id', 'first_name', 'age', 'sex'],
      filterLogic: "[age] > 30 and [sex] = '1'",
    },
  },
  {
    name: 'export records as CSV (arrays, filterLogic)',
    method: 'exp_records',
    params: {
      format: 'csv',
      records: ['1', '2', '3', '4', '5', '6'],
      fields: ['record_id', 'first_name', 'notes'],
      filterLogic: "[age] > 30 or [notes] <> ''",
    },
  },
  { name: 'export metadata', method: 'exp_metadata', params: { forms: ['demographics'] } },
  { name: 'export version', method: 'exp_rc_v', params: {} },
  {
    name: 'import records (JSON data with quotes)',
    method: 'imp_records',
    params: { data: IMPORT_DATA },
  },
  { name: 'delete records', method: 'del_records', params: { records: ['101'] } },
  {
    name: 'import a file',
    method: 'imp_file',
    params: { record: '1', field: 'consent_file', file: CONSENT_PDF },
  },
  { name: 'export a file', method: 'exp_file', params: { record: '1', field: 'consent_file' } },
  {
    name: 'batched export as JSON (ids first, then batches of 2)',
    method: 'exp_records',
    params: { fields: ['record_id', 'first_name', 'age'], filterLogic: '[age] > 20' },
    batch: 2,
  },
  {
    name: 'batched export as CSV (one header, batches of 3)',
    method: 'exp_records',
    params: { format: 'csv', fields: ['record_id', 'first_name', 'notes'], returnFormat: 'csv' },
    batch: 3,
  },
  {
    name: 'bad token: 403 and the message, from XML',
    method: 'exp_records',
    params: { returnFormat: 'xml' },
    badToken: true,
    status: 403,
  },
  {
    name: 'unknown field: 400 and the message, from CSV',
    method: 'exp_records',
    params: { format: 'csv', fields: ['nope'], returnFormat: 'csv' },
    status: 400,
  },
  {
    name: 'missing record: 400 and the message, from JSON',
    method: 'del_records',
    params: { records: ['999'] },
    status: 400,
  },
];

function caseRequest(c: ExecCase, server: MockServer, params: ParamValues = {}): RedcapRequest {
  const method = getMethod(c.method);
  const values = { ...initialValues(method), ...c.params, ...params };
  const valid = validateParams(method, values);
  if (!valid.ok) throw new Error(`${c.name}: ${JSON.stringify(valid.errors)}`);
  return buildRedcapRequest(method, values, { apiUrl: server.apiUrl, token: server.token });
}

/** Prints what a Python or R program parsed, for comparing values rather than layouts. */
function epilogue(targetId: string, request: RedcapRequest): string {
  const { kind, format } = responseShape(request);
  if (kind !== 'format') return '';
  if (targetId === 'python-requests' && format === 'csv') {
    return `print("${MARK}")\nprint(df.to_json(orient="split", index=False))\n`;
  }
  if (targetId === 'r-httr' && format === 'csv') {
    const frame = 'list(columns = names(df), data = df), dataframe = "values"';
    return `cat("${MARK}\\n")\ncat(jsonlite::toJSON(${frame}), "\\n")\n`;
  }
  if (targetId === 'r-httr' && format === 'json') {
    return `cat("${MARK}\\n")\ncat(jsonlite::toJSON(result, auto_unbox = TRUE, digits = NA), "\\n")\n`;
  }
  return '';
}

/**
 * The browser target in Node 24 (fetch, FormData, Blob and File as in browsers): prompt reads
 * the environment, console.log prints JSON, the file input holds a file the user chose, and a
 * clicked download link writes its file.
 */
const BROWSER_SHIM = `import { readFileSync, writeFileSync } from 'node:fs';
import { resolveObjectURL } from 'node:buffer';
globalThis.prompt = () => process.env.REDCAP_API_TOKEN ?? null;
const print = console.log;
console.log = (...args) => print(...args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))));
globalThis.document = {
  querySelector: () => ({ files: [new File([readFileSync('consent.pdf')], 'chosen by user.pdf')] }),
  createElement: () => ({
    click() {
      void resolveObjectURL(this.href).arrayBuffer().then((b) => writeFileSync(this.download, Buffer.from(b)));
    },
  }),
};
`;

interface Outcome {
  readonly logged: unknown[];
  readonly run: RunResult;
  readonly dir: string;
}

interface Reference {
  readonly request: RedcapRequest;
  readonly logged: unknown[];
  readonly status: number;
  readonly contentType: string;
  readonly bytes: Uint8Array;
}

function newLines(file: string, seen: number): unknown[] {
  if (!existsSync(file)) return [];
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  return lines.slice(seen).map((line) => JSON.parse(line) as unknown);
}

const work = mkdtempSync(join(tmpdir(), 'snippet-exec-'));
/**
 * Targets with no interpreter a Debian machine can install: golden files only (README). The
 * client libraries' raw HTTP fallbacks are the python-requests and r-httr code, run here.
 */
const GOLDEN_ONLY: ReadonlySet<string> = new Set(['powershell', 'python-pycap', 'r-redcapr']);
const EXECUTED = TARGETS.filter((t) => !GOLDEN_ONLY.has(t.id));
const interpreters = new Map(EXECUTED.map((t) => [t.id, findInterpreter(t.id)] as const));
const runnable = EXECUTED.filter((t) => interpreters.get(t.id)!.ok);
const servers: MockServer[] = [];
const references: Reference[] = [];
const outcomes = new Map<string, Outcome[]>();
const withoutToken = new Map<string, RunResult>();

async function runReference(): Promise<void> {
  const log = join(work, 'reference.jsonl');
  const server = await startMockServer({ viaNpm: false, requestLog: log });
  servers.push(server);
  const transport = createFetchTransport({ target: (r) => r.url });
  for (const c of CASES) {
    const request = caseRequest(c, c.badToken ? { ...server, token: BAD_TOKEN } : server);
    const seen = newLines(log, 0).length;
    if (c.batch) {
      // What the loop sends: the id list (JSON, the id field, errors as the batches'), then
      // each batch of ids; the export of everything at once is the answer it must print.
      const errorFormat = responseShape(request).errorFormat;
      const list = { format: 'json', type: 'flat', fields: [RECORD_ID], returnFormat: errorFormat };
      const idList = await transport.send(caseRequest(c, server, list));
      const rows = JSON.parse(new TextDecoder().decode(idList.bytes)) as Record<string, string>[];
      const ids = [...new Set(rows.map((row) => row[RECORD_ID]!))];
      expect(ids.length).toBeGreaterThan(c.batch);
      for (let start = 0; start < ids.length; start += c.batch) {
        await transport.send(
          caseRequest(c, server, { records: ids.slice(start, start + c.batch) }),
        );
      }
    }
    const logged = newLines(log, seen);
    const response = await transport.send(request);
    references.push({
      request,
      logged: c.batch ? logged : newLines(log, seen),
      status: response.status,
      contentType: response.headers['content-type'] ?? '',
      bytes: response.bytes,
    });
  }
}

async function runTarget(target: SnippetTarget, interpreter: Interpreter): Promise<void> {
  const log = join(work, `${target.id}.jsonl`);
  const server = await startMockServer({ viaNpm: false, requestLog: log });
  servers.push(server);
  const browser = target.id === 'javascript-fetch';
  const file = `snippet.${browser ? 'mjs' : target.extension}`;
  const path = process.env['PATH'] ?? '/usr/bin:/bin';
  const dirs = CASES.map((c, i) => {
    const dir = join(work, target.id, String(i));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, CONSENT_PDF.name), CONSENT_PDF.bytes);
    const request = caseRequest(c, server);
    let code = generateSnippet(target, request, {
      mock: true,
      title: getMethod(c.method).label,
      ...(c.batch && { batchSize: c.batch, recordIdField: RECORD_ID }),
    });
    code += epilogue(target.id, request);
    writeFileSync(join(dir, file), browser ? BROWSER_SHIM + code : code);
    return dir;
  });
  const root = join(work, target.id);
  const env = { PATH: path, HOME: root, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' };
  const started = performance.now();
  const programs = await buildPrograms(target.id, interpreter, root, dirs, file, env);
  const built = Math.round(performance.now() - started);
  const results: Outcome[] = [];
  for (const [i, c] of CASES.entries()) {
    const dir = dirs[i]!;
    const seen = newLines(log, 0).length;
    const run = await runProgram(programs[i]!.interpreter, programs[i]!.file, {
      cwd: dir,
      env: { ...env, HOME: dir, REDCAP_API_TOKEN: c.badToken ? BAD_TOKEN : server.token },
      // JVM and Mono start slowly on 2 cores shared with other work.
      timeoutMs: 90_000,
    });
    results.push({ logged: newLines(log, seen), run, dir });
  }
  const ran = Math.round(performance.now() - started) - built;
  console.info(
    `snippet execution: ${target.id}: built in ${built} ms, ${CASES.length} runs in ${ran} ms`,
  );
  outcomes.set(target.id, results);
  // The first program once more, without REDCAP_API_TOKEN: it must stop before sending.
  // (Java: the unchanged file, launched as one source file.)
  const first = target.id === 'java-httpclient' ? { interpreter, file } : programs[0]!;
  const seen = newLines(log, 0).length;
  withoutToken.set(
    target.id,
    await runProgram(first.interpreter, first.file, {
      cwd: dirs[0]!,
      env: { ...env, HOME: dirs[0]! },
    }),
  );
  if (newLines(log, seen).length > 0)
    throw new Error(`${target.id} sent a request without a token`);
}

beforeAll(async () => {
  const started = performance.now();
  const jobs: (() => Promise<void>)[] = [
    runReference,
    ...runnable.map(
      (t) => () =>
        runTarget(t, (interpreters.get(t.id) as { interpreter: Interpreter }).interpreter),
    ),
  ];
  // R and pandas start slowly: run languages side by side, a few at a time (2 cores in CI).
  await inPool(jobs, 3, (job) => job());
  console.info(
    `snippet execution: ${runnable.length} targets × ${CASES.length} cases in ${Math.round(performance.now() - started)} ms`,
  );
}, 600_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  rmSync(work, { recursive: true, force: true });
});

/** Values as R's jsonlite gives them back: length-1 vectors unboxed, scalars as text. */
function loose(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 1 ? loose(value[0]) : value.map(loose);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, loose(v)]));
  }
  return value === null ? '' : String(value);
}

function parsedAfterMark(stdout: string): unknown {
  const at = stdout.indexOf(MARK);
  if (at < 0) throw new Error(`no ${MARK} in the output:\n${stdout}`);
  return JSON.parse(stdout.slice(at + MARK.length));
}

function checkOutput(targetId: string, ref: Reference, outcome: Outcome): void {
  const { run, dir } = outcome;
  const text = new TextDecoder().decode(ref.bytes);
  const shown = `exit ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`;
  if (ref.status >= 400) {
    expect(run.code, shown).not.toBe(0);
    expect(run.stderr, shown).toContain(`HTTP ${ref.status}: ${extractRedcapError(text)}`);
    return;
  }
  expect(run.code, shown).toBe(0);
  const { kind, format } = responseShape(ref.request);
  if (kind === 'file') {
    const name = parseContentType(ref.contentType).params['name']!;
    expect(run.stdout, shown).toContain(`Saved ${name}`);
    expect(new Uint8Array(readFileSync(join(dir, name)))).toEqual(ref.bytes);
  } else if (kind === 'format' && format === 'json') {
    const expected = JSON.parse(text) as unknown;
    if (targetId === 'r-httr') expect(loose(parsedAfterMark(run.stdout))).toEqual(loose(expected));
    else expect(JSON.parse(run.stdout), shown).toEqual(expected);
  } else if (kind === 'format' && format === 'csv' && /python|r-httr/.test(targetId)) {
    const [columns, ...data] = readCsv(text);
    expect(parsedAfterMark(run.stdout), shown).toEqual({ columns, data });
  } else {
    expect(run.stdout.trimEnd(), shown).toBe(text.trimEnd());
  }
}

describe('the playground itself, on a fresh mock server', () => {
  it('gets the answers the cases are about (data, then errors)', () => {
    const statuses = references.map((ref) => ref.status);
    expect(statuses).toEqual(CASES.map((c) => c.status ?? 200));
    const bodies = references.map((ref) => new TextDecoder().decode(ref.bytes));
    expect(JSON.parse(bodies[0]!)).toHaveLength(2);
    expect(bodies[4]).toBe('{"count": 1}');
    expect(bodies[5]).toBe('1');
  });

  it('sends each request as RedcapRequest says (the log shows its pairs, PHP-folded)', () => {
    for (const ref of references.filter((_, i) => !CASES[i]!.batch)) {
      const strings = ref.request.body.filter(
        (p): p is [string, string] => typeof p[1] === 'string',
      );
      const files = ref.request.body.flatMap(([, v]) => (typeof v === 'string' ? [] : [v.name]));
      expect(ref.logged).toEqual([
        { method: ref.request.methodId, fields: foldPhpPairs(strings), files },
      ]);
    }
  });

  it('lists the ids, then asks for them in batches (the reference of a batched export)', () => {
    CASES.forEach((c, i) => {
      if (!c.batch) return;
      const [list, ...batches] = references[i]!.logged as { fields: Record<string, unknown> }[];
      expect(list!.fields['fields']).toEqual([RECORD_ID]);
      const sizes = batches.map((b) => (b.fields['records'] as string[]).length);
      expect(sizes.length).toBeGreaterThan(1);
      expect(sizes.slice(0, -1).every((n) => n === c.batch)).toBe(true);
    });
  });
});

for (const target of EXECUTED) {
  const found = interpreters.get(target.id)!;
  describe(`${target.id} snippets, run`, () => {
    if (!found.ok) {
      if (CI) {
        it('have their interpreter (required under CI)', () => {
          throw new Error(`${target.id}: ${found.why}`);
        });
      } else {
        console.warn(`snippet execution: skipping ${target.id}: ${found.why}`);
        it.skip(`skipped: ${found.why}`, () => {});
      }
      return;
    }
    it('stop with a clear message when REDCAP_API_TOKEN is not set', () => {
      const run = withoutToken.get(target.id)!;
      expect(run.code, run.stderr).not.toBe(0);
      expect(run.stderr).toMatch(/Set REDCAP_API_TOKEN|A REDCap API token is needed/);
    });
    CASES.forEach((c, i) => {
      it(`${c.name}: sends the playground's request, handles the answer`, () => {
        const ref = references[i]!;
        const outcome = outcomes.get(target.id)![i]!;
        expect(outcome.logged, outcome.run.stderr).toEqual(ref.logged);
        checkOutput(target.id, ref, outcome);
      });
    });
  });
}
