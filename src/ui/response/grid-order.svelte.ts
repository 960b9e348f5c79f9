import type { ProjectModel } from '../../lib/project/model.ts';
import type { TableLabels } from '../../lib/table/labels.ts';
import type { TableData } from '../../lib/table/types.ts';
import { SUPERSEDED, type TableViewer } from '../../lib/table/view-client.ts';
import {
  filterSlice,
  matcher,
  sortRows,
  type CellReader,
  type SortSpec,
} from '../../lib/table/view.ts';

/** What the row order is computed from, read through getters so each is tracked on its own. */
export interface OrderInputs {
  readonly table: TableData;
  readonly labels: TableLabels | null;
  /** The table worker's views; without it (no Web Workers, component tests) the page works. */
  readonly viewer: TableViewer | null;
  /** In label mode with a viewer: the project `labels` were decoded from (the worker decodes too). */
  readonly model: ProjectModel | null;
  /** The filter as applied (after the pause in typing) and the sort. */
  readonly appliedFilter: string;
  readonly sort: SortSpec | null;
  /** A cell as shown (raw or label). */
  readonly read: CellReader;
}

/** A worker's answer slower than this shows "Sorting…" / "Filtering…". */
const SLOW_MS = 150;

/** Rows scanned per slice of the filter: a slice stays well under a frame's budget. */
const FILTER_SLICE = 4000;

/**
 * Which rows the grid shows, in which order: asked of the table worker (row indices back, the
 * latest request wins), or, without one or after it failed, filtered in slices and sorted in the
 * page with the same functions. Create it while a component initialises (it runs effects).
 */
export class RowOrder {
  /** Page mode: the rows the filter keeps (null: all). */
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
  readonly #in: OrderInputs;

  constructor(inputs: OrderInputs) {
    this.#in = inputs;
    // 100,000 rows × 50 columns take a few hundred ms to scan: in slices, yielding in between,
    // so typing and scrolling stay smooth. A newer filter (or table) cancels the running one.
    $effect(() => this.#runFilter());
    // With a viewer, the table worker sorts and filters: the page only sends the request.
    $effect(() => this.#runView());
  }

  readonly offPage = $derived.by(() => this.#in.viewer !== null && this.viewError === null);
  /** Row positions in the table, in the order shown; null: every row as it came. */
  readonly order: ArrayLike<number> | null = $derived.by(() =>
    this.offPage
      ? this.remote
      : this.#in.sort
        ? sortRows(this.#in.table, this.filtered, this.#in.sort, this.#in.read)
        : this.filtered,
  );
  /** What the worker is busy with, once it takes long enough to say so. */
  readonly busy = $derived.by(() =>
    this.slow ? (this.#in.appliedFilter !== this.shownFilter ? 'Filtering…' : 'Sorting…') : null,
  );

  #runView(): (() => void) | void {
    const viewer = this.#in.viewer;
    if (!viewer || !this.offPage) return;
    const table = this.#in.table;
    const filter = this.#in.appliedFilter;
    // Plain data for the worker: `sort` is a reactive proxy, which cannot be cloned.
    const sort: SortSpec | null = this.#in.sort && { ...this.#in.sort };
    const model = this.#in.labels ? this.#in.model : null;
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
    const test = matcher(this.#in.appliedFilter);
    const rows = this.#in.table;
    const cell = this.#in.read;
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
}
