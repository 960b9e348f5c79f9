import { appendFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { getResponse } from 'msw';
import { LARGE_PROJECTS } from './fixtures/large.ts';
import { createHandlers } from './handlers.ts';
import { createMockRedcap, type RequestInfo } from './redcap.ts';

/**
 * `npm run mock:server`: the mock REDCap on http://127.0.0.1:8787/api/ (PORT to change it,
 * PORT=0 for any free port), for real clients: cURL, Python, R, the playground's snippets.
 * Like REDCap: no CORS headers, OPTIONS and every non-POST answer 501. Other paths are 404.
 * MOCK_REQUEST_LOG=<file> appends one JSON line per request (the mock's tokens are public).
 */

const HOST = '127.0.0.1';
const port = Number(process.env['PORT'] ?? 8787);
const requestLog = process.env['MOCK_REQUEST_LOG'];

function logRequest(info: RequestInfo): void {
  if (!requestLog) return;
  const line = { method: info.methodId, fields: info.fields, files: info.fileNames };
  appendFileSync(requestLog, `${JSON.stringify(line)}\n`);
}

// The large projects are listed at once and built on their token's first use.
const redcap = createMockRedcap({ onRequest: logRequest, lazyProjects: LARGE_PROJECTS });
let handlers: ReturnType<typeof createHandlers> = [];

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function serve(req: IncomingMessage, res: ServerResponse, origin: string) {
  const body = await readBody(req);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const method = req.method ?? 'GET';
  const request = new Request(`${origin}${req.url ?? '/'}`, {
    method,
    headers,
    ...(method !== 'GET' && method !== 'HEAD' && { body: new Uint8Array(body) }),
  });
  const response = await getResponse(handlers, request);
  if (!response) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Not Found: the mock REDCap answers only /api/\n');
    return;
  }
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
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
  const apiUrl = `http://${HOST}:${actual}/api/`;
  handlers = createHandlers(apiUrl, redcap);
  const lines = [`listening: ${apiUrl}`];
  for (const t of redcap.tokens()) {
    lines.push(`project: ${t.project}  user: ${t.username}  token: ${t.token}`);
  }
  // Super tokens belong to a user, not a project: Export Version and Create Project only (§1.5).
  for (const s of redcap.store.data.superTokens) {
    lines.push(`super token: ${s.token}  user: ${s.username}`);
  }
  console.log(lines.join('\n'));
});

// Stop at once: the store is in memory and the request log is written synchronously, so there
// is nothing to flush; waiting for open keep-alive connections (server.close alone) could take
// minutes.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close();
    server.closeAllConnections();
    process.exit(0);
  });
}
