import { vi } from 'vitest';
import type { Transport } from '../../src/lib/execute/transport.ts';
import type { MethodId } from '../../src/lib/methods/index.ts';
import type { RedcapRequest } from '../../src/lib/redcap/request.ts';
import type { RedcapResponse } from '../../src/lib/redcap/response.ts';
import { ConnectionState } from '../../src/ui/state/connection.svelte.ts';
import type { AppContext } from '../../src/ui/state/context.ts';
import { LiveState } from '../../src/ui/state/live.svelte.ts';
import { PlaygroundState } from '../../src/ui/state/playground.svelte.ts';
import { mockHandle } from './harness.ts';

export const LIVE_URL = 'https://redcap.example.edu/api/';
export const LIVE_TOKEN = '0123456789ABCDEF0123456789ABCDEF';

export type Answer = Partial<RedcapResponse> & { body?: string };

/** A stand-in REDCap behind the forwarder: answers by `content`/`action`, records each call. */
export function fakeRedcap(
  answers: Record<string, Answer | ((req: RedcapRequest) => Answer)> = {},
) {
  const calls: RedcapRequest[] = [];
  const defaults: Record<string, Answer> = {
    version: { body: '14.5.10', headers: { 'content-type': 'text/html; charset=UTF-8' } },
    project: {
      body: JSON.stringify({
        project_id: '321',
        project_title: 'Heart study',
        is_longitudinal: 0,
        in_production: 0,
      }),
    },
    metadata: { body: JSON.stringify([{ field_name: 'record_id' }, { field_name: 'age' }]) },
    'record/export': { body: JSON.stringify([{ record_id: '1' }, { record_id: '2' }]) },
    'record/delete': { body: '1' },
  };
  const send = vi.fn((request: RedcapRequest): Promise<RedcapResponse> => {
    calls.push(request);
    const field = (name: string) => String(request.body.find(([n]) => n === name)?.[1] ?? '');
    const key = field('action') ? `${field('content')}/${field('action')}` : field('content');
    const found = answers[key] ?? defaults[key] ?? { status: 400, body: '{"error":"not faked"}' };
    const answer = typeof found === 'function' ? found(request) : found;
    return Promise.resolve({
      status: answer.status ?? 200,
      statusText: '',
      headers: answer.headers ?? { 'content-type': 'application/json' },
      bytes: new TextEncoder().encode(answer.body ?? ''),
      timeMs: 1,
    });
  });
  const transport: Transport = { send };
  return { transport, calls, send };
}

export function liveContext(
  options: {
    methodId?: MethodId;
    targets?: readonly string[];
    answers?: Parameters<typeof fakeRedcap>[0];
    storage?: Storage;
  } = {},
) {
  const redcap = fakeRedcap(options.answers);
  const stop = vi.fn(() => Promise.resolve());
  const startMock = vi.fn(() => Promise.resolve(mockHandle(undefined, { stop })));
  const live = new LiveState({
    transport: redcap.transport,
    loadConfig: () => Promise.resolve({ targets: options.targets ?? [LIVE_URL] }),
    storage: options.storage ?? sessionStorage,
  });
  const mockSend = vi.fn(() => Promise.reject(new Error('the mock must not be called')));
  const connection = new ConnectionState(startMock, live);
  const context: AppContext = {
    playground: new PlaygroundState(options.methodId),
    connection,
    transport: {
      send: (req, signal) =>
        connection.mode === 'live' ? redcap.transport.send(req, signal) : mockSend(),
    },
  };
  return { context, redcap, stop, startMock, mockSend, live };
}
