import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readDictionaryCsv } from '../../mocks/project/dictionary-file.ts';
import { SERVER_OPTIONS } from '../../mocks/server-options.ts';

/**
 * `mock:server --project` and the `redcap-mock` bin (issue #24 item 4): a project file served
 * with its tokens in the banner, refusals on stderr with an exit code, the bin from an
 * installed copy (inside node_modules), and the README's Python CI example run for real.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DICT = join(ROOT, 'tests/fixtures/dictionary');
const CI = process.env['CI'] === 'true';
const ALICE = 'A11CED1C700000000000000000000001';
const children: ChildProcess[] = [];
const temps: string[] = [];

afterAll(() => {
  for (const child of children) child.kill('SIGTERM');
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

interface Started {
  readonly child: ChildProcess;
  readonly apiUrl: string;
  readonly banner: string[];
}

/** Starts a server command on a free port and waits for its whole banner. */
function start(command: string, args: readonly string[], cwd = ROOT): Promise<Started> {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, PORT: '0', MOCK_REQUEST_LOG: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no banner: ${out} ${stderr}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (/^snippets: .*\n/m.test(out)) {
        clearTimeout(timer);
        const banner = out.trimEnd().split('\n');
        resolve({ child, banner, apiUrl: /^listening: (\S+)$/.exec(banner[0]!)![1]! });
      }
    });
    child.once('exit', (code) => reject(new Error(`exited (${code}): ${stderr}`)));
  });
}

/** Runs a command to its end: exit code and output. */
function run(command: string, args: readonly string[], cwd = ROOT) {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, PORT: '0' },
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function api(apiUrl: string, token: string, params: Record<string, string>) {
  const response = await fetch(apiUrl, {
    method: 'POST',
    body: new URLSearchParams({ token, format: 'json', ...params }),
  });
  return { status: response.status, text: await response.text() };
}

const server = (...args: string[]) => ['mocks/server.ts', ...args];

describe('mock:server --project', () => {
  it('serves the dictionary with fake records, and prints its tokens and what it loaded', async () => {
    const file = join(DICT, 'every-field-type.csv');
    const { apiUrl, banner } = await start(
      process.execPath,
      server('--project', file, '--records', '30', '--seed', 'ci'),
    );
    expect(banner).toContain(`project: project-16  user: alice  token: ${ALICE}`);
    for (const user of ['bob', 'carol', 'dave', 'erin']) {
      expect(banner.some((l) => l.startsWith(`project: project-16  user: ${user}  token: `))).toBe(
        true,
      );
    }
    expect(banner).toContain(
      'loaded: every-field-type.csv as project project-16 "every-field-type" (58 fields, 30 fake records, seed ci)',
    );
    expect(banner.at(-1)).toMatch(/^snippets: /);
    const records = await api(apiUrl, ALICE, { content: 'record', type: 'flat' });
    expect(records.status).toBe(200);
    const rows = JSON.parse(records.text) as Record<string, string>[];
    expect(new Set(rows.map((r) => r['record_id'])).size).toBe(30);
    const metadata = await api(apiUrl, ALICE, { content: 'metadata' });
    expect(JSON.parse(metadata.text)).toEqual(readDictionaryCsv(readFileSync(file, 'utf8')).rows);
  }, 60_000);

  it('keeps a project XML’s own records', async () => {
    const { banner } = await start(
      process.execPath,
      server('--project', join(DICT, 'clinic-visits.xml'), '--records', '99'),
    );
    expect(banner).toContain(
      'loaded: clinic-visits.xml as project project-16 "Clinic Visits" (58 fields, 3 records from the file)',
    );
  }, 60_000);

  it('refuses a broken file on stderr with its line and column, and exits 1', () => {
    const result = run(process.execPath, server('--project', join(DICT, 'broken/short-row.csv')));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'mock server: --project: short-row.csv is refused:\nLine 3, column 14: this line has 13 cells; the header has 18\n',
    );
    expect(result.stdout).toBe('');
  });

  it('says a missing file is missing, and exits 1', () => {
    const result = run(process.execPath, server('--project', 'no/such.csv'));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('mock server: --project: cannot read "no/such.csv": no such file\n');
  });

  it('refuses an unknown option with exit code 2', () => {
    const result = run(process.execPath, server('--project=a.csv', '--record', '3'));
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('mock server: unknown option "--record" (see --help)\n');
  });

  it('--help lists every option and exits 0', () => {
    const result = run(process.execPath, server('--help'));
    expect(result.code).toBe(0);
    for (const option of SERVER_OPTIONS) expect(result.stdout).toContain(`--${option.name}`);
    expect(result.stdout).toMatch(/^Usage: redcap-mock /);
  });
});

/**
 * An installed copy: the package as npm would put it under node_modules (the files of `npm
 * pack`: mocks, src, package.json), its dependencies beside it, and the bin linked in .bin.
 */
function installedCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'redcap-mock-bin-'));
  temps.push(dir);
  const modules = join(dir, 'node_modules');
  const pkg = join(modules, 'redcap-api-playground');
  mkdirSync(pkg, { recursive: true });
  for (const part of ['mocks', 'src', 'package.json'])
    cpSync(join(ROOT, part), join(pkg, part), { recursive: true });
  const deps = join(ROOT, 'node_modules');
  for (const name of readdirSync(deps)) {
    if (name.startsWith('.')) continue;
    symlinkSync(join(deps, name), join(modules, name));
  }
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    bin: Record<string, string>;
  };
  mkdirSync(join(modules, '.bin'));
  symlinkSync(
    join('..', 'redcap-api-playground', manifest.bin['redcap-mock']!),
    join(modules, '.bin', 'redcap-mock'),
  );
  writeFileSync(join(dir, 'package.json'), '{"name":"a-team-ci","private":true}\n');
  return dir;
}

describe('the redcap-mock bin, from an installed copy', () => {
  it('starts the mock from inside node_modules and serves a --project', async () => {
    const dir = installedCopy();
    const bin = join(dir, 'node_modules/.bin/redcap-mock');
    const help = run(bin, ['--help'], dir);
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/^Usage: redcap-mock \[--project file\]/);
    const { apiUrl, banner } = await start(bin, ['--project', join(DICT, 'older-header.csv')], dir);
    expect(banner).toContain(
      'loaded: older-header.csv as project project-16 "older-header" (7 fields, 50 fake records, seed 1)',
    );
    const count = await api(apiUrl, ALICE, { content: 'record', type: 'flat', fields: 'study_id' });
    expect(
      new Set((JSON.parse(count.text) as { study_id: string }[]).map((r) => r.study_id)).size,
    ).toBe(50);
  }, 60_000);
});

/** The README's Python example, as written there. */
function readmePython(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const after = readme.slice(readme.indexOf('<!-- ci-python-example'));
  const block = /```python\n([\s\S]*?)```/.exec(after);
  if (!block) throw new Error('README: no python block after <!-- ci-python-example');
  return block[1]!;
}

const python = spawnSync('/usr/bin/python3', ['-c', 'import requests']).status === 0;

describe('the README’s Python CI example', () => {
  if (!python && !CI) {
    it.skip('needs /usr/bin/python3 with requests (required under CI=true)', () => {});
    return;
  }
  it('runs against mock:server --project and reads the loaded project', async () => {
    expect(python, '/usr/bin/python3 with requests (apt-get install python3-requests)').toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'redcap-ci-example-'));
    temps.push(dir);
    const script = join(dir, 'check_redcap.py');
    writeFileSync(script, readmePython());
    const { apiUrl } = await start(
      process.execPath,
      server('--project', join(DICT, 'every-field-type.csv'), '--records', '25', '--seed', 'ci'),
    );
    const result = spawnSync('/usr/bin/python3', [script], {
      encoding: 'utf8',
      env: { ...process.env, REDCAP_API_URL: apiUrl, REDCAP_API_TOKEN: ALICE },
      timeout: 60_000,
    });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('58 fields, 25 records\n');
    expect(result.status).toBe(0);
  }, 90_000);
});
