/**
 * A data grid's rules without the DOM: fixed row sizes, which cell a key moves to, how sorting
 * cycles, and how wide a column starts. src/ui/response/grid.svelte.ts holds the grid's state.
 */
import type { CellReader, SortSpec } from './view.ts';

/** Fixed: only rows in view are in the DOM, positioned from their index. */
export const ROW_HEIGHT = 28;
export const HEADER_HEIGHT = 32;
export const MIN_WIDTH = 48;

export interface Cell {
  readonly row: number;
  readonly column: number;
}

/** The grid's size for a key: rows shown, columns, and rows in one page of the view. */
export interface GridSize {
  readonly rows: number;
  readonly columns: number;
  readonly page: number;
}

/** The cell a key moves to (Ctrl+Home/End: first/last row); null for keys the grid ignores. */
export function moveCell(key: string, ctrlKey: boolean, at: Cell, size: GridSize): Cell | null {
  const last = Math.max(0, size.rows - 1);
  const lastColumn = Math.max(0, size.columns - 1);
  let { row, column } = at;
  switch (key) {
    case 'ArrowDown':
      row = Math.min(last, row + 1);
      break;
    case 'ArrowUp':
      row = Math.max(0, row - 1);
      break;
    case 'PageDown':
      row = Math.min(last, row + size.page);
      break;
    case 'PageUp':
      row = Math.max(0, row - size.page);
      break;
    case 'ArrowRight':
      column = Math.min(lastColumn, column + 1);
      break;
    case 'ArrowLeft':
      column = Math.max(0, column - 1);
      break;
    case 'Home':
      row = ctrlKey ? 0 : row;
      column = 0;
      break;
    case 'End':
      row = ctrlKey ? last : row;
      column = lastColumn;
      break;
    default:
      return null;
  }
  return { row, column };
}

/** Rows in one page of a view `height` pixels high (the header not counted), at least 1. */
export function pageRows(height: number): number {
  return Math.max(1, Math.floor((height - HEADER_HEIGHT) / ROW_HEIGHT));
}

/** A header click: ascending, then descending, then unsorted; another column starts over. */
export function nextSort(sort: SortSpec | null, column: number): SortSpec | null {
  if (sort?.column !== column) return { column, direction: 'ascending' };
  if (sort.direction === 'ascending') return { column, direction: 'descending' };
  return null;
}

/** Starting widths: wide enough for the header and the first 200 rows' cells, within bounds. */
export function sampleWidths(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  read: CellReader,
): number[] {
  const longest = headers.map((h) => h.length + 2);
  const sample = Math.min(rows.length, 200);
  for (let r = 0; r < sample; r++) {
    const row = rows[r]!;
    for (let c = 0; c < longest.length; c++) {
      const n = read(row, c).length;
      if (n > longest[c]!) longest[c] = n;
    }
  }
  return longest.map((n) => Math.min(320, Math.max(72, n * 7.5 + 24)));
}

/** A column's width after a resize key (Shift: bigger steps); null for other keys. */
export function resizedByKey(key: string, shiftKey: boolean, width: number): number | null {
  const step = shiftKey ? 40 : 10;
  if (key === 'ArrowRight') return width + step;
  if (key === 'ArrowLeft') return width - step;
  return null;
}
