import { describe, expect, it } from 'vitest';
import { ALICE_TOKEN } from '../../mocks/fixtures/index.ts';
import { LARGE_PROJECTS } from '../../mocks/fixtures/large.ts';
import { createMockRedcap, type MockRedcap } from '../../mocks/redcap.ts';
import { describeMock } from '../../mocks/worker-host.ts';

/** The large generated projects (mocks/README.md): listed at once, built on first use. */

async function post(redcap: MockRedcap, fields: Record<string, string>) {
  const response = await redcap.handle({
    method: 'POST',
    url: 'http://mock.test/api/',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new TextEncoder().encode(new URLSearchParams(fields).toString()),
  });
  return { status: response.status, text: String(response.body) };
}

const TOKENS = {
  '1k': 'A11CE000000000000000000000001000',
  '10k': 'A11CE000000000000000000000010000',
  '100k': 'A11CE000000000000000000000100000',
};

describe('large projects', () => {
  it('lists their tokens before building anything', () => {
    expect(LARGE_PROJECTS.map((l) => [l.slug, l.token])).toEqual([
      ['large-1k', TOKENS['1k']],
      ['large-10k', TOKENS['10k']],
      ['large-100k', TOKENS['100k']],
    ]);
    const redcap = createMockRedcap({ lazyProjects: LARGE_PROJECTS });
    expect(redcap.store.projects.map((p) => p.slug)).toEqual([
      'classic-demo',
      'longitudinal-demo',
      'production-demo',
    ]);
    expect(redcap.tokens().slice(-3)).toEqual(
      LARGE_PROJECTS.map((l) => ({
        project: l.slug,
        title: l.title,
        username: 'alice',
        token: l.token,
      })),
    );
    expect(describeMock(redcap).projects.map((p) => p.slug)).toEqual([
      'classic-demo',
      'longitudinal-demo',
      'production-demo',
      'large-1k',
      'large-10k',
      'large-100k',
    ]);
    // Without the option nothing changes.
    expect(
      createMockRedcap()
        .tokens()
        .some((t) => t.project.startsWith('large-')),
    ).toBe(false);
  });

  it('builds large-1k on its first call, the same every time, and again after a reset', async () => {
    const redcap = createMockRedcap({ lazyProjects: LARGE_PROJECTS });
    const info = await post(redcap, { token: TOKENS['1k'], content: 'project', format: 'json' });
    expect(info.status).toBe(200);
    expect(JSON.parse(info.text)).toMatchObject({
      project_id: 101,
      project_title: 'Large 1k (mock, 1,000 records × 50 fields)',
    });
    expect(redcap.store.projects.map((p) => p.slug)).toEqual([
      'classic-demo',
      'longitudinal-demo',
      'production-demo',
      'large-1k',
    ]);
    const fields = { token: TOKENS['1k'], content: 'record', format: 'json' };
    const first = await post(redcap, fields);
    const rows = JSON.parse(first.text) as Record<string, string>[];
    expect(rows).toHaveLength(1000);
    expect(Object.keys(rows[0]!).filter((k) => !k.endsWith('_complete'))).toHaveLength(50);
    // Listed once, now as a built project.
    expect(redcap.tokens().filter((t) => t.project === 'large-1k')).toHaveLength(1);

    const other = createMockRedcap({ lazyProjects: LARGE_PROJECTS });
    expect((await post(other, fields)).text).toBe(first.text);
    redcap.reset();
    expect(redcap.store.projects).toHaveLength(3);
    expect((await post(redcap, fields)).text).toBe(first.text);
    // alice's classic token still reaches the classic demo.
    const classic = await post(redcap, { token: ALICE_TOKEN, content: 'project', format: 'json' });
    expect(JSON.parse(classic.text)).toMatchObject({ project_id: 14 });
  });
});
