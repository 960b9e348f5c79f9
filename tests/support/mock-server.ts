import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface MockServer {
  /** The API URL clients call, ending in `/api/`. */
  readonly apiUrl: string;
  readonly token: string;
  stop(): Promise<void>;
}

export interface MockServerOptions {
  /** Start it as a user would, through `npm run mock:server` (default), or Node directly (faster). */
  readonly viaNpm?: boolean;
  /** MOCK_REQUEST_LOG: a file that gets one JSON line per request. */
  readonly requestLog?: string;
  readonly timeoutMs?: number;
}

/** `listening: http://127.0.0.1:41234/` or `…/api/` → the API URL. */
export function apiUrlFrom(listening: string): string {
  const url = new URL(listening);
  if (!url.pathname.endsWith('/api/')) url.pathname = `${url.pathname.replace(/\/$/, '')}/api/`;
  return url.href;
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Ends the process group this test started (npm, its shell and the node server), and waits
 * until none of them is left: SIGTERM first, SIGKILL if the server has not closed in 5 s.
 */
async function stopGroup(child: ChildProcess): Promise<void> {
  const pgid = child.pid;
  if (pgid === undefined || !groupAlive(pgid)) return;
  process.kill(-pgid, 'SIGTERM');
  for (let waited = 0; groupAlive(pgid); waited += 100) {
    if (waited === 5_000) process.kill(-pgid, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The mock server on a free port (`PORT=0`), with a fresh store; resolves once it listens and
 * has printed its token. By default through `npm run mock:server`, as a user would start it.
 */
export function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const { viaNpm = true, requestLog, timeoutMs = 30_000 } = options;
  const env = { ...process.env, PORT: '0', ...(requestLog && { MOCK_REQUEST_LOG: requestLog }) };
  // process.execPath is the project's Node 24 when the tests run through npm/npx.
  const [command, args] = viaNpm
    ? ['npm', ['run', 'mock:server']]
    : [process.execPath, ['mocks/server.ts']];
  const child = spawn(command, args, {
    cwd: projectRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  let settled = false;
  return new Promise((resolve, reject) => {
    const fail = (why: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void stopGroup(child).then(() => reject(new Error(`${why}\n--- output ---\n${output}`)));
    };
    const timer = setTimeout(() => fail('the mock server did not start in time'), timeoutMs);
    // Read the output to the end, so the server never blocks on a full pipe.
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      if (settled) return;
      const listening = /listening:\s*(\S+)/.exec(output)?.[1];
      const token = /token:\s*(\S+)/.exec(output)?.[1];
      if (!listening || !token) return;
      settled = true;
      clearTimeout(timer);
      resolve({ apiUrl: apiUrlFrom(listening), token, stop: () => stopGroup(child) });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', (error) => fail(`could not run ${command}: ${error.message}`));
    child.on('exit', (code) => fail(`the mock server exited early (code ${code})`));
  });
}
