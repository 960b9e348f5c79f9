import type { BodySink, ResponseHead } from '../execute/transport.ts';
import { parseContentType } from '../redcap/response.ts';
import type { TableFormat } from './parse.ts';
import { ownBuffer, type Endpoint } from '../worker/endpoint.ts';
import type { FromTableWorker, ToTableWorker } from './stream-protocol.ts';
import type { RowsUpdate } from './stream-job.ts';

/** What the page needs of a Worker (a fake in tests). */
export interface TableWorker extends Endpoint<FromTableWorker, ToTableWorker> {
  addEventListener(type: 'message', listener: (event: MessageEvent<FromTableWorker>) => void): void;
  addEventListener(type: 'error', listener: (event: Event) => void): void;
  terminate(): void;
}

export type SpawnTableWorker = () => TableWorker;

/** The real worker; Vite bundles it as its own chunk, loaded on the first Execute. */
export const spawnTableWorker: SpawnTableWorker = () =>
  new Worker(new URL('./stream-worker.ts', import.meta.url), {
    type: 'module',
    name: 'table-reader',
  }) as unknown as TableWorker;

export interface TableSinkHandlers {
  /** Rows as they are parsed. */
  readonly onRows: (update: RowsUpdate) => void;
  /** The body ended: false when it is not a table after all (drop rows shown so far). */
  readonly onEnd: (isTable: boolean) => void;
}

/** Which tabular format a successful answer is in; null for errors and everything else. */
export function tableFormatOf(head: ResponseHead): TableFormat | null {
  if (head.status < 200 || head.status >= 300) return null;
  const { mimeType } = parseContentType(head.headers['content-type']);
  if (mimeType === 'application/json') return 'json';
  if (mimeType === 'text/csv') return 'csv';
  if (mimeType === 'text/xml' || mimeType === 'application/xml') return 'xml';
  return null;
}

/** The chunks of a body as one view (the chunk itself when there is one). */
function joined(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const body = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

/**
 * A transport body sink that turns a tabular answer into rows while it streams, in the table
 * worker: chunks are transferred to it, so the page keeps no copy while reading. Without
 * `spawn`, or for answers that are not tables, the body is only collected.
 */
export function createTableSink(handlers: TableSinkHandlers, spawn?: SpawnTableWorker): BodySink {
  /** The body collected in the page, for answers that are not tables. */
  let local: Uint8Array[] | null = null;
  let worker: TableWorker | null = null;
  let done: Promise<{ body: Uint8Array; table: boolean }> | null = null;

  return {
    start(head) {
      const format = tableFormatOf(head);
      if (!format || !spawn) {
        local = [];
        return;
      }
      const w = spawn();
      worker = w;
      done = new Promise((resolve, reject) => {
        w.addEventListener('message', (event) => {
          const message = event.data;
          if (message.type === 'rows') handlers.onRows(message.update);
          else if (message.type === 'done')
            resolve({ body: new Uint8Array(message.body), table: message.table });
          else reject(new Error(`The table reader failed: ${message.message}`));
        });
        w.addEventListener('error', (event) => {
          event.preventDefault();
          reject(new Error('The table reader (a Web Worker) could not run.'));
        });
      });
      // Unhandled until finish(): an early failure must not be reported twice.
      done.catch(() => {});
      w.postMessage({ type: 'start', format }, []);
    },
    write(chunk) {
      if (local) local.push(chunk);
      else if (worker) {
        const bytes = ownBuffer(chunk);
        worker.postMessage({ type: 'chunk', bytes }, [bytes]);
      }
    },
    async finish() {
      if (local) {
        const body = joined(local);
        local = null;
        handlers.onEnd(false);
        return body;
      }
      if (!worker || !done) return new Uint8Array(0);
      worker.postMessage({ type: 'end' }, []);
      try {
        const { body, table } = await done;
        handlers.onEnd(table);
        return body;
      } finally {
        worker.terminate();
        worker = null;
      }
    },
    abort() {
      local = null;
      worker?.terminate();
      worker = null;
    },
  };
}
