import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALICE_LONGITUDINAL_TOKEN,
  ALICE_PRODUCTION_TOKEN,
  ALICE_SUPER_TOKEN,
  ALICE_TOKEN,
  BOB_TOKEN,
  CAROL_TOKEN,
  DAVE_TOKEN,
  ERIN_TOKEN,
} from '../../mocks/fixtures/index.ts';
import { conformanceSuite } from './conformance/index.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** `npm run mock:server` as a child process on a free port; the suite over real HTTP. */
describe('mock REDCap over HTTP (mocks/server.ts)', () => {
  let child: ChildProcess;
  let apiUrl = '';
  let banner: string[] = [];
  const logDir = mkdtempSync(join(tmpdir(), 'mock-redcap-'));
  const requestLog = join(logDir, 'requests.jsonl');

  beforeAll(async () => {
    // The Node running vitest is the project's Node 24 (npx/npm run put it first on PATH).
    child = spawn(process.execPath, ['mocks/server.ts'], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', MOCK_REQUEST_LOG: requestLog },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    banner = await new Promise<string[]>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`no banner: ${out} ${stderr}`)), 15_000);
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        // The banner is printed in one write: wait for its last line, about snippets.
        if (/^snippets: .*\n/m.test(out)) {
          clearTimeout(timer);
          resolve(out.trimEnd().split('\n'));
        }
      });
      child.once('exit', (code) => reject(new Error(`server exited (${code}): ${stderr}`)));
    });
    apiUrl = /^listening: (\S+)$/.exec(banner[0] ?? '')?.[1] ?? '';
  }, 20_000);

  afterAll(() => {
    child?.kill('SIGTERM');
    rmSync(logDir, { recursive: true, force: true });
  });

  it('prints its address, one line per project token, the super token, then whose token a snippet uses', () => {
    expect(banner[0]).toMatch(/^listening: http:\/\/127\.0\.0\.1:\d+\/api\/$/);
    expect(banner[1]).toBe(`project: classic-demo  user: alice  token: ${ALICE_TOKEN}`);
    expect(banner.slice(2, 6)).toEqual([
      `project: classic-demo  user: bob  token: ${BOB_TOKEN}`,
      `project: classic-demo  user: carol  token: ${CAROL_TOKEN}`,
      `project: classic-demo  user: dave  token: ${DAVE_TOKEN}`,
      `project: classic-demo  user: erin  token: ${ERIN_TOKEN}`,
    ]);
    expect(banner).toContain(
      `project: longitudinal-demo  user: alice  token: ${ALICE_LONGITUDINAL_TOKEN}`,
    );
    expect(banner).toContain(
      `project: production-demo  user: alice  token: ${ALICE_PRODUCTION_TOKEN}`,
    );
    const rest = banner.slice(2, -1);
    expect(
      rest.filter((l) => !/^project: \S+ {2}user: \S+ {2}token: [0-9A-F]{32}$/.test(l)),
    ).toEqual([`super token: ${ALICE_SUPER_TOKEN}  user: alice`]);
    expect(banner.at(-2)).toMatch(/^super token: /);
    expect(banner.at(-1)).toBe(
      `snippets: a snippet copied from the page reads REDCAP_API_TOKEN: set it to the token above of the user the page names (its Mock project chooser), e.g. for alice on classic-demo: export REDCAP_API_TOKEN=${ALICE_TOKEN}`,
    );
  });

  it('answers OPTIONS with 501 and sends no CORS headers (§1.11)', async () => {
    const r = await fetch(apiUrl, {
      method: 'OPTIONS',
      headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'POST' },
    });
    expect(r.status).toBe(501);
    expect([...r.headers.keys()].filter((k) => k.startsWith('access-control'))).toEqual([]);
  });

  it('answers other paths with 404', async () => {
    for (const path of ['/', '/api', '/redcap/api/', '/api/x']) {
      const r = await fetch(new URL(path, apiUrl), { method: 'POST', body: 'token=x' });
      expect([path, r.status]).toEqual([path, 404]);
    }
  });

  it('appends one JSON line per request to MOCK_REQUEST_LOG', async () => {
    const body = new URLSearchParams({ token: ALICE_TOKEN, content: 'version', note: 'log-me' });
    await fetch(apiUrl, { method: 'POST', body });
    const lines = readFileSync(requestLog, 'utf8').trimEnd().split('\n');
    expect(JSON.parse(lines.at(-1)!)).toEqual({
      method: 'exp_rc_v',
      fields: { token: ALICE_TOKEN, content: 'version', note: 'log-me' },
      files: [],
    });
  });

  conformanceSuite({ apiUrl: () => apiUrl });
});
