import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestHandler } from './handler.ts';
import { setSecurityHeaders } from './headers.ts';
import { createHostGuard, LOOPBACK_HOSTS } from './hosts.ts';
import { createStaticHandler, sendText } from './static.ts';

export type { RequestHandler } from './handler.ts';

export interface PlaygroundServerOptions {
  /** The directory to serve: the build (dist/). */
  readonly root: string;
  /** Steps tried, in order, before the static files (the live-mode forwarder goes here). */
  readonly handlers?: readonly RequestHandler[];
  /** Host names it answers for (DNS rebinding guard); loopback names by default. */
  readonly allowedHosts?: readonly string[];
}

/** The playground's HTTP server, not yet listening. */
export function createPlaygroundServer(options: PlaygroundServerOptions): Server {
  const chain: readonly RequestHandler[] = [
    createHostGuard(options.allowedHosts ?? LOOPBACK_HOSTS),
    ...(options.handlers ?? []),
    createStaticHandler(options.root),
  ];
  return createServer(async (req, res) => {
    setSecurityHeaders(res, req);
    try {
      for (const handle of chain) if (await handle(req, res)) return;
      sendText(res, 404, 'Not found\n');
    } catch (error) {
      // The name only: an error's message or stack may quote a request (and so a token).
      console.error(`playground: request failed: ${error instanceof Error ? error.name : 'error'}`);
      if (res.headersSent) res.destroy();
      else sendText(res, 500, 'Internal server error\n');
    }
  });
}

export interface RunningServer {
  readonly server: Server;
  readonly port: number;
  /** `http://127.0.0.1:<port>/` */
  readonly url: string;
  close(): Promise<void>;
}

export interface StaticServerOptions extends PlaygroundServerOptions {
  /** 0 picks a free port. */
  readonly port?: number;
  /** Loopback by default: service workers need a secure context, and this is a local tool. */
  readonly host?: string;
}

/** Creates the server and waits until it listens. */
export async function createStaticServer(options: StaticServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const server = createPlaygroundServer(options);
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    port,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/`,
    close: () =>
      new Promise<void>((resolveClose, rejectClose) => {
        server.close((error) => (error ? rejectClose(error) : resolveClose()));
        server.closeAllConnections();
      }),
  };
}
