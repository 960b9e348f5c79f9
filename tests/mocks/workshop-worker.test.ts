import { describe, expect, it } from 'vitest';
import { mockChannel } from './worker-channel.ts';
import type { MockRequest } from '../../mocks/redcap.ts';
import { MOCK_NETWORK_ERROR_HEADER } from '../../mocks/failures.ts';

/** The page's side of the token life cycle and failure switch, over a real MessageChannel. */

const channel = () => mockChannel();

const version = (token: string): MockRequest => ({
  method: 'POST',
  url: 'http://127.0.0.1/__redcap_mock__/api/',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new TextEncoder().encode(new URLSearchParams({ token, content: 'version' }).toString()),
});

describe('the worker protocol: workshop and setFailure', () => {
  it('runs the life cycle in the worker’s store; the old token gets 403 through handle', async () => {
    const { client } = channel();
    const p = 'classic-demo';
    await client.workshop(p, 'learner', { op: 'add-learner', project: p, username: 'learner' });
    await client.workshop(p, 'learner', { op: 'grant-api', project: p, username: 'learner' });
    const asked = await client.workshop(p, 'learner', {
      op: 'request',
      project: p,
      username: 'learner',
    });
    expect(asked.outcome).toEqual({ ok: true });
    expect(asked.snapshot.page.kind).toBe('pending');
    expect(asked.snapshot.pending).toHaveLength(1);
    const approved = await client.workshop(p, 'learner', {
      op: 'approve',
      project: p,
      username: 'learner',
    });
    const page = approved.snapshot.page;
    if (page.kind !== 'token') throw new Error(`no token: ${page.kind}`);
    expect((await client.handle(version(page.token))).status).toBe(200);
    await client.workshop(p, 'learner', { op: 'regenerate', project: p, username: 'learner' });
    expect((await client.handle(version(page.token))).status).toBe(403);
    const look = await client.workshop(p, 'learner', null);
    expect(look.outcome).toBeNull();
    expect(look.snapshot.events.map((e) => e.kind)).toEqual([
      'learner-added',
      'rights-granted',
      'requested',
      'approved',
      'regenerated',
    ]);
  });

  it('sets the failure switch; "network" reaches the msw handler as its marker', async () => {
    const { client, redcap } = channel();
    expect(await client.setFailure('network', 1)).toEqual({ kind: 'network', remaining: 1 });
    const answer = await client.handle(version('3F2504E04F8911D39A0C0305E82C3301'));
    expect(answer.headers[MOCK_NETWORK_ERROR_HEADER]).toBe('1');
    expect(redcap.failures.served()).toEqual([
      { kind: 'network', methodId: 'exp_rc_v', status: 0 },
    ]);
    expect(await client.setFailure(null, null)).toBeNull();
  });
});
