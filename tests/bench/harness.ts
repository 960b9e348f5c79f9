// Benchmark plumbing for `npm run bench`: warm up, time several runs, take the median, and set
// each figure next to a reference measured in the same process and run.

export interface Timed {
  /** What is timed, e.g. `handle() export`. */
  readonly label: string;
  /** One run. Its result is kept so the work cannot be optimised away. */
  run?(): unknown;
  /** Untimed work before each run (e.g. resetting the store). */
  before?(): void;
  /**
   * Figures the suite measured itself, one per run (e.g. timed inside a browser page, where
   * the wall clock around a Playwright call would add its own latency); then no run().
   */
  readonly figures?: readonly number[];
}

export type Goal =
  /** The figure divided by its reference must be at most this. */
  | { readonly kind: 'ratio'; readonly max: number }
  /** The figure must be below this many milliseconds. */
  | { readonly kind: 'ms'; readonly below: number }
  /** The figure must be at most this, in the benchmark's unit (e.g. KiB). */
  | { readonly kind: 'max'; readonly max: number };

export interface Benchmark {
  /** Which suite it belongs to: `npm run bench:<suite>` runs one suite. */
  readonly suite: string;
  readonly name: string;
  readonly subject: Timed;
  readonly reference: Timed;
  readonly goal: Goal;
  readonly warmup?: number;
  readonly runs?: number;
  /** What the figures are in: 'ms' (default) or 'KiB'. */
  readonly unit?: 'ms' | 'KiB';
  /** How runs combine: the median (default), or the worst run (e.g. the longest task). */
  readonly aggregate?: 'median' | 'max';
}

export interface Result {
  readonly benchmark: Benchmark;
  readonly subjectMs: number;
  readonly referenceMs: number;
  readonly ratio: number;
  readonly pass: boolean;
}

const gc = (globalThis as { gc?: () => void }).gc;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

let sink: unknown;

async function time(timed: Timed): Promise<number> {
  timed.before?.();
  gc?.();
  const started = performance.now();
  sink = await timed.run?.();
  return performance.now() - started;
}

/** Subject and reference alternate, so both see the same machine state (heat, GC, JIT). */
export async function measure(benchmark: Benchmark): Promise<Result> {
  const { warmup = 3, runs = 7, subject, reference, goal } = benchmark;
  if (subject.figures && reference.figures) {
    const combine =
      benchmark.aggregate === 'max' ? (v: readonly number[]) => Math.max(...v) : median;
    return result(benchmark, combine(subject.figures), combine(reference.figures));
  }
  for (let i = 0; i < warmup; i++) {
    await time(subject);
    await time(reference);
  }
  const subjectTimes: number[] = [];
  const referenceTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    subjectTimes.push(await time(subject));
    referenceTimes.push(await time(reference));
  }
  void sink;
  void goal;
  return result(benchmark, median(subjectTimes), median(referenceTimes));
}

function result(benchmark: Benchmark, subjectMs: number, referenceMs: number): Result {
  const { goal } = benchmark;
  const ratio = subjectMs / referenceMs;
  const pass =
    goal.kind === 'ratio'
      ? ratio <= goal.max
      : goal.kind === 'ms'
        ? subjectMs < goal.below
        : subjectMs <= goal.max;
  return { benchmark, subjectMs, referenceMs, ratio, pass };
}

/** A figure in its benchmark's unit. */
export function figure(value: number, unit: Benchmark['unit'] = 'ms'): string {
  return `${value.toFixed(1)} ${unit}`;
}

export function goalText(goal: Goal, unit: Benchmark['unit'] = 'ms'): string {
  if (goal.kind === 'ratio') return `≤ ${goal.max}× reference`;
  if (goal.kind === 'ms') return `< ${goal.below} ms`;
  return `≤ ${goal.max} ${unit}`;
}

/** One table: every figure next to its reference, the ratio, the goal and PASS/FAIL. */
export function formatTable(results: readonly Result[]): string {
  const header = ['benchmark', 'median', 'reference', 'median', 'ratio', 'goal', 'result'];
  const rows = results.map((r) => [
    r.benchmark.name,
    figure(r.subjectMs, r.benchmark.unit),
    r.benchmark.reference.label,
    figure(r.referenceMs, r.benchmark.unit),
    Number.isFinite(r.ratio) ? `${r.ratio.toFixed(2)}×` : '—',
    goalText(r.benchmark.goal, r.benchmark.unit),
    r.pass ? 'PASS' : 'FAIL',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const numeric = new Set([1, 3, 4]);
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
