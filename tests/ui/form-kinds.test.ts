import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import App from '../../src/App.svelte';
import type { Transport } from '../../src/lib/execute/transport.ts';
import { describeSchema } from '../../src/lib/form/describe-schema.ts';
import { defineMethod } from '../../src/lib/methods/define-method.ts';
import type { MethodId } from '../../src/lib/methods/index.ts';
import { dateParam } from '../../src/lib/methods/shared-params.ts';
import { validateParams } from '../../src/lib/methods/validate.ts';
import FieldRow from '../../src/ui/form/FieldRow.svelte';
import { makeContext } from './harness.ts';

vi.mock('../../src/ui/editor/monaco-loader.ts', () => ({
  loadMonaco: () => new Promise(() => {}),
  prefersDark: () => false,
}));

const idle: Transport = { send: vi.fn(() => new Promise<never>(() => {})) };

function open(methodId: MethodId) {
  render(App, { props: { context: makeContext(idle, { methodId }) } });
}
const previewLines = () =>
  screen
    .getByRole('region', { name: 'Request preview' })
    .querySelector('pre')
    ?.textContent?.split('\n') ?? [];
const errorOf = (label: string | RegExp) => {
  const input = screen.getByLabelText(label);
  const ids = input.getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
};

describe('form kinds', () => {
  it('select: offers REDCap’s values and "not sent", and sends the choice', async () => {
    open('exp_metadata');
    const format = screen.getByLabelText('format') as HTMLSelectElement;
    expect(format.options[0]!.textContent).toMatch(/not sent \(REDCap uses xml\)/);
    await fireEvent.change(format, { target: { value: 'csv' } });
    expect(previewLines()).toContain('format: csv');
    await fireEvent.change(format, { target: { value: '' } });
    expect(previewLines().some((l) => l.startsWith('format:'))).toBe(false);
  });

  it('boolean: three states, sent as true/false or 1/0 as the method reads them', async () => {
    open('exp_records');
    await fireEvent.change(screen.getByLabelText('exportCheckboxLabel'), {
      target: { value: 'true' },
    });
    expect(previewLines()).toContain('exportCheckboxLabel: true');
    await fireEvent.click(screen.getByRole('button', { name: 'Delete Records' }));
    await fireEvent.input(screen.getByLabelText(/^records/), { target: { value: '1' } });
    await fireEvent.change(screen.getByLabelText('delete_logging'), { target: { value: 'false' } });
    expect(previewLines()).toContain('delete_logging: 0');
  });

  it('array: comma-separated entries become records[0], records[1]', async () => {
    open('del_records');
    await fireEvent.click(screen.getByRole('button', { name: 'Execute' }));
    expect(errorOf(/^records/)).toMatch(/records is required/);
    await fireEvent.input(screen.getByLabelText(/^records/), { target: { value: '19, 20,' } });
    expect(previewLines()).toEqual(expect.arrayContaining(['records[0]: 19', 'records[1]: 20']));
    expect(errorOf(/^records/)).not.toMatch(/required/);
  });

  it('number: whole numbers only', async () => {
    open('del_records');
    await fireEvent.input(screen.getByLabelText(/^records/), { target: { value: '1' } });
    const arm = screen.getByLabelText('arm');
    await fireEvent.input(arm, { target: { value: 'two' } });
    await fireEvent.blur(arm);
    expect(errorOf('arm')).toMatch(/arm must be a whole number/);
    await fireEvent.input(arm, { target: { value: '2' } });
    expect(previewLines()).toContain('arm: 2');
  });

  it('text and datetime: sent as typed; datetimes checked', async () => {
    open('exp_logging');
    const begin = screen.getByLabelText('beginTime');
    await fireEvent.input(begin, { target: { value: '2024-02-30 10:00' } });
    await fireEvent.blur(begin);
    expect(errorOf('beginTime')).toMatch(/YYYY-MM-DD/);
    await fireEvent.input(begin, { target: { value: '2024-02-28 10:00' } });
    expect(previewLines()).toContain('beginTime: 2024-02-28 10:00');
  });

  it('data: checked in the chosen format, with line and column', async () => {
    open('imp_records');
    const data = screen.getByLabelText(/^data/);
    await fireEvent.input(data, { target: { value: '[{"record_id": "1",\n "age": }]' } });
    await fireEvent.blur(data);
    expect(errorOf(/^data/)).toMatch(/data is not valid JSON \(line 2, column \d+\)/);
    await fireEvent.input(data, { target: { value: '[{"record_id":"1"}]' } });
    expect(previewLines()).toContain('data: [{"record_id":"1"}]');
  });

  it('file: the chosen file travels as a multipart part', async () => {
    open('imp_file');
    await fireEvent.input(screen.getByLabelText(/^record/), { target: { value: '1' } });
    await fireEvent.input(screen.getByLabelText(/^field/), { target: { value: 'consent_file' } });
    const file = new File(['%PDF-1.4 hello'], 'consent.pdf', { type: 'application/pdf' });
    await fireEvent.change(screen.getByLabelText(/^file/), { target: { files: [file] } });
    await vi.waitFor(() =>
      expect(previewLines()).toContain('file: <file consent.pdf, 14 bytes, application/pdf>'),
    );
    expect(screen.getByRole('region', { name: 'Request preview' }).textContent).toContain(
      'multipart/form-data',
    );
  });

  it('date: a date kind renders, validates and keeps what was typed', async () => {
    const method = defineMethod({
      id: 'test_date',
      group: 'Records',
      label: 'Test date',
      description: 'test',
      content: 'record',
      action: null,
      sendsData: false,
      destructive: false,
      superToken: false,
      params: z.object({ day: dateParam({ help: 'A day.' }) }),
      response: { kind: 'format', shape: '' },
      examples: [],
    });
    const [field] = describeSchema(method.params);
    const onchange = vi.fn();
    render(FieldRow, {
      props: {
        field: field!,
        value: '2024-13-01',
        error: (() => {
          const r = validateParams(method, { day: '2024-13-01' });
          return r.ok ? undefined : r.errors['day'];
        })(),
        applies: true,
        onchange,
        onblur: () => {},
      },
    });
    const input = screen.getByLabelText('day') as HTMLInputElement;
    expect(input.placeholder).toBe('YYYY-MM-DD');
    expect(input.value).toBe('2024-13-01');
    expect(errorOf('day')).toMatch(/day must be a date as YYYY-MM-DD/);
    await fireEvent.input(input, { target: { value: '2024-12-01' } });
    expect(onchange).toHaveBeenCalledWith('2024-12-01');
  });
});
