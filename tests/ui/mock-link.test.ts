import { describe, expect, it } from 'vitest';
import { resolveLink, type MockChoice } from '../../src/ui/state/mock-handle.ts';
import { MockServerUrlState } from '../../src/ui/state/mock-server-url.svelte.ts';

/** The link resolution and the mock-server address preference, outside any component. */

const choice = (slug: string, title: string, username: string): MockChoice => ({
  key: `${slug}/${username}`,
  project: { slug, title, users: [{ username, token: 'T' }] },
  user: { username, token: 'T' },
});
const ALICE = choice('classic-demo', 'Classic demo', 'alice');
const BOB = choice('classic-demo', 'Classic demo', 'bob');

describe('resolveLink', () => {
  it('does nothing for the pair already chosen, and chooses a pair this mock has', () => {
    expect(resolveLink('classic-demo/alice', [ALICE, BOB], ALICE)).toBeNull();
    expect(resolveLink('classic-demo/bob', [ALICE, BOB], ALICE)).toEqual({
      choiceKey: 'classic-demo/bob',
    });
  });

  it('says when this mock has no such pair, and which one is used instead', () => {
    expect(resolveLink('gone/zed', [ALICE, BOB], BOB)).toEqual({
      notice:
        'The link asks for the mock project and user “gone/zed”, which this mock does not have: using Classic demo · bob.',
    });
    expect(resolveLink('gone/zed', [], undefined)).toEqual({
      notice:
        'The link asks for the mock project and user “gone/zed”, which this mock does not have.',
    });
  });
});

describe('MockServerUrlState', () => {
  it('takes a saved address, refuses one that is no API URL, and forgets the default', () => {
    const saved = new Map<string, string>([
      ['redcap-playground:mock-server-url', 'http://127.0.0.1:9000/api/'],
    ]);
    const prefs = {
      getItem: (k: string) => saved.get(k) ?? null,
      setItem: (k: string, v: string) => void saved.set(k, v),
      removeItem: (k: string) => void saved.delete(k),
    } as unknown as Storage;
    const state = new MockServerUrlState(prefs);
    expect(state.url).toBe('http://127.0.0.1:9000/api/');
    expect(state.set('not a url')).toEqual(expect.any(String));
    expect(state.url).toBe('http://127.0.0.1:9000/api/');
    expect(state.set('http://127.0.0.1:8787/api/')).toBeNull();
    expect(saved.has('redcap-playground:mock-server-url')).toBe(false);
    expect(new MockServerUrlState(null).url).toBe('http://127.0.0.1:8787/api/');
  });
});
