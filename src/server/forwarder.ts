import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { pipeline, type Readable, type Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import {
  FORWARD_CONFIG_PATH,
  FORWARD_PATH,
  FORWARD_TARGET_HEADER,
  FORWARDER_ERROR_HEADER,
  FORWARDER_LOCATION_HEADER,
  FORWARDER_MAX_ANSWER_HEADER,
  FORWARDER_UPSTREAM_STATUS_HEADER,
  type ForwarderError,
} from '../lib/execute/forward.ts';
import { checkApiUrl, normalizeApiUrl } from '../lib/redcap/connection.ts';
import type { RequestHandler } from './handler.ts';
import { isSameOriginRequest } from './hosts.ts';

export interface ForwarderOptions {
  /** The REDCap API URLs it may call; nothing else is ever called. */
  readonly targets: readonly string[];
  /** Largest request body (Content-Length) it sends on. */
  readonly maxBodyBytes?: number;
  /** Upstream read timeout: the longest REDCap's server may stay silent (connect, headers, body). */
  readonly timeoutMs?: number;
  /** Largest answer the page gets, counted after decompression. */
  readonly maxAnswerBytes?: number;
  /** Forwards in flight at once; more get a 503 at once. */
  readonly maxConcurrent?: number;
}

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 60 * 1000;
export const DEFAULT_MAX_ANSWER_BYTES = 512 * 1024 * 1024;
export const DEFAULT_MAX_CONCURRENT = 8;

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

/** The forwarder asks for gzip and decodes it itself, with a cap on what comes out. */
const ACCEPTED_ENCODINGS = 'gzip, deflate, br';

function refuse(res: ServerResponse, status: number, kind: ForwarderError, message: string): true {
  if (res.headersSent) {
    res.destroy();
    return true;
  }
  res.statusCode = status;
  res.setHeader(FORWARDER_ERROR_HEADER, kind);
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(`${message}\n`);
  return true;
}

function mebibytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB`;
}

function decoderFor(encoding: string): Transform | null | 'unsupported' {
  switch (encoding) {
    case '':
    case 'identity':
      return null;
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      return 'unsupported';
  }
}

function redirectTarget(location: string | undefined, base: string): string | null {
  if (!location) return null;
  try {
    return new URL(location, base).href;
  } catch {
    return null;
  }
}

/** Waits until `res` can take more, or is gone. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/**
 * Passes the (decoded) answer on with backpressure, at most `limit` bytes. Past the limit, or
 * when the answer breaks, the connection to the page breaks off: a status cannot change any more
 * once bytes have gone. Exactly `limit` bytes arrive first, so the page can tell the cap
 * (FORWARDER_MAX_ANSWER_HEADER) from a broken upstream.
 */
async function relay(source: Readable, res: ServerResponse, limit: number): Promise<void> {
  let sent = 0;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      if (res.destroyed) return;
      if (sent + chunk.byteLength > limit) {
        const part = chunk.subarray(0, limit - sent);
        await new Promise<void>((resolve) => res.write(part, () => resolve()));
        res.destroy();
        return;
      }
      sent += chunk.byteLength;
      if (!res.write(chunk)) await drained(res);
    }
    res.end();
  } catch {
    res.destroy();
  } finally {
    source.destroy();
  }
}

interface ForwardLimits {
  readonly timeoutMs: number;
  readonly maxAnswerBytes: number;
}

/**
 * One call upstream with node:http(s): the request body streams through as it arrives (one copy
 * at a time, with backpressure), the answer streams back, decoded here with a cap. Resolves when
 * the exchange is over, whatever happened; never rejects, never throws past itself.
 */
function forwardOnce(
  req: IncomingMessage,
  res: ServerResponse,
  target: URL,
  bodyLength: number,
  limits: ForwardLimits,
): Promise<void> {
  return new Promise((resolve) => {
    let timedOut = false;
    let finished = false;
    const finish = (): void => {
      if (finished) return;
      finished = true;
      resolve();
    };
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    let upstream: ReturnType<typeof send>;
    try {
      upstream = send(target, {
        method: 'POST',
        // Only the body's type and length travel: no cookies, no authorisation, no referrer.
        headers: {
          'content-type': req.headers['content-type'] ?? 'application/x-www-form-urlencoded',
          'content-length': String(bodyLength),
          'accept-encoding': ACCEPTED_ENCODINGS,
        },
        timeout: limits.timeoutMs,
      });
    } catch {
      // Node refused to start the call (a header it will not send): nothing left the machine.
      refuse(res, 400, 'bad-request', 'The forwarder could not send this request on.');
      return finish();
    }
    const seconds = Math.round(limits.timeoutMs / 100) / 10;
    upstream.on('timeout', () => {
      timedOut = true;
      upstream.destroy();
    });
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      if (timedOut) {
        refuse(res, 504, 'timeout', `REDCap did not answer within ${seconds} s.`);
      } else if (typeof error.code === 'string' && error.code.startsWith('HPE_')) {
        refuse(
          res,
          502,
          'bad-answer',
          `The REDCap server at ${target.host} sent an answer that is not valid HTTP.`,
        );
      } else {
        refuse(res, 502, 'network', `The REDCap server at ${target.host} could not be reached.`);
      }
      finish();
    });
    // The page went away, or its request broke off: stop the call upstream too.
    req.on('error', () => upstream.destroy());
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
      finish();
    });
    req.pipe(upstream);

    upstream.on('response', (answer) => {
      answer.on('error', () => undefined);
      const status = answer.statusCode ?? 0;
      if (status >= 300 && status < 400) {
        answer.resume();
        upstream.destroy();
        const location = redirectTarget(answer.headers.location, target.href);
        res.setHeader(FORWARDER_UPSTREAM_STATUS_HEADER, String(status));
        if (location) res.setHeader(FORWARDER_LOCATION_HEADER, location);
        refuse(
          res,
          502,
          'redirect',
          location === null && answer.headers.location
            ? `REDCap's server answered with a redirect (${status}) to an address that is not a valid URL, instead of data.`
            : `REDCap's server answered with a redirect (${status}) instead of data.`,
        );
        return finish();
      }
      const bad = (message: string, kind: ForwarderError = 'bad-answer'): void => {
        answer.resume();
        upstream.destroy();
        refuse(res, 502, kind, message);
        finish();
      };
      if (status < 200 || status > 599) {
        return bad(`The REDCap server at ${target.host} answered with HTTP status ${status}.`);
      }
      const encoding = (answer.headers['content-encoding'] ?? '').trim().toLowerCase();
      const decoder = decoderFor(encoding);
      if (decoder === 'unsupported') {
        return bad(
          `The REDCap server at ${target.host} sent its answer in an encoding the playground cannot read.`,
        );
      }
      const declared = answer.headers['content-length'];
      const length = declared !== undefined && /^\d+$/.test(declared) ? Number(declared) : null;
      if (decoder === null && length !== null && length > limits.maxAnswerBytes) {
        return bad(
          `REDCap's answer (${mebibytes(length)}) is larger than this playground passes on (${mebibytes(limits.maxAnswerBytes)}, FORWARD_MAX_ANSWER_MB). Ask for fewer records or fields.`,
          'answer-too-large',
        );
      }
      res.statusCode = status;
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader(FORWARDER_MAX_ANSWER_HEADER, String(limits.maxAnswerBytes));
      for (const name of PASSED_RESPONSE_HEADERS) {
        const value = answer.headers[name];
        if (typeof value !== 'string') continue;
        try {
          res.setHeader(name, value);
        } catch {
          // A value Node will not send on is dropped, not a reason to fail the call.
        }
      }
      if (decoder === null && length !== null) res.setHeader('Content-Length', length);
      const decoded = decoder ? pipeline(answer, decoder, () => undefined) : answer;
      void relay(decoded, res, limits.maxAnswerBytes).then(() => {
        upstream.destroy();
        finish();
      });
    });
  });
}

/**
 * The same-origin forwarder of live mode: POST FORWARD_PATH with the REDCap API URL in
 * FORWARD_TARGET_HEADER. It calls configured URLs only, never follows redirects, passes no
 * cookies either way, keeps bodies byte for byte, and never logs a body or a token. Nothing an
 * upstream does can end the process: node:http's client, every stream error handled, caps on
 * time (silence), answer size after decoding and concurrent calls.
 */
export function createForwarder(options: ForwarderOptions): RequestHandler {
  const targets = new Set(options.targets.map(normalizeApiUrl));
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const maxConcurrent = options.maxConcurrent ?? DEFAULT_MAX_CONCURRENT;
  const limits: ForwardLimits = {
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxAnswerBytes: options.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES,
  };
  let inFlight = 0;

  return async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://local').pathname;
    const isConfig = path === FORWARD_CONFIG_PATH;
    if (!isConfig && path !== FORWARD_PATH) return false;
    if (!isSameOriginRequest(req)) {
      return refuse(
        res,
        403,
        'cross-origin',
        'The forwarder answers only the playground’s own page (same origin).',
      );
    }
    if (isConfig) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return false;
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.setHeader('Cache-Control', 'no-store');
      res.end(req.method === 'HEAD' ? undefined : JSON.stringify({ targets: [...targets] }));
      return true;
    }
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
    const declared = req.headers['content-length'];
    if (declared === undefined || !/^\d+$/.test(declared)) {
      return refuse(res, 411, 'length-required', 'Send the request with a Content-Length.');
    }
    if (Number(declared) > maxBody) {
      return refuse(
        res,
        413,
        'too-large',
        `The request is larger than the forwarder accepts (${mebibytes(maxBody)}, FORWARD_MAX_BODY_MB).`,
      );
    }
    if (inFlight >= maxConcurrent) {
      res.setHeader('Retry-After', '1');
      return refuse(
        res,
        503,
        'busy',
        `The forwarder already has ${maxConcurrent} calls in flight (FORWARD_MAX_CONCURRENT): try again when one has finished.`,
      );
    }
    inFlight += 1;
    try {
      await forwardOnce(req, res, new URL(target), Number(declared), limits);
    } finally {
      inFlight -= 1;
    }
    return true;
  };
}
