import { describe, expect, it } from 'vitest';
import { packRow, unpackedRows } from '../../../src/lib/table/packed.ts';

describe('packed rows', () => {
  const packed = [packRow(['1', 'a "quoted", \\ cell\n']), packRow(['2', '']), packRow(['3'])];
  const rows = unpackedRows(packed, 3);

  it('reads back every cell exactly, padding short rows to the width', () => {
    expect(rows.length).toBe(3);
    expect(rows[0]).toEqual(['1', 'a "quoted", \\ cell\n', '']);
    expect(rows[2]).toEqual(['3', '', '']);
    expect(rows[3]).toBeUndefined();
  });

  it('behaves as an array for slice, iteration and map', () => {
    expect(Array.isArray(rows)).toBe(true);
    expect(rows.slice(1, 2)).toEqual([['2', '', '']]);
    expect([...rows].map((r) => r[0])).toEqual(['1', '2', '3']);
    expect(rows.map((r) => r.length)).toEqual([3, 3, 3]);
  });

  it('is read-only', () => {
    expect(() => {
      (rows as string[][])[0] = ['x'];
    }).toThrow();
    expect(rows[0]![0]).toBe('1');
  });
});
