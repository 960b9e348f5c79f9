import { fireEvent, render, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import App from '../../src/App.svelte';
import type { Transport } from '../../src/lib/execute/transport.ts';
import { METHOD_NOTES } from '../../src/lib/methods/notes.ts';
import { makeContext } from './harness.ts';

vi.mock('../../src/ui/editor/monaco-loader.ts', () => ({
  loadMonaco: () => new Promise(() => {}),
  prefersDark: () => false,
}));

const transport: Transport = { send: () => new Promise(() => {}) };

function setup() {
  const context = makeContext(transport, { methodId: 'imp_records' });
  render(App, { props: { context } });
  const compose = document.querySelector<HTMLElement>('section.compose')!;
  return { context, compose };
}

describe('What REDCap does', () => {
  it('shows the chosen method’s note and versions, and follows the method', async () => {
    const { context, compose } = setup();
    const summary = await within(compose).findByText('What REDCap does');
    const note = summary.closest('details')!;
    expect(note.textContent).toContain(METHOD_NOTES.imp_records.text);
    expect(note.textContent).toContain(`Versions: ${METHOD_NOTES.imp_records.versions}`);
    expect(note.textContent).toContain('§2.4');
    context.playground.select('rename_record');
    await vi.waitFor(() => expect(note.textContent).toContain(METHOD_NOTES.rename_record.text));
    expect(note.textContent).not.toContain('Versions:');
  });
});

describe('Help', () => {
  it('opens the README in a dialog, loaded on demand', async () => {
    HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
      this.open = true;
    };
    setup();
    const topbar = document.querySelector<HTMLElement>('header.topbar')!;
    expect(document.querySelector('dialog.help')).toBeNull();
    await fireEvent.click(within(topbar).getByRole('button', { name: 'Help' }));
    const dialog = await vi.waitFor(() => {
      const shown = document.querySelector<HTMLDialogElement>('dialog.help');
      expect(shown?.open).toBe(true);
      return shown!;
    });
    expect(dialog.textContent).toContain('# REDCap API Playground');
    expect(dialog.textContent).toContain('## Two commands');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(dialog.open).toBe(false);
  });
});
