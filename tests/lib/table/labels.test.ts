import type { ParamValues } from '../../../src/lib/methods/define-method.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALICE_LONGITUDINAL_TOKEN, ALICE_TOKEN } from '../../../mocks/fixtures/index.ts';
import { setupMockServer } from '../../../mocks/node.ts';
import { createFetchTransport } from '../../../src/lib/execute/transport.ts';
import { getMethod, isMethodId } from '../../../src/lib/methods/index.ts';
import {
  buildProjectModel,
  loadProjectModel,
  type JsonCall,
  type ProjectModel,
} from '../../../src/lib/project/model.ts';
import { buildRedcapRequest } from '../../../src/lib/redcap/request.ts';
import { parseResponse } from '../../../src/lib/redcap/response.ts';
import { cellShown, columnLabels, tableLabels } from '../../../src/lib/table/labels.ts';
import { parseTable } from '../../../src/lib/table/parse.ts';
import type { TableData } from '../../../src/lib/table/types.ts';

const { server } = setupMockServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterAll(() => server.close());

const transport = createFetchTransport({ target: () => 'http://mock.test/api/' });

async function text(token: string, methodId: string, values: ParamValues) {
  if (!isMethodId(methodId)) throw new Error(methodId);
  const request = buildRedcapRequest(getMethod(methodId), values, { apiUrl: 'x', token });
  const parsed = parseResponse(await transport.send(request));
  if (!parsed.ok) throw new Error(parsed.error ?? String(parsed.status));
  return parsed.text!;
}

function callAs(token: string): JsonCall {
  return async (methodId, values) => ({
    ok: true,
    value: JSON.parse(await text(token, methodId, values)) as unknown,
  });
}

async function table(token: string, values: Record<string, string>): Promise<TableData> {
  const parsed = parseTable(await text(token, 'exp_records', values), 'json');
  if (!parsed) throw new Error('not a table');
  return parsed;
}

function decodeAll(raw: TableData, model: ProjectModel): string[][] {
  const labels = tableLabels(raw.columns, model);
  return raw.rows.map((row) => row.map((_, c) => cellShown(labels, row, c)));
}

describe('tableLabels against the mock’s own label export (rawOrLabel=label)', () => {
  it('decodes the longitudinal demo: events with arms, checkboxes, radios, yes/no, statuses, repeats', async () => {
    const model = await loadProjectModel(callAs(ALICE_LONGITUDINAL_TOKEN));
    const raw = await table(ALICE_LONGITUDINAL_TOKEN, { format: 'json' });
    const labelled = await table(ALICE_LONGITUDINAL_TOKEN, { format: 'json', rawOrLabel: 'label' });
    expect(raw.columns).toEqual(labelled.columns);
    expect(raw.columns).toContain('redcap_event_name');
    expect(raw.columns).toContain('symptoms___2');
    expect(decodeAll(raw, model)).toEqual(labelled.rows);
    // The comparison is not vacuous: label mode really changed cells.
    const events = new Set(
      decodeAll(raw, model).map((r) => r[raw.columns.indexOf('redcap_event_name')]),
    );
    expect(events).toContain('Baseline (Arm 1: Drug A)');
    expect(events).toContain('Final (Arm 2: Drug B)');
  });

  it('decodes the classic demo, its repeat instrument column and checkbox columns', async () => {
    const model = await loadProjectModel(callAs(ALICE_TOKEN));
    const raw = await table(ALICE_TOKEN, { format: 'json' });
    const labelled = await table(ALICE_TOKEN, { format: 'json', rawOrLabel: 'label' });
    const decoded = decodeAll(raw, model);
    expect(decoded).toEqual(labelled.rows);
    const repeat = raw.columns.indexOf('redcap_repeat_instrument');
    expect(decoded.map((r) => r[repeat])).toContain('Visit');
    const fever = raw.columns.indexOf('symptoms___1');
    // Repeat instance rows leave other forms' cells blank.
    expect(new Set(decoded.map((r) => r[fever]))).toEqual(new Set(['Checked', 'Unchecked', '']));
  });

  it('decodes EAV values by their row’s field (a checked option is its code there)', async () => {
    const model = await loadProjectModel(callAs(ALICE_TOKEN));
    const raw = await table(ALICE_TOKEN, { format: 'json', type: 'eav' });
    const labelled = await table(ALICE_TOKEN, { format: 'json', type: 'eav', rawOrLabel: 'label' });
    const value = raw.columns.indexOf('value');
    const labels = tableLabels(raw.columns, model);
    expect(raw.rows.map((row) => cellShown(labels, row, value))).toEqual(
      labelled.rows.map((row) => row[value]),
    );
    expect(labels.headers[raw.columns.indexOf('field_name')]).toBe('Field');
  });
});

describe('columnLabels', () => {
  const model = buildProjectModel({
    info: { is_longitudinal: 1 },
    metadata: [
      { field_name: 'id', form_name: 'f', field_type: 'text', field_label: 'ID' },
      {
        field_name: 'symptoms',
        form_name: 'f',
        field_type: 'checkbox',
        field_label: '<b>Symptoms</b>',
        select_choices_or_calculations: '1, Fever | -2, Other, unknown',
      },
    ],
    instruments: [{ instrument_name: 'f', instrument_label: 'Form F' }],
    exportFieldNames: [
      { original_field_name: 'symptoms', choice_value: '-2', export_field_name: 'symptoms___neg2' },
    ],
    events: [{ event_name: 'Day 1', arm_num: 1, unique_event_name: 'day_1_arm_1' }],
    arms: [{ arm_num: 1, name: 'Only arm' }],
  });

  it('names a checkbox column as REDCap’s label headers do, with Checked/Unchecked values', () => {
    const labels = columnLabels('symptoms___1', model);
    expect(labels.header).toBe('Symptoms (choice=Fever)');
    expect(labels.choices).toEqual([
      { code: '1', label: 'Checked' },
      { code: '0', label: 'Unchecked' },
    ]);
  });

  it('follows Export List of Export Field Names for a code REDCap renames (-2 → neg2)', () => {
    expect(columnLabels('symptoms___neg2', model).header).toBe('Symptoms (choice=Other, unknown)');
  });

  it('labels statuses, events of a one-arm project without the arm, and repeat columns', () => {
    expect(columnLabels('f_complete', model)).toEqual({
      header: 'Form F Complete?',
      choices: [
        { code: '0', label: 'Incomplete' },
        { code: '1', label: 'Unverified' },
        { code: '2', label: 'Complete' },
      ],
    });
    expect(columnLabels('redcap_event_name', model).choices).toEqual([
      { code: 'day_1_arm_1', label: 'Day 1' },
    ]);
    expect(columnLabels('redcap_repeat_instrument', model).choices).toEqual([
      { code: 'f', label: 'Form F' },
    ]);
    expect(columnLabels('redcap_repeat_instance', model)).toEqual({
      header: 'Repeat Instance',
      choices: null,
    });
  });

  it('leaves unknown columns and unknown codes as they are', () => {
    const labels = tableLabels(['mystery', 'symptoms___1'], model);
    expect(labels.headers).toEqual(['mystery', 'Symptoms (choice=Fever)']);
    expect(cellShown(labels, ['x', '7'], 0)).toBe('x');
    expect(cellShown(labels, ['x', '7'], 1)).toBe('7');
    expect(cellShown(null, ['x', '1'], 1)).toBe('1');
  });
});
