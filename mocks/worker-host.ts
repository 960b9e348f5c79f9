import { Moved, ownBuffer, serve, type Endpoint } from '../src/lib/worker/rpc.ts';
import type { MockRedcap } from './redcap.ts';
import { isRedcapVersion } from './redcap-version.ts';
import { pendingMockRoutes } from './routes/index.ts';
import type { MockDescription, MockRedcapApi, WireResponse } from './worker-protocol.ts';

/** The store's side of the channel (in the Web Worker): answers the page's calls in order. */

const encoder = new TextEncoder();

export function describeMock(redcap: MockRedcap): MockDescription {
  return {
    projects: [
      ...redcap.store.projects.map((p) => ({
        slug: p.slug,
        title: p.info.project_title,
        users: p.users
          .filter((u) => u.token !== '')
          .map((u) => ({ username: u.username, token: u.token })),
      })),
      // Large projects are listed before they are built (on their token's first use).
      ...redcap.store.unbuilt().map((l) => ({
        slug: l.slug,
        title: l.title,
        users: [{ username: l.username, token: l.token }],
      })),
    ],
    pendingMethods: [...pendingMockRoutes],
  };
}

/** Serves one mock REDCap over an endpoint (the worker's global scope, or a port in tests). */
export function serveMockRedcap(endpoint: Endpoint, redcap: MockRedcap): void {
  // The page's mock settings choose the version; Reset demo data keeps it (it resets data).
  let version: string | null = null;
  const api: MockRedcapApi = {
    describe: () => describeMock(redcap),
    reset() {
      redcap.reset();
      if (version !== null) redcap.store.data.version = version;
      return null;
    },
    redcapVersion(wanted) {
      if (wanted !== null && isRedcapVersion(wanted)) {
        version = wanted;
        redcap.store.data.version = wanted;
      }
      return redcap.store.version;
    },
    async handle({ method, url, headers, body }) {
      const response = await redcap.handle({ method, url, headers, body: new Uint8Array(body) });
      const bytes =
        typeof response.body === 'string' ? encoder.encode(response.body) : response.body;
      const buffer = ownBuffer(bytes);
      const value: WireResponse = {
        status: response.status,
        headers: response.headers,
        body: buffer,
      };
      return new Moved(value, [buffer]);
    },
  };
  serve(endpoint, api, (error) => console.error('mock REDCap worker: call failed', error));
}
