import type { TableFormat } from './parse.ts';
import type { RowsUpdate } from './stream-job.ts';

/**
 * Page → table worker. Chunks travel as transferred ArrayBuffers: moved, never copied. A stream
 * of one-way messages over src/lib/worker/endpoint.ts rather than rpc.ts's numbered calls:
 * a chunk needs no answer, and rows come back as they are read, not as a reply.
 */
export type ToTableWorker =
  | { readonly type: 'start'; readonly format: TableFormat }
  | { readonly type: 'chunk'; readonly bytes: ArrayBuffer }
  | { readonly type: 'end' }
  /** Serve a grid's sorts, filters and summaries (view-host.ts) over this port, by rpc.ts. */
  | { readonly type: 'view'; readonly port: MessagePort };

/** Table worker → page. */
export type FromTableWorker =
  | { readonly type: 'rows'; readonly update: RowsUpdate }
  | { readonly type: 'done'; readonly body: ArrayBuffer; readonly table: boolean }
  | { readonly type: 'failed'; readonly message: string };
