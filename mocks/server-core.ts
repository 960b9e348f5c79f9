import { appendFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { getResponse } from 'msw';
import { LARGE_PROJECTS } from './fixtures/large.ts';
import { createHandlers, notFoundPage } from './handlers.ts';
import { seedData } from './fixtures/index.ts';
import { createMockRedcap, type RequestInfo } from './redcap.ts';
import { isRedcapVersion, REDCAP_VERSION_ENV } from './redcap-version.ts';

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
  | { readonly kind: 'failed'; readonly id: number };

const requestLog = process.env['MOCK_REQUEST_LOG'];

function logRequest(info: RequestInfo): void {
  if (!requestLog) return;
  const line = { method: info.methodId, fields: info.fields, files: info.fileNames };
  appendFileSync(requestLog, `${JSON.stringify(line)}\n`);
}

// The large projects are listed at once and built on their token's first use.
// MOCK_PUBLIC_URL: the public base URL of the REDCap being imitated, for survey links.
const publicBaseUrl = process.env['MOCK_PUBLIC_URL'];
// MOCK_REDCAP_VERSION (`--redcap-version`): what Export REDCap Version answers (redcap-version.ts).
const redcapVersion = process.env[REDCAP_VERSION_ENV];
const redcap = createMockRedcap({
  onRequest: logRequest,
  lazyProjects: LARGE_PROJECTS,
  ...(publicBaseUrl && { publicBaseUrl }),
  ...(redcapVersion &&
    isRedcapVersion(redcapVersion) && { seed: { ...seedData(), version: redcapVersion } }),
});
let handlers: ReturnType<typeof createHandlers> = [];
const port = parentPort!;

async function answer(req: CoreRequest): Promise<CoreMessage> {
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

port.on('message', (message: { kind: 'init'; apiUrl: string } | CoreRequest) => {
  if ('kind' in message) {
    handlers = createHandlers(message.apiUrl, redcap);
    const banner = [`listening: ${message.apiUrl}`];
    for (const t of redcap.tokens()) {
      banner.push(`project: ${t.project}  user: ${t.username}  token: ${t.token}`);
    }
    // Super tokens belong to a user, not a project: Export Version and Create Project only (§1.5).
    for (const s of redcap.store.data.superTokens) {
      banner.push(`super token: ${s.token}  user: ${s.username}`);
    }
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
