/**
 * What the page and its Web Workers talk through (the mock's store in mocks/worker.ts, the table
 * reader in src/lib/table/stream-worker.ts), and the one buffer helper both use. Numbered calls
 * over an Endpoint are in rpc.ts; this file is apart because the table's client is in the entry
 * chunk, and a bundler places a shared module whole.
 */

/** A Worker, the worker's own global scope, a MessagePort, or a fake in tests. */
export interface Endpoint<In = unknown, Out = unknown> {
  postMessage(message: Out, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<In>) => void): void;
}

/** The bytes of a view as a transferable buffer: the view's own when it spans all of it. */
export function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  const whole =
    bytes.byteOffset === 0 &&
    bytes.byteLength === bytes.buffer.byteLength &&
    bytes.buffer instanceof ArrayBuffer;
  return whole ? (bytes.buffer as ArrayBuffer) : (bytes.slice().buffer as ArrayBuffer);
}
