import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { workshop } from '../../../mocks/workshop.ts';
import { createRedcapClient } from '../../../src/lib/execute/client.ts';
import type { CallResult } from '../../../src/lib/execute/call-result.ts';
import { createFetchTransport } from '../../../src/lib/execute/transport.ts';
import { errors, NAMED_FAILURES } from '../../../src/lib/lessons/errors.ts';
import { failureMet } from '../../../src/lib/lessons/failure-met.ts';
import { answerOf } from '../../../src/lib/lessons/reads.ts';
import { token } from '../../../src/lib/lessons/token.ts';
import type {
  CallEvent,
  FailureMetEvent,
  LessonEvent,
  TokenAction,
} from '../../../src/lib/lessons/types.ts';
import type { MethodId } from '../../../src/lib/methods/index.ts';
import { LEARNER, type FailureKind, type TokenOp } from '../../../src/lib/workshop/types.ts';
import { mock, verdict } from './attempts.ts';

/**
 * Lessons 1 (the token) and 10 (errors): their checks on right and wrong attempts, made against
 * the real mock (its token life cycle and failure switch) through the one client.
 */

beforeAll(() => mock.server.listen({ onUnhandledFrame: 'error' }));
beforeEach(() => {
  mock.redcap.reset();
  mock.redcap.failures.reset();
});
afterAll(() => mock.server.close());

const API = 'http://mock.test/api/';
const transport = createFetchTransport({ target: () => API });
const PROJECT = 'classic-demo';

const passes = { pass: true };
const notYet = { pass: false, hint: expect.any(String) as string };

/** A call as the learner with this token, recorded as the lesson panel records it. */
async function callWith(secret: string, methodId: MethodId = 'exp_rc_v'): Promise<CallEvent> {
  const client = createRedcapClient({
    transport,
    connect: vi.fn(() => Promise.resolve({ apiUrl: API, token: secret })),
  });
  const result = await client.send(methodId, { format: 'json' });
  return {
    kind: 'call',
    methodId,
    values: { format: 'json' },
    where: { mode: 'mock', project: PROJECT, user: LEARNER },
    answer: answerOf(result),
  };
}

/** One step on the mock's API page, and the event the page records when it went through. */
function step(op: TokenOp, username = LEARNER): LessonEvent[] {
  const { outcome } = workshop(mock.redcap, PROJECT, username, { op, project: PROJECT, username });
  expect(outcome, op).toEqual({ ok: true });
  return [{ kind: 'token', action: op, project: PROJECT, user: username }];
}

const use = (user = LEARNER): LessonEvent => ({
  kind: 'token',
  action: 'use' satisfies TokenAction,
  project: PROJECT,
  user,
});

function shownToken(): string {
  const { page } = workshop(mock.redcap, PROJECT, LEARNER, null).snapshot;
  if (page.kind !== 'token') throw new Error(`no token on the API page: ${page.kind}`);
  return page.token;
}

/** Up to the token on the API page: learner added, API rights, request, approve. */
function obtain(): { events: LessonEvent[]; secret: string } {
  const events = [
    ...step('add-learner'),
    ...step('grant-api'),
    ...step('request'),
    ...step('approve'),
  ];
  return { events, secret: shownToken() };
}

describe('lesson 1, the token', () => {
  it('passes on request → approve → use → a 200 → regenerate → the old token’s 403', async () => {
    const { events, secret } = obtain();
    events.push(use(), await callWith(secret), ...step('regenerate'), await callWith(secret));
    const result = await verdict(token, events);
    expect(result).toMatchObject(passes);
    expect(result).toMatchObject({ message: expect.stringContaining('403') as string });
    // No event and no verdict ever holds the token, the old one or the new.
    const text = JSON.stringify([events, result]);
    expect(text).not.toContain(secret);
    expect(text).not.toContain(shownToken());
  });

  it('passes with delete instead of regenerate', async () => {
    const { events, secret } = obtain();
    events.push(use(), await callWith(secret), ...step('delete'), await callWith(secret));
    expect(await verdict(token, events)).toMatchObject(passes);
  });

  it('gives the next step’s hint at each stage, never a pass', async () => {
    expect(await verdict(token, [])).toMatchObject(notYet);
    const events: LessonEvent[] = [...step('add-learner'), ...step('grant-api')];
    events.push(...step('request'));
    expect(await verdict(token, events)).toMatchObject({ hint: expect.stringMatching(/Approve/) });
    events.push(...step('approve'));
    const secret = shownToken();
    expect(await verdict(token, events)).toMatchObject({
      hint: expect.stringMatching(/Use this token/),
    });
    events.push(use());
    expect(await verdict(token, events)).toMatchObject({
      hint: expect.stringMatching(/first call/),
    });
    events.push(await callWith(secret));
    expect(await verdict(token, events)).toMatchObject({
      hint: expect.stringMatching(/Regenerate/),
    });
    events.push(...step('regenerate'));
    expect(await verdict(token, events)).toMatchObject({ hint: expect.stringMatching(/Execute/) });
    // The new token used again: a 200, not the old token's 403.
    events.push(use(), await callWith(shownToken()));
    const result = await verdict(token, events);
    expect(result).toMatchObject(notYet);
    expect(result).toMatchObject({ hint: expect.stringContaining('HTTP 200') as string });
  });

  it('does not pass when the steps come out of order or for someone else', async () => {
    const { events, secret } = obtain();
    const first = await callWith(secret);
    events.push(...step('regenerate'));
    const newer = shownToken();
    // A 200 before "use", then a regenerate before the first call: out of order.
    expect(await verdict(token, [...events.slice(0, 3), first, events[3]!, use()])).toMatchObject(
      notYet,
    );
    // Another user's steps with learner's calls.
    const bob = events.map((e) => (e.kind === 'token' ? { ...e, user: 'bob' } : e));
    const refused = await callWith(secret);
    expect(
      await verdict(token, [...bob, use('bob'), await callWith(newer), refused]),
    ).toMatchObject(notYet);
  });

  it('does not count a 403 that was a failure on demand (a revoked token)', async () => {
    const { events, secret } = obtain();
    events.push(use(), await callWith(secret), ...step('regenerate'));
    // The new token, refused only because the failure switch said so.
    mock.redcap.failures.set('revoked-token', 1);
    const call = await callWith(shownToken());
    expect(call.answer?.status).toBe(403);
    const failure: FailureMetEvent = {
      kind: 'failure',
      scenario: 'revoked-token',
      methodId: 'exp_rc_v',
      status: 403,
      explained: 'REDCap did not accept the token.',
    };
    expect(await verdict(token, [...events, call, failure])).toMatchObject(notYet);
    expect(await verdict(token, [...events, call])).toMatchObject(passes);
  });
});

/** An Execute with the failure switch on for one call, as the page records it. */
async function meet(kind: FailureKind, methodId: MethodId = 'exp_rc_v'): Promise<LessonEvent[]> {
  mock.redcap.failures.set(kind, 1);
  const before = mock.redcap.failures.served().length;
  const client = createRedcapClient({
    transport,
    connect: vi.fn(() => Promise.resolve({ apiUrl: API, token: alice() })),
  });
  let result: CallResult | undefined;
  let error: Error | null = null;
  try {
    result = await client.send(methodId, { format: 'json' });
  } catch (thrown) {
    error = thrown as Error;
  }
  const met = failureMet(mock.redcap.failures.served().slice(before), methodId, result, error);
  const call: CallEvent = {
    kind: 'call',
    methodId,
    values: { format: 'json' },
    where: { mode: 'mock', project: PROJECT, user: 'alice' },
    answer: result ? answerOf(result) : null,
  };
  return met ? [call, met] : [call];
}

function alice(): string {
  const { page } = workshop(mock.redcap, PROJECT, 'alice', null).snapshot;
  if (page.kind !== 'token') throw new Error('alice has no token');
  return page.token;
}

describe('failures met, as the page records them', () => {
  it('each named failure: the mock’s scenario and live mode’s explanation', async () => {
    const words: Record<(typeof NAMED_FAILURES)[number], RegExp> = {
      'revoked-token': /REDCap did not accept the token/,
      'sso-login': /login page \(single sign-on\)/,
      'rate-limit': /rate limiter stopped the calls/,
      network: /\S/,
    };
    for (const kind of NAMED_FAILURES) {
      const [, met] = await meet(kind);
      expect(met, kind).toMatchObject({ kind: 'failure', scenario: kind });
      expect((met as FailureMetEvent).explained, kind).toMatch(words[kind]);
    }
  });

  it('is none for an ordinary answer, another method’s failure or another status', async () => {
    const plain = await meet('rate-limit');
    expect(plain).toHaveLength(2);
    mock.redcap.failures.reset();
    const client = createRedcapClient({
      transport,
      connect: vi.fn(() => Promise.resolve({ apiUrl: API, token: alice() })),
    });
    const ok = await client.send('exp_rc_v', { format: 'json' });
    expect(failureMet([], 'exp_rc_v', ok, null)).toBeNull();
    const served = { kind: 'rate-limit', methodId: 'exp_rc_v', status: 429 } as const;
    expect(failureMet([served], 'exp_rc_v', ok, null)).toBeNull();
    expect(failureMet([{ ...served, status: 200 }], 'exp_proj', ok, null)).toBeNull();
    expect(failureMet([{ ...served, status: 200 }], 'exp_rc_v', ok, null)).toMatchObject({
      scenario: 'rate-limit',
      explained: '',
    });
  });
});

describe('lesson 10, errors and what they mean', () => {
  it('passes once the four named failures were met and explained', async () => {
    const events: LessonEvent[] = [];
    for (const kind of NAMED_FAILURES) events.push(...(await meet(kind)));
    const result = await verdict(errors, events);
    expect(result).toMatchObject(passes);
    expect(JSON.stringify(events)).not.toContain(alice());
  });

  it('names the next failure to meet; others and unexplained ones do not count', async () => {
    expect(await verdict(errors, [])).toMatchObject({
      hint: expect.stringContaining('A revoked token (403)') as string,
    });
    const events: LessonEvent[] = [
      ...(await meet('revoked-token')),
      ...(await meet('sso-login')),
      ...(await meet('server-error')),
      ...(await meet('timeout')),
    ];
    const result = await verdict(errors, events);
    expect(result).toMatchObject(notYet);
    expect(result).toMatchObject({ hint: expect.stringMatching(/^2 of 4 .*rate limit/) });
    const rate = await meet('rate-limit');
    const unexplained = rate.map((e) => (e.kind === 'failure' ? { ...e, explained: ' ' } : e));
    const network = await meet('network');
    expect(await verdict(errors, [...events, ...unexplained, ...network])).toMatchObject({
      hint: expect.stringMatching(/^3 of 4 .*rate limit/) as string,
    });
    // The same failures as plain calls, with no failure event: not met.
    const calls = [...events, ...rate, ...network].filter((e) => e.kind === 'call');
    expect(await verdict(errors, calls)).toMatchObject(notYet);
    expect(await verdict(errors, [...events, ...rate, ...network])).toMatchObject(passes);
  });
});
