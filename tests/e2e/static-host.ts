import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { setSecurityHeaders } from '../../src/server/headers.ts';
import { createStaticHandler, sendText } from '../../src/server/static.ts';

/** The build the other specs run against (their web server builds it if missing or stale). */
const dist = fileURLToPath(new URL('../../dist/', import.meta.url));

export interface StaticHost {
  readonly port: number;
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  readonly origin: string;
  close(): Promise<void>;
}

/**
 * A plain static host, as a trainer would use: dist/ copied under `prefix` (e.g. '/playground/')
 * and nothing else: no forwarder, no other paths. Same CSP as `npm start`, so the Web Worker and
 * service worker are tested under it. `/playground` without its slash redirects, as static hosts do.
 */
export async function serveDistUnder(prefix: string): Promise<StaticHost> {
  const files = createStaticHandler(dist);
  const bare = prefix.replace(/\/$/, '');
  const server = createServer(async (req, res) => {
    setSecurityHeaders(res, req);
    const url = new URL(req.url ?? '/', 'http://host.invalid');
    if (url.pathname === bare) {
      res.writeHead(301, { Location: `${prefix}${url.search}` }).end();
      return;
    }
    if (!url.pathname.startsWith(prefix)) return sendText(res, 404, 'Not found\n');
    req.url = `/${url.pathname.slice(prefix.length)}${url.search}`;
    if (!(await files(req, res))) sendText(res, 404, 'Not found\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
