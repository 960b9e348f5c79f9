import type { Choice } from '../choices/choices.ts';
import type { ProjectModel } from '../project/model.ts';
import { Moved, serve, type Endpoint } from '../worker/rpc.ts';
import { cellShown, tableLabels, type TableLabels } from './labels.ts';
import { summarizeColumn, type ColumnSummary } from './summary.ts';
import type { TableData } from './types.ts';
import { viewRows, type CellReader, type SortSpec } from './view.ts';

/**
 * The table worker's second job: it holds a copy of the table a grid shows and answers its
 * sorts, filters (raw or label mode) and column summaries with row indices, so 100,000 rows ×
 * 55 columns are never scanned on the page. The page (view-client.ts) sends the rows once, in
 * slices, and only the rows added since as an export grows.
 */

/** Which rows a request is about: the worker answers only for exactly these. */
export interface TableVersion {
  /** The page's number for this table (a new one when the table is replaced). */
  readonly table: number;
  /** How many rows the page has sent. */
  readonly rows: number;
}

export interface ViewRequest extends TableVersion {
  readonly filter: string;
  readonly sort: SortSpec | null;
  /** Label mode: cells are read decoded with the model last sent by `model`. */
  readonly labels: boolean;
}

export interface SummaryRequest extends TableVersion {
  readonly column: number;
  /** The column's code labels, as the page's summary would use them. */
  readonly choices: readonly Choice[] | null;
}

/** Rows as the page sends them: packed (packed.ts) or plain arrays of cells. */
export type RowSlice = readonly string[] | readonly (readonly string[])[];

function unpacked(row: string | readonly string[]): readonly string[] {
  if (typeof row !== 'string') return Array.isArray(row) ? row : [];
  try {
    const cells: unknown = JSON.parse(row);
    return Array.isArray(cells) ? cells.map((c) => (typeof c === 'string' ? c : String(c))) : [];
  } catch {
    return [];
  }
}

/** The worker's copy of one table, and the answers it computes over it. */
export class TableStore {
  #id = -1;
  #columns: readonly string[] = [];
  readonly #rows: (readonly string[])[] = [];
  #model: ProjectModel | null = null;
  #labels: { columns: readonly string[]; model: ProjectModel; labels: TableLabels } | null = null;

  /** Starts table `id` with no rows. */
  reset(id: number, columns: readonly string[]): void {
    this.#id = id;
    this.#columns = [...columns];
    this.#rows.length = 0;
  }

  /** Adds rows to table `id`; `columns` may have grown (a later row brought a new field). */
  append(id: number, columns: readonly string[], rows: RowSlice): number {
    if (id !== this.#id) throw new Error(`rows for table ${id}, but table ${this.#id} is held`);
    if (columns.length > this.#columns.length) this.#columns = [...columns];
    for (const row of rows) this.#rows.push(unpacked(row));
    return this.#rows.length;
  }

  /** The project whose labels label mode shows (null: none). */
  setModel(model: ProjectModel | null): void {
    this.#model = model;
  }

  /** Row indices in the grid's order; null: every row in the answer's order. */
  view(request: ViewRequest): Int32Array | null {
    const table = this.#check(request);
    const labels = request.labels ? this.#tableLabels() : null;
    const read: CellReader = (row, c) => cellShown(labels, row, c);
    const order = viewRows(table, request.filter, request.sort, read);
    return order ? Int32Array.from(order) : null;
  }

  /** The column summary the Table view shows, of the raw values as the page's would be. */
  summary(request: SummaryRequest): ColumnSummary {
    const table = this.#check(request);
    const column = request.column;
    const values = table.rows.map((row) => row[column] ?? '');
    return summarizeColumn(values, request.choices);
  }

  #check(version: TableVersion): TableData {
    if (version.table !== this.#id || version.rows !== this.#rows.length) {
      throw new Error(
        `asked about table ${version.table} with ${version.rows} rows, but table ${this.#id} has ${this.#rows.length}`,
      );
    }
    return { columns: this.#columns, rows: this.#rows };
  }

  #tableLabels(): TableLabels | null {
    const model = this.#model;
    if (!model) return null;
    const cached = this.#labels;
    if (cached && cached.model === model && cached.columns === this.#columns) return cached.labels;
    const labels = tableLabels(this.#columns, model);
    this.#labels = { columns: this.#columns, model, labels };
    return labels;
  }
}

/** The operations the page calls (rpc.ts), one at a time in the order sent. */
export function tableViewApi(store: TableStore = new TableStore()) {
  return {
    reset: (id: number, columns: readonly string[]) => store.reset(id, columns),
    append: (id: number, columns: readonly string[], rows: RowSlice) =>
      store.append(id, columns, rows),
    model: (model: ProjectModel | null) => store.setModel(model),
    view: (request: ViewRequest) => {
      const order = store.view(request);
      return new Moved(order, order ? [order.buffer] : []);
    },
    summary: (request: SummaryRequest) => store.summary(request),
  };
}

export type TableViewApi = ReturnType<typeof tableViewApi>;

/** Serves view requests over `endpoint` (a MessagePort the page sent to the table worker). */
export function serveTableViews(endpoint: Endpoint & { start?: () => void }): void {
  serve(endpoint, tableViewApi());
  endpoint.start?.();
}
