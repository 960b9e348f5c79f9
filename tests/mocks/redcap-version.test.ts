import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ALICE_TOKEN } from '../../mocks/fixtures/index.ts';
import { parseServerOptions } from '../../mocks/server-options.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * `mock:server --redcap-version` (#25): Export REDCap Version answers the version given, so the
 * page's "your REDCap … may not know this parameter" notes can be tried against the mock.
 */

interface Run {
  readonly code: number | null;
  readonly output: string;
  readonly version?: string;
}

/** Starts the server with `args`; asks for its version once it listens, then stops it. */
function run(args: readonly string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['mocks/server.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', MOCK_REQUEST_LOG: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let version: string | undefined;
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /listening: (\S+)/.exec(output)?.[1];
      if (!listening || version !== undefined) return;
      version = '';
      fetch(listening, {
        method: 'POST',
        body: new URLSearchParams({ token: ALICE_TOKEN, content: 'version', format: 'json' }),
      })
        .then((r) => r.text())
        .then((text) => (version = text))
        .catch(reject)
        .finally(() => child.kill('SIGTERM'));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output, ...(version !== undefined && { version }) });
    });
  });
}

describe('mock:server --redcap-version', () => {
  it('reads the flag, as two words or with =, and refuses what is not a version', () => {
    const version = (argv: string[]) => {
      const parsed = parseServerOptions(argv);
      return parsed.ok ? parsed.options['redcap-version'] : parsed.error;
    };
    expect(version([])).toBeUndefined();
    expect(version(['--redcap-version', '15.6.0'])).toBe('15.6.0');
    expect(version(['--redcap-version=13.1.27'])).toBe('13.1.27');
    expect(version(['--redcap-version'])).toBe('--redcap-version needs a version');
    expect(version(['--redcap-version', 'latest'])).toBe(
      '--redcap-version: "latest" is not a REDCap version such as 15.6.0',
    );
  });

  it('answers Export REDCap Version with the version given, and 14.5.10 without it', async () => {
    const [given, plain] = await Promise.all([run(['--redcap-version', '15.6.0']), run([])]);
    expect(given.version).toBe('15.6.0');
    expect(plain.version).toBe('14.5.10');
  }, 60_000);

  it('stops with the usage, before listening, for a bad version', async () => {
    const bad = await run(['--redcap-version', '15.x']);
    expect(bad.code).toBe(2);
    expect(bad.output).toContain(
      'mock server: --redcap-version: "15.x" is not a REDCap version such as 15.6.0',
    );
    expect(bad.output).not.toContain('listening:');
  }, 30_000);
});
