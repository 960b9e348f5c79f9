import type { BodySink, SendOptions } from '../../lib/execute/transport.ts';
import { createTableSink, type SpawnTableWorker } from '../../lib/table/stream-client.ts';
import type { RowsUpdate } from '../../lib/table/stream-job.ts';
import { unpackedRows } from '../../lib/table/packed.ts';
import type { TableData } from '../../lib/table/types.ts';

/** How often the page takes progress and new rows: often enough to feel live, rarely enough to stay cheap. */
const PUBLISH_MS = 100;

/**
 * One Execute's body while it arrives: bytes received, rows parsed, and the table growing
 * (rows come from the table worker; the page only appends them). A new `begin()` drops
 * everything from the run before, including its late messages.
 */
export class ResponseStream {
  received = $state(0);
  total = $state<number | null>(null);
  parsed = $state(0);
  /** Null until the first rows, and when the answer is not a table. */
  table = $state.raw<TableData | null>(null);

  readonly #spawn: SpawnTableWorker | undefined;
  #run = 0;
  #columns: string[] = [];
  /** Packed rows (one JSON string each): see packed.ts. */
  #rows: string[] = [];
  #latest = { received: 0, total: null as number | null, parsed: 0 };
  #timer: ReturnType<typeof setTimeout> | null = null;

  /** Without `spawn` (no Web Workers, e.g. unit tests) tables are read in the page. */
  constructor(spawn?: SpawnTableWorker) {
    this.#spawn = spawn;
  }

  /** Progress and the table sink for one send. */
  begin(): SendOptions {
    const run = this.#reset();
    const sink = createTableSink(
      {
        onRows: (update) => run === this.#run && this.#add(update),
        onEnd: (isTable) => {
          if (run !== this.#run) return;
          if (!isTable) this.#columns = this.#rows = [];
          this.#publish(isTable);
        },
      },
      this.#spawn,
    );
    const guarded: BodySink = {
      start: (head) => sink.start(head),
      write: (chunk) => sink.write(chunk),
      finish: () => sink.finish(),
      abort: () => {
        sink.abort();
        if (run === this.#run) this.#reset();
      },
    };
    return {
      sink: guarded,
      onProgress: (received, total) => {
        if (run !== this.#run) return;
        this.#latest.received = received;
        this.#latest.total = total;
        this.#schedule();
      },
    };
  }

  /** Forget the current run (Cancel, or a new method). */
  clear(): void {
    this.#reset();
  }

  #reset(): number {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#columns = [];
    this.#rows = [];
    this.#latest = { received: 0, total: null, parsed: 0 };
    this.received = 0;
    this.total = null;
    this.parsed = 0;
    this.table = null;
    return ++this.#run;
  }

  #add(update: RowsUpdate): void {
    // A later row may bring a new column: rows read before it are padded when unpacked.
    if (update.columns.length > this.#columns.length) this.#columns = [...update.columns];
    for (const row of update.rows) this.#rows.push(row);
    this.#latest.parsed = update.parsed;
    // The first rows show at once; later ones with the next progress tick.
    if (this.table === null) this.#publish(true);
    else this.#schedule();
  }

  #schedule(): void {
    this.#timer ??= setTimeout(() => {
      this.#timer = null;
      this.#publish(this.table !== null || this.#rows.length > 0);
    }, PUBLISH_MS);
  }

  #publish(withTable: boolean): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.received = this.#latest.received;
    this.total = this.#latest.total;
    this.parsed = this.#latest.parsed;
    this.table = withTable
      ? { columns: this.#columns, rows: unpackedRows(this.#rows.slice(), this.#columns.length) }
      : null;
  }
}
