import { describe, expect, it, vi } from 'vitest';
import { ConnectionState } from '../../src/ui/state/connection.svelte.ts';
import { LiveState } from '../../src/ui/state/live.svelte.ts';
import { mockHandle } from './harness.ts';
import { fakeRedcap, LIVE_TOKEN, LIVE_URL } from './live-harness.ts';

// msw's service worker messages every request and answer of a page it still counts as active:
// no live call (token included) may leave before the mock has let go of the page.

describe('live calls and the stopping mock', () => {
  it('waits for the mock’s service worker to stop before Connect sends the token', async () => {
    const redcap = fakeRedcap();
    let stopped!: () => void;
    const stop = vi.fn(() => new Promise<void>((resolve) => (stopped = resolve)));
    const live = new LiveState({
      transport: redcap.transport,
      loadConfig: () => Promise.resolve({ targets: [LIVE_URL] }),
    });
    const connection = new ConnectionState(
      () => Promise.resolve(mockHandle(undefined, { stop })),
      live,
    );
    void connection.setMode('live');
    live.urlInput = LIVE_URL;
    live.tokenInput = LIVE_TOKEN;
    const connecting = live.connect();
    await vi.waitFor(() => expect(stop).toHaveBeenCalledTimes(1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(redcap.send).not.toHaveBeenCalled();
    stopped();
    await connecting;
    expect(live.status).toBe('connected');
    expect(redcap.calls[0]!.body).toContainEqual(['token', LIVE_TOKEN]);
  });
});
