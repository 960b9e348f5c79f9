import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * One step of the request chain: answers the request and returns true, or returns false to pass
 * it on. The static files are the last step; the live-mode forwarder (same-origin POSTs to
 * configured REDCap API URLs) goes before them.
 */
export type RequestHandler = (
  req: IncomingMessage,
  res: ServerResponse,
) => boolean | Promise<boolean>;
