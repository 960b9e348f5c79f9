import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import App from '../../src/App.svelte';
import type { Transport } from '../../src/lib/execute/transport.ts';
import { makeContext } from './harness.ts';

vi.mock('../../src/ui/editor/monaco-loader.ts', () => ({
  loadMonaco: () => new Promise(() => {}),
  prefersDark: () => false,
}));

const neverCalled: Transport = {
  send: vi.fn(() => Promise.reject(new Error('must not be sent'))),
};

describe('the generated form', () => {
  it('renders one control per parameter of the method’s schema, with REDCap’s names', () => {
    render(App, { props: { context: makeContext(neverCalled, { methodId: 'exp_records' }) } });
    const form = screen.getByRole('form', { name: 'Parameters' });
    const format = within(form).getByLabelText('format') as HTMLSelectElement;
    expect(format.tagName).toBe('SELECT');
    expect(format.value).toBe('json');
    expect([...format.options].map((o) => o.value)).toEqual(['', 'json', 'csv', 'xml']);
    expect(within(form).getByLabelText('records').tagName).toBe('INPUT');
    expect(within(form).getByLabelText('filterLogic').tagName).toBe('TEXTAREA');
    expect(within(form).getByLabelText('exportCheckboxLabel').tagName).toBe('SELECT');
    expect(within(form).getByLabelText('returnFormat')).toBeTruthy();
  });

  it('marks required parameters and renders a data editor for imports', async () => {
    render(App, { props: { context: makeContext(neverCalled, { methodId: 'exp_records' }) } });
    await fireEvent.click(screen.getByRole('button', { name: 'Import Records' }));
    const data = screen.getByLabelText(/data/, { selector: 'textarea' });
    expect(data.tagName).toBe('TEXTAREA');
    expect(data.closest('.field')?.textContent).toContain('required');
  });

  it('shows a message next to a malformed value and sends nothing', async () => {
    const context = makeContext(neverCalled, { methodId: 'exp_records' });
    render(App, { props: { context } });
    const input = screen.getByLabelText('dateRangeBegin') as HTMLInputElement;
    await fireEvent.input(input, { target: { value: '2024-13-45' } });
    await fireEvent.blur(input);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const message = document.getElementById(input.getAttribute('aria-describedby')!.split(' ')[0]!);
    expect(message?.textContent).toMatch(/dateRangeBegin must be a date-time as YYYY-MM-DD/);

    await fireEvent.click(screen.getByRole('button', { name: 'Execute' }));
    expect(neverCalled.send).not.toHaveBeenCalled();
    expect(input.value).toBe('2024-13-45');
    // The snippet says what to fix instead of showing code.
    const snippet = await screen.findByRole('region', { name: 'Code snippet' });
    expect(snippet.textContent).toMatch(/Fix the form/);
  });

  it('keeps what was typed when switching methods and back', async () => {
    render(App, { props: { context: makeContext(neverCalled, { methodId: 'exp_records' }) } });
    await fireEvent.input(screen.getByLabelText('records'), { target: { value: '3, 4' } });
    await fireEvent.input(screen.getByLabelText('filterLogic'), {
      target: { value: "[sex] = '1'" },
    });
    await fireEvent.click(
      screen.getByRole('button', { name: 'Export Instruments (Data Entry Forms)' }),
    );
    expect(screen.queryByLabelText('records')).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'Export Records' }));
    expect((screen.getByLabelText('records') as HTMLInputElement).value).toBe('3, 4');
    expect((screen.getByLabelText('filterLogic') as HTMLTextAreaElement).value).toBe("[sex] = '1'");
  });

  it('says when a method is not in the mock yet', async () => {
    render(App, { props: { context: makeContext(neverCalled, { methodId: 'exp_records' }) } });
    expect(screen.queryByText('not in the mock yet')).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'Export Arms' }));
    expect(await screen.findByText('not in the mock yet')).toBeTruthy();
    expect(screen.getByRole('note').textContent).toMatch(/not in the mock yet/);
  });
});
