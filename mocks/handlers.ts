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
  ];
}
