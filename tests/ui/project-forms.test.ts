import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ALICE_LONGITUDINAL_TOKEN, ALICE_TOKEN } from '../../mocks/fixtures/index.ts';
import { setupMockServer } from '../../mocks/node.ts';
import App from '../../src/App.svelte';
import { readCsv } from '../../src/lib/csv/csv.ts';
import { createMockTransport } from '../../src/lib/execute/transport.ts';
import type { MethodId } from '../../src/lib/methods/index.ts';
import { makeContext, mockHandle } from './harness.ts';

vi.mock('../../src/ui/editor/monaco-loader.ts', () => ({
  loadMonaco: () => new Promise(() => {}),
  prefersDark: () => false,
}));

const { server, redcap } = setupMockServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
beforeEach(() => redcap.reset());
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function open(methodId: MethodId, token = ALICE_TOKEN) {
  // Reset demo data really resets the mock behind msw/node.
  const startMock = () =>
    Promise.resolve({
      ...mockHandle(token, { pendingMethods: [] }),
      reset: () => Promise.resolve(redcap.reset()),
    });
  const context = makeContext(createMockTransport('/'), { methodId, startMock });
  render(App, { props: { context } });
  return context;
}

/** The preview and the import helper are loaded on first use: the first load may take a while. */
const LAZY = { timeout: 5000 };

async function openDetails(summary: string): Promise<HTMLElement> {
  const details = (await screen.findByText(summary, {}, LAZY)).closest(
    'details',
  ) as HTMLDetailsElement;
  details.open = true;
  await fireEvent(details, new Event('toggle'));
  return details;
}

async function previewColumns(): Promise<string[]> {
  const details = await openDetails('What will come back');
  const table = await within(details).findByRole('table', { name: 'Columns' });
  return [...table.querySelectorAll('tbody tr td:first-child')].map((td) => td.textContent ?? '');
}

async function executeRaw(): Promise<string> {
  await fireEvent.click(screen.getByRole('button', { name: 'Execute' }));
  const response = screen.getByRole('region', { name: 'Response' });
  await vi.waitFor(() => expect(response.textContent).toContain('HTTP 200 OK'), { timeout: 3000 });
  await fireEvent.click(within(response).getByRole('tab', { name: 'Raw' }));
  return within(response).getByRole('tabpanel').textContent ?? '';
}

describe('What will come back', () => {
  it('classic: the previewed columns are the header Export Records returns', async () => {
    const context = open('exp_records');
    context.playground.setValue('format', 'csv');
    context.playground.setValue('forms', ['health']);
    const preview = await previewColumns();
    // As REDCap: no record id (nor repeat columns) unless asked for.
    expect(preview[0]).toBe('height');
    expect(preview).not.toContain('record_id');
    expect(screen.getByText(/is not asked for: REDCap leaves it out/)).toBeTruthy();
    expect(readCsv(await executeRaw())[0]).toEqual(preview);
  });

  it('longitudinal: redcap_event_name second, and the preview matches the export', async () => {
    const context = open('exp_records', ALICE_LONGITUDINAL_TOKEN);
    context.playground.setValue('format', 'csv');
    context.playground.setValue('fields', ['record_id', 'symptoms', 'age']);
    const preview = await previewColumns();
    expect(preview.slice(0, 2)).toEqual(['record_id', 'redcap_event_name']);
    expect(preview).toContain('symptoms___3');
    expect(readCsv(await executeRaw())[0]).toEqual(preview);
  });

  it('follows the form as it changes (eav)', async () => {
    const context = open('exp_records');
    await previewColumns();
    context.playground.setValue('type', 'eav');
    await vi.waitFor(() =>
      expect(screen.getByRole('table', { name: 'Columns' }).textContent).toContain('field_name'),
    );
  });

  it('Export Reports: the leading columns, and why the rest cannot be known', async () => {
    open('exp_reports', ALICE_LONGITUDINAL_TOKEN);
    const preview = await previewColumns();
    expect(preview[1]).toBe('redcap_event_name');
    expect(screen.getByText(/no API method that exports a report's definition/)).toBeTruthy();
  });
});

describe('Import Records template', () => {
  for (const format of ['json', 'csv', 'xml']) {
    it(`${format}: Insert template fills data, and the import succeeds`, async () => {
      const context = open('imp_records', ALICE_LONGITUDINAL_TOKEN);
      context.playground.setValue('format', format);
      await fireEvent.click(await screen.findByRole('button', { name: 'Insert template' }, LAZY));
      const data = screen.getByLabelText(/^data/) as HTMLTextAreaElement;
      await vi.waitFor(() => expect(data.value).toContain('redcap_event_name'));
      expect(data.value).toContain('13'); // the next record name of the demo
      expect(screen.getByText(/enroll_date YYYY-MM-DD/)).toBeTruthy();
      // One record created (returnContent=count, answered in returnFormat=json).
      expect((await executeRaw()).trim()).toBe('{"count": 1}');
    });
  }

  it('shows the event × instrument matrix and flags a value on an undesignated form', async () => {
    const context = open('imp_records', ALICE_LONGITUDINAL_TOKEN);
    context.playground.setValue('format', 'json');
    await fireEvent.click(await screen.findByRole('button', { name: 'Insert template' }, LAZY));
    const matrix = await screen.findByRole('table', { name: 'Event × instrument' });
    const baseline = within(matrix)
      .getByRole('rowheader', { name: 'baseline_arm_1' })
      .closest('tr');
    expect(baseline?.textContent).toMatch(/✓.*✓/);
    context.playground.setValue(
      'data',
      '[{"record_id":"1","redcap_event_name":"follow_up_arm_1","age":"40"}]',
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(
      'age belongs to the form enrollment, which is not designated for follow_up_arm_1.',
    );
  });

  it('a successful import makes the pickers read the records again', async () => {
    const context = open('exp_records');
    const records = () =>
      document.getElementById('param-records')!.closest('.field')!.querySelector('details.picker')!;
    const show = async () => {
      const details = records() as HTMLDetailsElement;
      details.open = true;
      await fireEvent(details, new Event('toggle'));
    };
    await show();
    await vi.waitFor(() =>
      expect(within(records() as HTMLElement).getAllByRole('checkbox')).toHaveLength(24),
    );
    context.playground.select('imp_records');
    context.playground.setValue('format', 'json');
    await fireEvent.click(await screen.findByRole('button', { name: 'Insert template' }, LAZY));
    await vi.waitFor(() => expect(String(context.playground.values['data'])).toContain('"25"'));
    expect((await executeRaw()).trim()).toBe('{"count": 1}');
    context.playground.select('exp_records');
    await vi.waitFor(() => expect(document.getElementById('param-records')).not.toBeNull());
    await show();
    await vi.waitFor(() =>
      expect(within(records() as HTMLElement).getAllByRole('checkbox')).toHaveLength(25),
    );
    // Reset demo data: the new record is gone, and so it is from the picker.
    await fireEvent.click(screen.getByRole('button', { name: 'Reset demo data' }));
    await vi.waitFor(() =>
      expect(within(records() as HTMLElement).getAllByRole('checkbox')).toHaveLength(24),
    );
  });

  it('checks data typed by hand once asked, without inserting a template', async () => {
    const context = open('imp_records', ALICE_LONGITUDINAL_TOKEN);
    context.playground.setValue('format', 'csv');
    context.playground.setValue(
      'data',
      'record_id,redcap_event_name,ae_serious\n1,baseline_arm_1,1\n',
    );
    await fireEvent.click(
      await screen.findByRole('button', { name: 'Check data against the project' }, LAZY),
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(
      'ae_serious belongs to the form adverse_events, which is not designated for baseline_arm_1.',
    );
    context.playground.setValue('data', 'record_id,redcap_event_name,age\n1,baseline_arm_1,40\n');
    expect((await screen.findByText(/Every row's values belong/)).textContent).toBeTruthy();
  });
});
