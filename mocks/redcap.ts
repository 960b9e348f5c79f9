import { decodeBody, scalarField, type FormFields } from '../src/lib/redcap/decode.ts';
import { resolveMethodId } from '../src/lib/redcap/resolve-method.ts';
import { seedData, tokensOf, type FixtureToken } from './fixtures/index.ts';
import {
  errorResponse,
  NOT_IMPLEMENTED,
  resolveFormats,
  resolveQueryFormats,
  type MockResponse,
} from './wire/render.ts';
import { failureResponse, FailureSwitch } from './failures.ts';
import { pendingMessage, routeFor } from './routes/index.ts';
import { ApiError } from './store/errors.ts';
import type { RouteContext } from './wire/route.ts';
import { MockStore, NO_API_PERMISSION, type LazyProject, type Session } from './store/store.ts';
import type { LogRow, MockRedcapData, UserRights } from './store/types.ts';

/**
 * The mock REDCap server, without msw: a request in, a response out, REDCap's way
 * (redcap-api.md §1): POST only → body decoded as PHP would → token → formats → method
 * (content/action/data) → rights → route → log. Everything is in memory; `reset()` restores
 * the seed.
 */

export interface MockRequest {
  readonly method: string;
  readonly url: string;
  /** Header names in any case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
}

export type { MockResponse } from './wire/render.ts';

/** What the request log of `npm run mock:server` records. */
export interface RequestInfo {
  /** The REDCap method key, or null when the request never got that far. */
  readonly methodId: string | null;
  readonly fields: FormFields;
  readonly fileNames: readonly string[];
}

export interface MockRedcapOptions {
  /** The data to start from and to reset to; the classic demo by default. */
  readonly seed?: MockRedcapData;
  /** The clock for log timestamps and token expiry. */
  readonly now?: () => Date;
  /** Called once per request, after decoding. */
  readonly onRequest?: (info: RequestInfo) => void;
  /**
   * Projects listed from the start but built on their token's first use, e.g.
   * `LARGE_PROJECTS` (mock:server and the browser worker); none by default.
   */
  readonly lazyProjects?: readonly LazyProject[];
  /**
   * The public base URL of the REDCap server being imitated (e.g.
   * `https://redcap.example.edu/redcap/`): survey links are `<base>surveys/?s=<hash>`. Without
   * it, the address the request came to (the page mock: the page's own address).
   */
  readonly publicBaseUrl?: string;
}

export interface MockRedcap {
  handle(request: MockRequest): Promise<MockResponse>;
  /** Back to the seed: records, users and log as they started. */
  reset(): void;
  readonly store: MockStore;
  /** Failures on demand (failures.ts): off until set; `reset()` leaves it as it is. */
  readonly failures: FailureSwitch;
  /** Project tokens of the current data, then of unbuilt lazy projects: slug, title, username, token. */
  tokens(): FixtureToken[];
}

/** 403 texts of the router's rights checks (§1.8). */
export const RIGHTS_MESSAGES = {
  export: 'You do not have API Export privileges',
  import: 'You do not have API Import/Update privileges',
  delete: 'You do not have Delete Record privileges',
} as const;

const SERVER_ERROR = 'The server encountered an error processing your request.';

/** Methods a 64-character super token may call (§1.5). */
const SUPER_TOKEN_METHODS = new Set(['exp_rc_v', 'imp_proj']);

function missingRight(right: string, rights: UserRights): string | null {
  if (right === 'export' && rights.api_export !== 1) return RIGHTS_MESSAGES.export;
  if ((right === 'import' || right === 'delete') && rights.api_import !== 1) {
    return RIGHTS_MESSAGES.import;
  }
  if (right === 'delete' && rights.record_delete !== 1) return RIGHTS_MESSAGES.delete;
  return null;
}

/**
 * The base URL of the REDCap a request came to: the origin and the path before `api/` (every
 * way in — msw/node, mock:server, the browser's service worker — hands the core the URL it
 * was sent to). `https://host/redcap/api/` → `https://host/redcap/`.
 */
export function requestBaseUrl(url: string): string {
  try {
    const u = new URL(url);
    const path = u.pathname.replace(/api\/?$/, '');
    return `${u.origin}${path.endsWith('/') ? path : `${path}/`}`;
  } catch {
    return '';
  }
}

function header(headers: Readonly<Record<string, string>>, name: string): string | null {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? null : (headers[key] ?? null);
}

/**
 * REDCap's own action texts, trailing space included (PHPCap's tests/integration/LoggingTest.php
 * expects `Data Export (API) `, PyCap's export_logging doctest `Manage/Design `): routes name the
 * kind, the log writes REDCap's words.
 */
function redcapAction(action: string, apiTag: string): string {
  if (action === 'Manage/Design') return 'Manage/Design ';
  if (action === 'Data export') return `Data Export ${apiTag} `;
  return action;
}

export function createMockRedcap(options: MockRedcapOptions = {}): MockRedcap {
  const store = new MockStore(options.seed ?? seedData(), options.now, options.lazyProjects);
  const failures = new FailureSwitch();

  function context(
    base: Omit<RouteContext, 'project' | 'user' | 'log' | 'apiTag'>,
    session: Session,
    pending: Omit<LogRow, 'timestamp'>[],
  ): RouteContext {
    const username = session.kind === 'project' ? session.user.username : session.username;
    const apiTag = scalarField(base.fields, 'playground') === '1' ? '(API Playground)' : '(API)';
    const projectSession = () => {
      if (session.kind !== 'project') throw new Error('this route needs a project token');
      return session;
    };
    return {
      ...base,
      get project() {
        return projectSession().project;
      },
      get user() {
        return projectSession().user;
      },
      apiTag,
      log(action, details, record = '') {
        pending.push({ username, action: redcapAction(action, apiTag), details, record });
      },
    };
  }

  async function handle(request: MockRequest): Promise<MockResponse> {
    if (request.method.toUpperCase() !== 'POST') {
      options.onRequest?.({ methodId: null, fields: {}, fileNames: [] });
      return errorResponse(501, NOT_IMPLEMENTED, resolveQueryFormats(request.url).returnFormat);
    }
    const { fields, files } = await decodeBody(
      header(request.headers, 'content-type'),
      request.body,
    );
    const { format, returnFormat } = resolveFormats(fields);
    const resolution = resolveMethodId(fields);
    options.onRequest?.({
      methodId: resolution.ok ? resolution.id : null,
      fields,
      fileNames: Object.values(files).map((f) => f.name),
    });
    const fail = (status: number, message: string) => errorResponse(status, message, returnFormat);

    const failure = failures.take();
    if (failure) {
      const response = failureResponse(failure, returnFormat, store.now());
      failures.record({
        kind: failure,
        methodId: resolution.ok ? resolution.id : null,
        status: failure === 'network' ? 0 : response.status,
      });
      return response;
    }
    const auth = store.authenticate(scalarField(fields, 'token'));
    if (!auth.ok) return fail(auth.status, auth.message);
    if (!resolution.ok) return fail(resolution.status, resolution.message);
    const { session } = auth;
    if (session.kind === 'super' && !SUPER_TOKEN_METHODS.has(resolution.id)) {
      return fail(403, NO_API_PERMISSION);
    }
    const route = routeFor(resolution.id);
    if (!route) return fail(400, pendingMessage(resolution.id));
    if (session.kind === 'project') {
      const denied = missingRight(route.right, session.user.rights);
      if (denied) return fail(403, denied);
      if (route.module && session.user.rights[route.module.right] !== 1) {
        return fail(403, route.module.message);
      }
    }
    const pending: Omit<LogRow, 'timestamp'>[] = [];
    const baseUrl = options.publicBaseUrl
      ? options.publicBaseUrl.replace(/\/*$/, '/')
      : requestBaseUrl(request.url);
    const ctx = context(
      { fields, files, format, returnFormat, store, session, baseUrl },
      session,
      pending,
    );
    try {
      const response = route.handle(ctx);
      if (session.kind === 'project') {
        for (const row of pending) store.appendLog(session.project, row);
      }
      return response;
    } catch (error) {
      if (error instanceof ApiError) return fail(error.status, error.message);
      // A bug in the mock: answer as REDCap does for a server error, and say what it was.
      console.error('mock REDCap: route failed', error);
      return fail(500, SERVER_ERROR);
    }
  }

  return {
    handle,
    reset: () => store.reset(),
    store,
    failures,
    tokens: () => [
      ...tokensOf(store.data),
      ...store.unbuilt().map(({ slug, title, username, token }) => ({
        project: slug,
        title,
        username,
        token,
      })),
    ],
  };
}
