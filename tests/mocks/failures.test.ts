import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  FAILURE_KINDS,
  failureResponse,
  FailureSwitch,
  MOCK_NETWORK_ERROR_HEADER,
  SSO_LOGIN_URL,
  type FailureKind,
} from '../../mocks/failures.ts';
import {
  FORWARDER_LOCATION_HEADER,
  FORWARDER_UPSTREAM_STATUS_HEADER,
} from '../../src/lib/execute/forward.ts';
import { ALICE_TOKEN } from '../../mocks/fixtures/index.ts';
import { createHandlers } from '../../mocks/handlers.ts';
import { createMockRedcap } from '../../mocks/redcap.ts';
import { createRedcapClient } from '../../src/lib/execute/client.ts';
import { explainCall, explainThrown, factsOf } from '../../src/lib/execute/explain.ts';
import {
  createFetchTransport,
  createForwardTransport,
  type Transport,
} from '../../src/lib/execute/transport.ts';
import { createForwarder } from '../../src/server/forwarder.ts';
import { createStaticServer, type RunningServer } from '../../src/server/server.ts';

/**
 * Failures on demand (issue #23 item 3): every scenario, served by the mock through the page's
 * own call path, against the same failure from a misbehaving stand-in REDCap behind the real
 * live-mode forwarder. The page must see the same answer (status, forwarder's verdict, REDCap's
 * words) and show the same explanation, from the one explanation code.
 */

const MOCK_API = 'http://mock.test/api/';
const redcap = createMockRedcap();
// Only the mock's own address: the forwarder's calls to the stand-in pass by.
const msw = setupServer(...createHandlers(MOCK_API, redcap));

/** A stand-in REDCap that fails on purpose, one way per path. */
const STANDIN: Record<
  Exclude<FailureKind, 'network'>,
  (res: import('node:http').ServerResponse) => void
> = {
  timeout: (res) => void setTimeout(() => res.end('late'), 3000),
  'server-error': (res) =>
    res
      .writeHead(500, { 'content-type': 'text/html; charset=iso-8859-1' })
      .end('<html><head><title>500 Internal Server Error</title></head><body>oops</body></html>'),
  'sso-login': (res) =>
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end('<!doctype html><html><body><form>Shibboleth login</form></body></html>'),
  redirect: (res) => res.writeHead(302, { location: SSO_LOGIN_URL }).end(),
  'revoked-token': (res) =>
    res
      .writeHead(403, { 'content-type': 'application/json; charset=utf-8' })
      .end('{"error":"You do not have permissions to use the API"}'),
  'expired-user': (res) =>
    res
      .writeHead(403, { 'content-type': 'application/json; charset=utf-8' })
      .end(
        '{"error":"You do not have API rights because your privileges have expired for this project as of 2024-06-30."}',
      ),
  'rate-limit': (res) =>
    res
      .writeHead(429, { 'content-type': 'text/html; charset=UTF-8' })
      .end('Your IP address (10.0.0.7) has been banned due to suspected abuse.'),
};

let standin: Server;
let standinBase = '';
let playground: RunningServer;

beforeAll(async () => {
  msw.listen({ onUnhandledFrame: 'bypass' });
  standin = createServer((req, res) => {
    req.resume();
    const kind = (req.url ?? '').split('/')[1] as keyof typeof STANDIN;
    (STANDIN[kind] ?? ((r) => r.writeHead(404).end()))(res);
  });
  await new Promise<void>((resolve) => standin.listen(0, '127.0.0.1', resolve));
  standinBase = `http://127.0.0.1:${(standin.address() as AddressInfo).port}`;
  playground = await createStaticServer({
    root: '/nonexistent',
    handlers: [
      createForwarder({
        targets: Object.keys(STANDIN).map((k) => `${standinBase}/${k}/api/`),
        timeoutMs: 300,
      }),
    ],
  });
});
afterEach(() => redcap.failures.reset());
afterAll(async () => {
  msw.close();
  standin.closeAllConnections();
  await playground.close();
  await new Promise((resolve) => standin.close(resolve));
});

interface Seen {
  readonly status: number | null;
  readonly error: string | null;
  readonly forwarderError: string | null;
  readonly location: string | null;
  /** What the page shows under the answer (explainCall) or instead of it (explainFailure). */
  readonly explanation: string | null;
}

/** One Export Records call through the page's call path, and what the page would show. */
async function callAndExplain(transport: Transport, apiUrl: string): Promise<Seen> {
  const client = createRedcapClient({
    transport,
    connect: () => Promise.resolve({ apiUrl, token: ALICE_TOKEN }),
  });
  try {
    const result = await client.send('exp_records', { format: 'json', returnFormat: 'json' });
    return {
      status: result.parsed.status,
      error: result.parsed.error,
      forwarderError: result.forwarderError,
      location: result.location,
      explanation: explainCall(factsOf(result)),
    };
  } catch (error) {
    return {
      status: null,
      error: null,
      forwarderError: null,
      location: null,
      explanation: explainThrown(error),
    };
  }
}

const mockTransport = createFetchTransport({ target: () => MOCK_API });

function mockSeen(kind: FailureKind): Promise<Seen> {
  redcap.failures.set(kind, 1);
  return callAndExplain(mockTransport, MOCK_API);
}

async function liveSeen(kind: FailureKind): Promise<Seen> {
  if (kind === 'network') {
    // Nothing answers: the page's fetch itself fails (a closed port on this machine).
    const dead = createForwardTransport('http://127.0.0.1:9/');
    return callAndExplain(dead, 'https://redcap.example.edu/api/');
  }
  return callAndExplain(createForwardTransport(playground.url), `${standinBase}/${kind}/api/`);
}

describe('failures on demand: each reaches the page as live mode sees it, with its explanation', () => {
  it.each(FAILURE_KINDS)('%s', async (kind) => {
    const [mock, live] = [await mockSeen(kind), await liveSeen(kind)];
    // Servers differ in their page, date, address and time limit, never in the kind of answer.
    const same = (s: string | null) =>
      s?.trimStart().startsWith('<')
        ? '<a web page>'
        : (s
            ?.replace(/\d{4}-\d\d-\d\d/, 'DATE')
            .replace(/\(\d+\.\d+\.\d+\.\d+\)/, '(IP)')
            .replace(/within [\d.]+ s/, 'within N s') ?? null);
    expect({ ...mock, error: same(mock.error) }).toEqual({ ...live, error: same(live.error) });
    expect(mock.explanation).toEqual(expect.any(String));
  });

  // What each one tells the learner (the words are live mode's: explain.ts).
  const EXPECTED: Record<FailureKind, RegExp> = {
    network: /could not be sent.*Check your network/s,
    timeout: /did not answer in time/,
    'server-error': /error page \(HTTP 500\).*administrator/s,
    'sso-login': /login page \(single sign-on\)/,
    redirect: /redirect to https:\/\/login\.example\.edu.*never follows redirects/s,
    'revoked-token': /did not accept the token.*regenerated token/s,
    'expired-user': /access to this project has expired/,
    'rate-limit': /rate limiter.*too many requests/s,
  };
  it.each(FAILURE_KINDS)('%s is explained in its own words', async (kind) => {
    const { explanation } = await mockSeen(kind);
    expect(explanation).toMatch(EXPECTED[kind]);
    for (const other of FAILURE_KINDS) {
      if (other !== kind) expect(explanation).not.toMatch(EXPECTED[other]);
    }
    expect(explanation).not.toContain(ALICE_TOKEN);
  });

  it('answers in the requested format: a revoked token as CSV, an expired user as XML', async () => {
    const post = (format: string) =>
      fetch(MOCK_API, {
        method: 'POST',
        body: new URLSearchParams({ token: ALICE_TOKEN, content: 'version', format }),
      });
    redcap.failures.set('revoked-token', 1);
    const csv = await post('csv');
    expect([csv.status, await csv.text()]).toEqual([
      403,
      'ERROR: You do not have permissions to use the API',
    ]);
    redcap.failures.set('expired-user', 1);
    const xml = await post('xml');
    expect(xml.status).toBe(403);
    expect(await xml.text()).toMatch(
      /^<\?xml version="1\.0" encoding="UTF-8" \?>\s*<hash><error>You do not have API rights because your privileges have expired for this project as of \d{4}-\d\d-\d\d\.<\/error><\/hash>$/,
    );
  });
});

describe('the answers themselves', () => {
  it('network: no body, only the marker; redirect: the upstream status; expired: yesterday', () => {
    const today = new Date(2026, 0, 1, 12, 0, 0);
    expect(failureResponse('network', 'json', today)).toEqual({
      status: 599,
      headers: { [MOCK_NETWORK_ERROR_HEADER]: '1' },
      body: '',
    });
    expect(failureResponse('redirect', 'json', today).headers).toMatchObject({
      [FORWARDER_UPSTREAM_STATUS_HEADER]: '302',
      [FORWARDER_LOCATION_HEADER]: SSO_LOGIN_URL,
    });
    expect(failureResponse('expired-user', 'json', today).body).toBe(
      '{"error":"You do not have API rights because your privileges have expired for this project as of 2025-12-31."}',
    );
  });
});

describe('the failure switch', () => {
  it('fails the next N calls, then answers again; the served log names kind, method and status', async () => {
    redcap.failures.set('server-error', 2);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await callAndExplain(mockTransport, MOCK_API)).status!);
    expect(statuses).toEqual([500, 500, 200]);
    expect(redcap.failures.served()).toEqual([
      { kind: 'server-error', methodId: 'exp_records', status: 500 },
      { kind: 'server-error', methodId: 'exp_records', status: 500 },
    ]);
    expect(redcap.failures.setting).toBeNull();
  });

  it('stays on until switched off when no count is given', async () => {
    const failures = new FailureSwitch();
    failures.set('rate-limit');
    expect([failures.take(), failures.take(), failures.take()]).toEqual([
      'rate-limit',
      'rate-limit',
      'rate-limit',
    ]);
    failures.set(null);
    expect(failures.take()).toBeNull();
  });

  it('takes odd counts safely: 0 and negatives fail once, NaN and Infinity until off', () => {
    const failures = new FailureSwitch();
    failures.set('timeout', 0);
    expect([failures.take(), failures.take()]).toEqual(['timeout', null]);
    failures.set('timeout', Number.NaN);
    expect(failures.setting).toEqual({ kind: 'timeout', remaining: null });
    failures.set('timeout', Number.POSITIVE_INFINITY);
    expect(failures.setting).toEqual({ kind: 'timeout', remaining: null });
  });

  it('leaves the data alone and is not touched by a reset of the demo data', async () => {
    redcap.failures.set('redirect');
    redcap.reset();
    expect(redcap.failures.setting).toEqual({ kind: 'redirect', remaining: null });
  });
});
