import { MOCK_IN_PAGE_PATH } from '../src/lib/execute/transport.ts';

/** Addresses of the in-page mock, apart from browser.ts so they can be tested in node. */

/** `base` ('/', '/playground/', './') as an absolute path ending in '/'. */
export function resolveBasePath(base: string, pageUrl: string): string {
  const path = new URL(base || '/', pageUrl).pathname;
  return path.endsWith('/') ? path : `${path}/`;
}

/** The one address the worker answers: `<origin><base>__redcap_mock__/api/`. */
export function inPageMockAddress(base: string, pageUrl: string): string {
  const origin = new URL(pageUrl).origin;
  return `${origin}${resolveBasePath(base, pageUrl).replace(/\/$/, '')}${MOCK_IN_PAGE_PATH}`;
}

/** The service worker script the `msw({ mode: 'worker-only' })` Vite plugin serves and emits. */
export function workerScriptUrl(base: string, pageUrl: string): string {
  return `${resolveBasePath(base, pageUrl)}mockServiceWorker.js`;
}

/**
 * The service worker's scope: the app's base path, so a copy under `/playground/` controls only
 * its own pages and two copies on one host (`/a/`, `/b/`) never answer each other's calls.
 */
export function workerScope(base: string, pageUrl: string): string {
  return resolveBasePath(base, pageUrl);
}
