import { vi } from 'vitest';
import type { Transport } from '../../src/lib/execute/transport.ts';
import type { MethodId } from '../../src/lib/methods/index.ts';
import { ConnectionState, type MockHandle } from '../../src/ui/state/connection.svelte.ts';
import type { AppContext } from '../../src/ui/state/context.ts';
import { PlaygroundState } from '../../src/ui/state/playground.svelte.ts';

export const TEST_TOKEN = 'D41D8CD98F00B204E9800998ECF8427E';

/** A started mock with one project and one user whose token is `token`. */
export function mockHandle(token = TEST_TOKEN, overrides: Partial<MockHandle> = {}): MockHandle {
  return {
    projects: [
      { slug: 'test-project', title: 'Test project', users: [{ username: 'tester', token }] },
    ],
    pendingMethods: ['exp_arms'],
    reset: vi.fn(() => Promise.resolve()),
    ...overrides,
  };
}

export function readyMock(): Promise<MockHandle> {
  return Promise.resolve(mockHandle());
}

export function makeContext(
  transport: Transport,
  options: { methodId?: MethodId; startMock?: () => Promise<MockHandle> } = {},
): AppContext {
  return {
    playground: new PlaygroundState(options.methodId),
    connection: new ConnectionState(options.startMock ?? readyMock),
    transport,
  };
}
