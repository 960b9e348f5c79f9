import { describe, expect, it } from 'vitest';
import { niceStep, summarizeColumn } from '../../../src/lib/table/summary.ts';

const SEX = [
  { code: '0', label: 'Female' },
  { code: '1', label: 'Male' },
];

describe('summarizeColumn', () => {
  it('counts each choice with its label, in the dictionary’s order, zero counts included', () => {
    const summary = summarizeColumn(['1', '1', '', '1'], SEX);
    expect(summary.kind).toBe('choices');
    if (summary.kind !== 'choices') return;
    expect(summary.bars).toEqual([
      { value: '0', label: 'Female', count: 0 },
      { value: '1', label: 'Male', count: 3 },
    ]);
    expect(summary).toMatchObject({ total: 4, blanks: 1, blankShare: 0.25 });
  });

  it('keeps codes missing from the dictionary as their own bar', () => {
    const summary = summarizeColumn(['0', '9'], SEX);
    expect(summary.kind === 'choices' && summary.bars.map((b) => [b.label, b.count])).toEqual([
      ['Female', 1],
      ['Male', 0],
      ['9', 1],
    ]);
  });

  it('bins integers into readable ranges that hold every value once', () => {
    const values = Array.from({ length: 100 }, (_, i) => String(i)); // 0..99
    const summary = summarizeColumn(values);
    expect(summary.kind).toBe('numbers');
    if (summary.kind !== 'numbers') return;
    expect(summary.bars.map((b) => b.label)).toEqual([
      '0 – 9',
      '10 – 19',
      '20 – 29',
      '30 – 39',
      '40 – 49',
      '50 – 59',
      '60 – 69',
      '70 – 79',
      '80 – 89',
      '90 – 99',
    ]);
    expect(summary.bars.every((b) => b.count === 10)).toBe(true);
    expect([summary.min, summary.max]).toEqual(['0', '99']);
  });

  it('bins decimals, the maximum in the last bin', () => {
    const summary = summarizeColumn(['1.5', '2.5', '3.0', '', '']);
    if (summary.kind !== 'numbers') throw new Error(summary.kind);
    expect(summary.bars.reduce((n, b) => n + b.count, 0)).toBe(3);
    expect(summary.bars.at(-1)!.count).toBeGreaterThan(0);
    expect(summary.blankShare).toBeCloseTo(0.4);
  });

  it('gives one bin when every number is the same', () => {
    const summary = summarizeColumn(['5', '5']);
    expect(summary.kind === 'numbers' && summary.bars).toEqual([
      { value: '5', label: '5', count: 2 },
    ]);
  });

  it('bins dates by day ranges and reports the first and last date', () => {
    const values = ['2024-01-01', '2024-01-02', '2024-03-31', '2024-02-15 10:30'];
    const summary = summarizeColumn(values);
    expect(summary.kind).toBe('dates');
    if (summary.kind !== 'dates') return;
    expect(summary.bars.reduce((n, b) => n + b.count, 0)).toBe(4);
    expect(summary.bars[0]!.label).toMatch(/^2024-01-01 – 2024-01-/);
    expect(summary.min).toBe('2024-01-01');
    expect(summary.max).toBe('2024-03-31');
  });

  it('charts few distinct texts as categories, many as a top list with the distinct count', () => {
    const few = summarizeColumn(['a', 'b', 'a']);
    expect(few.kind === 'choices' && few.bars.map((b) => [b.value, b.count])).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
    const many = summarizeColumn(Array.from({ length: 50 }, (_, i) => `name ${i % 25}`));
    expect(many.kind).toBe('text');
    if (many.kind !== 'text') return;
    expect(many.distinct).toBe(25);
    expect(many.bars.length).toBe(8);
  });

  it('says a column is empty, and that an empty table has no blanks share', () => {
    expect(summarizeColumn(['', ' '])).toEqual({
      kind: 'empty',
      total: 2,
      blanks: 2,
      blankShare: 1,
    });
    expect(summarizeColumn([])).toMatchObject({ kind: 'empty', blankShare: 0 });
  });

  it('handles 100,000 numbers without overflowing the stack', () => {
    const values = Array.from({ length: 100_000 }, (_, i) => String(i % 1000));
    const summary = summarizeColumn(values);
    expect(summary.kind === 'numbers' && summary.max).toBe('999');
  });
});

describe('niceStep', () => {
  it('rounds up to 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(99, 10)).toBe(10);
    expect(niceStep(13, 10)).toBe(2);
    expect(niceStep(0.3, 10)).toBeCloseTo(0.05);
    expect(niceStep(0, 10)).toBe(1);
  });
});
