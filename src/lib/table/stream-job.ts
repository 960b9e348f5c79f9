import { packRow } from './packed.ts';
import { parseTable, type TableFormat } from './parse.ts';
import { CsvStreamReader } from '../csv/stream.ts';
import { JsonArrayReader } from './stream-json.ts';

/** What a table job hands over while it reads: new rows, with the columns known so far. */
export interface RowsUpdate {
  readonly columns: readonly string[];
  /**
   * Rows since the last update, each packed (packed.ts); earlier rows may be shorter when
   * later ones added columns.
   */
  readonly rows: readonly string[];
  /** Rows parsed so far in all. */
  readonly parsed: number;
}

export interface JobResult {
  /** The whole body, in one buffer. */
  readonly body: Uint8Array;
  /** False when the body is not a table: drop any rows already shown. */
  readonly table: boolean;
}

export interface TableJobOptions {
  /** Null: the body is only collected (binary, error answers, other formats). */
  readonly format: TableFormat | null;
  readonly emit: (update: RowsUpdate) => void;
  /** At most this many rows per update, so no single message is costly to receive. */
  readonly batchRows?: number;
  /** Milliseconds between updates once the first rows are out. */
  readonly intervalMs?: number;
  readonly now?: () => number;
}

/**
 * Reads one response body, chunk by chunk, into table rows: JSON arrays of objects and CSV
 * stream (first rows early); XML, single objects and anything the streaming readers refuse are
 * read whole at the end with parseTable. Runs in the table worker (or in the page where Web
 * Workers are missing, e.g. unit tests).
 */
export class TableJob {
  private readonly chunks: Uint8Array[] = [];
  private size = 0;
  private readonly decoder = new TextDecoder();
  private readonly json: JsonArrayReader | null;
  private readonly csv: CsvStreamReader | null;
  private sent = 0;
  private lastEmit = -Infinity;
  private readonly options: TableJobOptions;
  private readonly batchRows: number;
  private readonly intervalMs: number;
  private readonly now: () => number;

  constructor(options: TableJobOptions) {
    this.options = options;
    this.json = options.format === 'json' ? new JsonArrayReader() : null;
    this.csv = options.format === 'csv' ? new CsvStreamReader() : null;
    this.batchRows = options.batchRows ?? 1000;
    this.intervalMs = options.intervalMs ?? 100;
    this.now = options.now ?? (() => performance.now());
  }

  write(chunk: Uint8Array): void {
    this.chunks.push(chunk);
    this.size += chunk.byteLength;
    if (!this.json && !this.csv) return;
    const text = this.decoder.decode(chunk, { stream: true });
    this.json?.push(text);
    this.csv?.push(text);
    this.flush(false);
  }

  end(): JobResult {
    const body = this.concat();
    if (this.options.format === null) return { body, table: false };
    const tail = this.decoder.decode();
    this.json?.push(tail);
    this.csv?.push(tail);
    if (this.json?.end() || this.csvTable()) {
      this.flush(true);
      return { body, table: true };
    }
    // Not streamable (XML, one object, an odd shape): read it whole, then hand it over in batches.
    const table = parseTable(new TextDecoder().decode(body), this.options.format);
    if (!table) return { body, table: false };
    this.sent = 0;
    this.emitRows(table.columns, table.rows, true);
    return { body, table: true };
  }

  private csvTable(): boolean {
    const csv = this.csv;
    if (!csv || !csv.end()) return false;
    const header = csv.header;
    if (!header || header.every((cell) => cell === '')) return false;
    if (header.length === 1 && csv.rows.length === 0) return false;
    return !header[0]!.startsWith('ERROR:');
  }

  private current(): { columns: readonly string[]; rows: readonly (readonly string[])[] } | null {
    if (this.json && this.json.state !== 'unsupported') return this.json.rows;
    if (this.csv && !this.csv.failed && this.csv.header)
      return { columns: this.csv.header, rows: this.csv.rows };
    return null;
  }

  private flush(final: boolean): void {
    const table = this.current();
    if (!table) return;
    const pending = table.rows.length - this.sent;
    if (pending <= 0 && !final) return;
    // The first rows go out at once; later ones every intervalMs, or at the end.
    if (!final && this.sent > 0 && this.now() - this.lastEmit < this.intervalMs) return;
    this.emitRows(table.columns, table.rows, final);
  }

  private emitRows(
    columns: readonly string[],
    rows: readonly (readonly string[])[],
    final: boolean,
  ): void {
    if (final && rows.length === 0) {
      this.options.emit({ columns: [...columns], rows: [], parsed: 0 });
      return;
    }
    while (this.sent < rows.length) {
      const next = Math.min(rows.length, this.sent + this.batchRows);
      this.options.emit({
        columns: [...columns],
        rows: rows.slice(this.sent, next).map(packRow),
        parsed: next,
      });
      this.sent = next;
    }
    this.lastEmit = this.now();
  }

  private concat(): Uint8Array {
    if (this.chunks.length === 1) return this.chunks[0]!;
    const body = new Uint8Array(this.size);
    let at = 0;
    for (const chunk of this.chunks) {
      body.set(chunk, at);
      at += chunk.byteLength;
    }
    this.chunks.length = 0;
    return body;
  }
}
