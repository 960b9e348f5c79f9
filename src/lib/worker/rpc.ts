import type { Endpoint } from './endpoint.ts';

export { ownBuffer, type Endpoint } from './endpoint.ts';

/**
 * How the page talks to its two Web Workers (the mock's store in mocks/worker.ts, the table
 * reader in src/lib/table/stream-worker.ts): one endpoint type, buffers moved instead of
 * copied, and numbered calls answered one at a time in arrival order.
 *
 * Not Comlink: comlink 4.4.2 is 2.0 KiB gzip (dist/esm/comlink.min.mjs) against well under
 * 1 KiB for this file, and the table's client sits in the entry chunk, which has ~0.1 KiB of
 * its budget left. Comlink would also send streamed rows back through proxies (a MessageChannel
 * each) and has no cancel of its own: the table cancels by terminating its worker either way.
 */

/** An answer and the buffers inside it that move to the caller rather than being copied. */
export class Moved<T> {
  readonly value: T;
  readonly transfer: Transferable[];
  constructor(value: T, transfer: Transferable[]) {
    this.value = value;
    this.transfer = transfer;
  }
}

/** What a served object looks like: each operation takes arguments and answers a value. */
export type Api = { readonly [op: string]: (...args: never[]) => unknown };

type Answer<R> = Awaited<R> extends Moved<infer T> ? T : Awaited<R>;

interface Call {
  readonly id: number;
  readonly op: string;
  readonly args: readonly unknown[];
}

type Reply =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly message: string };

/** The calling side of a served Api. */
export interface Remote<A extends Api> {
  /** `transfer` lists buffers in `args` to move to the other side (the caller's views empty). */
  call<K extends keyof A & string>(
    op: K,
    args: Parameters<A[K]>,
    transfer?: Transferable[],
  ): Promise<Answer<ReturnType<A[K]>>>;
  /** Rejects every call still waiting and all later ones (the worker died or never loaded). */
  fail(reason: string): void;
}

/** `failed` turns the other side's error message into the caller's Error message. */
export function connect<A extends Api>(
  endpoint: Endpoint,
  failed: (message: string) => string = (message) => message,
): Remote<A> {
  type Pending = { resolve: (value: never) => void; reject: (error: Error) => void };
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let failure: string | null = null;

  endpoint.addEventListener('message', (event) => {
    const reply = event.data as Reply;
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if (reply.ok) waiting.resolve(reply.value as never);
    else waiting.reject(new Error(failed(reply.message)));
  });

  return {
    call(op, args, transfer = []) {
      if (failure !== null) return Promise.reject(new Error(failure));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        const call: Call = { id, op, args };
        endpoint.postMessage(call, transfer);
      });
    },
    fail(reason) {
      failure ??= reason;
      for (const waiting of pending.values()) waiting.reject(new Error(reason));
      pending.clear();
    },
  };
}

/**
 * Serves `api` over an endpoint: one call at a time, in arrival order (a reset never lands in
 * the middle of an import). A call that throws answers its message; `onError` sees the error.
 */
export function serve<A extends Api>(
  endpoint: Endpoint,
  api: A,
  onError: (error: unknown) => void = () => {},
): void {
  let queue = Promise.resolve();
  endpoint.addEventListener('message', (event) => {
    const { id, op, args } = event.data as Call;
    queue = queue.then(async () => {
      let reply: Reply;
      let transfer: Transferable[] = [];
      try {
        if (!Object.hasOwn(api, op)) throw new Error(`unknown call ${JSON.stringify(op)}`);
        const value = await (api[op] as (...a: readonly unknown[]) => unknown)(...args);
        if (value instanceof Moved) {
          reply = { id, ok: true, value: value.value };
          transfer = value.transfer;
        } else reply = { id, ok: true, value };
      } catch (error) {
        onError(error);
        reply = { id, ok: false, message: String(error) };
      }
      endpoint.postMessage(reply, transfer);
    });
  });
}
