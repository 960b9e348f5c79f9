import type { TableFormat } from './parse.ts';
import type { RowsUpdate } from './stream-job.ts';

/** Page → table worker. Chunks travel as transferred ArrayBuffers: moved, never copied. */
export type ToTableWorker =
  | { readonly type: 'start'; readonly format: TableFormat }
  | { readonly type: 'chunk'; readonly bytes: ArrayBuffer }
  | { readonly type: 'end' };

/** Table worker → page. */
export type FromTableWorker =
  | { readonly type: 'rows'; readonly update: RowsUpdate }
  | { readonly type: 'done'; readonly body: ArrayBuffer; readonly table: boolean }
  | { readonly type: 'failed'; readonly message: string };

/** The bytes of a view as a transferable buffer: the view's own when it spans all of it. */
export function transferable(bytes: Uint8Array): ArrayBuffer {
  const whole =
    bytes.byteOffset === 0 &&
    bytes.byteLength === bytes.buffer.byteLength &&
    bytes.buffer instanceof ArrayBuffer;
  return whole ? (bytes.buffer as ArrayBuffer) : (bytes.slice().buffer as ArrayBuffer);
}
