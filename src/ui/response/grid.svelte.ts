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
import { SUPERSEDED, type TableViewer } from '../../lib/table/view-client.ts';
import {
  filterSlice,
  matcher,
  sortRows,
  visibleRange,
  type CellReader,
  type SortSpec,
} from '../../lib/table/view.ts';

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

/** A worker's answer slower than this shows "Sorting…" / "Filtering…". */
const SLOW_MS = 150;

const NO_ROW: readonly string[] = [];

/** Rows scanned per slice of the filter: a slice stays well under a frame's budget. */
const FILTER_SLICE = 4000;

/**
 * What DataGrid.svelte shows: the filter (typed and applied), sort, column widths, scroll
 * position and active cell. Create it while a component initialises (it runs an effect).
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
  filtered = $state.raw<number[] | null>(null);
  filtering = $state(false);
  /** The table worker's last answer (kept while a newer request is on its way: no flicker). */
  remote = $state.raw<Int32Array | null>(null);
  /** A request is in the table worker. */
  pending = $state(false);
  /** …for longer than SLOW_MS. */
  slow = $state(false);
  /** Why the table worker failed: sort and filter then run in the page. */
  viewError = $state<string | null>(null);
  /** The filter the rows shown were computed with (worker mode). */
  shownFilter = $state('');
  readonly uid = `grid-${Math.random().toString(36).slice(2, 8)}`;
  readonly #props: GridProps;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(props: GridProps) {
    this.#props = props;
    // 100,000 rows × 50 columns take a few hundred ms to scan: in slices, yielding in between,
    // so typing and scrolling stay smooth. A newer filter (or table) cancels the running one.
    $effect(() => this.#runFilter());
    // With a viewer, the table worker sorts and filters: the page only sends the request.
    $effect(() => this.#runView());
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

  readonly headers = $derived(this.labels?.headers ?? this.table.columns);
  readonly read: CellReader = (row, c) => cellShown(this.labels, row, c);
  // Rows can grow while a long export is still parsing (a new TableData per batch).
  readonly rowCount = $derived(this.table.rows.length);
  readonly offPage = $derived(this.viewer !== null && this.viewError === null);
  readonly order: ArrayLike<number> | null = $derived(
    this.offPage
      ? this.remote
      : this.sort
        ? sortRows(this.table, this.filtered, this.sort, this.read)
        : this.filtered,
  );
  /** What the worker is busy with, once it takes long enough to say so. */
  readonly busy = $derived(
    this.slow ? (this.appliedFilter !== this.shownFilter ? 'Filtering…' : 'Sorting…') : null,
  );
  readonly shownCount = $derived(this.order ? this.order.length : this.rowCount);
  readonly range = $derived(
    visibleRange(this.scrollTop, this.#viewHeight(), ROW_HEIGHT, this.shownCount),
  );
  readonly sampled = $derived(sampleWidths(this.headers, this.table.rows, this.read));
  readonly template = $derived(this.table.columns.map((_, c) => `${this.widthOf(c)}px`).join(' '));

  #viewHeight(): number {
    return this.viewport || this.#props.height;
  }

  #runView(): (() => void) | void {
    const viewer = this.viewer;
    if (!viewer || !this.offPage) return;
    const table = this.table;
    const filter = this.appliedFilter;
    // Plain data for the worker: `sort` is a reactive proxy, which cannot be cloned.
    const sort: SortSpec | null = this.sort && { ...this.sort };
    const model = this.labels ? (this.#props.model ?? null) : null;
    if (!matcher(filter) && !sort) {
      viewer.cancel('order');
      this.remote = null;
      this.pending = this.slow = false;
      this.shownFilter = filter;
      return;
    }
    this.pending = true;
    const timer = setTimeout(() => (this.slow = true), SLOW_MS);
    viewer.order(table, filter, sort, model).then(
      (answer) => {
        clearTimeout(timer);
        if (answer === SUPERSEDED) return;
        this.remote = answer;
        this.shownFilter = filter;
        this.pending = this.slow = false;
      },
      (error: unknown) => {
        clearTimeout(timer);
        // The page takes over (the same functions, run here).
        this.viewError = error instanceof Error ? error.message : String(error);
        this.pending = this.slow = false;
      },
    );
    return () => clearTimeout(timer);
  }

  #runFilter(): (() => void) | void {
    if (this.offPage) {
      this.filtered = null;
      this.filtering = false;
      return;
    }
    const test = matcher(this.appliedFilter);
    const rows = this.table;
    const cell = this.read;
    if (!test) {
      this.filtered = null;
      this.filtering = false;
      return;
    }
    const out: number[] = [];
    let at = 0;
    let cancelled = false;
    const step = (): void => {
      if (cancelled) return;
      const until = performance.now() + 30;
      while (at < rows.rows.length && performance.now() < until) {
        filterSlice(rows, test, at, at + FILTER_SLICE, out, cell);
        at += FILTER_SLICE;
      }
      if (at < rows.rows.length) {
        setTimeout(step, 0);
        return;
      }
      this.filtered = out;
      this.filtering = false;
    };
    this.filtering = true;
    step();
    return () => {
      cancelled = true;
    };
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
