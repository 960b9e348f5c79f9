import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import App from '../../src/App.svelte';
import type { Transport } from '../../src/lib/execute/transport.ts';
import type { RedcapRequest } from '../../src/lib/redcap/request.ts';
import { WRONG_TOKEN } from '../../src/ui/state/connection.svelte.ts';
import { makeContext, mockHandle } from './harness.ts';

vi.mock('../../src/ui/editor/monaco-loader.ts', () => ({
  loadMonaco: () => new Promise(() => {}),
  prefersDark: () => false,
}));

const ALICE = 'A'.repeat(32);
const BOB = 'B'.repeat(32);
const ERIN = 'E'.repeat(32);

const handle = mockHandle(ALICE, {
  projects: [
    {
      slug: 'classic-demo',
      title: 'Classic demo',
      users: [
        { username: 'alice', token: ALICE, access: { short: 'full rights', details: [] } },
        {
          username: 'bob',
          token: BOB,
          access: { short: 'export only', details: ['no API Import: imports answer 403'] },
        },
        { username: 'erin', token: ERIN },
      ],
    },
  ],
});

function setup() {
  const tokens: string[] = [];
  const transport: Transport = {
    send: (request: RedcapRequest) => {
      tokens.push(String(request.body.find(([name]) => name === 'token')?.[1]));
      return Promise.resolve({
        status: 403,
        statusText: 'Forbidden',
        headers: { 'content-type': 'application/json' },
        bytes: new TextEncoder().encode('{"error":"You do not have permissions to use the API"}'),
        timeMs: 1,
      });
    },
  };
  render(App, {
    props: {
      context: makeContext(transport, {
        methodId: 'exp_records',
        startMock: () => Promise.resolve(handle),
      }),
    },
  });
  const topbar = document.querySelector<HTMLElement>('header.topbar')!;
  const chooser = () =>
    within(topbar).getByRole('combobox', { name: 'Mock project' }) as HTMLSelectElement;
  const execute = async () => {
    const before = tokens.length;
    await fireEvent.click(screen.getByRole('button', { name: 'Execute' }));
    await vi.waitFor(() => expect(tokens).toHaveLength(before + 1));
  };
  return { topbar, chooser, execute, tokens };
}

describe('the mock users', () => {
  it('say what each can do, in the chooser and beside it', async () => {
    const { topbar, chooser } = setup();
    await vi.waitFor(() => expect(chooser().disabled).toBe(false));
    const options = within(chooser()).getAllByRole('option') as HTMLOptionElement[];
    expect(options.map((o) => o.textContent)).toEqual([
      'Classic demo · alice (full rights)',
      'Classic demo · bob (export only)',
      'Classic demo · erin',
    ]);
    const access = within(topbar).getByTestId('mock-access');
    expect(access.textContent).toBe('alice: full rights');
    await fireEvent.change(chooser(), { target: { value: 'classic-demo/bob' } });
    expect(access.textContent).toBe('bob: export only');
    expect(access.title).toBe('no API Import: imports answer 403');
    await fireEvent.change(chooser(), { target: { value: 'classic-demo/erin' } });
    expect(within(topbar).queryByTestId('mock-access')).toBeNull();
  });
});

describe('Send a wrong token', () => {
  it('sends a token no user has until unticked, and says REDCap answers 403', async () => {
    const { topbar, chooser, execute, tokens } = setup();
    await vi.waitFor(() => expect(chooser().disabled).toBe(false));
    const toggle = within(topbar).getByLabelText('Send a wrong token') as HTMLInputElement;
    expect(toggle.checked).toBe(false);
    await execute();
    await fireEvent.click(toggle);
    expect(within(topbar).getByTestId('mock-access').textContent).toBe(
      'wrong token: REDCap answers 403',
    );
    await execute();
    await fireEvent.change(chooser(), { target: { value: 'classic-demo/bob' } });
    await execute();
    await fireEvent.click(toggle);
    await execute();
    expect(tokens).toEqual([ALICE, WRONG_TOKEN, WRONG_TOKEN, BOB]);
    expect(WRONG_TOKEN).toMatch(/^[0-9A-F]{32}$/);
  });

  it('puts the same wrong token in the code when the token is shown', async () => {
    const { topbar, chooser } = setup();
    await vi.waitFor(() => expect(chooser().disabled).toBe(false));
    await fireEvent.click(within(topbar).getByLabelText('Send a wrong token'));
    const region = screen.getByRole('region', { name: 'Code snippet' });
    await fireEvent.click(within(region).getByLabelText('Show token in code'));
    const code = () => region.querySelector('pre code')?.textContent ?? '';
    await vi.waitFor(() => expect(code()).toContain(WRONG_TOKEN));
    expect(code()).not.toContain(ALICE);
  });
});
