import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ALICE_TOKEN, BOB_TOKEN } from '../../mocks/fixtures/index.ts';
import { setupMockServer } from '../../mocks/node.ts';
import App from '../../src/App.svelte';
import { createMockTransport } from '../../src/lib/execute/transport.ts';
import type { MockHandle } from '../../src/ui/state/connection.svelte.ts';
import type { AppContext } from '../../src/ui/state/context.ts';
import { makeContext } from './harness.ts';

vi.mock('../../src/ui/editor/monaco-loader.ts', () => ({
  loadMonaco: () => new Promise(() => {}),
  prefersDark: () => false,
}));

const { server } = setupMockServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());
beforeEach(() => history.replaceState(null, '', '/'));

/** Two demo projects with two users, as the browser mock lists them. */
const handle = (): Promise<MockHandle> =>
  Promise.resolve({
    projects: [
      {
        slug: 'classic-demo',
        title: 'Classic demo (mock)',
        users: [
          { username: 'alice', token: ALICE_TOKEN },
          { username: 'bob', token: BOB_TOKEN },
        ],
      },
      {
        slug: 'other-demo',
        title: 'Other demo (mock)',
        users: [{ username: 'alice', token: ALICE_TOKEN }],
      },
    ],
    pendingMethods: [],
    reset: vi.fn(() => Promise.resolve()),
  });

function setup(): { context: AppContext; response: () => HTMLElement } {
  const context = makeContext(createMockTransport('/'), {
    methodId: 'exp_records',
    startMock: handle,
  });
  render(App, { props: { context } });
  return { context, response: () => screen.getByRole('region', { name: 'Response' }) };
}

async function runOnce(response: () => HTMLElement): Promise<void> {
  await fireEvent.click(screen.getByRole('button', { name: 'Execute' }));
  await vi.waitFor(() => expect(response().textContent).toContain('HTTP 200 OK'));
}

describe('An answer and the request on screen', () => {
  it('clears the earlier answer when Execute is refused for a broken filter', async () => {
    const { context, response } = setup();
    await runOnce(response);
    context.playground.setValue('filterLogic', '[age] > (');
    await fireEvent.click(screen.getByRole('button', { name: 'Execute' }));
    await vi.waitFor(() => expect(response().textContent).not.toContain('HTTP 200'));
    expect(response().textContent).toContain('Fill the form and press Execute');
  });

  it('marks the answer as an earlier request’s after switching method, naming it', async () => {
    const { context, response } = setup();
    await runOnce(response);
    expect(screen.queryByTestId('earlier-answer')).toBeNull();
    context.playground.select('exp_metadata');
    const mark = await screen.findByTestId('earlier-answer');
    expect(mark.textContent).toMatch(
      /Answer to an earlier request:\s+Export Records on Classic demo \(mock\) · alice, sent at \d\d:\d\d:\d\d/,
    );
    // Back to the request it answers: no longer marked.
    context.playground.select('exp_records');
    await vi.waitFor(() => expect(screen.queryByTestId('earlier-answer')).toBeNull());
  });

  it('marks it after switching the mock user, and after Reset demo data', async () => {
    const { context, response } = setup();
    await runOnce(response);
    context.connection.choose('classic-demo/bob');
    await screen.findByTestId('earlier-answer');
    context.connection.choose('classic-demo/alice');
    await vi.waitFor(() => expect(screen.queryByTestId('earlier-answer')).toBeNull());
    await fireEvent.click(screen.getByRole('button', { name: 'Reset demo data' }));
    await screen.findByTestId('earlier-answer');
  });
});

describe('Links', () => {
  it('open on the mock project and user they were made with', async () => {
    history.replaceState(null, '', '/#/exp_records?format=csv&_mock=other-demo%2Falice');
    const { context } = setup();
    await vi.waitFor(() => expect(context.connection.choice?.key).toBe('other-demo/alice'));
    const chooser = screen.getByRole('combobox', { name: 'Mock project' }) as HTMLSelectElement;
    expect(chooser.value).toBe('other-demo/alice');
    // And the address keeps carrying it, so Copy link does too.
    await vi.waitFor(() => expect(location.hash).toContain('_mock=other-demo%2Falice'));
  });

  it('the address follows a change of mock user', async () => {
    const { context } = setup();
    await vi.waitFor(() => expect(context.connection.status).toBe('ready'));
    context.connection.choose('classic-demo/bob');
    await vi.waitFor(() => expect(location.hash).toContain('_mock=classic-demo%2Fbob'));
  });

  it('say so when the mock has no such project or user, and keep the default', async () => {
    history.replaceState(null, '', '/#/exp_records?_mock=gone-demo%2Fzed');
    const { context } = setup();
    await vi.waitFor(() => expect(context.connection.status).toBe('ready'));
    expect(context.connection.choice?.key).toBe('classic-demo/alice');
    expect(screen.getByText(/“gone-demo\/zed”, which this mock does not have/)).toBeTruthy();
  });

  it('naming an unknown method say so and offer the nearest methods', async () => {
    history.replaceState(null, '', '/#/create_projekt');
    const { context } = setup();
    const alert = await screen.findByText(/which REDCap does not have/);
    expect(alert.textContent).toContain('create_projekt');
    const notice = alert.closest('[role="alert"]') as HTMLElement;
    await fireEvent.click(within(notice).getByRole('button', { name: /Create Project/ }));
    expect(context.playground.methodId).toBe('imp_proj');
    expect(screen.queryByText(/which REDCap does not have/)).toBeNull();
  });
});
