import type { Moved } from '../src/lib/worker/rpc.ts';

export type { Endpoint } from '../src/lib/worker/rpc.ts';

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

/** The calls the page makes to the worker (served with src/lib/worker/rpc.ts). */
export interface MockRedcapApi {
  readonly [op: string]: (...args: never[]) => unknown;
  describe(): MockDescription;
  reset(): null;
  /** What Export REDCap Version answers: set when given (#25), then read. */
  redcapVersion(version: string | null): string;
  handle(request: WireRequest): Promise<Moved<WireResponse>>;
}
