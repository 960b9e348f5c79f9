import { encodeBody } from '../redcap/encode.ts';
import type { RedcapRequest } from '../redcap/request.ts';
import type { RedcapResponse } from '../redcap/response.ts';
import { FORWARD_PATH, FORWARD_TARGET_HEADER } from './forward.ts';

/** How a request travels. Injected: no component calls fetch. */
export interface Transport {
  send(request: RedcapRequest, signal?: AbortSignal): Promise<RedcapResponse>;
}

/** The address the in-page mock answers; nothing else is ever answered by it. */
export const MOCK_IN_PAGE_PATH = '/__redcap_mock__/api/';

export interface FetchTransportOptions {
  /** Where the request goes: the transport alone decides (mock path, forwarder, or direct). */
  readonly target: (request: RedcapRequest) => string;
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
  /** Extra headers for the hop (e.g. which REDCap URL a forwarder should call). */
  readonly headers?: (request: RedcapRequest) => Record<string, string>;
}

export class TransportError extends Error {
  override readonly name = 'TransportError';
}

export function createFetchTransport(options: FetchTransportOptions): Transport {
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const now = options.now ?? (() => performance.now());
  return {
    async send(request, signal) {
      const { body, contentType } = encodeBody(request);
      const headers: Record<string, string> = { ...options.headers?.(request) };
      if (contentType) headers['content-type'] = contentType;
      const started = now();
      let res: Response;
      try {
        res = await doFetch(options.target(request), {
          method: request.method,
          headers,
          body,
          redirect: 'error',
          credentials: 'omit',
          cache: 'no-store',
          ...(signal && { signal }),
        });
      } catch (error) {
        if (signal?.aborted) throw error;
        // Never echo the request (it holds the token): say what failed in plain words.
        throw new TransportError(
          `The request could not be sent: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      const bytes = new Uint8Array(await res.arrayBuffer());
      const responseHeaders: Record<string, string> = {};
      res.headers.forEach((value, key) => (responseHeaders[key.toLowerCase()] = value));
      return {
        status: res.status,
        statusText: res.statusText,
        headers: responseHeaders,
        bytes,
        timeMs: now() - started,
      };
    },
  };
}

/** Mock mode: every request goes to the reserved in-page address that the service worker answers. */
export function createMockTransport(base = '/', fetchImpl?: typeof fetch): Transport {
  const path = `${base.replace(/\/$/, '')}${MOCK_IN_PAGE_PATH}`;
  return createFetchTransport({ target: () => path, ...(fetchImpl && { fetch: fetchImpl }) });
}

/**
 * Live mode through `npm start`'s same-origin forwarder: the page posts to its own origin and
 * names the REDCap API URL in a header (real REDCap servers send no CORS headers).
 */
export function createForwardTransport(base = '/', fetchImpl?: typeof fetch): Transport {
  const path = `${base.replace(/\/$/, '')}${FORWARD_PATH}`;
  return createFetchTransport({
    target: () => path,
    headers: (request) => ({ [FORWARD_TARGET_HEADER]: request.url }),
    ...(fetchImpl && { fetch: fetchImpl }),
  });
}

/** One transport for the app's life that sends each request with whichever `pick()` names now. */
export function createSwitchingTransport(pick: () => Transport): Transport {
  return { send: (request, signal) => pick().send(request, signal) };
}
