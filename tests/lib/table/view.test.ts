import { describe, expect, it } from 'vitest';
import {
  filterRows,
  NATURAL_SORT_LIMIT,
  sortRows,
  visibleRange,
} from '../../../src/lib/table/view.ts';

const table = {
  columns: ['id', 'name'],
  rows: [
    ['1', 'record 10'],
    ['2', ''],
    ['3', 'Record 2'],
    ['4', 'a.b'],
  ],
};

describe('sortRows', () => {
  it('sorts text naturally and keeps blanks last in both directions', () => {
    expect(sortRows(table, null, { column: 1, direction: 'ascending' })).toEqual([3, 2, 0, 1]);
    expect(sortRows(table, null, { column: 1, direction: 'descending' })).toEqual([0, 2, 3, 1]);
  });

  it('sorts big tables by plain lower-cased order, stable on ties', () => {
    const rows = Array.from({ length: NATURAL_SORT_LIMIT + 2 }, (_, i) => [i % 2 ? 'B' : 'a']);
    const order = sortRows({ columns: ['x'], rows }, null, { column: 0, direction: 'ascending' });
    expect(order.slice(0, 3)).toEqual([0, 2, 4]);
    expect(rows[order.at(-1)!]![0]).toBe('B');
  });

  it('sorts only the given rows', () => {
    expect(sortRows(table, [3, 0], { column: 0, direction: 'descending' })).toEqual([3, 0]);
  });
});

describe('filterRows', () => {
  it('matches any cell without regard to case, and special characters literally', () => {
    expect(filterRows(table, 'RECORD')).toEqual([0, 2]);
    expect(filterRows(table, 'a.b')).toEqual([3]);
    expect(filterRows(table, '.')).toEqual([3]);
    expect(filterRows(table, '  ')).toBeNull();
  });
});

describe('visibleRange', () => {
  it('covers the viewport plus spare rows, within the table', () => {
    expect(visibleRange(0, 280, 28, 100_000, 5)).toEqual({ start: 0, end: 15 });
    expect(visibleRange(28 * 1000, 280, 28, 100_000, 5)).toEqual({ start: 995, end: 1015 });
    expect(visibleRange(28 * 99_999, 280, 28, 100_000, 5)).toEqual({
      start: 99_994,
      end: 100_000,
    });
  });
});
