import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterAll, afterEach, beforeAll, beforeEach, expect, vi } from 'vitest';
import { setupMockServer } from '../../mocks/node.ts';
import type { MockRedcap } from '../../mocks/redcap.ts';
import { describeMock } from '../../mocks/worker-host.ts';
import { setFailure, workshop } from '../../mocks/workshop.ts';
import App from '../../src/App.svelte';
import { createMockTransport } from '../../src/lib/execute/transport.ts';
import type { MethodId } from '../../src/lib/methods/index.ts';
import type { MockHandle } from '../../src/ui/state/connection.svelte.ts';
import { makeContext } from './harness.ts';

/**
 * The page with the real mock core behind it, for the workshop's tests (the token's life, the
 * failures on demand, the lessons that watch them): msw/node answers the in-page address, and the
 * API page's steps run the worker's own functions (mocks/workshop.ts). Registers the server's
 * hooks; each test starts from the seed, no failure set, an empty tab storage and address.
 */
export function useMockCore(): MockRedcap {
  const { server, redcap } = setupMockServer();
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  beforeEach(() => history.replaceState(null, '', '/'));
  afterEach(() => {
    server.resetHandlers();
    redcap.reset();
    redcap.failures.reset();
    sessionStorage.clear();
  });
  afterAll(() => server.close());
  return redcap;
}

/** The page's handle on that core, as the mock's worker would give it. */
function coreHandle(redcap: MockRedcap): () => Promise<MockHandle> {
  return () =>
    Promise.resolve({
      projects: describeMock(redcap).projects,
      pendingMethods: [],
      reset: () => Promise.resolve(redcap.reset()),
      workshop: (project, username, action) =>
        Promise.resolve(workshop(redcap, project, username, action)),
      setFailure: (kind, count) => {
        setFailure(redcap, kind, count);
        return Promise.resolve(redcap.failures.setting);
      },
    });
}

/**
 * Renders the app on that core (on `methodId`, or what the address says) and opens "API token &
 * failures": the panel, its two regions, a click that waits for its button, and Execute.
 */
export async function openTokenPanel(redcap: MockRedcap, methodId?: MethodId) {
  const context = makeContext(createMockTransport('/'), {
    ...(methodId && { methodId }),
    startMock: coreHandle(redcap),
  });
  render(App, { props: { context } });
  const toggle = screen.getByRole('button', { name: 'API token & failures' });
  await vi.waitFor(() => expect((toggle as HTMLButtonElement).disabled).toBe(false));
  await fireEvent.click(toggle);
  const panel = await screen.findByRole('region', { name: 'API token and failures (mock)' });
  const api = () => within(panel).getByRole('region', { name: 'Applications → API' });
  const admin = () => within(panel).getByRole('region', { name: 'Administrator’s view' });
  const click = async (scope: HTMLElement, name: string | RegExp) => {
    const button = await within(scope).findByRole('button', { name });
    await vi.waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false));
    await fireEvent.click(button);
  };
  const response = () => screen.getByRole('region', { name: 'Response' });
  const execute = async (expected: string) => {
    await fireEvent.click(screen.getByRole('button', { name: 'Execute' }));
    await vi.waitFor(() => expect(response().textContent).toContain(expected));
  };
  return { context, panel, api, admin, click, execute, response };
}
