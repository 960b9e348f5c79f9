import type { MockRedcap } from './redcap.ts';
import { pendingMockRoutes } from './routes/index.ts';
import {
  ownBuffer,
  type Endpoint,
  type HostCall,
  type HostReply,
  type MockDescription,
  type WireResponse,
} from './worker-protocol.ts';

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

async function answer(
  redcap: MockRedcap,
  call: HostCall,
): Promise<{ value: unknown; transfer: Transferable[] }> {
  switch (call.op) {
    case 'describe':
      return { value: describeMock(redcap), transfer: [] };
    case 'reset':
      redcap.reset();
      return { value: null, transfer: [] };
    case 'handle': {
      const { method, url, headers, body } = call.request;
      const response = await redcap.handle({ method, url, headers, body: new Uint8Array(body) });
      const bytes =
        typeof response.body === 'string' ? encoder.encode(response.body) : response.body;
      const buffer = ownBuffer(bytes);
      const value: WireResponse = {
        status: response.status,
        headers: response.headers,
        body: buffer,
      };
      return { value, transfer: [buffer] };
    }
  }
}

/** Serves one mock REDCap over an endpoint (the worker's global scope, or a port in tests). */
export function serveMockRedcap(endpoint: Endpoint, redcap: MockRedcap): void {
  // One call at a time, in arrival order: a reset never lands in the middle of an import.
  let queue = Promise.resolve();
  endpoint.addEventListener('message', (event) => {
    const call = event.data as HostCall;
    queue = queue.then(async () => {
      let reply: HostReply;
      let transfer: Transferable[] = [];
      try {
        const result = await answer(redcap, call);
        reply = { id: call.id, ok: true, value: result.value };
        transfer = result.transfer;
      } catch (error) {
        console.error('mock REDCap worker: call failed', error);
        reply = { id: call.id, ok: false, message: String(error) };
      }
      endpoint.postMessage(reply, { transfer });
    });
  });
}
