import { spawn, type ChildProcess } from 'node:child_process';
import { ALICE_TOKEN } from '../../mocks/fixtures/index.ts';
import type { Benchmark } from './harness.ts';

/**
 * `mock:server` over real HTTP under a large PHP-style array: one client posts Export Records
 * with 100,000 `records[]` entries (about 1.5 MB) while another client asks for the REDCap
 * version every few milliseconds. Figures: the big request's round trip (goal < 1 s) and the
 * other client's worst latency while it is in flight, each next to the same request alone.
 */

const ENTRIES = 100_000;
const RUNS = 5;

export async function startMockServer(): Promise<{ apiUrl: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['mocks/server.ts'], {
    env: { ...process.env, PORT: '0', MOCK_REQUEST_LOG: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const apiUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening: (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) =>
      reject(new Error(`mock:server exited (${code}) before listening`)),
    );
  });
  child.stdout!.resume();
  return { apiUrl, child };
}

function body(records: number): string {
  const params = new URLSearchParams({
    token: ALICE_TOKEN,
    content: 'record',
    format: 'json',
    type: 'flat',
    returnFormat: 'json',
  });
  for (let i = 0; i < records; i++) params.append('records[]', String(i + 1));
  return params.toString();
}

async function post(apiUrl: string, text: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(apiUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: text,
  });
  const answer = await response.text();
  if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${answer.slice(0, 200)}`);
  return performance.now() - started;
}

const VERSION = `token=${ALICE_TOKEN}&content=version&format=json`;

/** The big request's time, and the other client's worst latency while it ran. */
async function contended(apiUrl: string, big: string): Promise<[number, number]> {
  let done = false;
  const bigRequest = post(apiUrl, big).finally(() => (done = true));
  let worst = 0;
  while (!done) {
    worst = Math.max(worst, await post(apiUrl, VERSION));
    await new Promise((r) => setTimeout(r, 5));
  }
  return [await bigRequest, worst];
}

export async function httpBenchmarks(): Promise<Benchmark[]> {
  const { apiUrl, child } = await startMockServer();
  try {
    const big = body(ENTRIES);
    const one = body(1);
    for (let i = 0; i < 2; i++) await contended(apiUrl, big);
    const bigMs: number[] = [];
    const otherMs: number[] = [];
    const oneMs: number[] = [];
    const aloneMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const [b, o] = await contended(apiUrl, big);
      bigMs.push(b);
      otherMs.push(o);
      oneMs.push(await post(apiUrl, one));
      aloneMs.push(await post(apiUrl, VERSION));
    }
    const kb = Math.round(Buffer.byteLength(big) / 1024);
    return [
      {
        suite: 'http',
        name: `mock:server, Export Records with ${ENTRIES.toLocaleString('en')} records[] (${kb.toLocaleString('en')} KiB) over HTTP`,
        subject: { label: 'round trip', figures: bigMs },
        reference: { label: '1 records[]', figures: oneMs },
        goal: { kind: 'ms', below: 1000 },
      },
      {
        suite: 'http',
        name: 'mock:server, another client’s Export Version meanwhile (worst latency)',
        subject: { label: 'round trip', figures: otherMs },
        reference: { label: 'alone', figures: aloneMs },
        goal: { kind: 'ms', below: 1000 },
        aggregate: 'max',
      },
    ];
  } finally {
    child.kill('SIGTERM');
  }
}
