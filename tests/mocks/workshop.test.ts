import { describe, expect, it } from 'vitest';
import { createMockRedcap } from '../../mocks/redcap.ts';
import { tokenLife } from '../../mocks/store/tokens.ts';
import { applyTokenAction, setFailure, snapshot, workshop } from '../../mocks/workshop.ts';
import { TOKEN_OPS, type TokenOp } from '../../src/lib/workshop/types.ts';

/** The workshop's dispatch and snapshot (mocks/workshop.ts), the same for the page and mock:server. */

const P = 'classic-demo';
const NOW = new Date(2026, 11, 7, 9, 30, 0);

describe('applyTokenAction', () => {
  it('runs each step of the life cycle on the named user', () => {
    const redcap = createMockRedcap({ now: () => NOW });
    const step = (op: TokenOp, username = 'learner') =>
      applyTokenAction(redcap, { op, project: P, username });
    expect(TOKEN_OPS.map((op) => op)).toEqual([
      'add-learner',
      'grant-api',
      'remove-api',
      'request',
      'approve',
      'regenerate',
      'delete',
    ]);
    expect(step('add-learner', 'ignored')).toEqual({ ok: true });
    expect(snapshot(redcap, P, 'learner').page).toEqual({ kind: 'no-rights' });
    expect(step('grant-api')).toEqual({ ok: true });
    expect(snapshot(redcap, P, 'learner').page).toEqual({ kind: 'none' });
    expect(step('remove-api')).toEqual({ ok: true });
    expect(snapshot(redcap, P, 'learner').page).toEqual({ kind: 'no-rights' });
    step('grant-api');
    expect(step('request')).toEqual({ ok: true });
    expect(snapshot(redcap, P, 'learner').page.kind).toBe('pending');
    expect(step('approve')).toEqual({ ok: true });
    const first = snapshot(redcap, P, 'learner').page;
    expect(step('regenerate')).toEqual({ ok: true });
    const second = snapshot(redcap, P, 'learner').page;
    expect(second.kind).toBe('token');
    expect(second).not.toEqual(first);
    expect(step('delete')).toEqual({ ok: true });
    expect(snapshot(redcap, P, 'learner').page).toEqual({ kind: 'none' });
    expect(tokenLife(redcap.store.data).events.map((e) => e.kind)).toEqual([
      'learner-added',
      'rights-granted',
      'rights-removed',
      'rights-granted',
      'requested',
      'approved',
      'regenerated',
      'deleted',
    ]);
  });
});

describe('snapshot', () => {
  it('says everything a lesson reads, as plain data', () => {
    const redcap = createMockRedcap({ now: () => NOW });
    applyTokenAction(redcap, { op: 'add-learner', project: P, username: '' });
    applyTokenAction(redcap, { op: 'grant-api', project: P, username: 'learner' });
    applyTokenAction(redcap, { op: 'request', project: P, username: 'learner' });
    redcap.failures.set('timeout', 2);
    const shot = snapshot(redcap, P, 'learner');
    expect(shot).toEqual({
      project: P,
      username: 'learner',
      page: { kind: 'pending', requested: '2026-12-07 09:30:00' },
      pending: [{ project: P, username: 'learner', requested: '2026-12-07 09:30:00' }],
      holders: expect.arrayContaining([
        { username: 'alice', apiRights: true, hasToken: true, role: '' },
        { username: 'learner', apiRights: true, hasToken: false, role: '' },
      ]),
      events: [
        { kind: 'learner-added', project: P, username: 'learner', at: '2026-12-07 09:30:00' },
        { kind: 'rights-granted', project: P, username: 'learner', at: '2026-12-07 09:30:00' },
        { kind: 'requested', project: P, username: 'learner', at: '2026-12-07 09:30:00' },
      ],
      failure: { kind: 'timeout', remaining: 2 },
      failures: [],
    });
    expect(shot.holders).toHaveLength(6);
  });

  it('an unknown project has no holders and no API page', () => {
    const redcap = createMockRedcap();
    expect(snapshot(redcap, 'nope', 'alice')).toMatchObject({
      holders: [],
      page: { kind: 'no-rights' },
    });
  });

  it('workshop: a look changes nothing and has no outcome; a step answers its outcome', () => {
    const redcap = createMockRedcap();
    expect(workshop(redcap, P, 'alice', null).outcome).toBeNull();
    expect(tokenLife(redcap.store.data).events).toEqual([]);
    const refused = workshop(redcap, P, 'alice', { op: 'request', project: P, username: 'alice' });
    expect(refused.outcome).toEqual({
      ok: false,
      message: 'Your API token request failed! - token already exists.',
    });
    expect(refused.snapshot.page.kind).toBe('token');
  });
});

describe('setFailure (from a form or a message)', () => {
  const cases: [kind: unknown, count: unknown, setting: unknown][] = [
    ['timeout', 3, { kind: 'timeout', remaining: 3 }],
    ['timeout', '2', { kind: 'timeout', remaining: 2 }],
    ['timeout', ' 4 ', { kind: 'timeout', remaining: 4 }],
    ['timeout', null, { kind: 'timeout', remaining: null }],
    ['timeout', '', { kind: 'timeout', remaining: null }],
    ['timeout', undefined, { kind: 'timeout', remaining: null }],
    ['timeout', 'abc', { kind: 'timeout', remaining: null }],
    ['timeout', '1e999', { kind: 'timeout', remaining: null }],
    ['timeout', '0', { kind: 'timeout', remaining: 1 }],
    ['nope', 1, null],
    ['toString', 1, null],
    ['__proto__', 1, null],
    [null, 1, null],
  ];
  it.each(cases)('kind %j, count %j', (kind, count, setting) => {
    const redcap = createMockRedcap();
    redcap.failures.set('redirect');
    const answer = setFailure(redcap, kind, count);
    expect(redcap.failures.setting).toEqual(setting);
    expect(answer).toBe(setting === null ? null : kind);
  });
});
