import { http, HttpResponse, type HttpHandler } from 'msw';
import type { MockRedcap } from './redcap.ts';

/**
 * msw handlers for one address (any `…/api/` URL in node, the page's reserved in-page path in
 * the browser): they only forward the request to the mock REDCap and hand back its answer.
 * `redcap` is the core itself (node) or the client of the core in its Web Worker (browser).
 */
export function createHandlers(address: string, redcap: Pick<MockRedcap, 'handle'>): HttpHandler[] {
  return [
    http.all(address, async ({ request }) => {
      const headers: Record<string, string> = {};
      request.headers.forEach((value, name) => (headers[name] = value));
      const response = await redcap.handle({
        method: request.method,
        url: request.url,
        headers,
        body: new Uint8Array(await request.arrayBuffer()),
      });
      return new HttpResponse(response.body as BodyInit, {
        status: response.status,
        headers: response.headers,
      });
    }),
  ];
}
