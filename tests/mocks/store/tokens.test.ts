import { describe, expect, it } from 'vitest';
import { BOB_TOKEN } from '../../../mocks/fixtures/index.ts';
import { createMockRedcap } from '../../../mocks/redcap.ts';
import {
  addLearner,
  API_PAGE_TEXT,
  apiPageState,
  approveRequest,
  deleteToken,
  LEARNER,
  newToken,
  pendingRequests,
  regenerateToken,
  requestToken,
  setApiRights,
  tokenHolders,
  tokenLife,
} from '../../../mocks/store/tokens.ts';

/** The token's whole life in the store (issue #23 item 1), and what the API answers then. */

const CLASSIC = 'classic-demo';
const NOW = new Date(2026, 11, 7, 9, 30, 0);

function mock() {
  return createMockRedcap({ now: () => NOW });
}

/** Export REDCap Version with a token, in a format: status and body as a client sees them. */
async function version(redcap: ReturnType<typeof mock>, token: string, format = 'json') {
  const res = await redcap.handle({
    method: 'POST',
    url: 'http://mock.test/api/',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new TextEncoder().encode(
      new URLSearchParams({ token, content: 'version', format }).toString(),
    ),
  });
  const body = typeof res.body === 'string' ? res.body : new TextDecoder().decode(res.body);
  return [res.status, body] as const;
}

/** A counter as the random source: tokens are predictable in tests. */
function counting() {
  let n = 0;
  return (bytes: Uint8Array) => {
    bytes.fill(0);
    bytes[15] = ++n;
  };
}

describe('the token life cycle', () => {
  it('request → approve → use → regenerate (old 403) → delete (403), with the API answering each step', async () => {
    const redcap = mock();
    const { store } = redcap;
    const random = counting();
    expect(addLearner(store, CLASSIC)).toEqual({ ok: true });
    expect(apiPageState(store, CLASSIC, LEARNER)).toEqual({ kind: 'no-rights' });
    expect(requestToken(store, CLASSIC, LEARNER)).toEqual({
      ok: false,
      message: API_PAGE_TEXT.noRights,
    });

    expect(setApiRights(store, CLASSIC, LEARNER, true)).toEqual({ ok: true });
    expect(apiPageState(store, CLASSIC, LEARNER)).toEqual({ kind: 'none' });
    expect(requestToken(store, CLASSIC, LEARNER)).toEqual({ ok: true });
    expect(apiPageState(store, CLASSIC, LEARNER)).toEqual({
      kind: 'pending',
      requested: '2026-12-07 09:30:00',
    });
    expect(pendingRequests(store)).toEqual([
      { project: CLASSIC, username: LEARNER, requested: '2026-12-07 09:30:00' },
    ]);

    expect(approveRequest(store, CLASSIC, LEARNER, random)).toEqual({ ok: true });
    expect(pendingRequests(store)).toEqual([]);
    const first = apiPageState(store, CLASSIC, LEARNER);
    expect(first).toEqual({ kind: 'token', token: '00000000000000000000000000000001' });
    const firstToken = first.kind === 'token' ? first.token : '';
    expect(await version(redcap, firstToken)).toEqual([200, '14.5.10']);

    expect(regenerateToken(store, CLASSIC, LEARNER, random)).toEqual({ ok: true });
    const second = apiPageState(store, CLASSIC, LEARNER);
    expect(second).toEqual({ kind: 'token', token: '00000000000000000000000000000002' });
    const secondToken = second.kind === 'token' ? second.token : '';
    expect(await version(redcap, firstToken)).toEqual([
      403,
      '{"error":"You do not have permissions to use the API"}',
    ]);
    expect(await version(redcap, firstToken, 'csv')).toEqual([
      403,
      'ERROR: You do not have permissions to use the API',
    ]);
    expect(await version(redcap, secondToken)).toEqual([200, '14.5.10']);

    expect(deleteToken(store, CLASSIC, LEARNER)).toEqual({ ok: true });
    expect(apiPageState(store, CLASSIC, LEARNER)).toEqual({ kind: 'none' });
    const [status, xml] = await version(redcap, secondToken, 'xml');
    expect(status).toBe(403);
    expect(xml).toContain('<hash><error>You do not have permissions to use the API</error></hash>');

    expect(tokenLife(store.data).events.map((e) => e.kind)).toEqual([
      'learner-added',
      'rights-granted',
      'requested',
      'approved',
      'regenerated',
      'deleted',
    ]);
    expect(tokenLife(store.data).events[3]).toEqual({
      kind: 'approved',
      project: CLASSIC,
      username: LEARNER,
      at: '2026-12-07 09:30:00',
    });
    // The event log never holds a token.
    expect(JSON.stringify(tokenLife(store.data))).not.toMatch(/[0-9A-F]{32}/);
  });

  it('a seeded user regenerates: the fixture token stops working at once', async () => {
    const redcap = mock();
    expect(await version(redcap, BOB_TOKEN)).toEqual([200, '14.5.10']);
    expect(regenerateToken(redcap.store, CLASSIC, 'bob')).toEqual({ ok: true });
    expect((await version(redcap, BOB_TOKEN))[0]).toBe(403);
    const state = apiPageState(redcap.store, CLASSIC, 'bob');
    expect(state.kind === 'token' && /^[0-9A-F]{32}$/.test(state.token)).toBe(true);
    expect(state.kind === 'token' && state.token !== BOB_TOKEN).toBe(true);
  });

  it('reset brings back the seed: tokens, users and the life cycle log', async () => {
    const redcap = mock();
    regenerateToken(redcap.store, CLASSIC, 'bob');
    addLearner(redcap.store, CLASSIC);
    redcap.reset();
    expect(await version(redcap, BOB_TOKEN)).toEqual([200, '14.5.10']);
    expect(redcap.store.project(CLASSIC)!.users.some((u) => u.username === LEARNER)).toBe(false);
    expect(tokenLife(redcap.store.data)).toEqual({ requests: [], events: [] });
  });

  it("refuses in REDCap's words what REDCap refuses", () => {
    const { store } = mock();
    expect(requestToken(store, CLASSIC, 'alice')).toEqual({
      ok: false,
      message: 'Your API token request failed! - token already exists.',
    });
    addLearner(store, CLASSIC);
    setApiRights(store, CLASSIC, LEARNER, true);
    expect(regenerateToken(store, CLASSIC, LEARNER)).toEqual({
      ok: false,
      message: 'API token regeneration failed! - token does not exist.',
    });
    expect(deleteToken(store, CLASSIC, LEARNER)).toEqual({
      ok: false,
      message: 'API token deletion failed! - token does not exist.',
    });
    expect(approveRequest(store, CLASSIC, LEARNER).ok).toBe(false);
    expect(setApiRights(store, CLASSIC, 'bob', false)).toMatchObject({ ok: false });
  });

  it('takes unknown projects and users, and names like __proto__, without crashing', () => {
    const { store } = mock();
    for (const [slug, user] of [
      ['nope', 'alice'],
      [CLASSIC, '__proto__'],
      ['constructor', 'toString'],
    ] as const) {
      expect(apiPageState(store, slug, user)).toEqual({ kind: 'no-rights' });
      expect(requestToken(store, slug, user).ok).toBe(false);
      expect(approveRequest(store, slug, user).ok).toBe(false);
      expect(regenerateToken(store, slug, user).ok).toBe(false);
      expect(deleteToken(store, slug, user).ok).toBe(false);
      expect(setApiRights(store, slug, user, true).ok).toBe(false);
    }
    expect(addLearner(store, 'nope').ok).toBe(false);
    expect(tokenLife(store.data).events).toEqual([]);
  });

  it('a second request while one is pending changes nothing; adding the learner twice adds one', () => {
    const { store } = mock();
    addLearner(store, CLASSIC);
    addLearner(store, CLASSIC);
    setApiRights(store, CLASSIC, LEARNER, true);
    requestToken(store, CLASSIC, LEARNER);
    requestToken(store, CLASSIC, LEARNER);
    expect(pendingRequests(store)).toHaveLength(1);
    expect(store.project(CLASSIC)!.users.filter((u) => u.username === LEARNER)).toHaveLength(1);
  });

  it('never hands out a token in use', () => {
    const { store } = mock();
    const alice = store.project(CLASSIC)!.users[0]!;
    alice.token = '00000000000000000000000000000001';
    expect(newToken(store, counting())).toBe('00000000000000000000000000000002');
  });

  it("lists every user's standing for the administrator", () => {
    const { store } = mock();
    addLearner(store, CLASSIC);
    const holders = tokenHolders(store.project(CLASSIC)!);
    expect(holders.find((h) => h.username === 'alice')).toEqual({
      username: 'alice',
      apiRights: true,
      hasToken: true,
      role: '',
    });
    expect(holders.find((h) => h.username === LEARNER)).toEqual({
      username: LEARNER,
      apiRights: false,
      hasToken: false,
      role: '',
    });
  });

  it('keeps requests apart by project and user: approving one leaves the others pending', () => {
    const { store } = mock();
    for (const slug of [CLASSIC, 'longitudinal-demo']) {
      addLearner(store, slug);
      setApiRights(store, slug, LEARNER, true);
      requestToken(store, slug, LEARNER);
    }
    // Someone else on the classic project asks too (API rights, no token).
    store.project(CLASSIC)!.users.find((u) => u.username === 'dave')!.token = '';
    requestToken(store, CLASSIC, 'dave');
    expect(approveRequest(store, 'longitudinal-demo', LEARNER)).toEqual({ ok: true });
    expect(apiPageState(store, CLASSIC, LEARNER).kind).toBe('pending');
    expect(apiPageState(store, CLASSIC, 'dave').kind).toBe('pending');
    expect(apiPageState(store, 'longitudinal-demo', LEARNER).kind).toBe('token');
    expect(approveRequest(store, CLASSIC, 'dave')).toEqual({ ok: true });
    expect(apiPageState(store, CLASSIC, LEARNER).kind).toBe('pending');
    expect(pendingRequests(store).map((r) => `${r.project}/${r.username}`)).toEqual([
      `${CLASSIC}/${LEARNER}`,
    ]);
  });

  it('API Import/Update alone is an API right; a second request answers ok and changes nothing', () => {
    const { store } = mock();
    addLearner(store, CLASSIC);
    const learner = store.project(CLASSIC)!.users.find((u) => u.username === LEARNER)!;
    learner.rights.api_import = 1;
    expect(apiPageState(store, CLASSIC, LEARNER)).toEqual({ kind: 'none' });
    expect(requestToken(store, CLASSIC, LEARNER)).toEqual({ ok: true });
    expect(requestToken(store, CLASSIC, LEARNER)).toEqual({ ok: true });
    expect(addLearner(store, CLASSIC)).toEqual({ ok: true });
    expect(tokenLife(store.data).events.map((e) => e.kind)).toEqual(['learner-added', 'requested']);
  });

  it('the learner: a plain new project member, data rights but no API, Design or User Rights', () => {
    const { store } = mock();
    addLearner(store, CLASSIC);
    const project = store.project(CLASSIC)!;
    const learner = project.users.find((u) => u.username === LEARNER)!;
    const alice = project.users.find((u) => u.username === 'alice')!;
    expect(learner).toEqual({
      username: 'learner',
      email: 'learner@example.edu',
      firstname: 'New',
      lastname: 'Learner',
      token: '',
      expiration: '',
      data_access_group: '',
      rights: { ...alice.rights, api_export: 0, api_import: 0, design: 0, user_rights: 0 },
    });
    expect(Object.keys(learner.rights.forms)).toEqual(
      project.instruments.map((i) => i.instrument_name),
    );
  });

  it('says what went wrong in words', () => {
    const { store } = mock();
    expect(addLearner(store, 'nope')).toEqual({ ok: false, message: 'There is no such project.' });
    expect(approveRequest(store, CLASSIC, 'alice')).toEqual({
      ok: false,
      message: 'There is no pending request for this user.',
    });
    expect(setApiRights(store, CLASSIC, 'nobody', true)).toEqual({
      ok: false,
      message: 'There is no such user on this project.',
    });
    expect(setApiRights(store, CLASSIC, 'bob', true)).toEqual({
      ok: false,
      message: "bob's rights come from a user role: change the role instead.",
    });
    expect(setApiRights(store, CLASSIC, 'alice', false)).toEqual({ ok: true });
    expect(tokenLife(store.data).events.map((e) => e.kind)).toEqual(['rights-removed']);
  });

  it('a request whose user left the project is dropped on approval, without a token', () => {
    const { store } = mock();
    addLearner(store, CLASSIC);
    setApiRights(store, CLASSIC, LEARNER, true);
    requestToken(store, CLASSIC, LEARNER);
    const project = store.project(CLASSIC)!;
    project.users = project.users.filter((u) => u.username !== LEARNER);
    expect(approveRequest(store, CLASSIC, LEARNER)).toEqual({
      ok: false,
      message: 'There is no such user on this project.',
    });
    expect(pendingRequests(store)).toEqual([]);
  });

  it('never hands out a token in use, whatever its case', () => {
    const { store } = mock();
    store.project(CLASSIC)!.users[0]!.token = 'AB'.repeat(16);
    let calls = 0;
    const token = newToken(store, (bytes) => {
      bytes.fill(calls++ === 0 ? 0xab : 0xcd);
    });
    expect(token).toBe('CD'.repeat(16));
  });
});
