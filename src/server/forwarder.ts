import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import {
  FORWARD_CONFIG_PATH,
  FORWARD_PATH,
  FORWARD_TARGET_HEADER,
  FORWARDER_ERROR_HEADER,
  FORWARDER_LOCATION_HEADER,
  FORWARDER_UPSTREAM_STATUS_HEADER,
  type ForwarderError,
} from '../lib/execute/forward.ts';
import { checkApiUrl, normalizeApiUrl } from '../lib/redcap/connection.ts';
import type { RequestHandler } from './handler.ts';

export interface ForwarderOptions {
  /** The REDCap API URLs it may call; nothing else is ever called. */
  readonly targets: readonly string[];
  readonly maxBodyBytes?: number;
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 5 * 60 * 1000;

/** REDCAP_URL: one or more API URLs, comma-separated, each normalised like the UI's field. */
export function parseRedcapUrls(value: string | undefined): { urls: string[]; errors: string[] } {
  const urls: string[] = [];
  const errors: string[] = [];
  for (const raw of (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const problem = checkApiUrl(raw);
    if (problem) errors.push(`${raw}: ${problem}`);
    else if (!urls.includes(normalizeApiUrl(raw))) urls.push(normalizeApiUrl(raw));
  }
  return { urls, errors };
}

/** Response headers that describe the body and may pass; cookies and hop-by-hop ones never do. */
const PASSED_RESPONSE_HEADERS = ['content-type', 'content-disposition', 'last-modified', 'etag'];

function refuse(res: ServerResponse, status: number, kind: ForwarderError, message: string): true {
  res.statusCode = status;
  res.setHeader(FORWARDER_ERROR_HEADER, kind);
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(`${message}\n`);
  return true;
}

class TooLarge extends Error {}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).byteLength;
    if (size > limit) throw new TooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * The same-origin forwarder of live mode: POST FORWARD_PATH with the REDCap API URL in
 * FORWARD_TARGET_HEADER. It calls configured URLs only, never follows redirects, passes no
 * cookies either way, keeps bodies byte for byte, and never logs a body or a token.
 */
export function createForwarder(options: ForwarderOptions): RequestHandler {
  const targets = new Set(options.targets.map(normalizeApiUrl));
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const doFetch = options.fetch ?? fetch;

  return async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://local').pathname;
    if (path === FORWARD_CONFIG_PATH && (req.method === 'GET' || req.method === 'HEAD')) {
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.setHeader('Cache-Control', 'no-store');
      res.end(req.method === 'HEAD' ? undefined : JSON.stringify({ targets: [...targets] }));
      return true;
    }
    if (path !== FORWARD_PATH) return false;
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return refuse(res, 405, 'method', 'The forwarder only sends POST requests, as REDCap needs.');
    }
    const rawTarget = req.headers[FORWARD_TARGET_HEADER];
    if (typeof rawTarget !== 'string' || rawTarget === '') {
      return refuse(res, 400, 'no-target', `Name the REDCap API URL in ${FORWARD_TARGET_HEADER}.`);
    }
    const target = normalizeApiUrl(rawTarget);
    if (!targets.has(target)) {
      return refuse(
        res,
        421,
        'not-configured',
        targets.size === 0
          ? 'Live mode is not set up: start the playground with REDCAP_URL=<your REDCap API URL> npm start.'
          : `This playground may only call ${[...targets].join(', ')}. Add the URL to REDCAP_URL and restart npm start.`,
      );
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBody) return refuse(res, 413, 'too-large', 'The request is too large.');
    let body: Buffer;
    try {
      body = await readBody(req, maxBody);
    } catch (error) {
      if (error instanceof TooLarge)
        return refuse(res, 413, 'too-large', 'The request is too large.');
      throw error;
    }

    const abort = new AbortController();
    const timer = setTimeout(
      () => abort.abort(new DOMException('timeout', 'TimeoutError')),
      timeoutMs,
    );
    res.once('close', () => abort.abort());
    let upstream: Response;
    try {
      upstream = await doFetch(target, {
        method: 'POST',
        // Only the body's type travels: no cookies, no authorisation, no referrer.
        headers: {
          'content-type': req.headers['content-type'] ?? 'application/x-www-form-urlencoded',
        },
        body: new Uint8Array(body),
        redirect: 'manual',
        signal: abort.signal,
      });
    } catch {
      clearTimeout(timer);
      if (
        abort.signal.reason instanceof DOMException &&
        abort.signal.reason.name === 'TimeoutError'
      ) {
        return refuse(
          res,
          504,
          'timeout',
          `REDCap did not answer within ${Math.round(timeoutMs / 1000)} s.`,
        );
      }
      return refuse(
        res,
        502,
        'network',
        `The REDCap server at ${new URL(target).host} could not be reached.`,
      );
    }

    if (upstream.status >= 300 && upstream.status < 400) {
      clearTimeout(timer);
      const location = upstream.headers.get('location') ?? '';
      res.setHeader(FORWARDER_UPSTREAM_STATUS_HEADER, String(upstream.status));
      if (location) res.setHeader(FORWARDER_LOCATION_HEADER, new URL(location, target).href);
      return refuse(
        res,
        502,
        'redirect',
        `REDCap's server answered with a redirect (${upstream.status}) instead of data.`,
      );
    }

    res.statusCode = upstream.status;
    res.setHeader('Cache-Control', 'no-store');
    for (const name of PASSED_RESPONSE_HEADERS) {
      const value = upstream.headers.get(name);
      if (value !== null) res.setHeader(name, value);
    }
    try {
      if (upstream.body) {
        for await (const chunk of Readable.fromWeb(upstream.body as WebReadableStream)) {
          if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve));
        }
      }
      res.end();
    } catch {
      res.destroy();
    } finally {
      clearTimeout(timer);
    }
    return true;
  };
}
