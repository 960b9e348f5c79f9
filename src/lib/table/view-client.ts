import type { Choice } from '../choices/choices.ts';
import type { ProjectModel } from '../project/model.ts';
import { connect, type Remote } from '../worker/rpc.ts';
import { PACKED } from './packed.ts';
import type { SpawnTableWorker, TableWorker } from './stream-client.ts';
import type { ColumnSummary } from './summary.ts';
import type { TableData } from './types.ts';
import type { RowSlice, TableViewApi } from './view-host.ts';
import type { SortSpec } from './view.ts';

/** What `order` and `summary` answer when a newer request of the same kind replaced theirs. */
export const SUPERSEDED: unique symbol = Symbol('superseded');
export type Superseded = typeof SUPERSEDED;

/**
 * Rows per message to the worker. The mock's 55-column rows are ~560 bytes packed: 2,500 of
 * them clone in ~1 ms (worst seen 13 ms, Node 24 structuredClone on the loaded 2-core
 * machine), so 10,000 stay far under a frame's budget; the page yields between slices.
 */
export const SYNC_SLICE = 10_000;

/** Rows compared per turn when checking that a newer table only added rows to the one sent. */
const COMPARE_SLICE = 20_000;

/** A call whose failure shows in the request that follows it (the worker checks the rows). */
const quiet = (call: Promise<unknown>): void => void call.catch(() => {});

/** The packed strings under rows from unpackedRows (packed.ts); null for plain rows. */
export function packedRowsOf(rows: TableData['rows']): readonly string[] | null {
  return (rows as { readonly [PACKED]?: readonly string[] })[PACKED] ?? null;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * The page's side of a grid's views in the table worker (view-host.ts): sends the grid's rows
 * (once, in slices; later only rows added), then asks for row orders and column summaries.
 * Latest wins: an answer superseded by a newer request of its kind resolves to SUPERSEDED and
 * is never shown, and at most one request is in the worker at a time, so the worker works on
 * at most one stale request. The worker starts on the first request.
 */
export class TableViewer {
  readonly #spawn: SpawnTableWorker;
  #worker: TableWorker | null = null;
  #remote: Remote<TableViewApi> | null = null;
  #closed = false;
  /** Syncs run one after another, each seeing what the one before sent. */
  #syncs: Promise<unknown> = Promise.resolve();
  /** The request in the worker now (settled when there is none). */
  #inWorker: Promise<unknown> = Promise.resolve();
  #tableId = 0;
  /** The rows sent so far (the page's own array: packed strings or plain rows), and how many. */
  #source: RowSlice | null = null;
  #sent = 0;
  #columns = 0;
  #model: ProjectModel | null = null;
  readonly #latest = { order: 0, summary: 0 };

  constructor(spawn: SpawnTableWorker) {
    this.#spawn = spawn;
  }

  /** Rows in the grid's order (null: all, unsorted), or SUPERSEDED. `model`: label mode. */
  async order(
    table: TableData,
    filter: string,
    sort: SortSpec | null,
    model: ProjectModel | null,
  ): Promise<Int32Array | null | Superseded> {
    return this.#ask('order', table, (remote, version) => {
      if (model && model !== this.#model) {
        quiet(remote.call('model', [model]));
        this.#model = model;
      }
      return remote.call('view', [{ ...version, filter, sort, labels: model !== null }]);
    });
  }

  /** The summary of one column's raw values (with its code labels), or SUPERSEDED. */
  async summary(
    table: TableData,
    column: number,
    choices: readonly Choice[] | null,
  ): Promise<ColumnSummary | Superseded> {
    return this.#ask('summary', table, (remote, version) =>
      remote.call('summary', [{ ...version, column, choices }]),
    );
  }

  /** Drops any answer still to come for `kind` (the grid no longer wants one). */
  cancel(kind: 'order' | 'summary'): void {
    this.#latest[kind]++;
  }

  /** Stops the worker; later requests reject. */
  close(): void {
    this.#closed = true;
    this.#remote?.fail('The table view was closed.');
    this.#worker?.terminate();
    this.#worker = null;
  }

  async #ask<T>(
    kind: 'order' | 'summary',
    table: TableData,
    send: (remote: Remote<TableViewApi>, version: { table: number; rows: number }) => Promise<T>,
  ): Promise<T | Superseded> {
    const mine = ++this.#latest[kind];
    const current = (): boolean => mine === this.#latest[kind];
    const synced = this.#syncs.then(() => (current() ? this.#sync(table) : null));
    this.#syncs = synced.catch(() => {});
    const version = await synced;
    if (!current() || !version) return SUPERSEDED;
    // One request in the worker at a time: a newer one waiting here makes this one stale.
    while (true) {
      const busy = this.#inWorker;
      await busy;
      if (!current()) return SUPERSEDED;
      if (busy === this.#inWorker) break;
    }
    // A newer request (of the other kind) replaced the table since: its own request follows.
    if (version.table !== this.#tableId || version.rows !== this.#sent) return SUPERSEDED;
    const answer = send(this.#connect(), version);
    this.#inWorker = answer.catch(() => {});
    const value = await answer;
    return current() ? value : SUPERSEDED;
  }

  #connect(): Remote<TableViewApi> {
    if (this.#closed) throw new Error('The table view was closed.');
    if (this.#remote) return this.#remote;
    const worker = this.#spawn();
    const { port1, port2 } = new MessageChannel();
    const remote = connect<TableViewApi>(port1, (message) => `The table worker failed: ${message}`);
    port1.start();
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      remote.fail('The table worker could not run.');
    });
    worker.postMessage({ type: 'view', port: port2 }, [port2]);
    this.#worker = worker;
    this.#remote = remote;
    return remote;
  }

  /** Makes the worker hold `table`'s rows; yields to the page between slices. */
  async #sync(table: TableData): Promise<{ table: number; rows: number }> {
    const remote = this.#connect();
    const source: RowSlice = packedRowsOf(table.rows) ?? table.rows;
    if (!(await this.#extends(source))) {
      this.#tableId++;
      this.#sent = 0;
      this.#columns = table.columns.length;
      quiet(remote.call('reset', [this.#tableId, [...table.columns]]));
    }
    this.#source = source;
    const columns = table.columns.length > this.#columns ? [...table.columns] : null;
    if (columns) this.#columns = columns.length;
    if (columns && this.#sent === source.length)
      quiet(remote.call('append', [this.#tableId, columns, []]));
    for (let at = this.#sent; at < source.length; at += SYNC_SLICE) {
      if (at > this.#sent) await nextTurn();
      const rows = source.slice(at, at + SYNC_SLICE);
      quiet(remote.call('append', [this.#tableId, columns ?? [...table.columns], rows]));
    }
    this.#sent = source.length;
    return { table: this.#tableId, rows: this.#sent };
  }

  /** Whether `source` is the table sent so far with rows only added after it. */
  async #extends(source: RowSlice): Promise<boolean> {
    const sent = this.#source;
    if (!sent || source.length < this.#sent) return false;
    if (sent === source) return true;
    // Plain rows (a table parsed in the page) are never extended in place: a new array is a new table.
    if (typeof source[0] !== 'string' || typeof sent[0] !== 'string') return false;
    for (let at = 0; at < this.#sent; at += COMPARE_SLICE) {
      if (at > 0) await nextTurn();
      const end = Math.min(this.#sent, at + COMPARE_SLICE);
      for (let i = at; i < end; i++) if (source[i] !== sent[i]) return false;
    }
    return true;
  }
}
