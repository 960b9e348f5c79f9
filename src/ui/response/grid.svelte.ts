import {
  HEADER_HEIGHT,
  MIN_WIDTH,
  moveCell,
  nextSort,
  pageRows,
  resizedByKey,
  ROW_HEIGHT,
  sampleWidths,
  type Cell,
} from '../../lib/table/grid.ts';
import { cellShown, type TableLabels } from '../../lib/table/labels.ts';
import type { ProjectModel } from '../../lib/project/model.ts';
import type { TableData } from '../../lib/table/types.ts';
import type { TableViewer } from '../../lib/table/view-client.ts';
import { visibleRange, type CellReader, type SortSpec } from '../../lib/table/view.ts';
import { RowOrder } from './grid-order.svelte.ts';

/** The component's props, read through getters so each is tracked on its own. */
export interface GridProps {
  readonly table: TableData;
  /** Label mode: headers and cells decoded; null shows raw values. */
  readonly labels: TableLabels | null;
  /** Height of the scrolling area in pixels. */
  readonly height: number;
  /**
   * The table worker's views: sort and filter run there, the page gets row indices. Without
   * it (no Web Workers, component tests) they run in the page.
   */
  readonly viewer?: TableViewer | null;
  /** In label mode with a viewer: the project `labels` were decoded from (the worker decodes too). */
  readonly model?: ProjectModel | null;
}

const NO_ROW: readonly string[] = [];

/**
 * What DataGrid.svelte shows: the filter (typed and applied), sort, column widths, scroll
 * position and active cell; which rows, in which order, is `rows` (grid-order.svelte.ts).
 * Create it while a component initialises (it runs effects).
 */
export class GridState {
  filter = $state('');
  appliedFilter = $state('');
  sort = $state<SortSpec | null>(null);
  widths = $state<number[]>([]);
  scrollTop = $state(0);
  viewport = $state(0);
  active = $state<Cell>({ row: 0, column: 0 });
  scroller = $state<HTMLDivElement | undefined>();
  readonly uid = `grid-${Math.random().toString(36).slice(2, 8)}`;
  readonly #props: GridProps;
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** Which rows show, in which order (the table worker, or the page). */
  readonly rows: RowOrder;

  constructor(props: GridProps) {
    this.#props = props;
    this.rows = new RowOrder(this);
  }

  get table(): TableData {
    return this.#props.table;
  }

  get labels(): TableLabels | null {
    return this.#props.labels;
  }

  get viewer(): TableViewer | null {
    return this.#props.viewer ?? null;
  }

  get model(): ProjectModel | null {
    return this.#props.model ?? null;
  }

  readonly headers = $derived(this.labels?.headers ?? this.table.columns);
  readonly read: CellReader = (row, c) => cellShown(this.labels, row, c);
  // Rows can grow while a long export is still parsing (a new TableData per batch).
  readonly rowCount = $derived(this.table.rows.length);
  get order(): ArrayLike<number> | null {
    return this.rows.order;
  }
  readonly shownCount = $derived(this.order ? this.order.length : this.rowCount);
  readonly range = $derived(
    visibleRange(this.scrollTop, this.#viewHeight(), ROW_HEIGHT, this.shownCount),
  );
  readonly sampled = $derived(sampleWidths(this.headers, this.table.rows, this.read));
  readonly template = $derived(this.table.columns.map((_, c) => `${this.widthOf(c)}px`).join(' '));

  #viewHeight(): number {
    return this.viewport || this.#props.height;
  }

  widthOf(c: number): number {
    return this.widths[c] ?? this.sampled[c] ?? 120;
  }

  /** The filter runs over every row: it waits for a pause in typing. */
  typed(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.appliedFilter = this.filter;
      this.active = { row: 0, column: this.active.column };
    }, 150);
  }

  toggleSort(column: number): void {
    this.sort = nextSort(this.sort, column);
  }

  rowAt(position: number): readonly string[] {
    // A previous answer may name rows of a table since replaced: they show empty until the next.
    return this.table.rows[this.order ? this.order[position]! : position] ?? NO_ROW;
  }

  resize(column: number, width: number): void {
    const next = [...this.widths];
    for (let c = 0; c < this.table.columns.length; c++) next[c] ??= this.widthOf(c);
    next[column] = Math.max(MIN_WIDTH, Math.round(width));
    this.widths = next;
  }

  resizeKey(event: KeyboardEvent, column: number): void {
    const width = resizedByKey(event.key, event.shiftKey, this.widthOf(column));
    if (width === null) return;
    this.resize(column, width);
    event.preventDefault();
  }

  scrolled(): void {
    this.scrollTop = this.scroller?.scrollTop ?? 0;
  }

  #scrollToRow(row: number): void {
    const scroller = this.scroller;
    if (!scroller) return;
    const top = row * ROW_HEIGHT;
    const view = this.#viewHeight() - HEADER_HEIGHT;
    if (top < scroller.scrollTop) scroller.scrollTop = top;
    else if (top + ROW_HEIGHT > scroller.scrollTop + view)
      scroller.scrollTop = top + ROW_HEIGHT - view;
    this.scrollTop = scroller.scrollTop;
  }

  keydown(event: KeyboardEvent): void {
    const size = {
      rows: this.shownCount,
      columns: this.table.columns.length,
      page: pageRows(this.#viewHeight()),
    };
    const next = moveCell(event.key, event.ctrlKey, this.active, size);
    if (!next) return;
    event.preventDefault();
    this.active = next;
    this.#scrollToRow(next.row);
    document
      .getElementById(`${this.uid}-c${next.column}`)
      ?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  }
}
