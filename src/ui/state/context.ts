import { getContext, setContext } from 'svelte';
import { createRedcapClient, type RedcapClient } from '../../lib/execute/client.ts';
import type { Transport } from '../../lib/execute/transport.ts';
import type { SpawnTableWorker } from '../../lib/table/stream-client.ts';
import type { ConnectionState } from './connection.svelte.ts';
import type { PlaygroundState } from './playground.svelte.ts';

/** What components share: state classes and the injected transport. */
export interface AppContext {
  readonly playground: PlaygroundState;
  readonly connection: ConnectionState;
  readonly transport: Transport;
  /** Starts the table worker; without it, answers are read into tables in the page. */
  readonly spawnTableWorker?: SpawnTableWorker;
}

const KEY = Symbol('redcap-playground');

export function setAppContext(context: AppContext): AppContext {
  return setContext(KEY, context);
}

export function getAppContext(): AppContext {
  const context = getContext<AppContext | undefined>(KEY);
  if (!context)
    throw new Error('AppContext is missing: render inside <App> or provide it in tests');
  return context;
}

const clients = new WeakMap<AppContext, RedcapClient>();

/** The app's client: the context's transport, to wherever the connection sends now. */
export function appClient(context: AppContext): RedcapClient {
  let client = clients.get(context);
  if (!client) {
    const { transport, connection } = context;
    client = createRedcapClient({ transport, connect: (methodId) => connection.connect(methodId) });
    clients.set(context, client);
  }
  return client;
}
