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
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { delimiter, dirname, join, relative, resolve } from 'node:path';
import { PARTS, type Part } from './parts.ts';

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

interface Options {
  readonly concurrency: string;
  readonly interpreters: boolean;
  readonly force: boolean;
}

function runStryker(chosen: Plan, testFiles: readonly string[], opts: Options): Promise<number> {
  console.log(`part: ${chosen.part}`);
  console.log(`mutate: ${chosen.mutate.join(' ')}`);
  console.log(`tests: ${testFiles.length ? testFiles.join(' ') : '(Vitest related files)'}`);
  const started = Date.now();
  const child = spawn(
    'stryker',
    ['run', 'tests/mutation/stryker.config.mjs', ...(opts.force ? ['--force'] : [])],
    {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        MUTATION_PART: chosen.part,
        MUTATION_MUTATE: chosen.mutate.join('\n'),
        MUTATION_TESTS: testFiles.join('\n'),
        MUTATION_CONCURRENCY: opts.concurrency,
        ...(opts.interpreters ? {} : { PATH: pathWithoutInterpreters() }),
      },
    },
  );
  return new Promise((done) => {
    child.on('exit', (code) => {
      const seconds = Math.round((Date.now() - started) / 1000);
      console.log(`mutation ${chosen.part}: ${duration(seconds)}`);
      done(code ?? 1);
    });
  });
}

export function duration(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m > 0 ? `${m} min ${s} s` : `${s} s`;
}

export interface Score {
  readonly mutants: number;
  readonly detected: number;
  readonly survived: number;
  readonly noCoverage: number;
  /** Stryker's mutation score: detected / (detected + survived + no coverage), in percent. */
  readonly score: number;
}

/** The score of a Stryker JSON report (mutation-testing-report-schema). */
export function scoreOf(report: {
  files: Record<string, { mutants: { status: string }[] }>;
}): Score {
  const count = new Map<string, number>();
  for (const file of Object.values(report.files)) {
    for (const m of file.mutants) {
      count.set(m.status, (count.get(m.status) ?? 0) + 1);
    }
  }
  const n = (s: string): number => count.get(s) ?? 0;
  const detected = n('Killed') + n('Timeout');
  const survived = n('Survived');
  const noCoverage = n('NoCoverage');
  const valid = detected + survived + noCoverage;
  return {
    mutants: valid,
    detected,
    survived,
    noCoverage,
    score: valid === 0 ? 100 : (detected / valid) * 100,
  };
}

/** `--all` or `--part <name>`: the parts of tests/mutation/parts.ts, one after another. */
async function runParts(chosen: readonly Part[], files: readonly string[], opts: Options) {
  const rows: string[] = [];
  let failed = 0;
  let total = 0;
  const started = Date.now();
  for (const part of chosen) {
    const p = plan(part.files, files);
    const t0 = Date.now();
    const code = await runStryker(p, part.tests ?? p.tests, {
      ...opts,
      interpreters: opts.interpreters && !part.noInterpreters,
    });
    const seconds = Math.round((Date.now() - t0) / 1000);
    const path = join(root, '.cache', 'mutation', p.part, 'report.json');
    if (code !== 0 || !existsSync(path)) {
      failed += 1;
      rows.push(
        `| ${part.name} | — | failed (exit ${code}) | ≥ ${part.target}% | ${duration(seconds)} |`,
      );
      continue;
    }
    const s = scoreOf(JSON.parse(readFileSync(path, 'utf8')));
    total += s.mutants;
    const ok = s.score >= part.target;
    if (!ok) failed += 1;
    rows.push(
      `| ${part.name} | ${s.mutants} | ${s.score.toFixed(1)}%${ok ? '' : ' **below**'} | ≥ ${part.target}% | ${duration(seconds)} |`,
    );
  }
  const all = Math.round((Date.now() - started) / 1000);
  const table = [
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, concurrency ${opts.concurrency}${opts.force ? ', --force' : ''}.`,
    '',
    '| part | mutants | score | target | time |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    `| **all ${chosen.length} parts** | ${total} | | | ${duration(all)} |`,
    '',
  ].join('\n');
  mkdirSync(join(root, '.cache', 'mutation'), { recursive: true });
  writeFileSync(join(root, '.cache', 'mutation', 'summary.md'), table);
  console.log(`\n${table}`);
  console.log('(also in .cache/mutation/summary.md)');
  return failed === 0 ? 0 : 1;
}

async function main(argv: readonly string[]): Promise<number> {
  const args: string[] = [];
  let tests: string[] | null = null;
  let related = false;
  let dry = false;
  let all = false;
  const named: string[] = [];
  let concurrency = '1';
  let interpreters = true;
  let force = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--tests') tests = (argv[++i] ?? '').split(',').filter(Boolean);
    else if (arg === '--related') related = true;
    else if (arg === '--dry') dry = true;
    else if (arg === '--all') all = true;
    else if (arg === '--part') named.push(argv[++i] ?? '');
    else if (arg === '--no-interpreters') interpreters = false;
    else if (arg === '--force') force = true;
    else if (arg === '--concurrency') concurrency = argv[++i] ?? '1';
    else args.push(arg);
  }
  const files = ['src', 'mocks', 'tests'].flatMap((d) => walk(d));
  const opts = { concurrency, interpreters, force };
  if (all || named.length > 0) {
    const chosen = all ? PARTS : PARTS.filter((p) => named.includes(p.name));
    const unknown = named.filter((n) => !PARTS.some((p) => p.name === n));
    if (unknown.length > 0) {
      console.error(
        `No such part: ${unknown.join(', ')}. Parts: ${PARTS.map((p) => p.name).join('; ')}`,
      );
      return 2;
    }
    if (dry) {
      for (const part of chosen) console.log(`${part.name}: ${part.files.join(' ')}`);
      return 0;
    }
    return runParts(chosen, files, opts);
  }
  if (args.length === 0) {
    console.error(
      'Usage: npm run mutation -- <folder or file>... [--tests a,b] [--related] | --all | --part <name>',
    );
    return 2;
  }
  const chosen = plan(args, files);
  const testFiles = related ? [] : (tests ?? chosen.tests);
  if (dry) {
    console.log(
      `part: ${chosen.part}\nmutate: ${chosen.mutate.join(' ')}\ntests: ${testFiles.join(' ')}`,
    );
    return 0;
  }
  return runStryker(chosen, testFiles, opts);
}

if (import.meta.main) process.exit(await main(process.argv.slice(2)));
