import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import App from '../../src/App.svelte';
import type { Transport } from '../../src/lib/execute/transport.ts';
import { makeContext, TEST_TOKEN } from './harness.ts';

vi.mock('../../src/ui/editor/monaco-loader.ts', () => ({
  loadMonaco: () => new Promise(() => {}),
  prefersDark: () => false,
}));

const idle: Transport = { send: vi.fn(() => new Promise<never>(() => {})) };

describe('request preview', () => {
  it('shows the exact fields that will be sent, updating as the form changes', async () => {
    render(App, { props: { context: makeContext(idle, { methodId: 'exp_records' }) } });
    const preview = screen.getByRole('region', { name: 'Request preview' });
    expect(within(preview).getByText(/POST/).textContent).toContain('http://127.0.0.1:8787/api/');
    await fireEvent.input(screen.getByLabelText('records'), { target: { value: '3, 4' } });
    const text = preview.querySelector('pre')!.textContent!;
    expect(text.split('\n')).toEqual([
      'token: (your token, hidden)',
      'content: record',
      'action: export',
      'format: json',
      'type: flat',
      'records[0]: 3',
      'records[1]: 4',
      'returnFormat: json',
    ]);
    expect(document.body.textContent).not.toContain(TEST_TOKEN);
  });

  it('leaves out CSV-only parameters until format is csv', async () => {
    render(App, { props: { context: makeContext(idle, { methodId: 'exp_records' }) } });
    await fireEvent.change(screen.getByLabelText(/csvDelimiter/), { target: { value: 'tab' } });
    const pre = () => screen.getByRole('region', { name: 'Request preview' }).querySelector('pre')!;
    expect(pre().textContent).not.toContain('csvDelimiter');
    expect(screen.getByLabelText(/csvDelimiter/).closest('.field')?.textContent).toMatch(
      /not sent: only applies when format is csv/,
    );
    await fireEvent.change(screen.getByLabelText('format'), { target: { value: 'csv' } });
    expect(pre().textContent).toContain('csvDelimiter: tab');
  });
});

describe('URL state', () => {
  it('puts the method and parameters in the hash, never the token', async () => {
    render(App, { props: { context: makeContext(idle, { methodId: 'exp_records' }) } });
    await fireEvent.input(screen.getByLabelText('records'), { target: { value: '7' } });
    await vi.waitFor(() =>
      expect(location.hash).toBe(
        '#/exp_records?format=json&type=flat&records=7&returnFormat=json&_mock=test-project%2Ftester',
      ),
    );
    await fireEvent.click(
      screen.getByRole('button', { name: 'Export Metadata (Data Dictionary)' }),
    );
    await vi.waitFor(() => expect(location.hash).toMatch(/^#\/exp_metadata/));
    expect(location.href).not.toContain(TEST_TOKEN);
  });

  it('restores the request from the hash on load', () => {
    history.replaceState(
      null,
      '',
      '/#/exp_records?format=csv&records=1&records=2&exportCheckboxLabel=true',
    );
    render(App, { props: { context: makeContext(idle) } });
    expect(screen.getByRole('heading', { level: 2, name: 'Export Records' })).toBeTruthy();
    expect((screen.getByLabelText('format') as HTMLSelectElement).value).toBe('csv');
    expect((screen.getByLabelText('records') as HTMLInputElement).value).toBe('1, 2');
    expect((screen.getByLabelText('exportCheckboxLabel') as HTMLSelectElement).value).toBe('true');
  });

  it('keeps data out of the hash', async () => {
    render(App, { props: { context: makeContext(idle, { methodId: 'imp_records' }) } });
    await fireEvent.input(screen.getByLabelText(/data/, { selector: 'textarea' }), {
      target: { value: '[{"record_id":"1","first_name":"Secret"}]' },
    });
    await vi.waitFor(() => expect(location.hash).toMatch(/^#\/imp_records/));
    expect(decodeURIComponent(location.hash)).not.toContain('Secret');
    await fireEvent.click(screen.getByLabelText(/Keep data in the page address/));
    await vi.waitFor(() => expect(decodeURIComponent(location.hash)).toContain('Secret'));
  });
});
