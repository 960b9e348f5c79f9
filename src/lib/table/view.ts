/**
 * The rows a grid shows, in order: filtered by a text and sorted by one column. Works on row
 * indices so 100,000 rows are never copied; cells are read through `cell` (raw or labels).
 */
import type { TableData } from './types.ts';

export type CellReader = (row: readonly string[], column: number) => string;

export interface SortSpec {
  readonly column: number;
  readonly direction: 'ascending' | 'descending';
}

const rawCell: CellReader = (row, column) => row[column] ?? '';
const NUMBER = /^\s*-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i;

/** Indices of the rows whose shown cells contain `text` (case-insensitive); null: all rows. */
export function filterRows(
  table: TableData,
  text: string,
  cell: CellReader = rawCell,
): number[] | null {
  const needle = text.trim().toLowerCase();
  if (needle === '') return null;
  const width = table.columns.length;
  const out: number[] = [];
  table.rows.forEach((row, index) => {
    for (let c = 0; c < width; c++) {
      if (cell(row, c).toLowerCase().includes(needle)) {
        out.push(index);
        return;
      }
    }
  });
  return out;
}

/**
 * Sorts row indices by a column: numerically when every filled cell is a number, else as text
 * (numeric-aware, so `record 2` comes before `record 10`). Blanks always last; ties keep the
 * response's order.
 */
export function sortRows(
  table: TableData,
  indices: readonly number[] | null,
  sort: SortSpec,
  cell: CellReader = rawCell,
): number[] {
  const order = indices ? [...indices] : table.rows.map((_, i) => i);
  const keys = new Array<string>(table.rows.length);
  let numeric = true;
  for (const i of order) {
    const key = cell(table.rows[i]!, sort.column);
    keys[i] = key;
    if (numeric && key.trim() !== '' && !NUMBER.test(key)) numeric = false;
  }
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  const nums = numeric ? keys.map((k) => (k.trim() === '' ? NaN : Number(k))) : null;
  order.sort((a, b) => {
    const ka = keys[a]!;
    const kb = keys[b]!;
    const blankA = ka.trim() === '';
    const blankB = kb.trim() === '';
    if (blankA || blankB) return blankA === blankB ? a - b : blankA ? 1 : -1;
    const diff = nums ? nums[a]! - nums[b]! : collator.compare(ka, kb);
    return diff !== 0 ? sign * diff : a - b;
  });
  return order;
}

/** The first and last row (exclusive) to render for a scroll position, with some spare rows. */
export function visibleRange(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  rowCount: number,
  overscan = 6,
): { readonly start: number; readonly end: number } {
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const start = Math.max(0, first - overscan);
  const end = Math.min(rowCount, first + Math.ceil(viewportHeight / rowHeight) + overscan);
  return { start, end: Math.max(start, end) };
}
