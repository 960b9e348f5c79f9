import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { Transport } from '../../src/lib/execute/transport.ts';
import type { ParsedResponse } from '../../src/lib/redcap/response.ts';
import type { TableData } from '../../src/lib/table/types.ts';
import type { CallResult } from '../../src/lib/execute/call-result.ts';
import { OVERSIZE_BYTES, downloadName } from '../../src/ui/response/download.ts';
import { makeContext } from './harness.ts';
import ResponseHarness from './ResponseHarness.svelte';

const loads = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/ui/editor/monaco-loader.ts', () => ({
  loadMonaco: () => {
    loads.count += 1;
    return new Promise(() => {});
  },
  prefersDark: () => false,
}));

const idle: Transport = { send: vi.fn(() => new Promise<never>(() => {})) };

function result(text: string, overrides: Partial<ParsedResponse> = {}): CallResult {
  return {
    methodId: 'exp_records',
    parsed: {
      status: 200,
      ok: true,
      format: 'json',
      mimeType: 'application/json',
      text,
      error: null,
      fileName: null,
      size: new TextEncoder().encode(text).byteLength,
      ...overrides,
    },
    timeMs: 12,
    statusText: 'OK',
    headers: [
      ['content-type', 'application/json; charset=utf-8'],
      ['content-length', String(new TextEncoder().encode(text).byteLength)],
    ],
    forwarderError: null,
    location: null,
    bytes: null,
  };
}

/** Renders the panel; with a result, resolves once its views (loaded on first use) show. */
async function open(props: {
  result?: CallResult;
  running?: boolean;
  table?: TableData | null;
  earlier?: string | null;
}) {
  render(ResponseHarness, {
    props: {
      context: makeContext(idle),
      result: props.result,
      running: props.running ?? false,
      table: props.table,
      earlier: props.earlier ?? null,
    },
  });
  if (props.result) await screen.findByRole('tablist');
}

const region = () => screen.getByRole('region', { name: 'Response' });

describe('ResponsePanel', () => {
  it('offers Pretty, Table and Raw for a tabular answer; Table parses it into the grid', async () => {
    await open({ result: result('[{"record_id":"1","age":"40"},{"record_id":"2","age":"9"}]') });
    const tabs = within(region())
      .getAllByRole('tab')
      .map((t) => t.textContent);
    expect(tabs).toEqual(['Pretty', 'Table', 'Raw', 'Headers']);
    await fireEvent.click(within(region()).getByRole('tab', { name: 'Table' }));
    const grid = await within(region()).findByRole('grid');
    expect(
      within(grid)
        .getAllByRole('columnheader')
        .map((h) => h.textContent?.trim()),
    ).toEqual(['record_id', 'age']);
    expect(within(region()).getByText('2 rows')).toBeTruthy();
    expect(within(region()).queryByText('Reading the table…')).toBeNull();
  });

  it('has no Table tab for an answer that is not a table, and says so', async () => {
    await open({ result: result('14.5.10', { format: 'text', mimeType: 'text/html' }) });
    expect(
      within(region())
        .getAllByRole('tab')
        .map((t) => t.textContent),
    ).toEqual(['Pretty', 'Raw', 'Headers']);
  });

  it('shows the status line and every header received in the Headers tab', async () => {
    await open({ result: result('[{"record_id":"1"}]') });
    await fireEvent.click(within(region()).getByRole('tab', { name: 'Headers' }));
    const table = within(region()).getByRole('table', { name: 'Response headers' });
    expect(table.querySelector('caption')!.textContent).toMatch(/HTTP 200\s+OK · 19 B/);
    const rows = within(table)
      .getAllByRole('row')
      .map((r) => [...r.children].map((c) => c.textContent));
    expect(rows).toEqual([
      ['content-type', 'application/json; charset=utf-8'],
      ['content-length', '19'],
    ]);
  });

  it('says that REDCap answers an empty body on success, instead of an empty editor', async () => {
    loads.count = 0;
    await open({ result: result('', { format: 'text', mimeType: 'text/html', size: 0 }) });
    expect(screen.getByTestId('empty-body').textContent).toContain(
      'REDCap answers an empty body when this succeeds',
    );
    expect(loads.count).toBe(0);
    expect(
      within(region())
        .getAllByRole('tab')
        .map((t) => t.textContent),
    ).toEqual(['Body', 'Headers']);
  });

  it('marks an answer that belongs to an earlier request, naming it', async () => {
    await open({
      result: result('[{"record_id":"1"}]'),
      earlier: 'Export Records on Classic demo (mock) · alice, sent at 10:00:00',
    });
    expect(screen.getByTestId('earlier-answer').textContent).toContain(
      'Answer to an earlier request: Export Records on Classic demo (mock) · alice, sent at 10:00:00',
    );
  });

  it('does not mark an answer to the request on screen', async () => {
    await open({ result: result('[{"record_id":"1"}]') });
    expect(screen.queryByTestId('earlier-answer')).toBeNull();
  });

  it('shows the first rows fed while still running, before the answer is complete', async () => {
    const table: TableData = { columns: ['record_id'], rows: [['1'], ['2'], ['3']] };
    await open({ running: true, table });
    expect(screen.getByTestId('table-rows').textContent).toMatch(/3\s+rows × 1\s+column so far/);
    await within(region()).findByRole('grid');
    expect(within(region()).getAllByRole('row')).toHaveLength(4);
  });

  it('above the size threshold: a notice, plain text without the editor, the start only', async () => {
    loads.count = 0;
    const row = `{"record_id":"1","notes":"${'x'.repeat(1000)}"}`;
    const text = `[${Array.from({ length: Math.ceil(OVERSIZE_BYTES / 1000) + 10 }, () => row).join(',')}]`;
    await open({ result: result(text) });
    expect(within(region()).getByRole('note').textContent).toMatch(/more than 2\.0 MiB/);
    const panel = within(region()).getByRole('tabpanel');
    const pre = panel.querySelector('pre')!;
    expect(pre.textContent!.length).toBeLessThan(text.length / 4);
    expect(loads.count).toBe(0);
    expect(within(region()).getByRole('button', { name: 'Download' })).toBeTruthy();
    // The table still has every row.
    await fireEvent.click(within(region()).getByRole('tab', { name: 'Table' }));
    expect(await within(region()).findByText(/^2,1\d\d rows$/)).toBeTruthy();
  });

  it('above the threshold, previews the body from its separate start (never slicing the whole)', async () => {
    const row = `{"record_id":"1","notes":"${'x'.repeat(1000)}"}`;
    const text = `[${Array.from({ length: Math.ceil(OVERSIZE_BYTES / 1000) + 10 }, () => row).join(',')}]`;
    // A start that differs from the text's, to see which one the preview reads.
    const head = `[{"record_id":"head"}`;
    await open({ result: result(text, { head }) });
    const pre = within(region()).getByRole('tabpanel').querySelector('pre')!;
    expect(pre.textContent).toBe(head);
  });

  it('uses the editor below the threshold, with a plain text alternative', async () => {
    loads.count = 0;
    await open({ result: result('{"a":"1"}') });
    expect(loads.count).toBe(1);
    await fireEvent.click(within(region()).getByRole('checkbox', { name: /Plain text/ }));
    const pre = within(region()).getByLabelText('Response body, formatted');
    expect(pre.tagName).toBe('PRE');
    expect(pre.textContent).toBe('{\n  "a": "1"\n}');
  });
});

describe('downloadName', () => {
  it('uses REDCap’s name for files, without any path, else the method and format', () => {
    const base = { fileName: null, mimeType: 'application/json' } as const;
    expect(downloadName('exp_records', { ...base, format: 'json' })).toBe(
      'redcap-exp_records.json',
    );
    expect(downloadName('exp_records', { ...base, format: 'csv' })).toBe('redcap-exp_records.csv');
    expect(downloadName('exp_pdf', { ...base, format: 'pdf', mimeType: 'text/html' })).toBe(
      'redcap-exp_pdf.pdf',
    );
    expect(
      downloadName('exp_file', {
        fileName: '../../etc/passwd',
        format: 'text',
        mimeType: 'text/plain',
      }),
    ).toBe('passwd');
    expect(
      downloadName('exp_file', { fileName: 'scan.png', format: 'binary', mimeType: 'image/png' }),
    ).toBe('scan.png');
    expect(
      downloadName('exp_file', { fileName: null, format: 'binary', mimeType: 'image/png' }),
    ).toBe('redcap-exp_file.png');
  });
});
