// The page as it first renders, for the build's prerender (src/build/prerender.ts): the same App
// the browser hydrates, with nothing started (no mock, no live connection, no address). The
// method list, the top bar and the workspace's loading line are then in index.html before any
// script runs, and the entry hydrates them (src/main.ts).
import { render } from 'svelte/server';
import App from './App.svelte';
import type { Transport } from './lib/execute/transport.ts';
import { ConnectionState } from './ui/state/connection.svelte.ts';
import { LiveState } from './ui/state/live.svelte.ts';
import { PlaygroundState } from './ui/state/playground.svelte.ts';

export function prerenderApp(): string {
  const never = (): Promise<never> => new Promise<never>(() => {});
  const transport: Transport = { send: never };
  const live = new LiveState({ transport, loadConfig: never, storage: null });
  const connection = new ConnectionState(never, live, null);
  const context = { playground: new PlaygroundState(), connection, transport };
  return render(App, { props: { context } }).body;
}
