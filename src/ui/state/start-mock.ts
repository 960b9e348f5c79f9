import type { MockHandle } from './connection.svelte.ts';

/** The page's base path ('/' or '/playground/'): the mock's address and worker live under it. */
export function basePath(): string {
  return new URL('./', document.baseURI).pathname;
}

export const NO_SERVICE_WORKER =
  'The mock project needs a service worker, and browsers allow those only on https:// pages or on localhost / 127.0.0.1. Open the playground at http://127.0.0.1:4173/ (npm start) or serve it over https.';

/** Starts the in-page mock REDCap; its chunk is loaded only here, by dynamic import. */
export async function startInPageMock(): Promise<MockHandle> {
  if (!window.isSecureContext || !('serviceWorker' in navigator)) {
    throw new Error(NO_SERVICE_WORKER);
  }
  const { startBrowserMock } = await import('../../../mocks/browser.ts');
  const mock = await startBrowserMock({ base: basePath() });
  return {
    projects: mock.projects,
    pendingMethods: mock.pendingMethods,
    reset: () => mock.reset(),
    stop: () => mock.stop(),
  };
}
