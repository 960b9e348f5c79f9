import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALICE_LONGITUDINAL_TOKEN,
  ALICE_SUPER_TOKEN,
  ALICE_TOKEN,
} from '../../../mocks/fixtures/index.ts';
import { createMockRedcap, type MockRedcap } from '../../../mocks/redcap.ts';
import { safeName } from '../../../src/lib/collections/bruno.ts';
import { exampleFiles } from '../../../src/lib/collections/requests.ts';
import type { MethodDefinition } from '../../../src/lib/methods/define-method.ts';
import { METHODS } from '../../../src/lib/methods/index.ts';
import { isLongitudinalOnly } from '../../../src/lib/methods/longitudinal.ts';
import { encodeBody } from '../../../src/lib/redcap/encode.ts';
import { buildRedcapRequest } from '../../../src/lib/redcap/request.ts';
import { inPool } from '../../support/interpreters.ts';
import { startMockServer } from '../../support/mock-server.ts';

/**
 * The exported collections, run by their real runners against `npm run mock:server` (issue #25):
 * the Postman collection as `npm run -s catalog -- --postman` prints it, by newman; the Bruno
 * collection as `-- --bruno <dir>` writes it, by `bru run`. Every request asserts its status and
 * Content-Type (the collection's own tests); read-only methods run together on one fresh server,
 * writes on fresh servers, in sessions planned here on the in-process mock: a write joins the
 * session while the project the earlier ones left still takes it, else a new fresh server starts.
 * Under CI=true a missing runner fails; elsewhere its tests skip with a line saying so.
 */

const CI = process.env['CI'] === 'true';
const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

const tokenOf = (id: string) => (isLongitudinalOnly(id) ? ALICE_LONGITUDINAL_TOKEN : ALICE_TOKEN);

interface Session {
  readonly token: string;
  readonly ids: readonly string[];
}

async function succeeds(mock: MockRedcap, method: MethodDefinition, token: string) {
  const request = buildRedcapRequest(method, method.examples[0]!, {
    apiUrl: 'http://127.0.0.1/api/',
    token: method.superToken ? ALICE_SUPER_TOKEN : token,
  });
  const { body, contentType } = encodeBody(request);
  const encoded = new Request(request.url, {
    method: 'POST',
    body,
    headers: contentType ? { 'content-type': contentType } : {},
  });
  const response = await mock.handle({
    method: 'POST',
    url: request.url,
    headers: { 'content-type': encoded.headers.get('content-type') ?? '' },
    body: new Uint8Array(await encoded.arrayBuffer()),
  });
  return response.status === 200;
}

/** The reads (per token), then the writes in sessions that each start from a fresh mock. */
async function plan(): Promise<{ reads: Session[]; writes: Session[] }> {
  const reads: Session[] = [];
  const writes: Session[] = [];
  for (const token of [ALICE_TOKEN, ALICE_LONGITUDINAL_TOKEN]) {
    const mine = METHODS.filter((m) => tokenOf(m.id) === token);
    reads.push({ token, ids: mine.filter((m) => !m.destructive).map((m) => m.id) });
    let mock = createMockRedcap();
    let session: string[] = [];
    for (const method of mine.filter((m) => m.destructive)) {
      if (await succeeds(mock, method, token)) {
        session.push(method.id);
        continue;
      }
      if (session.length > 0) writes.push({ token, ids: session });
      mock = createMockRedcap();
      session = [method.id];
      // A write that fails on a fresh project is the catalog's fault: the contract test says so.
      if (!(await succeeds(mock, method, token)))
        throw new Error(`${method.id} fails on a fresh mock`);
    }
    if (session.length > 0) writes.push({ token, ids: session });
  }
  return { reads, writes };
}

interface Outcome {
  readonly ran: readonly string[];
  readonly failures: readonly string[];
  readonly assertions: number;
}

function run(command: string, args: readonly string[], cwd: string): Promise<string> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [command, ...args],
      { cwd, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => resolve(error ? `${stdout}\n${stderr}` : ''),
    );
  });
}

let work = '';
let sessions: { reads: Session[]; writes: Session[] } = { reads: [], writes: [] };

interface Runner {
  readonly name: string;
  readonly bin: string;
  /** Runs these requests against the API URL with the token; returns what happened. */
  run(ids: readonly string[], apiUrl: string, token: string, tag: string): Promise<Outcome>;
}

const newman: Runner = {
  name: 'newman',
  bin: bin('newman'),
  async run(ids, apiUrl, token, tag) {
    const report = join(work, `newman-${tag}.json`);
    const output = await run(
      bin('newman'),
      [
        'run',
        join(work, 'postman.json'),
        ...ids.flatMap((id) => ['--folder', id]),
        '--env-var',
        `redcap_url=${apiUrl}`,
        '--env-var',
        `redcap_token=${token}`,
        '--env-var',
        `redcap_super_token=${ALICE_SUPER_TOKEN}`,
        '--working-dir',
        work,
        '--reporters',
        'json',
        '--reporter-json-export',
        report,
      ],
      work,
    );
    if (!existsSync(report))
      return { ran: [], failures: [`newman did not run: ${output}`], assertions: 0 };
    interface NewmanReport {
      run: {
        executions: {
          item: { id: string };
          assertions?: { assertion: string; error?: { message: string } }[];
        }[];
        failures: { source?: { id?: string }; error: { message: string } }[];
      };
    }
    const { run: result } = JSON.parse(readFileSync(report, 'utf8')) as NewmanReport;
    const failures = result.failures.map((f) => `${f.source?.id ?? '?'}: ${f.error.message}`);
    const assertions = result.executions.reduce((n, e) => n + (e.assertions?.length ?? 0), 0);
    return { ran: result.executions.map((e) => e.item.id), failures, assertions };
  },
};

/** The Bruno file of a method, relative to the collection folder. */
const bruPath = (id: string) => {
  const method = METHODS.find((m) => m.id === id)!;
  return `${safeName(method.group)}/${safeName(id)}.bru`;
};

const bru: Runner = {
  name: 'bru',
  bin: bin('bru'),
  async run(ids, apiUrl, token, tag) {
    const report = join(work, `bru-${tag}.json`);
    const output = await run(
      bin('bru'),
      [
        'run',
        ...ids.map(bruPath),
        '--env-var',
        `redcap_url=${apiUrl}`,
        '--env-var',
        `redcap_token=${token}`,
        '--env-var',
        `redcap_super_token=${ALICE_SUPER_TOKEN}`,
        '--reporter-json',
        report,
      ],
      join(work, 'bruno'),
    );
    if (!existsSync(report))
      return { ran: [], failures: [`bru did not run: ${output}`], assertions: 0 };
    interface BruReport {
      results: {
        test: { filename: string };
        error?: string | null;
        testResults: { description: string; status: string; error?: string }[];
      }[];
    }
    const [iteration] = JSON.parse(readFileSync(report, 'utf8')) as BruReport[];
    const results = iteration?.results ?? [];
    const idOf = (file: string) => file.replace(/^.*\/|\.bru$/g, '');
    const failures = results.flatMap((r) => [
      ...(r.error ? [`${idOf(r.test.filename)}: ${r.error}`] : []),
      ...r.testResults
        .filter((t) => t.status !== 'pass')
        .map((t) => `${idOf(r.test.filename)}: ${t.description}: ${t.error ?? t.status}`),
    ]);
    const assertions = results.reduce((n, r) => n + r.testResults.length, 0);
    return { ran: results.map((r) => idOf(r.test.filename)), failures, assertions };
  },
};

const RUNNERS = { newman, bru } as const;

/** The tests of one runner (one test file each, so that vitest runs the two side by side). */
export function collectionRunTests(name: keyof typeof RUNNERS): void {
  const runner = RUNNERS[name];
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'redcap-collections-'));
    const cli = (args: string[]) =>
      new Promise<string>((resolve, reject) =>
        execFile(
          'npm',
          ['run', '-s', 'catalog', '--', ...args],
          { cwd: root, maxBuffer: 16 * 1024 * 1024 },
          (error, stdout) => (error ? reject(error) : resolve(stdout)),
        ),
      );
    writeFileSync(join(work, 'postman.json'), await cli(['--postman']));
    await cli(['--bruno', join(work, 'bruno')]);
    for (const [file, bytes] of exampleFiles(METHODS)) writeFileSync(join(work, file), bytes);
    sessions = await plan();
  }, 120_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const present = existsSync(runner.bin);
  if (!present && !CI) {
    console.log(`${runner.name} is not installed (npm ci installs it): its collection tests skip`);
  }
  describe.skipIf(!present && !CI)(`${runner.name} runs the exported collection`, () => {
    it('has the runner (npm ci installs it; under CI=true it must be there)', () => {
      expect(existsSync(runner.bin), runner.bin).toBe(true);
    });

    it('every read-only request against one fresh mock:server: status and Content-Type', async () => {
      const server = await startMockServer();
      try {
        const outcomes = [];
        for (const [i, session] of sessions.reads.entries()) {
          outcomes.push(await runner.run(session.ids, server.apiUrl, session.token, `reads-${i}`));
        }
        const ran = outcomes.flatMap((o) => o.ran);
        const assertions = outcomes.reduce((n, o) => n + o.assertions, 0);
        console.log(
          `${runner.name}: ${ran.length} read-only requests, ${assertions} assertions, ${outcomes.flatMap((o) => o.failures).length} failed`,
        );
        expect(outcomes.flatMap((o) => o.failures)).toEqual([]);
        expect([...ran].sort()).toEqual(sessions.reads.flatMap((s) => s.ids).sort());
        expect(ran).toHaveLength(METHODS.filter((m) => !m.destructive).length);
        expect(assertions).toBe(ran.length * 2);
      } finally {
        await server.stop();
      }
    }, 180_000);

    it('every write request on a fresh mock project: status and Content-Type', async () => {
      const outcomes = await inPool(sessions.writes, 4, async (session) => {
        const server = await startMockServer({ viaNpm: false });
        try {
          return await runner.run(session.ids, server.apiUrl, session.token, session.ids[0]!);
        } finally {
          await server.stop();
        }
      });
      const ran = outcomes.flatMap((o) => o.ran);
      const assertions = outcomes.reduce((n, o) => n + o.assertions, 0);
      console.log(
        `${runner.name}: ${ran.length} write requests on ${sessions.writes.length} fresh servers, ${assertions} assertions, ${outcomes.flatMap((o) => o.failures).length} failed`,
      );
      expect(outcomes.flatMap((o) => o.failures)).toEqual([]);
      expect(ran).toEqual(sessions.writes.flatMap((s) => s.ids));
      expect(ran).toHaveLength(METHODS.filter((m) => m.destructive).length);
      expect(assertions).toBe(ran.length * 2);
    }, 300_000);
  });
}
