import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import App from '../../src/App.svelte';
import type { Transport } from '../../src/lib/execute/transport.ts';
import type { RedcapRequest } from '../../src/lib/redcap/request.ts';
import type { MockHandle } from '../../src/ui/state/connection.svelte.ts';
import { makeContext, mockHandle } from './harness.ts';

vi.mock('../../src/ui/editor/monaco-loader.ts', () => ({
  loadMonaco: () => new Promise(() => {}),
  prefersDark: () => false,
}));

const ALICE = 'A'.repeat(32);
const BOB = 'B'.repeat(32);
const CAROL = 'C'.repeat(32);

function twoProjects(overrides: Partial<MockHandle> = {}): MockHandle {
  return mockHandle(ALICE, {
    projects: [
      {
        slug: 'classic-demo',
        title: 'Classic demo (mock)',
        users: [
          { username: 'alice', token: ALICE },
          { username: 'bob', token: BOB },
        ],
      },
      {
        slug: 'longitudinal',
        title: 'Longitudinal (mock)',
        users: [{ username: 'carol', token: CAROL }],
      },
    ],
    ...overrides,
  });
}

/** A transport that records each request's token and answers `{"count": 0}`. */
function recordingTransport(): { transport: Transport; tokens: string[] } {
  const tokens: string[] = [];
  const transport: Transport = {
    send: (request: RedcapRequest) => {
      tokens.push(String(request.body.find(([name]) => name === 'token')?.[1]));
      return Promise.resolve({
        status: 200,
        statusText: 'OK',
        headers: { 'content-type': 'application/json' },
        bytes: new TextEncoder().encode('[]'),
        timeMs: 1,
      });
    },
  };
  return { transport, tokens };
}

/** The page header (happy-dom counts every <header> as a banner, so find it by its class). */
function topbar(): HTMLElement {
  return document.querySelector<HTMLElement>('header.topbar')!;
}

function setup(handle: MockHandle | Promise<MockHandle>) {
  const { transport, tokens } = recordingTransport();
  const context = makeContext(transport, {
    methodId: 'exp_records',
    startMock: () => Promise.resolve(handle),
  });
  render(App, { props: { context } });
  const chooser = () => screen.getByRole('combobox', { name: 'Mock project' }) as HTMLSelectElement;
  const execute = async () => {
    const before = tokens.length;
    await fireEvent.click(screen.getByRole('button', { name: 'Execute' }));
    await vi.waitFor(() => expect(tokens).toHaveLength(before + 1));
  };
  return { chooser, execute, tokens, context };
}

describe('the mock project chooser', () => {
  it('lists every mock project with each of its users, the first one chosen', async () => {
    const { chooser } = setup(twoProjects());
    await vi.waitFor(() => expect(chooser().disabled).toBe(false));
    const options = within(chooser()).getAllByRole('option') as HTMLOptionElement[];
    expect(options.map((o) => o.textContent)).toEqual([
      'Classic demo (mock) · alice',
      'Classic demo (mock) · bob',
      'Longitudinal (mock) · carol',
    ]);
    expect(chooser().selectedOptions[0]?.textContent).toBe('Classic demo (mock) · alice');
    expect(topbar().textContent).toContain('Classic demo (mock): no server');
  });

  it('is disabled while the mock starts', () => {
    const { chooser } = setup(new Promise<MockHandle>(() => {}));
    expect(chooser().disabled).toBe(true);
    expect(chooser().textContent).toContain('Starting');
    expect(
      (screen.getByRole('button', { name: 'Reset demo data' }) as HTMLButtonElement).disabled,
    ).toBe(true);
  });

  it('sends the chosen user’s token, and the chosen project shows in the header', async () => {
    const { chooser, execute, tokens } = setup(twoProjects());
    await vi.waitFor(() => expect(chooser().disabled).toBe(false));
    await execute();
    await fireEvent.change(chooser(), { target: { value: 'classic-demo/bob' } });
    await execute();
    await fireEvent.change(chooser(), { target: { value: 'longitudinal/carol' } });
    expect(topbar().textContent).toContain('Longitudinal (mock): no server');
    await execute();
    expect(tokens).toEqual([ALICE, BOB, CAROL]);
  });

  it('is replaced by the reason when the mock cannot start', async () => {
    setup(Promise.reject(new Error('needs a service worker')));
    const banner = topbar();
    await vi.waitFor(() =>
      expect(banner.textContent).toContain('The mock could not start: needs a service worker'),
    );
    expect(screen.queryByRole('combobox', { name: 'Mock project' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Reset demo data' })).toBeNull();
  });
});

describe('Reset demo data', () => {
  it('puts the mock back to its seed and says so until the next request', async () => {
    const handle = twoProjects();
    const { execute } = setup(handle);
    const reset = screen.getByRole('button', { name: 'Reset demo data' }) as HTMLButtonElement;
    await vi.waitFor(() => expect(reset.disabled).toBe(false));
    await fireEvent.click(reset);
    expect(handle.reset).toHaveBeenCalledTimes(1);
    const status = within(topbar()).getByRole('status');
    await vi.waitFor(() => expect(status.textContent).toBe('Demo data reset'));
    await execute();
    expect(status.textContent).toBe('');
  });

  it('keeps the chosen user after a reset', async () => {
    const { chooser, execute, tokens } = setup(twoProjects());
    await vi.waitFor(() => expect(chooser().disabled).toBe(false));
    await fireEvent.change(chooser(), { target: { value: 'classic-demo/bob' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Reset demo data' }));
    await vi.waitFor(() => expect(topbar().textContent).toContain('Demo data reset'));
    expect(chooser().value).toBe('classic-demo/bob');
    await execute();
    expect(tokens).toEqual([BOB]);
  });

  it('says when the reset failed', async () => {
    const reset = vi.fn(() => Promise.reject(new Error('worker stopped')));
    setup(twoProjects({ reset }));
    const button = screen.getByRole('button', { name: 'Reset demo data' }) as HTMLButtonElement;
    await vi.waitFor(() => expect(button.disabled).toBe(false));
    await fireEvent.click(button);
    const status = within(topbar()).getByRole('status');
    await vi.waitFor(() =>
      expect(status.textContent).toBe('The demo data could not be reset: worker stopped'),
    );
  });
});
