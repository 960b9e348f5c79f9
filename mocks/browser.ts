import { setupWorker } from 'msw/browser';
import { inPageMockAddress, workerScope, workerScriptUrl } from './address.ts';
import { createHandlers } from './handlers.ts';
import { connectMockRedcap } from './worker-client.ts';
import type { Endpoint, MockProjectInfo } from './worker-protocol.ts';

/**
 * The in-page mock: loaded by dynamic import when mock mode is on. Two workers: the service
 * worker catches the page's requests to the reserved address; the msw handler here only moves
 * each request's bytes to a dedicated Web Worker, where the store lives, and its answer back.
 */

export type { MockProjectInfo, MockUserInfo } from './worker-protocol.ts';

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
    const [description] = await Promise.all([
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
