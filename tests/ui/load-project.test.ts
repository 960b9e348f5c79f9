import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import App from '../../src/App.svelte';
import { inspectProject, loadProject } from '../../mocks/project/worker-ops.ts';
import { createMockRedcap } from '../../mocks/redcap.ts';
import type { ProjectLoader } from '../../src/ui/state/mock-handle.ts';
import { makeContext, mockHandle } from './harness.ts';

vi.mock('../../src/ui/editor/monaco-loader.ts', () => ({
  loadMonaco: () => new Promise(() => {}),
  prefersDark: () => false,
}));

/**
 * "Load your project…" in the mock controls (issue #24 item 1): the dialog loads on demand,
 * a broken file shows the mock's refusal, a file without records asks how many to make, and
 * the new project is chosen in the Mock project chooser. The loader is the worker's own code
 * (mocks/project/worker-ops.ts) on a real mock store, called in place of the worker.
 */

const redcap = createMockRedcap();
const calls: string[] = [];

const loader: ProjectLoader = {
  async inspect(file) {
    calls.push(`inspect ${file.name}`);
    return inspectProject({ name: file.name, bytes: await file.arrayBuffer() });
  },
  async load(file, options, onProgress) {
    calls.push(`load ${file.name} ${options.records} ${options.seed}`);
    const answer = loadProject(
      redcap.store,
      { name: file.name, bytes: await file.arrayBuffer() },
      options,
      (m) => onProgress(m.progress),
    );
    if (!answer.ok) return answer;
    return {
      ok: true,
      project: { ...answer.project, users: answer.users },
      records: answer.records,
      fake: answer.fake,
    };
  },
};

const fixture = (name: string) =>
  new File([readFileSync(join(process.cwd(), 'tests/fixtures/dictionary', name))], basename(name), {
    type: 'text/csv',
  });

function setup() {
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.open = true;
  };
  HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
    this.open = false;
    this.dispatchEvent(new Event('close'));
  };
  const context = makeContext(
    { send: () => Promise.reject(new Error('no requests here')) },
    {
      methodId: 'exp_records',
      startMock: () => Promise.resolve(mockHandle('A'.repeat(32), { loader })),
    },
  );
  render(App, { props: { context } });
  return context;
}

async function openDialog(): Promise<HTMLDialogElement> {
  const topbar = document.querySelector<HTMLElement>('header.topbar')!;
  const button = within(topbar).getByRole('button', { name: 'Load your project…' });
  await vi.waitFor(() => expect(button).toHaveProperty('disabled', false));
  expect(document.querySelector('dialog.load-project')).toBeNull();
  await fireEvent.click(button);
  return vi.waitFor(() => {
    const dialog = document.querySelector<HTMLDialogElement>('dialog.load-project');
    expect(dialog?.open).toBe(true);
    return dialog!;
  });
}

async function pick(dialog: HTMLDialogElement, file: File): Promise<void> {
  const input = dialog.querySelector<HTMLInputElement>('input[type=file]')!;
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await fireEvent.change(input);
}

describe('Load your project…', () => {
  it('shows a broken file’s refusal with line and column, and keeps the mock as it was', async () => {
    const context = setup();
    const dialog = await openDialog();
    const before = redcap.store.projects.length;
    await pick(dialog, fixture('broken/invalid-choices.csv'));
    const alert = await vi.waitFor(() => within(dialog).getByRole('alert'));
    expect(alert.textContent).toBe(
      'invalid-choices.csv is refused:\nLine 3, column 6: The following fields have invalid choices: sex, colour (each choice is "code, label", separated by |; codes are letters, digits, _ - or . and unique)',
    );
    expect(redcap.store.projects).toHaveLength(before);
    expect(context.connection.projects.map((p) => p.slug)).toEqual(['test-project']);
  });

  it('asks how many records a dictionary gets, builds it, and chooses it', async () => {
    const context = setup();
    const dialog = await openDialog();
    await pick(dialog, fixture('older-header.csv'));
    await vi.waitFor(() =>
      expect(within(dialog).getByTestId('load-summary').textContent).toMatch(
        /^\s*older-header: 7 fields on 1 forms, no records\s*$/,
      ),
    );
    const count = within(dialog).getByRole('spinbutton', { name: 'Fake records to make' });
    await fireEvent.input(count, { target: { value: '100001' } });
    expect(within(dialog).getByRole('button', { name: 'Load' })).toHaveProperty('disabled', true);
    await fireEvent.input(count, { target: { value: '12' } });
    await fireEvent.input(within(dialog).getByRole('textbox', { name: 'Seed' }), {
      target: { value: 'demo' },
    });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Load' }));
    await vi.waitFor(() => expect(dialog.open).toBe(false));
    expect(calls).toContain('load older-header.csv 12 demo');
    const chooser = screen.getByRole('combobox', { name: 'Mock project' }) as HTMLSelectElement;
    expect(chooser.value).toMatch(/^project-\d+\/alice$/);
    expect(chooser.selectedOptions[0]!.textContent).toBe('older-header · alice (full rights)');
    const users = context.connection.choice!.project.users.map((u) => u.username);
    expect(users).toEqual(['alice', 'bob', 'carol', 'dave', 'erin']);
    expect(document.querySelector('.mock-notice')?.textContent).toBe(
      'Loaded older-header: 12 fake records (seed demo)',
    );
  });
});
