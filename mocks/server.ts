import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Worker } from 'node:worker_threads';
import type { CoreMessage, CoreRequest } from './server-core.ts';
import { helpText, parseServerOptions } from './server-options.ts';
import { readStateFile } from './server-state.ts';

/**
 * `npm run mock:server`: the mock REDCap on http://127.0.0.1:8787/api/ (PORT to change it,
 * PORT=0 for any free port), for real clients: cURL, Python, R, the playground's snippets.
 * Like REDCap: no CORS headers, OPTIONS and every non-POST answer 501. Other paths are 404.
 * MOCK_REQUEST_LOG=<file> appends one JSON line per request (the mock's tokens are public).
 * MOCK_PUBLIC_URL=<base> makes survey links `<base>surveys/?s=<hash>` (default: the server's own).
 * Other paths get a web server's 404 page (mocks/handlers.ts), except GET/POST /admin/: the
 * administrator's page for tokens and failures on demand (admin-page.ts; not in the banner,
 * whose lines are fixed).
 * The core runs in a worker thread (server-core.ts): this thread only moves bytes, so it
 * always hears SIGTERM/SIGINT, even while the core computes a large request.
 */

const HOST = '127.0.0.1';
const port = Number(process.env['PORT'] ?? 8787);

// The command line (mocks/server-options.ts): --help, or options the core reads (--project …).
const parsed = parseServerOptions(process.argv.slice(2));
if (!parsed.ok) {
  console.error(`mock server: ${parsed.error}`);
  process.exit(2);
}
if (parsed.options.help) {
  console.log(
    helpText(
      process.env['npm_lifecycle_event'] === 'mock:server'
        ? 'npm run mock:server --'
        : 'redcap-mock',
    ),
  );
  process.exit(0);
}

// --state <file>: a saved demo, read and checked before anything listens; --save-on-exit <file>.
const saveOnExit = parsed.options['save-on-exit'];
const stateFile = parsed.options.state;
const savedState = stateFile === undefined ? undefined : readStateFile(stateFile);
if (savedState && !savedState.ok) {
  console.error(`mock server: ${savedState.message}`);
  process.exit(1);
}

const core = new Worker(new URL('./server-core.ts', import.meta.url), {
  workerData: parsed.options,
});
const pending = new Map<number, (message: CoreMessage) => void>();
let nextId = 0;

core.on('message', (message: CoreMessage) => {
  if (message.kind === 'ready') {
    console.log(message.banner.join('\n'));
    return;
  }
  if (message.kind === 'saved') {
    if (message.problem) console.error(`mock server: the state was not saved: ${message.problem}`);
    else console.log(`saved the mock's state to ${saveOnExit ?? ''}`);
    process.exit(message.problem ? 1 : 0);
  }
  if (message.kind === 'fatal') {
    console.error(`mock server: ${message.message}`);
    process.exit(1);
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
  // Failures on demand, "the network is down": no answer at all, the connection drops.
  if (reply.status === 0) {
    res.destroy();
    return;
  }
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
  core.postMessage({
    kind: 'init',
    apiUrl: `http://${HOST}:${actual}/api/`,
    ...(savedState?.ok && { state: savedState.data }),
  });
});

// Stop at once: the store is in memory and the request log is written synchronously, so there
// is nothing to flush; waiting for open keep-alive connections (server.close alone) could take
// minutes, and the core's thread may be busy with a large request. With --save-on-exit, the
// core writes the state first (after the request it is computing); a second signal stops at once.
let saving = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close();
    server.closeAllConnections();
    if (saveOnExit === undefined || saving) process.exit(0);
    saving = true;
    core.postMessage({ kind: 'save', file: saveOnExit });
  });
}
