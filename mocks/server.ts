import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Worker } from 'node:worker_threads';
import { REDCAP_VERSION_ENV, redcapVersionArg } from './redcap-version.ts';
import type { CoreMessage, CoreRequest } from './server-core.ts';

/**
 * `npm run mock:server`: the mock REDCap on http://127.0.0.1:8787/api/ (PORT to change it,
 * PORT=0 for any free port), for real clients: cURL, Python, R, the playground's snippets.
 * Like REDCap: no CORS headers, OPTIONS and every non-POST answer 501. Other paths are 404.
 * MOCK_REQUEST_LOG=<file> appends one JSON line per request (the mock's tokens are public).
 * MOCK_PUBLIC_URL=<base> makes survey links `<base>surveys/?s=<hash>` (default: the server's own).
 * Other paths get a web server's 404 page (mocks/handlers.ts).
 * The core runs in a worker thread (server-core.ts): this thread only moves bytes, so it
 * always hears SIGTERM/SIGINT, even while the core computes a large request.
 */

const HOST = '127.0.0.1';
const port = Number(process.env['PORT'] ?? 8787);

// --redcap-version <x.y.z>: what Export REDCap Version answers (the core reads it from the env).
try {
  const version = redcapVersionArg(process.argv.slice(2));
  if (version) process.env[REDCAP_VERSION_ENV] = version;
} catch (error) {
  console.error(`mock server: ${(error as Error).message}`);
  process.exit(2);
}

const core = new Worker(new URL('./server-core.ts', import.meta.url));
const pending = new Map<number, (message: CoreMessage) => void>();
let nextId = 0;

core.on('message', (message: CoreMessage) => {
  if (message.kind === 'ready') {
    console.log(message.banner.join('\n'));
    return;
  }
  pending.get(message.id)?.(message);
  pending.delete(message.id);
});
core.on('error', (error) => {
  console.error('mock server: the core stopped', error);
  process.exit(1);
});

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function serve(req: IncomingMessage, res: ServerResponse, origin: string) {
  const body = await readBody(req);
  const headers: [string, string][] = [];
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.push([name, Array.isArray(value) ? value.join(', ') : value]);
  }
  const id = nextId++;
  const request: CoreRequest = {
    id,
    method: req.method ?? 'GET',
    url: `${origin}${req.url ?? '/'}`,
    headers,
    body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength),
  };
  const reply = await new Promise<CoreMessage>((resolve) => {
    pending.set(id, resolve);
    core.postMessage(request);
  });
  if (reply.kind !== 'response') throw new Error('the core could not answer');
  res.writeHead(reply.status, Object.fromEntries(reply.headers));
  res.end(Buffer.from(reply.body.buffer, reply.body.byteOffset, reply.body.byteLength));
}

const server = createServer((req, res) => {
  const address = server.address();
  const origin = `http://${HOST}:${typeof address === 'object' && address ? address.port : port}`;
  serve(req, res, origin).catch((error: unknown) => {
    console.error('mock server: request failed', error);
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
    res.end();
  });
});

server.listen(port, HOST, () => {
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  core.postMessage({ kind: 'init', apiUrl: `http://${HOST}:${actual}/api/` });
});

// Stop at once: the store is in memory and the request log is written synchronously, so there
// is nothing to flush; waiting for open keep-alive connections (server.close alone) could take
// minutes, and the core's thread may be busy with a large request.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close();
    server.closeAllConnections();
    process.exit(0);
  });
}
