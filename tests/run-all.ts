// `npm test`: check, unit tests, build, end-to-end tests; then one plain closing line that CI
// reads (DESIGN.md gotcha 8): `N passed, N failed[, N skipped]`. Exits 1 if anything failed.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const root = join(import.meta.dirname, '..');
const results = join(root, 'test-results');
const VITEST_JSON = join(results, 'vitest.json');
const PLAYWRIGHT_JSON = join(results, 'playwright.json');

export interface Counts {
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
}

const ZERO: Counts = { passed: 0, failed: 0, skipped: 0 };

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: { status: string; assertionResults: { status: string }[] }[];
}

/** Vitest's jest-style JSON; a file that failed to load counts as one failure. */
export function vitestCounts(report: VitestReport): Counts {
  const brokenFiles = report.testResults.filter(
    (file) => file.status === 'failed' && !file.assertionResults.some((t) => t.status === 'failed'),
  ).length;
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + brokenFiles,
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

interface PlaywrightReport {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  errors?: unknown[];
}

/** Playwright's JSON; errors outside tests (a web server that did not start) count as failures. */
export function playwrightCounts(report: PlaywrightReport): Counts {
  const { expected, unexpected, flaky, skipped } = report.stats;
  return {
    passed: expected + flaky,
    failed: unexpected + (report.errors?.length ?? 0),
    skipped,
  };
}

export function add(a: Counts, b: Counts): Counts {
  return {
    passed: a.passed + b.passed,
    failed: a.failed + b.failed,
    skipped: a.skipped + b.skipped,
  };
}

/** On CI a skip is a failure: skips are only for dev machines that lack a tool. */
export function closingLine(counts: Counts, ci: boolean): string {
  const failed = counts.failed + (ci ? counts.skipped : 0);
  const skipped = ci ? 0 : counts.skipped;
  return `${counts.passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
}

function readJson<T>(path: string): T | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return null;
  }
}

/** The Debian packages the tests need, as `.ci/packages` lists them (comments and blanks out). */
export function requiredPackages(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .flatMap((line) => line.split(/\s+/))
    .filter((name) => name !== '');
}

/** Those of `packages` that `installed` says are not installed. */
export function missingPackages(
  packages: readonly string[],
  installed: (name: string) => boolean,
): string[] {
  return packages.filter((name) => !installed(name));
}

/** The one command that installs what is missing, as a user who is not root types it. */
export function installCommand(missing: readonly string[]): string {
  return `sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing.join(' ')}`;
}

function dpkgInstalled(name: string): boolean {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.endsWith('ok installed');
}

/**
 * Before anything runs: on Debian, the browser and interpreters the tests need are installed
 * (as root, as .ci/run does), or `npm test` stops at once with the command that installs them, so
 * nothing is skipped. Elsewhere (no dpkg) the tests that need a missing tool skip with a line
 * saying so, except under CI=true. TEST_SYSTEM_PACKAGES=skip leaves the system alone.
 */
async function ensureSystemPackages(): Promise<boolean> {
  if (process.env['TEST_SYSTEM_PACKAGES'] === 'skip') return true;
  if (spawnSync('dpkg-query', ['--version']).status !== 0) return true;
  const wanted = requiredPackages(readFileSync(join(root, '.ci', 'packages'), 'utf8'));
  const missing = missingPackages(wanted, dpkgInstalled);
  if (missing.length === 0) return true;
  if (process.getuid?.() !== 0) {
    console.error(
      `\nnpm test needs these Debian packages, which are missing: ${missing.join(', ')}.\n` +
        `Install them with:\n\n  ${installCommand(missing)}\n\nthen run npm test again ` +
        `(or TEST_SYSTEM_PACKAGES=skip npm test to let the tests that need them skip, off CI).`,
    );
    return false;
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args: readonly string[]) =>
    new Promise<boolean>((resolve) => {
      console.log(`\n$ apt-get ${args.join(' ')}`);
      const child = spawn('apt-get', args, { env, stdio: 'inherit' });
      child.on('error', () => resolve(false));
      child.on('exit', (code) => resolve(code === 0));
    });
  console.log(`\n━━━ installing missing Debian packages: ${missing.join(' ')} ━━━`);
  return (
    (await run(['update'])) && (await run(['install', '-y', '--no-install-recommends', ...missing]))
  );
}

/** A port nothing listens on now (the system picks it); the end-to-end servers take these. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/**
 * The end-to-end tests' ports: those set in the environment, else free ones picked now, so a
 * server already listening on a fixed port is never quietly reused or fought over.
 */
export async function e2ePorts(env: NodeJS.ProcessEnv): Promise<Record<string, string>> {
  const ports: Record<string, string> = {};
  for (const name of ['E2E_PORT', 'E2E_STANDIN_PORT']) {
    ports[name] = env[name] || String(await freePort());
  }
  return ports;
}

/** Runs a step with its output streamed as it comes; resolves whether it succeeded. */
function step(title: string, command: string, args: readonly string[]): Promise<boolean> {
  const shown = [command, ...args].join(' ');
  console.log(`\n━━━ ${title} ━━━\n$ ${shown}\n`);
  const bin = join(root, 'node_modules', '.bin');
  // Local bins first, so `node` is the project's Node 24 (DESIGN.md gotcha 1).
  const env = { ...process.env, PATH: `${bin}${delimiter}${process.env['PATH'] ?? ''}` };
  const local = join(bin, command);
  const [file, argv] = existsSync(local)
    ? [process.execPath, [local, ...args]]
    : [command, [...args]];
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(file, argv, { cwd: root, env, stdio: 'inherit' });
    child.on('error', (error) => {
      console.error(`${title}: could not run ${shown}: ${error.message}`);
      resolve(false);
    });
    child.on('exit', (code, signal) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const outcome = code === 0 ? 'ok' : `FAILED (${signal ?? `exit code ${code}`})`;
      console.log(`\n${title}: ${outcome} in ${seconds} s`);
      resolve(code === 0);
    });
  });
}

async function main(): Promise<number> {
  const ci = process.env['CI'] === 'true' || process.env['CI'] === '1';
  mkdirSync(results, { recursive: true });
  for (const stale of [VITEST_JSON, PLAYWRIGHT_JSON]) rmSync(stale, { force: true });
  const failedSteps: string[] = [];
  let counts = ZERO;

  if (!(await ensureSystemPackages())) {
    console.log('\nnot run: the Debian packages the tests need are missing (see above)');
    console.log(closingLine({ passed: 0, failed: 1, skipped: 0 }, ci));
    return 1;
  }

  // A failed check does not stop the tests: one run shows everything that is wrong.
  if (!(await step('check', 'npm', ['run', 'check']))) failedSteps.push('check');

  const unitOk = await step('unit tests', 'vitest', [
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${VITEST_JSON}`,
  ]);
  const vitest = readJson<VitestReport>(VITEST_JSON);
  if (vitest) counts = add(counts, vitestCounts(vitest));
  if (!unitOk || !vitest) failedSteps.push(vitest ? 'unit tests' : 'unit tests (no report)');

  const buildOk = await step('build', 'vite', ['build']);
  if (!buildOk) failedSteps.push('build');

  if (buildOk) {
    const ports = await e2ePorts(process.env);
    Object.assign(process.env, ports);
    console.log(
      `\nend-to-end ports: ${Object.entries(ports)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`,
    );
    const e2eOk = await step('end-to-end tests', 'playwright', [
      'test',
      '-c',
      'tests/e2e/playwright.config.ts',
    ]);
    const playwright = readJson<PlaywrightReport>(PLAYWRIGHT_JSON);
    if (playwright) counts = add(counts, playwrightCounts(playwright));
    if (!e2eOk || !playwright) {
      failedSteps.push(playwright ? 'end-to-end tests' : 'end-to-end tests (no report)');
    }
  } else {
    console.log('\nend-to-end tests: not run, the build failed');
    failedSteps.push('end-to-end tests (not run)');
  }

  console.log('\n━━━ summary ━━━');
  if (failedSteps.length > 0) console.log(`failed steps: ${failedSteps.join(', ')}`);
  if (ci && counts.skipped > 0) {
    console.log(`${counts.skipped} skipped test(s) count as failed under CI=true`);
  }
  console.log(closingLine(counts, ci));
  const failed = failedSteps.length > 0 || counts.failed > 0 || (ci && counts.skipped > 0);
  return failed ? 1 : 0;
}

if (import.meta.main) {
  process.exitCode = await main();
}
