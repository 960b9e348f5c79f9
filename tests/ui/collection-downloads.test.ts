import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../src/App.svelte';
import type { Transport } from '../../src/lib/execute/transport.ts';
import { makeContext, TEST_TOKEN } from './harness.ts';
import { LIVE_TOKEN, LIVE_URL, liveContext } from './live-harness.ts';

vi.mock('../../src/ui/editor/monaco-loader.ts', () => ({
  loadMonaco: () => new Promise(() => {}),
  prefersDark: () => false,
}));

/**
 * The page's Postman and Bruno downloads (#25): the whole catalog, the method's group, and the
 * request on screen with the values typed; never the token, in mock mode or with a live token
 * typed and connected.
 */

const neverCalled: Transport = {
  send: vi.fn(() => Promise.reject(new Error('must not be sent'))),
};

interface Saved {
  readonly name: string;
  readonly text: string;
}
let saved: Saved[] = [];
let pending: Promise<void>[] = [];

beforeEach(() => {
  saved = [];
  pending = [];
  const blobs = new Map<string, Blob>();
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    const url = `blob:test/${blobs.size}`;
    blobs.set(url, blob as Blob);
    return url;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    const blob = blobs.get(this.href)!;
    pending.push(
      blob.arrayBuffer().then((buffer) => {
        // Latin-1: every byte a character, so a stored ZIP's entries read as their text.
        saved.push({ name: this.download, text: new TextDecoder('latin1').decode(buffer) });
      }),
    );
  });
});

afterEach(() => {
  vi.restoreAllMocks();
  sessionStorage.clear();
  localStorage.clear();
});

async function openDownloads(): Promise<void> {
  await fireEvent.click(screen.getByRole('button', { name: 'Postman / Bruno' }));
  await screen.findByRole('region', { name: 'Postman and Bruno collections' });
}

async function clickAll(): Promise<Saved[]> {
  const buttons = screen
    .getByRole('region', { name: 'Postman and Bruno collections' })
    .querySelectorAll('button');
  for (const button of buttons) await fireEvent.click(button);
  await Promise.all(pending);
  return saved;
}

describe('Postman and Bruno downloads', () => {
  it('offers the catalog, the group and the request, and saves each as its file', async () => {
    render(App, { props: { context: makeContext(neverCalled, { methodId: 'exp_records' }) } });
    await openDownloads();
    const files = await clickAll();
    expect(files.map((f) => f.name)).toEqual([
      'redcap-api.postman_collection.json',
      'redcap-api.bruno.zip',
      'redcap-api-records.postman_collection.json',
      'redcap-api-records.bruno.zip',
      'exp_records.postman_collection.json',
      'exp_records.bru',
    ]);
    const catalog = JSON.parse(files[0]!.text) as { item: { item: unknown[] }[] };
    expect(catalog.item.flatMap((f) => f.item)).toHaveLength(55);
    const group = JSON.parse(files[2]!.text) as { item: { name: string }[] };
    expect(group.item.map((f) => f.name)).toEqual(['Records']);
    expect(files[1]!.text.startsWith('PK\u0003\u0004')).toBe(true);
    expect(files[1]!.text).toContain('redcap-api/Records/exp_records.bru');
    for (const file of files) expect(file.text, file.name).not.toContain(TEST_TOKEN);
    expect(
      screen.getByRole('region', { name: 'Postman and Bruno collections' }).textContent,
    ).toContain('Saved exp_records.bru (no token: set {{redcap_token}} in Bruno)');
  });

  it('the request on screen carries the values typed, and never the live token', async () => {
    const setup = liveContext({ methodId: 'exp_records' });
    render(App, { props: { context: setup.context } });
    await fireEvent.click(screen.getByRole('radio', { name: 'Live' }));
    await screen.findByRole('form', { name: 'Live connection' });
    await fireEvent.input(screen.getByRole('textbox', { name: 'API URL' }), {
      target: { value: LIVE_URL },
    });
    await fireEvent.input(screen.getByLabelText('Token'), { target: { value: LIVE_TOKEN } });
    await fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(setup.redcap.calls.length).toBeGreaterThan(0));
    await fireEvent.input(screen.getByLabelText('records'), { target: { value: '7, 9' } });
    await fireEvent.input(screen.getByLabelText('filterLogic'), {
      target: { value: '[age] > 40' },
    });
    await openDownloads();
    const files = await clickAll();
    expect(files).toHaveLength(6);
    const postman = JSON.parse(files[4]!.text) as {
      item: { request: { body: { urlencoded: { key: string; value: string }[] } } }[];
    };
    const pairs = postman.item[0]!.request.body.urlencoded.map((f) => [f.key, f.value]);
    expect(pairs).toContainEqual(['token', '{{redcap_token}}']);
    expect(pairs).toContainEqual(['records[1]', '9']);
    expect(pairs).toContainEqual(['filterLogic', '[age] > 40']);
    expect(files[5]!.text).toContain('records[0]: 7');
    expect(files[5]!.text).toContain('token: {{redcap_token}}');
    for (const file of files) {
      expect(file.text, file.name).not.toContain(LIVE_TOKEN);
      expect(file.text, file.name).not.toContain(LIVE_TOKEN.toLowerCase());
    }
  });

  it('says why a request cannot be saved, and that the form needs fixing first', async () => {
    render(App, { props: { context: makeContext(neverCalled, { methodId: 'exp_records' }) } });
    await fireEvent.input(screen.getByLabelText('filterLogic'), {
      target: { value: "[age] > '{{x}}'" },
    });
    await openDownloads();
    const region = screen.getByRole('region', { name: 'Postman and Bruno collections' });
    await fireEvent.click(
      screen.getByRole('button', { name: 'This request, as typed: Postman collection' }),
    );
    expect(region.textContent).toMatch(/Not saved: filterLogic: \{\{…\}\} marks a variable/);
    await fireEvent.input(screen.getByLabelText('dateRangeBegin'), {
      target: { value: '2024-13-45' },
    });
    expect(
      (
        screen.getByRole('button', {
          name: 'This request, as typed: Postman collection',
        }) as HTMLButtonElement
      ).disabled,
    ).toBe(true);
    expect(region.textContent).toContain('fix the form first');
  });
});
