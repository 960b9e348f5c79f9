/**
 * Messages between the page and the Web Worker that holds the browser mock's store. Bodies
 * travel as ArrayBuffers in the transfer list: moved between threads, never copied.
 */

export interface MockUserInfo {
  readonly username: string;
  readonly token: string;
}

export interface MockProjectInfo {
  readonly slug: string;
  readonly title: string;
  readonly users: readonly MockUserInfo[];
}

export interface MockDescription {
  readonly projects: readonly MockProjectInfo[];
  /** Method ids the mock does not answer yet (it says so with a 400). */
  readonly pendingMethods: readonly string[];
}

export interface WireRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: ArrayBuffer;
}

export interface WireResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: ArrayBuffer;
}

export type HostCall =
  | { readonly id: number; readonly op: 'describe' }
  | { readonly id: number; readonly op: 'reset' }
  | { readonly id: number; readonly op: 'handle'; readonly request: WireRequest };

export type HostReply =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly message: string };

/** What both ends talk through: a Worker, the worker's own global scope, or a MessagePort. */
export interface Endpoint {
  postMessage(message: unknown, options?: { transfer?: Transferable[] }): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

/** The bytes of a view as a transferable buffer: the view's own when it spans all of it. */
export function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  const whole =
    bytes.byteOffset === 0 &&
    bytes.byteLength === bytes.buffer.byteLength &&
    bytes.buffer instanceof ArrayBuffer;
  return whole ? (bytes.buffer as ArrayBuffer) : (bytes.slice().buffer as ArrayBuffer);
}
