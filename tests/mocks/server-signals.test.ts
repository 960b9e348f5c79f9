import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ALICE_TOKEN } from '../../mocks/fixtures/index.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** mock:server (Node directly, as `npm run mock:server` runs it) on a free port. */
async function start(): Promise<{ child: ChildProcess; apiUrl: string }> {
  const child = spawn(process.execPath, ['mocks/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', MOCK_REQUEST_LOG: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr!.resume();
  const apiUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no banner: ${out}`)), 15_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening: (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
  });
  return { child, apiUrl };
}

function bigBody(entries: number): string {
  const parts = [`token=${ALICE_TOKEN}`, 'content=record', 'format=json', 'type=flat'];
  for (let i = 0; i < entries; i++) parts.push(`records%5B%5D=${i}`);
  return parts.join('&');
}

/** Sends a request and never reads the answer, holding the connection open (keep-alive). */
function sendAndHold(apiUrl: string, body: string): void {
  const req = request(apiUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      connection: 'keep-alive',
    },
  });
  req.on('error', () => {});
  req.on('response', (res) => res.pause());
  req.end(body);
}

/** Milliseconds from the signal to the process's exit. */
function timeExit(child: ChildProcess, signal: NodeJS.Signals): Promise<number> {
  return new Promise((resolve) => {
    const started = performance.now();
    child.once('exit', () => resolve(performance.now() - started));
    child.kill(signal);
  });
}

describe('mock:server stops on SIGTERM and SIGINT within a second', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal} during a 150,000-entry records[] request and with open connections`, async () => {
      const { child, apiUrl } = await start();
      try {
        sendAndHold(apiUrl, `token=${ALICE_TOKEN}&content=version`);
        sendAndHold(apiUrl, bigBody(150_000));
        await new Promise((r) => setTimeout(r, 100));
        const ms = await timeExit(child, signal);
        expect(ms).toBeLessThan(1000);
      } finally {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
    });
  }

  it('a stalled upload (headers sent, body never finished) does not hold it either', async () => {
    const { child, apiUrl } = await start();
    try {
      const req = request(apiUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': '999999',
        },
      });
      req.on('error', () => {});
      req.write('token=');
      await new Promise((r) => setTimeout(r, 100));
      expect(await timeExit(child, 'SIGTERM')).toBeLessThan(1000);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});
