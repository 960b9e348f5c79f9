import { connect, ownBuffer, type Endpoint } from '../src/lib/worker/rpc.ts';
import type { MockRequest, MockResponse } from './redcap.ts';
import type {
  KeptState,
  MockDescription,
  MockRedcapApi,
  OpenedDemo,
  SavedDemo,
} from './worker-protocol.ts';
import {
  isProgressMessage,
  type InspectAnswer,
  type LoadAnswer,
  type WireLoadOptions,
} from './project/worker-ops.ts';
import type { LoadProgress } from './project/load.ts';
import type { FailureKind, FailureSetting } from '../src/lib/workshop/types.ts';
import type { TokenAction, WorkshopAnswer } from './workshop.ts';

/** The page's side of the channel to the mock REDCap in its Web Worker. */
export interface MockRedcapClient {
  /** The request's body bytes are moved to the worker: the caller's view is left empty. */
  handle(request: MockRequest): Promise<MockResponse>;
  reset(): Promise<void>;
  describe(): Promise<MockDescription>;
  /** Save demo: the demo file's bytes, or why the state cannot be saved. */
  saveState(): Promise<{ ok: true; bytes: Uint8Array } | (SavedDemo & { ok: false })>;
  /** Open demo: the bytes are moved to the worker (the caller's view is left empty). */
  openState(bytes: Uint8Array): Promise<OpenedDemo>;
  keepState(on: boolean): Promise<KeptState>;
  restoreKept(): Promise<KeptState>;
  keptState(): Promise<KeptState>;
  /** What a project file holds; the file's bytes are moved to the worker. */
  inspectProject(name: string, bytes: ArrayBuffer): Promise<InspectAnswer>;
  /** Builds a project from a file in the worker, telling its progress meanwhile. */
  loadProject(
    name: string,
    bytes: ArrayBuffer,
    options: WireLoadOptions,
    onProgress: (progress: LoadProgress) => void,
  ): Promise<LoadAnswer>;
  /** The token life cycle: one step (or a look) and the snapshot after it. */
  workshop(project: string, username: string, action: TokenAction | null): Promise<WorkshopAnswer>;
  /** Failures on demand (null: off). */
  setFailure(kind: FailureKind | null, count: number | null): Promise<FailureSetting | null>;
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
  let progress: ((p: LoadProgress) => void) | null = null;
  endpoint.addEventListener('message', (event) => {
    if (isProgressMessage(event.data)) progress?.(event.data.progress);
  });
  return {
    inspectProject: (name, bytes) => remote.call('inspectProject', [{ name, bytes }], [bytes]),
    async loadProject(name, bytes, options, onProgress) {
      progress = onProgress;
      try {
        return await remote.call('loadProject', [{ name, bytes }, options], [bytes]);
      } finally {
        progress = null;
      }
    },
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
    async saveState() {
      const saved = await remote.call('saveState', []);
      return saved.ok ? { ok: true, bytes: new Uint8Array(saved.bytes) } : saved;
    },
    openState(bytes) {
      const buffer = ownBuffer(bytes);
      return remote.call('openState', [buffer], [buffer]);
    },
    keepState: (on) => remote.call('keepState', [on]),
    restoreKept: () => remote.call('restoreKept', []),
    keptState: () => remote.call('keptState', []),
    workshop: (project, username, action) => remote.call('workshop', [project, username, action]),
    setFailure: (kind, count) => remote.call('setFailure', [kind, count]),
    redcapVersion: (version) => remote.call('redcapVersion', [version ?? null]),
    fail: (reason) => remote.fail(reason),
  };
}
