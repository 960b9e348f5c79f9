import { spawn, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** How to run one snippet language on this machine, found by trying it. */
export interface Interpreter {
  readonly command: string;
  /** Arguments before the program file. */
  readonly args: readonly string[];
}

interface Probe {
  /** Commands to try, first that passes the check wins. */
  readonly candidates: readonly string[];
  /** Arguments that exit 0 only when the language and its HTTP library are usable. */
  readonly check: readonly string[];
  readonly install: string;
  /** How to run a program once the check passed (default: the command itself). */
  readonly run?: Interpreter;
}

/** Go's build cache, shared by every run of the tests (HOME is a fresh directory per snippet). */
const GO_CACHE = join(tmpdir(), 'redcap-playground-go-cache');

/** C#: compile with Mono's mcs next to the source, then run; compiler messages go to stderr. */
const MONO_RUN = 'mcs -nologo -r:System.Net.Http -out:"$0.exe" "$0" >&2 && exec mono "$0.exe"';

// Debian's python3 first: a pyenv `python3` earlier on PATH does not see Debian's packages.
const PROBES: Readonly<Record<string, Probe>> = {
  'shell-curl': {
    candidates: ['bash'],
    check: ['-c', 'command -v curl >/dev/null'],
    install: 'apt-get install bash curl',
  },
  'python-requests': {
    candidates: ['/usr/bin/python3', 'python3'],
    check: ['-c', 'import requests, pandas'],
    install: 'apt-get install python3-requests python3-pandas',
  },
  'r-httr': {
    candidates: ['Rscript'],
    check: ['-e', 'library(httr); library(jsonlite)'],
    install: 'apt-get install r-base-core r-cran-httr',
  },
  'php-curl': {
    candidates: ['php'],
    check: ['-r', 'exit(function_exists("curl_init") ? 0 : 1);'],
    install: 'apt-get install php-cli php-curl',
  },
  'ruby-net-http': {
    candidates: ['ruby'],
    check: ['-e', 'require "net/http"; require "json"'],
    install: 'apt-get install ruby',
  },
  'perl-lwp': {
    candidates: ['perl'],
    check: ['-MLWP::UserAgent', '-MLWP::Protocol::https', '-MJSON::PP', '-e', '1'],
    install: 'apt-get install libwww-perl liblwp-protocol-https-perl',
  },
  'java-httpclient': {
    candidates: ['javac'],
    check: ['-version'],
    install: 'apt-get install default-jdk-headless',
    run: { command: 'java', args: [] },
  },
  'csharp-httpclient': {
    candidates: ['mcs'],
    check: ['--version'],
    install: 'apt-get install mono-devel',
    run: { command: 'bash', args: ['-c', MONO_RUN] },
  },
  'go-net-http': {
    candidates: ['go'],
    check: ['version'],
    install: 'apt-get install golang-go',
    run: { command: 'env', args: [`GOCACHE=${GO_CACHE}`, 'go', 'run'] },
  },
  'node-fetch': { candidates: [process.execPath], check: ['-e', ''], install: 'npm ci' },
  'javascript-fetch': { candidates: [process.execPath], check: ['-e', ''], install: 'npm ci' },
};

export type Found =
  | { readonly ok: true; readonly interpreter: Interpreter }
  | { readonly ok: false; readonly why: string };

/** The interpreter for a snippet target, or why there is none (with what to install). */
export function findInterpreter(targetId: string): Found {
  const probe = PROBES[targetId];
  if (!probe) return { ok: false, why: `no interpreter known for ${targetId}` };
  for (const command of probe.candidates) {
    const result = spawnSync(command, probe.check, { stdio: 'ignore', timeout: 30_000 });
    if (result.status === 0) {
      return { ok: true, interpreter: probe.run ?? { command, args: [] } };
    }
  }
  return {
    ok: false,
    why: `${probe.candidates.join(' or ')} with its HTTP library is not installed (${probe.install})`,
  };
}

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a program file (null: a built program); never rejects for a non-zero exit (that is a result too). */
export function runProgram(
  interpreter: Interpreter,
  file: string | null,
  options: { readonly cwd: string; readonly env: NodeJS.ProcessEnv; readonly timeoutMs?: number },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const args = file === null ? interpreter.args : [...interpreter.args, file];
    const child = spawn(interpreter.command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: options.timeoutMs ?? 30_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs tasks with at most `size` at a time, results in input order. */
export async function inPool<T, R>(
  items: readonly T[],
  size: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  return results;
}
