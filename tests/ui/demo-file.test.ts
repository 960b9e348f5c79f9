import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import App from '../../src/App.svelte';
import { ALICE_TOKEN } from '../../mocks/fixtures/index.ts';
import { createMockRedcap, type MockRedcap } from '../../mocks/redcap.ts';
import { readState, writeState } from '../../mocks/state/file.ts';
import { MAX_STATE_BYTES } from '../../mocks/state/limits.ts';
import type { Transport } from '../../src/lib/execute/transport.ts';
import { DemoFileState } from '../../src/ui/state/demo-file.svelte.ts';
import type { MockHandle, MockKept } from '../../src/ui/state/mock-handle.ts';
import { withAccess } from '../../src/ui/state/start-mock.ts';
import { stateCalls } from '../../mocks/worker-state.ts';
import { describeMock } from '../../mocks/worker-host.ts';
import { makeContext } from './harness.ts';

vi.mock('../../src/ui/editor/monaco-loader.ts', () => ({
  loadMonaco: () => new Promise(() => {}),
  prefersDark: () => false,
}));

// Save demo, Open demo and the keep-across-reloads switch in the mock controls, over the real
// mock core's state calls (the worker's, without the worker).

const transport: Transport = { send: () => new Promise(() => {}) };

/** A handle whose state calls are the worker's own, on a real core; keeping in memory. */
function handleOn(redcap: MockRedcap, kept: MockKept = { on: false, problem: null }) {
  const calls = stateCalls(redcap, null, () => describeMock(redcap));
  const keep = vi.fn((on: boolean) => Promise.resolve({ on, problem: null }));
  const handle: MockHandle = {
    projects: withAccess(describeMock(redcap).projects, new Map()),
    pendingMethods: [],
    reset: () => Promise.resolve(),
    state: {
      kept,
      async save() {
        const saved = calls.saveState().value;
        return saved.ok ? { ok: true, bytes: new Uint8Array(saved.bytes) } : saved;
      },
      async open(bytes) {
        const opened = calls.openState(bytes.slice().buffer);
        if (!opened.ok) return opened;
        return { ok: true, projects: withAccess(opened.description.projects, new Map()) };
      },
      keep,
      status: () => Promise.resolve(calls.keptState()),
    },
  };
  return { handle, keep };
}

function setup(handle: MockHandle) {
  const context = makeContext(transport, {
    methodId: 'exp_records',
    startMock: () => Promise.resolve(handle),
  });
  render(App, { props: { context } });
  return context;
}

const button = (name: string) => screen.findByRole('button', { name });
const notice = () => document.querySelector('.mock-notice')?.textContent ?? '';
const chooser = () => screen.getByRole('combobox', { name: 'Mock project' });

/** Catches what Save demo hands the browser. */
function catchDownloads() {
  const files: { name: string; blob: Blob }[] = [];
  let last: Blob | undefined;
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    last = blob as Blob;
    return 'blob:test';
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    files.push({ name: this.download, blob: last! });
  });
  return files;
}

afterEach(() => vi.restoreAllMocks());

describe('Save demo', () => {
  it('downloads the mock’s whole state as one file that opens to the same data', async () => {
    const redcap = createMockRedcap();
    redcap.store.data.projects[0]!.records[0]!.slots[0]!.values['first_name'] = 'Saved name';
    const files = catchDownloads();
    const context = setup(handleOn(redcap).handle);
    context.connection.live.tokenInput = 'F'.repeat(32);
    await fireEvent.click(await button('Save demo'));
    await vi.waitFor(() => expect(files).toHaveLength(1));
    const today = new Date().toISOString().slice(0, 10);
    expect(files[0]!.name).toBe(`redcap-mock-demo-${today}.json`);
    const text = await files[0]!.blob.text();
    const read = readState(text);
    expect(read.ok && read.data).toEqual(redcap.store.data);
    // Only mock data: never the live connection's token.
    expect(text).not.toContain('F'.repeat(32));
    expect(notice()).toBe(`Demo saved as redcap-mock-demo-${today}.json`);
  });

  it('says why when the state cannot be saved, and downloads nothing', async () => {
    const files = catchDownloads();
    const { handle } = handleOn(createMockRedcap());
    handle.state!.save = () => Promise.resolve({ ok: false, message: 'too large, say' });
    setup(handle);
    await fireEvent.click(await button('Save demo'));
    await vi.waitFor(() => expect(notice()).toBe('The demo was not saved: too large, say'));
    expect(files).toEqual([]);
  });
});

describe('Open demo', () => {
  function demoFile(edit: (redcap: MockRedcap) => void, name = 'team.json'): File {
    const source = createMockRedcap();
    edit(source);
    const saved = writeState(source.store);
    if (!saved.ok) throw new Error(saved.message);
    return new File([saved.text], name, { type: 'application/json' });
  }

  async function openFile(file: File) {
    await button('Open demo…');
    const input = screen.getByLabelText('Demo file to open') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    await fireEvent.change(input);
  }

  it('replaces the mock’s state and lists the opened projects in the chooser', async () => {
    const redcap = createMockRedcap();
    const context = setup(handleOn(redcap).handle);
    const version = context.connection.dataVersion;
    await openFile(
      demoFile((r) => {
        r.store.data.projects[0]!.info.project_title = 'Our own demo';
        r.store.data.projects[0]!.records[0]!.slots[0]!.values['first_name'] = 'Opened';
      }),
    );
    await vi.waitFor(() => expect(notice()).toBe('Demo opened from team.json'));
    expect(within(chooser()).getAllByRole('option')[0]!.textContent).toBe('Our own demo · alice');
    expect(redcap.store.data.projects[0]!.records[0]!.slots[0]!.values['first_name']).toBe(
      'Opened',
    );
    expect(context.connection.dataVersion).toBe(version + 1);
    expect(context.connection.choice?.user.token).toBe(ALICE_TOKEN);
  });

  it('refuses a bad file with its name and why; the mock and its chooser are untouched', async () => {
    const redcap = createMockRedcap();
    const before = structuredClone(redcap.store.data);
    setup(handleOn(redcap).handle);
    await openFile(
      new File(['{"format":"redcap-api-playground/mock-state","version":9}'], 'old.json'),
    );
    await vi.waitFor(() =>
      expect(notice()).toBe(
        'old.json was not opened: The demo file is of version 9; this playground reads version 1.',
      ),
    );
    expect(redcap.store.data).toEqual(before);
    expect(within(chooser()).getAllByRole('option')[0]!.textContent).toMatch(/^Classic/);
  });

  it('refuses a file over the size limit without reading it', async () => {
    const open = vi.fn();
    const { handle } = handleOn(createMockRedcap());
    handle.state!.open = open;
    setup(handle);
    const huge = new File(['x'], 'huge.json');
    Object.defineProperty(huge, 'size', { value: MAX_STATE_BYTES + 1 });
    const read = vi.spyOn(huge, 'arrayBuffer');
    await openFile(huge);
    await vi.waitFor(() =>
      expect(notice()).toBe(
        'huge.json was not opened: The demo file is 64.0 MB; the most a demo file may hold is 64 MB.',
      ),
    );
    expect(read).not.toHaveBeenCalled();
    expect(open).not.toHaveBeenCalled();
  });
});

describe('keep the mock’s data across reloads', () => {
  const checkbox = () =>
    screen.findByRole('checkbox', { name: 'Keep the mock’s data across reloads' });

  it('is off by default, with no note; on shows the note, off hides it again', async () => {
    const { handle, keep } = handleOn(createMockRedcap());
    setup(handle);
    const box = (await checkbox()) as HTMLInputElement;
    expect(box.checked).toBe(false);
    expect(screen.queryByTestId('kept-note')).toBeNull();
    await fireEvent.click(box);
    await vi.waitFor(() => expect(screen.queryByTestId('kept-note')).not.toBeNull());
    expect(screen.getByTestId('kept-note').textContent).toBe(
      'Kept in this browser: a reload keeps the mock’s data',
    );
    expect(keep).toHaveBeenLastCalledWith(true);
    await fireEvent.click(box);
    await vi.waitFor(() => expect(screen.queryByTestId('kept-note')).toBeNull());
    expect(keep).toHaveBeenLastCalledWith(false);
    expect(notice()).toBe('The mock’s data is no longer kept');
  });

  it('shows it on after a reload that found a kept copy', async () => {
    setup(handleOn(createMockRedcap(), { on: true, problem: null }).handle);
    expect(((await checkbox()) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByTestId('kept-note')).toBeTruthy();
  });

  it('says when the kept copy could not be used', async () => {
    setup(
      handleOn(createMockRedcap(), { on: true, problem: 'The demo file is not complete JSON (x).' })
        .handle,
    );
    await checkbox();
    await vi.waitFor(() =>
      expect(notice()).toBe(
        'The kept mock data could not be used, so the mock starts from its demo data: The demo file is not complete JSON (x).',
      ),
    );
  });

  it('is not offered by a mock without state calls', async () => {
    const { handle } = handleOn(createMockRedcap());
    setup({ ...handle, state: undefined });
    await vi.waitFor(() => expect((chooser() as HTMLSelectElement).disabled).toBe(false));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByRole('button', { name: 'Save demo' })).toBeNull();
  });
});

describe('DemoFileState while keeping is on', () => {
  it('says once that the data is not being kept when a write failed, and again for a new reason', async () => {
    const { handle } = handleOn(createMockRedcap(), { on: true, problem: null });
    let problem: string | null = null;
    handle.state!.status = () => Promise.resolve({ on: true, problem });
    const { connection } = makeContext(transport, { startMock: () => Promise.resolve(handle) });
    const demo = new DemoFileState(connection);
    await demo.init();
    await demo.check();
    expect(connection.notice).toBeNull();
    problem = 'The demo file is 126.0 MB; the most a demo file may hold is 64 MB.';
    await demo.check();
    expect(connection.notice).toEqual({
      text: 'The mock’s data is not being kept: The demo file is 126.0 MB; the most a demo file may hold is 64 MB.',
      ok: false,
    });
    connection.notice = null;
    await demo.check();
    expect(connection.notice).toBeNull();
    problem = 'QuotaExceededError';
    await demo.check();
    expect(connection.notice).toEqual({
      text: 'The mock’s data is not being kept: QuotaExceededError',
      ok: false,
    });
  });
});
