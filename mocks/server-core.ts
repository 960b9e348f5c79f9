import { appendFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { getResponse } from 'msw';
import { adminAnswer } from './admin-page.ts';
import { LARGE_PROJECTS } from './fixtures/large.ts';
import { createHandlers, notFoundPage } from './handlers.ts';
import { loadFromCommandLine } from './server-project.ts';
import { seedData } from './fixtures/index.ts';
import { createMockRedcap, type RequestInfo } from './redcap.ts';
import type { ServerOptions } from './server-options.ts';
import { writeStateFile } from './server-state.ts';
import { loadState } from './state/file.ts';
import type { MockRedcapData } from './store/types.ts';

/**
 * The mock core of `mock:server`, in a worker thread: the main thread (server.ts) keeps the
 * sockets and the signals, so SIGTERM/SIGINT end the process at once even while a large request
 * is being computed here.
 */

export type CoreRequest = {
  readonly id: number;
  readonly method: string;
  readonly url: string;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Uint8Array;
};

export type CoreMessage =
  | { readonly kind: 'ready'; readonly banner: readonly string[] }
  | {
      readonly kind: 'response';
      readonly id: number;
      readonly status: number;
      readonly headers: readonly (readonly [string, string])[];
      readonly body: Uint8Array;
    }
  | { readonly kind: 'failed'; readonly id: number }
  /** --save-on-exit: the state is written (problem null) or why not. */
  | { readonly kind: 'saved'; readonly problem: string | null }

  /** The core cannot start (a --project file refused): the message says why. */
  | { readonly kind: 'fatal'; readonly message: string };

/** From the main thread: start (with a saved demo's data, --state), or save and stop. */
type ControlMessage =
  | { readonly kind: 'init'; readonly apiUrl: string; readonly state?: MockRedcapData }
  | { readonly kind: 'save'; readonly file: string };

const requestLog = process.env['MOCK_REQUEST_LOG'];

function logRequest(info: RequestInfo): void {
  if (!requestLog) return;
  const line = { method: info.methodId, fields: info.fields, files: info.fileNames };
  appendFileSync(requestLog, `${JSON.stringify(line)}\n`);
}

// The large projects are listed at once and built on their token's first use.
// MOCK_PUBLIC_URL: the public base URL of the REDCap being imitated, for survey links.
const publicBaseUrl = process.env['MOCK_PUBLIC_URL'];
// The command line (server-options.ts), as server.ts read it.
const options = (workerData ?? {}) as ServerOptions;
// --redcap-version: what Export REDCap Version answers (checked by server-options.ts).
const redcapVersion = options['redcap-version'];
const redcap = createMockRedcap({
  onRequest: logRequest,
  lazyProjects: LARGE_PROJECTS,
  ...(publicBaseUrl && { publicBaseUrl }),
  ...(redcapVersion !== undefined && { seed: { ...seedData(), version: redcapVersion } }),
});
let handlers: ReturnType<typeof createHandlers> = [];
const port = parentPort!;

async function answer(req: CoreRequest): Promise<CoreMessage> {
  // The administrator's page (admin-page.ts): token life cycle and failures on demand.
  const contentType = req.headers.find(([n]) => n.toLowerCase() === 'content-type')?.[1] ?? null;
  const admin = await adminAnswer(redcap, {
    method: req.method,
    url: req.url,
    contentType,
    body: req.body,
  });
  if (admin) {
    const body = typeof admin.body === 'string' ? new TextEncoder().encode(admin.body) : admin.body;
    return {
      kind: 'response',
      id: req.id,
      status: admin.status,
      headers: Object.entries(admin.headers),
      body,
    };
  }
  const request = new Request(req.url, {
    method: req.method,
    headers: new Headers(req.headers as [string, string][]),
    ...(req.method !== 'GET' && req.method !== 'HEAD' && { body: req.body as BodyInit }),
  });
  // Paths the handlers do not know get a web server's 404 page, as next to a real REDCap.
  const response = (await getResponse(handlers, request)) ?? notFoundPage();
  return {
    kind: 'response',
    id: req.id,
    status: response.status,
    headers: [...response.headers],
    body: new Uint8Array(await response.arrayBuffer()),
  };
}

port.on('message', (message: ControlMessage | CoreRequest) => {
  if ('kind' in message && message.kind === 'save') {
    const problem = writeStateFile(redcap.store, message.file);
    port.postMessage({ kind: 'saved', problem } satisfies CoreMessage);
    return;
  }
  if ('kind' in message) {
    // --state first: a --project file is one more project beside the saved demo's.
    if (message.state) loadState(redcap.store, message.state);
    let loaded: string[];
    try {
      loaded = loadFromCommandLine(redcap, options);
    } catch (error) {
      port.postMessage({ kind: 'fatal', message: (error as Error).message } satisfies CoreMessage);
      return;
    }
    handlers = createHandlers(message.apiUrl, redcap);
    const banner = [`listening: ${message.apiUrl}`];
    for (const t of redcap.tokens()) {
      banner.push(`project: ${t.project}  user: ${t.username}  token: ${t.token}`);
    }
    // Super tokens belong to a user, not a project: Export Version and Create Project only (§1.5).
    for (const s of redcap.store.data.superTokens) {
      banner.push(`super token: ${s.token}  user: ${s.username}`);
    }
    banner.push(...loaded);
    // Snippets copied from the page read REDCAP_API_TOKEN: which token that is, is the page's.
    const first = redcap.tokens()[0];
    banner.push(
      `snippets: a snippet copied from the page reads REDCAP_API_TOKEN: set it to the token above of the user the page names (its Mock project chooser), e.g. for ${first?.username ?? ''} on ${first?.project ?? ''}: export REDCAP_API_TOKEN=${first?.token ?? ''}`,
    );
    port.postMessage({ kind: 'ready', banner } satisfies CoreMessage);
    return;
  }
  answer(message).then(
    (reply) =>
      port.postMessage(reply, reply.kind === 'response' ? [reply.body.buffer as ArrayBuffer] : []),
    (error: unknown) => {
      console.error('mock server: request failed', error);
      port.postMessage({ kind: 'failed', id: message.id } satisfies CoreMessage);
    },
  );
});
