import { hydrate, mount } from 'svelte';
import * as z from 'zod/mini';
import App from './App.svelte';
import type { EarlyClicks } from './lib/boot/early-clicks.ts';
import { loadForwarderConfig } from './lib/execute/forward.ts';
import {
  createForwardTransport,
  createMockTransport,
  createSwitchingTransport,
} from './lib/execute/transport.ts';
import { spawnTableWorker } from './lib/table/stream-client.ts';
import { isMethodId } from './lib/methods/index.ts';
import { ConnectionState } from './ui/state/connection.svelte.ts';
import { LiveState } from './ui/state/live.svelte.ts';
import { PlaygroundState } from './ui/state/playground.svelte.ts';
import { basePath, startInPageMock } from './ui/state/start-mock.ts';

// Zod compiles validators with `new Function` unless told not to; our CSP forbids eval.
z.config({ jitless: true });

function tabStorage(): Storage | null {
  try {
    return sessionStorage;
  } catch {
    return null;
  }
}

const base = basePath();
const mock = createMockTransport(base);
const forward = createForwardTransport(base);
const live = new LiveState({
  transport: forward,
  loadConfig: () => loadForwarderConfig(base),
  storage: tabStorage(),
});
/**
 * Resolves once the page is idle after mounting (at most 300 ms later): the mock's chunks (msw,
 * the store worker) then never compete with the method list for the network or the main thread.
 */
function whenIdle(): Promise<void> {
  return new Promise((resolve) => {
    if ('requestIdleCallback' in window) requestIdleCallback(() => resolve(), { timeout: 300 });
    else setTimeout(resolve, 0);
  });
}

// The page mounts first; the mock starts when the page is idle, and Execute waits for it.
const connection = new ConnectionState(() => whenIdle().then(startInPageMock), live);
const context = {
  playground: new PlaygroundState(),
  connection,
  transport: createSwitchingTransport(() => (connection.mode === 'live' ? forward : mock)),
  spawnTableWorker,
};

/**
 * Hydrates the prerendered page (src/build/prerender.ts puts the first render in index.html), or
 * mounts it where there is none (`npm run dev`); then takes over from src/boot.ts: a method
 * clicked before now becomes the chosen one, and the page's early listener stops.
 */
export function start(early: EarlyClicks | null): void {
  const target = document.getElementById('app')!;
  if (target.firstChild) hydrate(App, { target, props: { context } });
  else mount(App, { target, props: { context } });
  early?.stop();
  const chosen = early?.chosen;
  if (chosen && isMethodId(chosen)) context.playground.select(chosen);
}
