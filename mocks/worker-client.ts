import type { MockRequest, MockResponse } from './redcap.ts';
import {
  ownBuffer,
  type Endpoint,
  type HostCall,
  type HostReply,
  type MockDescription,
  type WireResponse,
} from './worker-protocol.ts';

/** The page's side of the channel to the mock REDCap in its Web Worker. */
export interface MockRedcapClient {
  /** The request's body bytes are moved to the worker: the caller's view is left empty. */
  handle(request: MockRequest): Promise<MockResponse>;
  reset(): Promise<void>;
  describe(): Promise<MockDescription>;
  /** Rejects every call still waiting and all later ones (the worker died or never loaded). */
  fail(reason: string): void;
}

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

// Distributes Omit over the union, so each call keeps its own fields.
type CallWithoutId = HostCall extends infer C
  ? C extends HostCall
    ? Omit<C, 'id'>
    : never
  : never;

export function connectMockRedcap(endpoint: Endpoint): MockRedcapClient {
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let failure: string | null = null;

  endpoint.addEventListener('message', (event) => {
    const reply = event.data as HostReply;
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if (reply.ok) waiting.resolve(reply.value);
    else waiting.reject(new Error(`The mock REDCap failed: ${reply.message}`));
  });

  function call<T>(message: CallWithoutId, transfer: Transferable[] = []): Promise<T> {
    if (failure !== null) return Promise.reject(new Error(failure));
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      endpoint.postMessage({ ...message, id }, { transfer });
    });
  }

  return {
    async handle(request) {
      const body = ownBuffer(request.body);
      const { method, url, headers } = request;
      const response = await call<WireResponse>(
        { op: 'handle', request: { method, url, headers: { ...headers }, body } },
        [body],
      );
      return { ...response, headers: { ...response.headers }, body: new Uint8Array(response.body) };
    },
    reset: () => call<null>({ op: 'reset' }).then(() => undefined),
    describe: () => call<MockDescription>({ op: 'describe' }),
    fail(reason) {
      failure ??= reason;
      for (const waiting of pending.values()) waiting.reject(new Error(reason));
      pending.clear();
    },
  };
}
