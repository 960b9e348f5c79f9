import { mount } from 'svelte';
import * as z from 'zod/mini';
import App from './App.svelte';
import { createMockTransport } from './lib/execute/transport.ts';
import { ConnectionState } from './ui/state/connection.svelte.ts';
import { PlaygroundState } from './ui/state/playground.svelte.ts';
import { basePath, startInPageMock } from './ui/state/start-mock.ts';
import './ui/theme.css';

// Zod compiles validators with `new Function` unless told not to; our CSP forbids eval.
z.config({ jitless: true });

const context = {
  playground: new PlaygroundState(),
  // The page mounts first; the mock starts in parallel and Execute waits for it.
  connection: new ConnectionState(startInPageMock),
  transport: createMockTransport(basePath()),
};

mount(App, { target: document.getElementById('app')!, props: { context } });
