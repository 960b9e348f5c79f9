// `npm run mutation -- <folder or file>...`: StrykerJS on one part of the code.
// Each argument becomes `--mutate` globs; the tests run are the ones nearest to the mutated files
// in the import graph (a test file importing them, or importing a helper or component that does),
// unless `--tests a,b` names them or `--related` leaves the choice to Vitest (every test that
// reaches the files, often most of the suite). Reports and the incremental file of the part go to
// .cache/mutation/<part>/. Options: --concurrency N (default 1), --dry (print the plan only),
// --force (retest every mutant, ignoring the incremental file), --no-interpreters (PATH holds
// only node_modules/.bin and ps/sh/env, so tests that run generated code in Python, R, PHP…
// skip themselves: minutes per mutant otherwise).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { delimiter, dirname, join, relative, resolve } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const SOURCE = /\.(ts|svelte|mjs|js)$/;
const SKIP = new Set(['node_modules', 'dist', 'e2e', 'fixtures', '.cache', 'bench']);

export interface Plan {
  readonly part: string;
  readonly mutate: string[];
  readonly tests: string[];
}

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(join(root, dir))) {
    if (SKIP.has(name) || name.startsWith('.')) continue;
    const path = `${dir}/${name}`;
    if (statSync(join(root, path)).isDirectory()) walk(path, out);
    else if (SOURCE.test(name)) out.push(path);
  }
  return out;
}

/** Relative imports of a file, as paths from the repository root. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
    found.push(relative(root, resolve(root, dirname(file), match[1] ?? '')));
  }
  return found;
}

const isTest = (file: string): boolean => /\.test\.ts$/.test(file);

/**
 * Tests that start servers or other languages' interpreters, or run the CLI: minutes per run,
 * and a killed run leaves their servers behind. Left out unless they are all there is.
 */
function isHeavy(file: string): boolean {
  if (/^tests\/(cli|server)\//.test(file)) return true;
  return /support\/(mock-server|interpreters)\.ts|node:child_process/.test(
    readFileSync(join(root, file), 'utf8'),
  );
}

/** Test files nearest to `targets` going up the import graph (breadth first). */
export function nearestTests(targets: readonly string[], files: readonly string[]): string[] {
  const importers = new Map<string, string[]>();
  for (const file of files) {
    for (const dep of importsOf(file)) importers.set(dep, [...(importers.get(dep) ?? []), file]);
  }
  const seen = new Set<string>(targets);
  let level = [...targets];
  while (level.length > 0) {
    const next = [...new Set(level.flatMap((f) => importers.get(f) ?? []))].filter(
      (f) => !seen.has(f),
    );
    next.forEach((f) => seen.add(f));
    const tests = next.filter(isTest);
    const light = tests.filter((f) => !isHeavy(f));
    if (tests.length > 0) return (light.length > 0 ? light : tests).sort();
    level = next;
  }
  return [];
}

export function plan(args: readonly string[], files: readonly string[]): Plan {
  const mutate: string[] = [];
  const targets: string[] = [];
  for (const arg of args) {
    const path = arg.replace(/\/+$/, '').replace(/:\d+(:\d+)?-\d+(:\d+)?$/, '');
    const stat = statSync(join(root, path), { throwIfNoEntry: false });
    if (!stat) throw new Error(`No such file or folder: ${path}`);
    if (stat.isDirectory()) {
      mutate.push(`${path}/**/*.{ts,svelte}`, `!${path}/**/*.d.ts`);
      targets.push(...files.filter((f) => f.startsWith(`${path}/`) && !isTest(f)));
    } else {
      mutate.push(arg);
      targets.push(path);
    }
  }
  const part = args
    .map((a) => a.replace(/\/+$/, '').replace(/^src\//, ''))
    .join('+')
    .replace(/[^A-Za-z0-9.+-]+/g, '-');
  return { part, mutate, tests: nearestTests(targets, files) };
}

/**
 * A PATH without other languages' interpreters: node_modules/.bin and a folder with only the
 * system tools Stryker and Vitest call (ps to stop processes, sh, env).
 */
function pathWithoutInterpreters(): string {
  const bin = join(root, '.cache', 'mutation', 'bin');
  mkdirSync(bin, { recursive: true });
  for (const tool of ['ps', 'sh', 'env', 'kill']) {
    const link = join(bin, tool);
    const found = (process.env['PATH'] ?? '')
      .split(delimiter)
      .map((dir) => join(dir, tool))
      .find((path) => existsSync(path));
    if (found && !existsSync(link)) symlinkSync(found, link);
  }
  return [join(root, 'node_modules', '.bin'), bin].join(delimiter);
}

function main(argv: readonly string[]): void {
  const args: string[] = [];
  let tests: string[] | null = null;
  let related = false;
  let dry = false;
  let concurrency = '1';
  let interpreters = true;
  let force = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--tests') tests = (argv[++i] ?? '').split(',').filter(Boolean);
    else if (arg === '--related') related = true;
    else if (arg === '--dry') dry = true;
    else if (arg === '--no-interpreters') interpreters = false;
    else if (arg === '--force') force = true;
    else if (arg === '--concurrency') concurrency = argv[++i] ?? '1';
    else args.push(arg);
  }
  if (args.length === 0) {
    console.error('Usage: npm run mutation -- <folder or file>... [--tests a,b] [--related]');
    process.exit(2);
  }
  const files = ['src', 'mocks', 'tests'].flatMap((d) => walk(d));
  const chosen = plan(args, files);
  const testFiles = related ? [] : (tests ?? chosen.tests);
  console.log(`part: ${chosen.part}`);
  console.log(`mutate: ${chosen.mutate.join(' ')}`);
  console.log(`tests: ${testFiles.length ? testFiles.join(' ') : '(Vitest related files)'}`);
  if (dry) return;
  const started = Date.now();
  const child = spawn(
    'stryker',
    ['run', 'tests/mutation/stryker.config.mjs', ...(force ? ['--force'] : [])],
    {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        MUTATION_PART: chosen.part,
        MUTATION_MUTATE: chosen.mutate.join('\n'),
        MUTATION_TESTS: testFiles.join('\n'),
        MUTATION_CONCURRENCY: concurrency,
        ...(interpreters ? {} : { PATH: pathWithoutInterpreters() }),
      },
    },
  );
  child.on('exit', (code) => {
    const seconds = Math.round((Date.now() - started) / 1000);
    console.log(`mutation ${chosen.part}: ${Math.floor(seconds / 60)} min ${seconds % 60} s`);
    process.exit(code ?? 1);
  });
}

if (import.meta.main) main(process.argv.slice(2));
