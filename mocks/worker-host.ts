import { Moved, ownBuffer, serve, type Endpoint } from '../src/lib/worker/rpc.ts';
import type { MockRedcap } from './redcap.ts';
import { inspectProject, loadProject } from './project/worker-ops.ts';
import { isRedcapVersion } from './redcap-version.ts';
import { pendingMockRoutes } from './routes/index.ts';
import type { Keeper } from './state/keep.ts';
import { stateCalls } from './worker-state.ts';
import type { MockDescription, MockRedcapApi, WireResponse } from './worker-protocol.ts';
import { setFailure, workshop } from './workshop.ts';

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

/**
 * Serves one mock REDCap over an endpoint (the worker's global scope, or a port in tests).
 * `keeper`: keeps the state in IndexedDB after each change when keeping is on.
 */
export function serveMockRedcap(
  endpoint: Endpoint,
  redcap: MockRedcap,
  keeper: Keeper | null = null,
): void {
  // The page's mock settings choose the version; Reset demo data keeps it (it resets data).
  let version: string | null = null;
  const api: MockRedcapApi = {
    describe: () => describeMock(redcap),
    reset() {
      redcap.reset();
      if (version !== null) redcap.store.data.version = version;
      keeper?.changed();
      return null;
    },
    ...stateCalls(redcap, keeper, () => describeMock(redcap)),
    inspectProject,
    loadProject(file, options) {
      const answer = loadProject(redcap.store, file, options, (message) =>
        endpoint.postMessage(message, []),
      );
      // A loaded project is kept across reloads like any other change.
      if (answer.ok) keeper?.changed();
      return answer;
    },
    redcapVersion(wanted) {
      if (wanted !== null && isRedcapVersion(wanted)) {
        version = wanted;
        redcap.store.data.version = wanted;
        keeper?.changed();
      }
      return redcap.store.version;
    },
    async handle({ method, url, headers, body }) {
      const response = await redcap.handle({ method, url, headers, body: new Uint8Array(body) });
      keeper?.changed();
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
    workshop: (project, username, action) => workshop(redcap, project, username, action),
    setFailure(kind, count) {
      setFailure(redcap, kind, count);
      return redcap.failures.setting;
    },
  };
  serve(endpoint, api, (error) => console.error('mock REDCap worker: call failed', error));
}
