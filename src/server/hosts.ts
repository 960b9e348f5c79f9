import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from './handler.ts';
import { sendText } from './static.ts';

/** The names a loopback server answers for; HOST and ALLOWED_HOSTS add more. */
export const LOOPBACK_HOSTS: readonly string[] = ['127.0.0.1', 'localhost', '[::1]'];

const HOST_HEADER =
  /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/** A host name as the allow-list keeps it: lower case, IPv6 in brackets, no port. */
export function normalizeHostName(name: string): string {
  const trimmed = name.trim().toLowerCase().replace(/\.$/, '');
  return trimmed.includes(':') && !trimmed.startsWith('[') ? `[${trimmed}]` : trimmed;
}

/**
 * The host names to answer for: loopback, the bind address (HOST) unless it is a wildcard, and
 * ALLOWED_HOSTS (comma-separated names, for a reverse proxy or a LAN name).
 */
export function allowedHostNames(host?: string, allowed?: string): string[] {
  const names = new Set(LOOPBACK_HOSTS);
  const extra = [host ?? '', ...(allowed ?? '').split(',')].map(normalizeHostName).filter(Boolean);
  for (const name of extra) if (name !== '0.0.0.0' && name !== '[::]') names.add(name);
  return [...names];
}

/** The host name of a Host header (or an absolute-form request target), or null if malformed. */
export function hostNameOf(value: string | undefined): string | null {
  if (value === undefined || !HOST_HEADER.test(value)) return null;
  return normalizeHostName(value.replace(/:\d+$/, ''));
}

/**
 * DNS rebinding guard, first in the chain: a page on evil.example whose name was pointed at
 * 127.0.0.1 sends `Host: evil.example`; only the names the server was started for get an answer.
 */
export function createHostGuard(allowed: readonly string[]): RequestHandler {
  const names = new Set(allowed.map(normalizeHostName));
  const refuse: RequestHandler = (req, res) => {
    res.setHeader('Connection', 'close');
    sendText(
      res,
      421,
      `This server answers only for ${[...names].join(', ')}. Open the playground at one of those names, or add yours to ALLOWED_HOSTS.\n`,
    );
    req.resume();
    return true;
  };
  return (req, res) => {
    const host = hostNameOf(req.headers.host);
    if (host === null || !names.has(host)) return refuse(req, res);
    const target = req.url ?? '/';
    if (!target.startsWith('/')) {
      let absolute: string | null;
      try {
        absolute = hostNameOf(new URL(target).host);
      } catch {
        absolute = null;
      }
      if (absolute === null || !names.has(absolute)) return refuse(req, res);
    }
    return false;
  };
}

/**
 * Whether a request comes from the playground's own page: `Sec-Fetch-Site: same-origin` when the
 * browser sends it, and an `Origin` (when present) naming the same host and port as `Host`.
 * Tools without either (curl, tests) pass; cross-site pages never do.
 */
export function isSameOriginRequest(req: IncomingMessage): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    const url = new URL(origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
    return url.host.toLowerCase() === (req.headers.host ?? '').toLowerCase();
  } catch {
    return false;
  }
}
