import { connect, ownBuffer, type Endpoint } from '../src/lib/worker/rpc.ts';
import type { MockRequest, MockResponse } from './redcap.ts';
import type { MockDescription, MockRedcapApi } from './worker-protocol.ts';

/** The page's side of the channel to the mock REDCap in its Web Worker. */
export interface MockRedcapClient {
  /** The request's body bytes are moved to the worker: the caller's view is left empty. */
  handle(request: MockRequest): Promise<MockResponse>;
  reset(): Promise<void>;
  describe(): Promise<MockDescription>;
  /** What Export REDCap Version answers: set when a version is given, then read. */
  redcapVersion(version?: string): Promise<string>;
  /** Rejects every call still waiting and all later ones (the worker died or never loaded). */
  fail(reason: string): void;
}

export function connectMockRedcap(endpoint: Endpoint): MockRedcapClient {
  const remote = connect<MockRedcapApi>(
    endpoint,
    (message) => `The mock REDCap failed: ${message}`,
  );
  return {
    async handle(request) {
      const body = ownBuffer(request.body);
      const { method, url, headers } = request;
      const response = await remote.call(
        'handle',
        [{ method, url, headers: { ...headers }, body }],
        [body],
      );
      return { ...response, headers: { ...response.headers }, body: new Uint8Array(response.body) };
    },
    reset: () => remote.call('reset', []).then(() => undefined),
    describe: () => remote.call('describe', []),
    redcapVersion: (version) => remote.call('redcapVersion', [version ?? null]),
    fail: (reason) => remote.fail(reason),
  };
}
