import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import App from '../../src/App.svelte';
import type { Transport } from '../../src/lib/execute/transport.ts';
import type { ConnectionState } from '../../src/ui/state/connection.svelte.ts';
import { PlaygroundState } from '../../src/ui/state/playground.svelte.ts';
import { currentHash, shareLink } from '../../src/ui/state/url-sync.svelte.ts';
import { makeContext } from './harness.ts';
import { LIVE_URL, liveContext } from './live-harness.ts';

vi.mock('../../src/ui/editor/monaco-loader.ts', () => ({
  loadMonaco: () => new Promise(() => {}),
  prefersDark: () => false,
}));

const idle: Transport = { send: vi.fn(() => new Promise<never>(() => {})) };
const RECORDS = '#/exp_records?format=json&type=flat&returnFormat=json';

// The snippet panel loads its generators lazily; loaded up front, no import is still running
// when the file's environment is torn down (seen once, cold: "Cannot load … php-curl.ts").
beforeAll(() => import('../../src/lib/snippets/index.ts'));

afterEach(() => {
  vi.restoreAllMocks();
  history.replaceState(null, '', '/');
});

describe('URL sync: Back and Forward', () => {
  it('pushes an entry for a new method, replaces it for an edit, and writes nothing unchanged', async () => {
    history.replaceState(null, '', `/${RECORDS}&_mock=test-project%2Ftester`);
    const push = vi.spyOn(history, 'pushState');
    const replace = vi.spyOn(history, 'replaceState');
    const context = makeContext(idle, { methodId: 'exp_records' });
    render(App, { props: { context } });
    await vi.waitFor(() => expect(screen.getByLabelText('records')).toBeTruthy());
    await vi.waitFor(() => expect(context.connection.status).toBe('ready'));
    expect([push.mock.calls.length, replace.mock.calls.length]).toEqual([0, 0]);

    await fireEvent.input(screen.getByLabelText('records'), { target: { value: '7' } });
    await vi.waitFor(() => expect(replace).toHaveBeenCalledTimes(1));
    expect(replace.mock.calls[0]![2]).toBe(
      '#/exp_records?format=json&type=flat&records=7&returnFormat=json&_mock=test-project%2Ftester',
    );
    expect(push).not.toHaveBeenCalled();

    await fireEvent.click(
      screen.getByRole('button', { name: 'Export Metadata (Data Dictionary)' }),
    );
    await vi.waitFor(() => expect(push).toHaveBeenCalledTimes(1));
    expect(String(push.mock.calls[0]![2])).toMatch(/^#\/exp_metadata\?/);
    expect(replace).toHaveBeenCalledTimes(1);
  });

  it('restores the request on popstate, and the next edit replaces that entry', async () => {
    render(App, { props: { context: makeContext(idle, { methodId: 'exp_metadata' }) } });
    history.replaceState(null, '', '/#/exp_records?format=csv&records=3');
    const push = vi.spyOn(history, 'pushState');
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(await screen.findByRole('heading', { level: 2, name: 'Export Records' })).toBeTruthy();
    expect((screen.getByLabelText('format') as HTMLSelectElement).value).toBe('csv');
    expect((screen.getByLabelText('records') as HTMLInputElement).value).toBe('3');
    await fireEvent.input(screen.getByLabelText('records'), { target: { value: '4' } });
    await vi.waitFor(() => expect(location.hash).toContain('records=4'));
    expect(push).not.toHaveBeenCalled();
  });
});

describe('URL sync: live links', () => {
  it('opens live mode with the API URL filled in, asks for the token, and never carries one', async () => {
    const api = encodeURIComponent(LIVE_URL);
    history.replaceState(null, '', `/#/exp_records?format=json&_mode=live&_api=${api}`);
    const setup = liveContext();
    render(App, { props: { context: setup.context } });
    await vi.waitFor(() => expect(setup.context.connection.mode).toBe('live'));
    expect(
      ((await screen.findByRole('textbox', { name: 'API URL' })) as HTMLInputElement).value,
    ).toBe(LIVE_URL);
    expect(
      await screen.findByText(
        `This link is for ${LIVE_URL}: enter your token for it and press Connect. A link never carries a token.`,
      ),
    ).toBeTruthy();
    await vi.waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Token')));
    await vi.waitFor(() => expect(location.hash).toContain('_mode=live'));
    expect(location.hash).toContain(`_api=${api}`);
    expect(setup.redcap.calls).toEqual([]);
  });

  it('says "a live REDCap" when the link names no server', async () => {
    history.replaceState(null, '', '/#/exp_records?format=json&_mode=live');
    const setup = liveContext();
    render(App, { props: { context: setup.context } });
    expect(
      await screen.findByText(/^This link is for a live REDCap: enter your token/),
    ).toBeTruthy();
    expect((screen.getByRole('textbox', { name: 'API URL' }) as HTMLInputElement).value).toBe('');
  });

  it('a mock link stays in mock mode', async () => {
    history.replaceState(null, '', `/${RECORDS}`);
    const setup = liveContext();
    render(App, { props: { context: setup.context } });
    await screen.findByRole('heading', { level: 2, name: 'Export Records' });
    expect(setup.context.connection.mode).toBe('mock');
    expect(location.hash).not.toContain('_mode');
  });
});

describe('currentHash and shareLink', () => {
  const live = (apiUrl: string, urlInput: string) =>
    ({ mode: 'live', live: { apiUrl, urlInput } }) as unknown as ConnectionState;

  it('write the request, and in live mode the API URL (connected, else as typed)', () => {
    const playground = new PlaygroundState('exp_records');
    expect(currentHash(playground)).toBe(RECORDS);
    expect(currentHash(playground, { mode: 'mock' } as ConnectionState)).toBe(RECORDS);
    const typed = encodeURIComponent('https://typed.example/api/');
    expect(currentHash(playground, live('', '  https://typed.example/api/  '))).toBe(
      `${RECORDS}&_mode=live&_api=${typed}`,
    );
    expect(currentHash(playground, live(LIVE_URL, 'https://typed.example/api/'))).toBe(
      `${RECORDS}&_mode=live&_api=${encodeURIComponent(LIVE_URL)}`,
    );
  });

  it('shareLink is this page, its query and the hash', () => {
    history.replaceState(null, '', '/app/?lang=en#/old');
    expect(shareLink(new PlaygroundState('exp_records'))).toBe(
      `${location.origin}/app/?lang=en${RECORDS}`,
    );
  });
});

describe('URL sync: while connected, and after unmount', () => {
  it('a live link opened while connected keeps the connection and says nothing', async () => {
    const setup = liveContext();
    render(App, { props: { context: setup.context } });
    await fireEvent.click(screen.getByRole('radio', { name: 'Live' }));
    await screen.findByRole('form', { name: 'Live connection' });
    await fireEvent.input(screen.getByRole('textbox', { name: 'API URL' }), {
      target: { value: LIVE_URL },
    });
    await fireEvent.input(screen.getByLabelText('Token'), {
      target: { value: '0123456789ABCDEF0123456789ABCDEF' },
    });
    await fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    await screen.findByLabelText('Connected project');
    const other = encodeURIComponent('https://other.example/api/');
    history.replaceState(null, '', `/#/exp_metadata?format=json&_mode=live&_api=${other}`);
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(await screen.findByRole('heading', { level: 2, name: /Export Metadata/ })).toBeTruthy();
    await new Promise((r) => setTimeout(r, 20));
    expect(setup.context.connection.live.urlInput).toBe(LIVE_URL);
    expect(setup.context.connection.live.status).toBe('connected');
    expect(screen.queryByText(/This link is for/)).toBeNull();
  });

  it('stops listening to Back and Forward once the page is gone', async () => {
    const context = makeContext(idle, { methodId: 'exp_metadata' });
    const { unmount } = render(App, { props: { context } });
    unmount();
    history.replaceState(null, '', '/#/exp_records?format=csv');
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(context.playground.methodId).toBe('exp_metadata');
  });
});

/** Waits until the lazily loaded snippet panel shows code: nothing is left loading after the test. */
async function snippetShown(): Promise<void> {
  const region = await screen.findByRole('region', { name: 'Code snippet' });
  await vi.waitFor(() => expect(region.textContent).toContain('curl'), { timeout: 5000 });
}

describe('URL sync: unknown methods and mock links', () => {
  it('a link to a method the catalog lacks is named on the page; a known one clears it', async () => {
    history.replaceState(null, '', '/#/exp_no_such_method?format=json');
    const context = makeContext(idle, { methodId: 'exp_metadata' });
    render(App, { props: { context } });
    expect(context.playground.unknownMethodId).toBe('exp_no_such_method');
    expect(context.playground.methodId).toBe('exp_metadata');
    history.replaceState(null, '', `/${RECORDS}`);
    window.dispatchEvent(new PopStateEvent('popstate'));
    await screen.findByRole('heading', { level: 2, name: 'Export Records' });
    expect(context.playground.unknownMethodId).toBeNull();
    await snippetShown();
  });

  it('a link without a method leaves the page as it is', async () => {
    history.replaceState(null, '', '/#nothing-here');
    const context = makeContext(idle, { methodId: 'exp_metadata' });
    render(App, { props: { context } });
    expect(context.playground.unknownMethodId).toBeNull();
    expect(context.playground.methodId).toBe('exp_metadata');
    await snippetShown();
  });

  it('a mock link opened in live mode goes back to mock mode and its project', async () => {
    const setup = liveContext();
    render(App, { props: { context: setup.context } });
    await fireEvent.click(screen.getByRole('radio', { name: 'Live' }));
    await vi.waitFor(() => expect(setup.context.connection.mode).toBe('live'));
    const setMode = vi.spyOn(setup.context.connection, 'setMode');
    const choose = vi.spyOn(setup.context.connection, 'chooseFromLink');
    history.replaceState(null, '', `/${RECORDS}&_mock=test-project%2Ftester`);
    window.dispatchEvent(new PopStateEvent('popstate'));
    await vi.waitFor(() => expect(setup.context.connection.mode).toBe('mock'));
    expect(setMode).toHaveBeenCalledWith('mock');
    expect(choose).toHaveBeenCalledWith('test-project/tester');
    await snippetShown();
  });

  it('a mock link opened in mock mode only chooses its project; a plain link chooses none', async () => {
    const context = makeContext(idle, { methodId: 'exp_metadata' });
    render(App, { props: { context } });
    const setMode = vi.spyOn(context.connection, 'setMode');
    const choose = vi.spyOn(context.connection, 'chooseFromLink');
    history.replaceState(null, '', `/${RECORDS}&_mock=test-project%2Ftester`);
    window.dispatchEvent(new PopStateEvent('popstate'));
    await screen.findByRole('heading', { level: 2, name: 'Export Records' });
    expect(choose).toHaveBeenCalledWith('test-project/tester');
    expect(setMode).not.toHaveBeenCalled();
    history.replaceState(null, '', '/#/exp_metadata?format=json');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await screen.findByRole('heading', { level: 2, name: /Export Metadata/ });
    expect(choose).toHaveBeenCalledTimes(1);
    await snippetShown();
  });
});
