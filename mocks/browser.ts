import { setupWorker } from 'msw/browser';
import { inPageMockAddress, workerScriptUrl } from './address.ts';
import { createHandlers } from './handlers.ts';
import { createMockRedcap } from './redcap.ts';
import { pendingMockRoutes } from './routes/index.ts';

/** The in-page mock: loaded by dynamic import when mock mode is on. */

export interface BrowserMockProject {
  readonly slug: string;
  readonly title: string;
  readonly users: readonly { readonly username: string; readonly token: string }[];
}

export interface BrowserMock {
  readonly projects: readonly BrowserMockProject[];
  /** The first user's token of the first project (full rights). */
  readonly defaultToken: string;
  /** Method ids the mock does not answer yet (it says so with a 400). */
  readonly pendingMethods: readonly string[];
  /** Back to the seed: records, users and log as they started. */
  reset(): void;
  /** Stops answering (live mode must not pass requests through the worker). */
  stop(): void;
}

/**
 * Starts the service worker. It answers only `<origin><base>__redcap_mock__/api/`
 * (MOCK_IN_PAGE_PATH), so it can never answer a live call; everything else passes untouched
 * and unlogged. `base` is the page's base path, e.g. '/', '/playground/' or './'.
 */
export async function startBrowserMock(options: { base: string }): Promise<BrowserMock> {
  const page = location.href;
  const redcap = createMockRedcap();
  const worker = setupWorker(...createHandlers(inPageMockAddress(options.base, page), redcap));
  await worker.start({
    serviceWorker: { url: workerScriptUrl(options.base, page) },
    onUnhandledFrame: 'bypass',
    quiet: true,
  });
  const projects = redcap.store.projects.map((p) => ({
    slug: p.slug,
    title: p.info.project_title,
    users: p.users.map((u) => ({ username: u.username, token: u.token })),
  }));
  return {
    projects,
    defaultToken: projects[0]?.users[0]?.token ?? '',
    pendingMethods: pendingMockRoutes,
    reset: () => redcap.reset(),
    stop: () => void worker.stop(),
  };
}
