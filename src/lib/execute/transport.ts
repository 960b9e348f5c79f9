import { encodeBody } from '../redcap/encode.ts';
import type { RedcapRequest } from '../redcap/request.ts';
import type { RedcapResponse } from '../redcap/response.ts';
import { FORWARD_PATH, FORWARD_TARGET_HEADER, FORWARDER_MAX_ANSWER_HEADER } from './forward.ts';

/** How a request travels. Injected: no component calls fetch. */
export interface Transport {
  send(
    request: RedcapRequest,
    signal?: AbortSignal,
    options?: SendOptions,
  ): Promise<RedcapResponse>;
}

/** The status line and headers, known before the body. */
export interface ResponseHead {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Takes a response body while it streams (e.g. to a table worker). The transport then keeps no
 * copy of its own: the response's bytes are what `finish()` returns.
 */
export interface BodySink {
  start(head: ResponseHead): void;
  /** One chunk, in order; the sink may take it over (transfer its buffer). */
  write(chunk: Uint8Array): void;
  /** The body ended; resolves to the whole body. */
  finish(): Promise<Uint8Array>;
  /** The call was cancelled or the body broke off: drop everything. */
  abort(): void;
}

export interface SendOptions {
  /** Bytes of the body received so far, after each chunk; total from Content-Length if sent. */
  readonly onProgress?: (received: number, total: number | null) => void;
  readonly sink?: BodySink;
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

/** The forwarder cut the answer off at its size cap (FORWARD_MAX_ANSWER_MB). */
export class AnswerLimitError extends Error {
  override readonly name = 'AnswerLimitError';
}

export function createFetchTransport(options: FetchTransportOptions): Transport {
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const now = options.now ?? (() => performance.now());
  return {
    async send(request, signal, sendOptions = {}) {
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
      const responseHeaders: Record<string, string> = {};
      res.headers.forEach((value, key) => (responseHeaders[key.toLowerCase()] = value));
      const bytes = await readBody(
        res,
        { status: res.status, headers: responseHeaders },
        sendOptions,
        signal,
      );
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

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

/** Reads the body chunk by chunk: progress after each, into the sink when there is one. */
async function readBody(
  res: Response,
  head: ResponseHead,
  { onProgress, sink }: SendOptions,
  signal: AbortSignal | undefined,
): Promise<Uint8Array> {
  const length = Number(res.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  const chunks: Uint8Array[] = [];
  let received = 0;
  sink?.start(head);
  try {
    if (res.body) {
      const reader = res.body.getReader();
      // A cancelled fetch errors its body stream; this also stops at once for sources that
      // do not (the abort listener cancels the read).
      const stop = (): void => void reader.cancel(signal?.reason).catch(() => {});
      signal?.addEventListener('abort', stop, { once: true });
      try {
        for (;;) {
          const { done, value } = await reader.read();
          signal?.throwIfAborted();
          if (done) break;
          received += value.byteLength;
          if (sink) sink.write(value);
          else chunks.push(value);
          onProgress?.(received, total);
        }
      } finally {
        signal?.removeEventListener('abort', stop);
      }
    } else {
      const whole = new Uint8Array(await res.arrayBuffer());
      signal?.throwIfAborted();
      received = whole.byteLength;
      if (sink) sink.write(whole);
      else chunks.push(whole);
      onProgress?.(received, total);
    }
  } catch (error) {
    sink?.abort();
    if (signal?.aborted) throw signal.reason ?? error;
    // The forwarder passes exactly its cap, then breaks the connection: say which limit it was.
    const cap = Number(head.headers[FORWARDER_MAX_ANSWER_HEADER]);
    if (cap > 0 && received === cap) {
      throw new AnswerLimitError(
        `The answer was cut off at the playground server's limit of ${Math.round(cap / 1048576)} MiB (FORWARD_MAX_ANSWER_MB): ask for fewer records or fields, or restart npm start with a higher FORWARD_MAX_ANSWER_MB.`,
      );
    }
    throw new TransportError(
      `The answer broke off after ${received} bytes: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return sink ? await sink.finish() : concat(chunks, received);
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
  return { send: (request, signal, options) => pick().send(request, signal, options) };
}
