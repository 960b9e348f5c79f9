import { appendFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { getResponse } from 'msw';
import { LARGE_PROJECTS } from './fixtures/large.ts';
import { createHandlers, notFoundPage } from './handlers.ts';
import { createMockRedcap, type RequestInfo } from './redcap.ts';

/**
 * `npm run mock:server`: the mock REDCap on http://127.0.0.1:8787/api/ (PORT to change it,
 * PORT=0 for any free port), for real clients: cURL, Python, R, the playground's snippets.
 * Like REDCap: no CORS headers, OPTIONS and every non-POST answer 501. Other paths get a web
 * server's 404 page (mocks/handlers.ts).
 * MOCK_REQUEST_LOG=<file> appends one JSON line per request (the mock's tokens are public).
 * MOCK_PUBLIC_URL=<base> makes survey links `<base>surveys/?s=<hash>` (default: the server's own).
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
// MOCK_PUBLIC_URL: the public base URL of the REDCap being imitated, for survey links.
const publicBaseUrl = process.env['MOCK_PUBLIC_URL'];
const redcap = createMockRedcap({
  onRequest: logRequest,
  lazyProjects: LARGE_PROJECTS,
  ...(publicBaseUrl && { publicBaseUrl }),
});
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
  const answer = response ?? notFoundPage();
  res.writeHead(answer.status, Object.fromEntries(answer.headers));
  res.end(Buffer.from(await answer.arrayBuffer()));
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
  // Snippets copied from the page read REDCAP_API_TOKEN: which token that is, is the page's.
  lines.push(
    `snippets: a snippet copied from the page uses the token of the user chosen there (Mock project: <project> · <user>); the page shows its export line, e.g. export REDCAP_API_TOKEN=${redcap.tokens()[0]?.token ?? ''} for ${redcap.tokens()[0]?.username ?? ''} on ${redcap.tokens()[0]?.project ?? ''}`,
  );
  console.log(lines.join('\n'));
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
