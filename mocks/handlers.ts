import { http, HttpResponse, type HttpHandler } from 'msw';
import { MOCK_NETWORK_ERROR_HEADER } from './failures.ts';
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
      // Failures on demand: "the network is down" is no answer at all (fetch rejects).
      if (response.headers[MOCK_NETWORK_ERROR_HEADER]) return HttpResponse.error();
      const whole = response.body as Uint8Array;
      const SLICE = 1 << 20;
      let at = 0;
      const body =
        typeof whole === 'string' || whole.byteLength <= SLICE
          ? (whole as BodyInit)
          : new ReadableStream<Uint8Array>({
              type: 'bytes',
              pull(controller) {
                controller.enqueue(whole.slice(at, at + SLICE));
                at += SLICE;
                if (at >= whole.byteLength) controller.close();
              },
            });
      return new HttpResponse(body, {
        status: response.status,
        headers: response.headers,
      });
    }),
    // After the API: `…/api/*` would match `…/api/` itself.
    ...notApiHandlers(address),
  ];
}

/**
 * What a web server in front of REDCap answers for a path that is not the API (`/api` without
 * its slash, `/api/x`): its own 404 page, not a REDCap error. Apache's page, as REDCap servers
 * usually run behind Apache.
 */
export function notFoundPage(): Response {
  const html =
    '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n';
  return new Response(html, {
    status: 404,
    headers: { 'content-type': 'text/html; charset=iso-8859-1' },
  });
}

/** The paths next to the API address that would reach the same server: `…/api`, `…/api/x`. */
function notApiHandlers(address: string): HttpHandler[] {
  if (!address.endsWith('/')) return [];
  return [
    http.all(address.slice(0, -1), () => notFoundPage()),
    http.all(`${address}*`, () => notFoundPage()),
  ];
}
