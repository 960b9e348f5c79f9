import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOB_TOKEN, CAROL_TOKEN } from '../../mocks/fixtures/index.ts';
import { initialValues } from '../../src/lib/form/describe-schema.ts';
import { getMethod } from '../../src/lib/methods/index.ts';
import { buildRedcapRequest, REDACTED_TOKEN } from '../../src/lib/redcap/request.ts';
import { generateSnippet, getTarget } from '../../src/lib/snippets/index.ts';

/**
 * mock:server's token life cycle over real HTTP (issue #23 item 1): its admin page at /admin/
 * regenerates, deletes and approves tokens in the server's own store, and a snippet copied from
 * the page with the old token then gets REDCap's 403, as from a real server.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let child: ChildProcess;
let apiUrl = '';
let adminUrl = '';

beforeAll(async () => {
  child = spawn(process.execPath, ['mocks/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  apiUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no banner: ${out}`)), 15_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /^listening: (\S+)$/m.exec(out)?.[1];
      if (url && /^snippets: /m.test(out)) {
        clearTimeout(timer);
        resolve(url);
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
  });
  adminUrl = new URL('../admin/', apiUrl).href;
}, 20_000);

afterAll(() => {
  child?.kill('SIGTERM');
});

/** The copied cURL snippet of Export REDCap Version, run by bash with REDCAP_API_TOKEN set. */
function runCopiedSnippet(
  token: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const method = getMethod('exp_rc_v')!;
  const request = buildRedcapRequest(method, initialValues(method), {
    apiUrl,
    token: REDACTED_TOKEN,
  });
  const script = generateSnippet(getTarget('shell-curl')!, request, {
    mock: true,
    title: method.label,
  });
  return new Promise((resolve) => {
    execFile(
      'bash',
      ['-c', script],
      { env: { PATH: process.env['PATH'] ?? '', REDCAP_API_TOKEN: token } },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

function admin(fields: Record<string, string>): Promise<Response> {
  return fetch(adminUrl, { method: 'POST', body: new URLSearchParams(fields) });
}

async function tokenOf(username: string, project = 'classic-demo'): Promise<string> {
  const html = await (await fetch(adminUrl)).text();
  const section = html.slice(html.indexOf(`(${project})`));
  const row = new RegExp(`<td>${username}</td><td>[a-z]+</td><td><code>([0-9A-F]{32})</code>`).exec(
    section,
  );
  return row?.[1] ?? '';
}

describe('mock:server /admin/: the token life cycle over HTTP', () => {
  it('shows the administrator page: requests, failures, users and the FAQ advice', async () => {
    const res = await fetch(adminUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('never share it');
    expect(html).toContain('No token requests are waiting.');
    expect(html).toContain(`<code>${BOB_TOKEN}</code>`);
    expect(html).not.toMatch(/<script/i);
  });

  it('regenerate: the copied snippet with the old token fails with 403, the new token works', async () => {
    const before = await runCopiedSnippet(BOB_TOKEN);
    expect(before).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+/) });

    const res = await admin({ op: 'regenerate', project: 'classic-demo', username: 'bob' });
    expect(res.status).toBe(200);
    const fresh = await tokenOf('bob');
    expect(fresh).toMatch(/^[0-9A-F]{32}$/);
    expect(fresh).not.toBe(BOB_TOKEN);

    const after = await runCopiedSnippet(BOB_TOKEN);
    expect(after.code).not.toBe(0);
    expect(after.stderr).toContain('HTTP 403: You do not have permissions to use the API');
    expect((await runCopiedSnippet(fresh)).code).toBe(0);
  });

  it('delete: the token answers 403 in the requested format', async () => {
    expect((await admin({ op: 'delete', project: 'classic-demo', username: 'carol' })).status).toBe(
      200,
    );
    const res = await fetch(apiUrl, {
      method: 'POST',
      body: new URLSearchParams({ token: CAROL_TOKEN, content: 'version', format: 'csv' }),
    });
    expect([res.status, await res.text()]).toEqual([
      403,
      'ERROR: You do not have permissions to use the API',
    ]);
  });

  it('request → approve: the learner gets a token that works', async () => {
    const who = { project: 'classic-demo', username: 'learner' };
    expect((await admin({ op: 'add-learner', ...who })).status).toBe(200);
    const refused = await admin({ op: 'request', ...who });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('API&#39; user right');
    await admin({ op: 'grant-api', ...who });
    await admin({ op: 'request', ...who });
    expect(await (await fetch(adminUrl)).text()).toMatch(
      /learner requests an API token for the project classic-demo/,
    );
    await admin({ op: 'approve', ...who });
    const token = await tokenOf('learner');
    expect(token).toMatch(/^[0-9A-F]{32}$/);
    expect((await runCopiedSnippet(token)).code).toBe(0);
  });

  it('failures on demand over HTTP: the next call is a 429 with REDCap’s words, then it answers', async () => {
    await admin({ op: 'failure', kind: 'rate-limit', count: '1' });
    const body = new URLSearchParams({ token: BOB_TOKEN, content: 'version' });
    const fresh = await tokenOf('bob');
    body.set('token', fresh);
    const limited = await fetch(apiUrl, { method: 'POST', body });
    expect([limited.status, await limited.text()]).toEqual([
      429,
      'Your IP address (127.0.0.1) has been banned due to suspected abuse.',
    ]);
    expect((await fetch(apiUrl, { method: 'POST', body })).status).toBe(200);
    await admin({ op: 'failure', kind: 'network', count: '1' });
    await expect(fetch(apiUrl, { method: 'POST', body })).rejects.toThrow();
  });

  it('refuses unknown actions and odd input without crashing', async () => {
    const odd: Record<string, string>[] = [
      { op: 'nope' },
      { op: '__proto__', project: 'constructor' },
      { op: 'approve', project: 'classic-demo', username: 'nobody' },
      { op: 'failure', kind: 'toString', count: '1e999' },
    ];
    for (const fields of odd) {
      const res = await admin(fields);
      expect(res.status).toBeLessThan(500);
    }
    expect((await fetch(adminUrl, { method: 'DELETE' })).status).toBe(405);
    // Still serving the API.
    const res = await fetch(apiUrl, { method: 'POST', body: 'token=x&content=version' });
    expect(res.status).toBe(403);
  });
});
