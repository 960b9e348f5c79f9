import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ALICE_TOKEN } from '../../../mocks/fixtures/index.ts';
import { parseServerOptions } from '../../../mocks/server-options.ts';
import { readState } from '../../../mocks/state/file.ts';

// `npm run mock:server -- --state <file>` and `--save-on-exit <file>` over real spawned servers:
// save on SIGTERM, start from the file, the same data (a file's bytes included).

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'mock-state-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

interface Server {
  readonly child: ChildProcess;
  readonly apiUrl: string;
  readonly banner: string[];
  /** Resolves with the exit code and everything printed. */
  readonly exited: Promise<{ code: number | null; out: string; err: string }>;
}

function start(args: string[]): Promise<Server> {
  const child = spawn(process.execPath, ['mocks/server.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<{ code: number | null; out: string; err: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, out, err })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner: ${out} ${err}`)), 20_000);
    child.stdout!.on('data', () => {
      if (!/^snippets: .*\n/m.test(out)) return;
      clearTimeout(timer);
      const banner = out.trimEnd().split('\n');
      const apiUrl = /^listening: (\S+)$/.exec(banner[0] ?? '')?.[1] ?? '';
      resolve({ child, apiUrl, banner, exited });
    });
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}): ${err}`));
    });
  });
}

async function post(apiUrl: string, form: FormData): Promise<Response> {
  form.append('token', ALICE_TOKEN);
  return fetch(apiUrl, { method: 'POST', body: form });
}

const fields = (entries: Record<string, string>) => {
  const form = new FormData();
  for (const [k, v] of Object.entries(entries)) form.append(k, v);
  return form;
};

const BYTES = new Uint8Array([0, 255, 1, 254, 128, 10, 13, 0x1f, 0xe2, 0x80]);

describe('mock:server --save-on-exit and --state', () => {
  it('writes the state on SIGTERM, and a server started with it has the same data', async () => {
    const file = join(dir, 'demo.json');
    const first = await start(['--save-on-exit', file]);
    const imported = await post(
      first.apiUrl,
      fields({
        content: 'record',
        format: 'json',
        data: JSON.stringify([{ record_id: '88', first_name: 'Saved' }]),
      }),
    );
    expect(await imported.text()).toBe('{"count": 1}');
    const upload = fields({
      content: 'file',
      action: 'import',
      record: '88',
      field: 'consent_file',
    });
    upload.append('file', new Blob([BYTES], { type: 'application/octet-stream' }), 'raw.bin');
    expect((await post(first.apiUrl, upload)).status).toBe(200);

    first.child.kill('SIGTERM');
    const stopped = await first.exited;
    expect(stopped.code).toBe(0);
    expect(stopped.out).toContain(`saved the mock's state to ${file}`);
    const saved = readState(readFileSync(file, 'utf8'));
    expect(saved.ok).toBe(true);

    const second = await start(['--state', file]);
    expect(second.banner[1]).toBe(first.banner[1]);
    const records = await post(
      second.apiUrl,
      fields({ content: 'record', format: 'json', records: '88', fields: 'first_name' }),
    );
    expect(await records.json()).toEqual([{ first_name: 'Saved' }]);
    const download = await post(
      second.apiUrl,
      fields({ content: 'file', action: 'export', record: '88', field: 'consent_file' }),
    );
    expect(download.status).toBe(200);
    expect([...new Uint8Array(await download.arrayBuffer())]).toEqual([...BYTES]);
    // Its log is the saved one plus what it did since.
    const log = await post(second.apiUrl, fields({ content: 'log', format: 'json' }));
    expect(JSON.stringify(await log.json())).toContain('Upload document');
    second.child.kill('SIGTERM');
    const secondStop = await second.exited;
    expect(secondStop.code).toBe(0);
    // Without --save-on-exit nothing is written; with it, no temporary file stays.
    expect(secondStop.out).not.toContain('saved');
    expect(existsSync(`${file}.${first.child.pid}.tmp`)).toBe(false);
  }, 60_000);

  it('loads and saves the very same data (Ctrl-C, SIGINT, stops cleanly too)', async () => {
    const file = join(dir, 'demo.json');
    const again = join(dir, 'again.json');
    const third = await start(['--state', file, '--save-on-exit', again]);
    third.child.kill('SIGINT');
    expect((await third.exited).code).toBe(0);
    const before = JSON.parse(readFileSync(file, 'utf8')) as { data: unknown; unbuilt: unknown };
    const after = JSON.parse(readFileSync(again, 'utf8')) as typeof before;
    expect(after.data).toEqual(before.data);
    expect(after.unbuilt).toEqual(before.unbuilt);
  }, 60_000);

  it('refuses a bad file with its name and why, before listening', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"format":"redcap-api-playground/mock-state","version":7}');
    const child = spawn(process.execPath, ['mocks/server.ts', '--state', bad], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err.trim()).toBe(
      `mock server: ${bad}: The demo file is of version 7; this playground reads version 1.`,
    );
  }, 30_000);
});

describe('--state and --save-on-exit on the command line (mocks/server-options.ts)', () => {
  it('reads both options, with a space or =, beside the others', () => {
    expect(
      parseServerOptions(['--project', 'p.csv', '--state', 'a.json', '--save-on-exit=b.json']),
    ).toEqual({
      ok: true,
      options: { project: 'p.csv', state: 'a.json', 'save-on-exit': 'b.json' },
    });
    expect(parseServerOptions([])).toEqual({ ok: true, options: {} });
  });

  it('says when a file name is missing', () => {
    expect(parseServerOptions(['--state'])).toEqual({
      ok: false,
      error: '--state needs a file',
    });
    expect(parseServerOptions(['--save-on-exit', '--state', 'x'])).toEqual({
      ok: false,
      error: '--save-on-exit needs a file',
    });
    expect(parseServerOptions(['--state='])).toEqual({
      ok: false,
      error: '--state: it needs a value',
    });
  });
});
