import { describe, expect, it } from 'vitest';
import {
  moveCell,
  nextSort,
  pageRows,
  resizedByKey,
  sampleWidths,
} from '../../../src/lib/table/grid.ts';

const size = { rows: 100, columns: 5, page: 10 };
const at = { row: 50, column: 2 };

describe('moveCell', () => {
  it.each([
    ['ArrowDown', false, { row: 51, column: 2 }],
    ['ArrowUp', false, { row: 49, column: 2 }],
    ['PageDown', false, { row: 60, column: 2 }],
    ['PageUp', false, { row: 40, column: 2 }],
    ['ArrowRight', false, { row: 50, column: 3 }],
    ['ArrowLeft', false, { row: 50, column: 1 }],
    ['Home', false, { row: 50, column: 0 }],
    ['End', false, { row: 50, column: 4 }],
    ['Home', true, { row: 0, column: 0 }],
    ['End', true, { row: 99, column: 4 }],
  ])('%s (Ctrl %s) moves to %j', (key, ctrl, expected) => {
    expect(moveCell(key, ctrl, at, size)).toEqual(expected);
  });

  it('stops at the edges, and at the first row of an empty view', () => {
    expect(moveCell('PageDown', false, { row: 95, column: 4 }, size)).toEqual({
      row: 99,
      column: 4,
    });
    expect(moveCell('PageUp', false, { row: 5, column: 0 }, size)).toEqual({ row: 0, column: 0 });
    expect(moveCell('ArrowRight', false, { row: 0, column: 4 }, size)).toEqual({
      row: 0,
      column: 4,
    });
    expect(moveCell('ArrowLeft', false, { row: 0, column: 0 }, size)).toEqual({
      row: 0,
      column: 0,
    });
    expect(moveCell('ArrowUp', false, { row: 0, column: 0 }, size)).toEqual({ row: 0, column: 0 });
    expect(moveCell('ArrowDown', false, { row: 99, column: 0 }, size)).toEqual({
      row: 99,
      column: 0,
    });
    expect(moveCell('End', true, at, { rows: 0, columns: 0, page: 1 })).toEqual({
      row: 0,
      column: 0,
    });
  });

  it('ignores other keys', () => {
    expect(moveCell('a', false, at, size)).toBeNull();
    expect(moveCell('Enter', true, at, size)).toBeNull();
  });
});

describe('pageRows, nextSort, resizedByKey, sampleWidths', () => {
  it('counts whole rows under the header, at least one', () => {
    expect(pageRows(32 + 28 * 10 + 27)).toBe(10);
    expect(pageRows(10)).toBe(1);
  });

  it('cycles a column ascending → descending → unsorted; another column starts ascending', () => {
    expect(nextSort(null, 1)).toEqual({ column: 1, direction: 'ascending' });
    expect(nextSort({ column: 1, direction: 'ascending' }, 1)).toEqual({
      column: 1,
      direction: 'descending',
    });
    expect(nextSort({ column: 1, direction: 'descending' }, 1)).toBeNull();
    expect(nextSort({ column: 1, direction: 'descending' }, 2)).toEqual({
      column: 2,
      direction: 'ascending',
    });
  });

  it('resizes by 10 px, 40 with Shift, only with the arrow keys', () => {
    expect(resizedByKey('ArrowRight', false, 100)).toBe(110);
    expect(resizedByKey('ArrowLeft', false, 100)).toBe(90);
    expect(resizedByKey('ArrowRight', true, 100)).toBe(140);
    expect(resizedByKey('ArrowLeft', true, 100)).toBe(60);
    expect(resizedByKey('ArrowUp', false, 100)).toBeNull();
  });

  it('fits the header and the first 200 rows, between 72 and 320 px', () => {
    const rows = [['1', 'x'.repeat(20)], ...Array.from({ length: 300 }, () => ['1', 'y'])];
    rows.push(['1', 'z'.repeat(100)]); // row 302: not sampled
    const read = (row: readonly string[], c: number) => row[c] ?? '';
    expect(sampleWidths(['id', 'name'], rows, read)).toEqual([72, 20 * 7.5 + 24]);
    expect(sampleWidths(['id'], [['x'.repeat(60)]], read)).toEqual([320]);
    expect(sampleWidths(['a_long_header_name'], [], read)).toEqual([20 * 7.5 + 24]);
  });
});
