import { setupWorker } from 'msw/browser';
import { inPageMockAddress, workerScope, workerScriptUrl } from './address.ts';
import { createHandlers } from './handlers.ts';
import { tooLarge } from './project/limits.ts';
import type { LoadProgress } from './project/load.ts';
import type { InspectAnswer, LoadAnswer, WireLoadOptions } from './project/worker-ops.ts';
import { connectMockRedcap } from './worker-client.ts';
import type {
  Endpoint,
  KeptState,
  MockProjectInfo,
  OpenedDemo,
  SavedDemo,
} from './worker-protocol.ts';
import type { MockRedcapClient } from './worker-client.ts';

/**
 * The in-page mock: loaded by dynamic import when mock mode is on. Two workers: the service
 * worker catches the page's requests to the reserved address; the msw handler here only moves
 * each request's bytes to a dedicated Web Worker, where the store lives, and its answer back.
 */

export type {
  KeptState,
  MockProjectInfo,
  MockUserInfo,
  OpenedDemo,
  SavedDemo,
} from './worker-protocol.ts';

export interface BrowserMock {
  /** Every mock project with its users and their tokens (all public demo tokens). */
  readonly projects: readonly MockProjectInfo[];
  /** The first user's token of the first project (full rights). */
  readonly defaultToken: string;
  /** Method ids the mock does not answer yet (it says so with a 400). */
  readonly pendingMethods: readonly string[];
  /** Back to the seed: records, users and log as they started. */
  reset(): Promise<void>;
  /** Stops answering (live mode must not pass requests through the worker). */
  stop(): Promise<void>;
  /** Whether keeping across reloads was on at start, and a kept copy that could not be used. */
  readonly kept: KeptState;
  /** Save demo: the whole state as a demo file (mocks/state/file.ts). */
  saveState(): Promise<{ ok: true; bytes: Uint8Array } | (SavedDemo & { ok: false })>;
  /** Open demo: replaces the whole state, or refuses with why and changes nothing. */
  openState(bytes: Uint8Array): Promise<OpenedDemo>;
  /** Keep the mock's data across reloads in IndexedDB (on), or delete the kept copy (off). */
  keepState(on: boolean): Promise<KeptState>;
  /** Keeping on or off, and why its last write failed. */
  keptState(): Promise<KeptState>;
  /** "Load your project…" (mocks/project/worker-ops.ts): read and built in the worker. */
  inspectProject(file: File): Promise<InspectAnswer>;
  loadProject(
    file: File,
    options: WireLoadOptions,
    onProgress: (progress: LoadProgress) => void,
  ): Promise<LoadAnswer>;
  /** The token life cycle and failures on demand (mocks/workshop.ts), in the worker's store. */
  readonly workshop: MockRedcapClient['workshop'];
  readonly setFailure: MockRedcapClient['setFailure'];
  /** What Export REDCap Version answers: set when a version is given, then read (#25). */
  redcapVersion(version?: string): Promise<string>;
}

const WORKER_FAILED =
  'The mock project’s Web Worker stopped or could not load; reload the page to start it again.';

/**
 * Starts the Web Worker and the service worker. The service worker answers only
 * `<origin><base>__redcap_mock__/api/` (MOCK_IN_PAGE_PATH), so it can never answer a live call;
 * everything else passes untouched and unlogged. `base` is the page's base path, e.g. '/',
 * '/playground/' or './': the service worker's script and scope follow it.
 */
export async function startBrowserMock(options: { base: string }): Promise<BrowserMock> {
  const page = location.href;
  const store = new Worker(new URL('./worker.ts', import.meta.url), {
    type: 'module',
    name: 'mock-redcap',
  });
  const redcap = connectMockRedcap(store as Endpoint);
  store.addEventListener('error', (event) => {
    event.preventDefault();
    redcap.fail(WORKER_FAILED);
  });
  store.addEventListener('messageerror', () => redcap.fail(WORKER_FAILED));

  const worker = setupWorker(...createHandlers(inPageMockAddress(options.base, page), redcap));
  try {
    // Calls are answered in order: the kept copy, if any, is in place before the listing.
    const [kept, description] = await Promise.all([
      redcap.restoreKept(),
      redcap.describe(),
      worker.start({
        serviceWorker: {
          url: workerScriptUrl(options.base, page),
          options: { scope: workerScope(options.base, page) },
        },
        onUnhandledFrame: 'bypass',
        quiet: true,
      }),
    ]);
    return {
      projects: description.projects,
      defaultToken: description.projects[0]?.users[0]?.token ?? '',
      pendingMethods: description.pendingMethods,
      reset: () => redcap.reset(),
      kept,
      saveState: () => redcap.saveState(),
      openState: (bytes) => redcap.openState(bytes),
      keepState: (on) => redcap.keepState(on),
      keptState: () => redcap.keptState(),
      // A file too large is refused before it is read into the page.
      async inspectProject(file) {
        const large = tooLarge(file.name, file.size);
        if (large) return { ok: false, message: large };
        return redcap.inspectProject(file.name, await file.arrayBuffer());
      },
      async loadProject(file, options, onProgress) {
        const large = tooLarge(file.name, file.size);
        if (large) return { ok: false, message: large };
        return redcap.loadProject(file.name, await file.arrayBuffer(), options, onProgress);
      },
      workshop: (project, username, action) => redcap.workshop(project, username, action),
      setFailure: (kind, count) => redcap.setFailure(kind, count),
      redcapVersion: (version) => redcap.redcapVersion(version),
      async stop() {
        await worker.stop();
        store.terminate();
        redcap.fail('The mock project was stopped.');
      },
    };
  } catch (error) {
    store.terminate();
    throw error;
  }
}
