/**
 * What one column of a table looks like, for the column summary chart: counts per choice
 * (labels from the project's metadata), a histogram for numbers and dates, and the share of
 * blanks. Pure; values are the raw cells as REDCap sends them.
 */
import type { Choice } from '../choices/choices.ts';

export interface Bar {
  /** The raw value (code), or for bins the range as text. */
  readonly value: string;
  readonly label: string;
  readonly count: number;
}

interface Common {
  readonly total: number;
  readonly blanks: number;
  /** blanks / total, 0 for an empty column. */
  readonly blankShare: number;
}

export type ColumnSummary =
  | (Common & { readonly kind: 'empty' })
  | (Common & { readonly kind: 'choices'; readonly bars: readonly Bar[] })
  | (Common & {
      readonly kind: 'numbers' | 'dates';
      readonly bars: readonly Bar[];
      readonly min: string;
      readonly max: string;
    })
  /** Free text: the most frequent values, and how many distinct there are. */
  | (Common & { readonly kind: 'text'; readonly bars: readonly Bar[]; readonly distinct: number });

/** Most bins a histogram gets; fewer for few values. */
export const MAX_BINS = 10;
/** Text columns with at most this many distinct values are charted as categories. */
export const MAX_CATEGORIES = 12;
const TOP_TEXT = 8;

const NUMBER = /^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;
// REDCap dates and datetimes as exported (Y-M-D, optional time).
const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const DAY_MS = 86_400_000;

function dateValue(text: string): number | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
  const ms = Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s);
  return Number.isNaN(ms) ? null : ms;
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function countValues(values: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

/** Rounds a bin width up to 1, 2 or 5 × a power of ten, so edges are readable. */
export function niceStep(span: number, bins: number): number {
  if (!(span > 0)) return 1;
  const raw = span / bins;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].find((f) => f * power >= raw)! * power;
  return step;
}

function formatNumber(n: number): string {
  return Number.parseFloat(n.toPrecision(12)).toString();
}

function histogram(
  nums: readonly number[],
  integral: boolean,
  label: (from: number, to: number) => string,
  align = true,
): Bar[] {
  let min = Infinity;
  let max = -Infinity;
  for (const n of nums) {
    if (n < min) min = n;
    if (n > max) max = n;
  }
  if (min === max) return [{ value: label(min, max), label: label(min, max), count: nums.length }];
  let step = niceStep(max - min, MAX_BINS);
  if (integral) step = Math.max(1, Math.ceil(step));
  // Numbers start on a multiple of the step (0 – 9, 10 – 19); dates on the first day.
  const start = align ? Math.floor(min / step) * step : min;
  const count = Math.floor((max - start) / step) + 1;
  const bins = new Array<number>(count).fill(0);
  for (const n of nums) bins[Math.min(count - 1, Math.floor((n - start) / step))]! += 1;
  return bins.map((c, i) => {
    const from = start + i * step;
    // Integers: a bin holds from … from+step-1, shown as such.
    const to = integral ? from + step - 1 : from + step;
    const text = label(from, to);
    return { value: text, label: text, count: c };
  });
}

/**
 * The summary of one column. `choices` are the column's code labels (from the metadata) when it
 * holds codes: each choice gets a bar, in the project's order, zero counts included.
 */
export function summarizeColumn(
  values: readonly string[],
  choices: readonly Choice[] | null = null,
): ColumnSummary {
  const total = values.length;
  const filled: string[] = [];
  for (const v of values) if (v.trim() !== '') filled.push(v);
  const blanks = total - filled.length;
  const common = { total, blanks, blankShare: total === 0 ? 0 : blanks / total };
  if (filled.length === 0) return { kind: 'empty', ...common };

  const counts = countValues(filled);
  if (choices) {
    const bars: Bar[] = choices.map((c) => ({
      value: c.code,
      label: c.label,
      count: counts.get(c.code) ?? 0,
    }));
    // Values outside the choice list (a changed dictionary) still count.
    const known = new Set(choices.map((c) => c.code));
    for (const [value, count] of counts) {
      if (!known.has(value)) bars.push({ value, label: value, count });
    }
    return { kind: 'choices', ...common, bars };
  }

  if (filled.every((v) => NUMBER.test(v.trim()))) {
    const nums = filled.map(Number);
    const integral = nums.every(Number.isInteger);
    const bars = histogram(nums, integral, (from, to) =>
      from === to ? formatNumber(from) : `${formatNumber(from)} – ${formatNumber(to)}`,
    );
    return {
      kind: 'numbers',
      ...common,
      bars,
      // Not Math.min(...nums): 100,000 arguments overflow the stack.
      min: formatNumber(nums.reduce((a, b) => (b < a ? b : a))),
      max: formatNumber(nums.reduce((a, b) => (b > a ? b : a))),
    };
  }

  const dates = filled.map(dateValue);
  if (dates.every((d) => d !== null)) {
    const days = (dates as number[]).map((ms) => Math.floor(ms / DAY_MS));
    const bars = histogram(
      days,
      true,
      (from, to) =>
        from === to ? isoDay(from * DAY_MS) : `${isoDay(from * DAY_MS)} – ${isoDay(to * DAY_MS)}`,
      false,
    );
    const min = filled.reduce((a, b) => (b < a ? b : a));
    const max = filled.reduce((a, b) => (b > a ? b : a));
    return { kind: 'dates', ...common, bars, min, max };
  }

  const byCount = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const bars = byCount.map(([value, count]) => ({ value, label: value, count }));
  if (counts.size <= MAX_CATEGORIES) return { kind: 'choices', ...common, bars };
  return { kind: 'text', ...common, bars: bars.slice(0, TOP_TEXT), distinct: counts.size };
}
