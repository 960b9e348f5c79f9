import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The app's CSP (DESIGN.md gotcha 6, zero violations verified): Monaco needs inline styles,
 * zod runs jitless so no eval is needed, and `connect-src 'self'` keeps every call same-origin
 * (the mock's reserved path, or the live-mode forwarder).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "connect-src 'self'",
  "font-src 'self'",
  "img-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Browser features the app never uses, off for the page and anything it embeds. Only names
 * Chromium knows: an unknown one costs a console error on every page load.
 */
export const PERMISSIONS_POLICY = [
  'accelerometer',
  'autoplay',
  'camera',
  'display-capture',
  'encrypted-media',
  'geolocation',
  'gyroscope',
  'hid',
  'idle-detection',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'publickey-credentials-get',
  'screen-wake-lock',
  'serial',
  'usb',
  'xr-spatial-tracking',
]
  .map((feature) => `${feature}=()`)
  .join(', ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  // A window the page opens (or that opens it) gets no handle on it; no other site may embed
  // or load its responses (the forwarder's answers included).
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': PERMISSIONS_POLICY,
};

/**
 * Whether the browser treats the page's origin as potentially trustworthy: https, or plain http
 * on a loopback name. Elsewhere browsers ignore Cross-Origin-Opener-Policy and report the ignored
 * header as a console error, so it is not sent there.
 */
export function trustworthyOrigin(req: IncomingMessage | undefined): boolean {
  if (!req) return true;
  if ((req.socket as { encrypted?: boolean } | undefined)?.encrypted) return true;
  const host = (req.headers.host ?? '').toLowerCase().replace(/:\d+$/, '');
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '[::1]' ||
    /^127(\.\d{1,3}){3}$/.test(host)
  );
}

/** Sent on every response, errors included, before any handler runs. */
export function setSecurityHeaders(res: ServerResponse, req?: IncomingMessage): void {
  const trustworthy = trustworthyOrigin(req);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    if (name === 'Cross-Origin-Opener-Policy' && !trustworthy) continue;
    res.setHeader(name, value);
  }
}
