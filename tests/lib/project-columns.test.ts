import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ALICE_LONGITUDINAL_TOKEN, ALICE_TOKEN } from '../../mocks/fixtures/index.ts';
import { setupMockServer } from '../../mocks/node.ts';
import { readCsv } from '../../src/lib/csv/csv.ts';
import { createFetchTransport } from '../../src/lib/execute/transport.ts';
import type { ParamValues } from '../../src/lib/methods/define-method.ts';
import { getMethod, isMethodId } from '../../src/lib/methods/index.ts';
import { exportColumns, reportColumns } from '../../src/lib/project/columns.ts';
import { loadProjectModel, type ProjectModel } from '../../src/lib/project/model.ts';
import { buildRedcapRequest } from '../../src/lib/redcap/request.ts';
import { parseResponse } from '../../src/lib/redcap/response.ts';

const { server, redcap } = setupMockServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
beforeEach(() => redcap.reset());
afterAll(() => server.close());

const transport = createFetchTransport({ target: () => 'http://mock.test/api/' });

async function call(token: string, methodId: string, values: ParamValues) {
  if (!isMethodId(methodId)) throw new Error(methodId);
  const request = buildRedcapRequest(getMethod(methodId), values, { apiUrl: 'x', token });
  return parseResponse(await transport.send(request));
}

function modelOf(token: string): Promise<ProjectModel> {
  return loadProjectModel(async (methodId, values) => {
    const parsed = await call(token, methodId, values);
    return parsed.ok
      ? { ok: true, value: JSON.parse(parsed.text!) as unknown }
      : { ok: false, why: String(parsed.error) };
  });
}

/** The header the mock really sends for these parameters, as CSV. */
async function realHeader(token: string, values: ParamValues): Promise<string[]> {
  const parsed = await call(token, 'exp_records', { ...values, format: 'csv' });
  expect(parsed.ok).toBe(true);
  return readCsv(parsed.text!)[0]!;
}

const names = (model: ProjectModel, values: ParamValues) =>
  exportColumns(model, values, { hasDags: null }).columns.map((c) => c.name);

const CASES: [string, ParamValues][] = [
  ['everything', {}],
  ['some fields, a checkbox among them', { fields: ['age', 'symptoms'] }],
  ['only forms', { forms: ['health'] }],
  ['a form status named in fields', { fields: ['health_complete', 'sex'] }],
  ['eav', { type: 'eav', fields: ['age'] }],
  ['with the DAG column', { exportDataAccessGroups: true, forms: ['visit'] }],
];

describe('exportColumns on the classic demo', () => {
  for (const [name, values] of CASES) {
    it(`matches the real export header: ${name}`, async () => {
      const model = await modelOf(ALICE_TOKEN);
      expect(names(model, values)).toEqual(await realHeader(ALICE_TOKEN, values));
    });
  }

  it('leaves out the record id and the repeat columns when only other forms are chosen, as REDCap does', async () => {
    const model = await modelOf(ALICE_TOKEN);
    const preview = exportColumns(model, { forms: ['health'] });
    const columns = preview.columns.map((c) => c.name);
    expect(columns[0]).toBe('height');
    expect(columns).not.toContain('record_id');
    expect(columns).not.toContain('redcap_repeat_instance');
    expect(columns).not.toContain('demographics_complete');
    expect(preview.notes.join(' ')).toMatch(/record id `record_id` is not asked for/);
    const withId = exportColumns(model, { fields: ['record_id'], forms: ['health'] });
    expect(withId.columns.slice(0, 3).map((c) => c.name)).toEqual([
      'record_id',
      'redcap_repeat_instrument',
      'redcap_repeat_instance',
    ]);
  });

  it('warns of the 400 an unknown field will get', async () => {
    const model = await modelOf(ALICE_TOKEN);
    const { notes } = exportColumns(model, { fields: ['agee'] });
    expect(notes.join(' ')).toContain('"fields" are not valid: agee');
  });
});

describe('exportColumns on the longitudinal demo', () => {
  const LONGITUDINAL: [string, ParamValues][] = [
    ['everything', {}],
    ['events and fields', { events: ['baseline_arm_1'], fields: ['symptoms', 'withdrew'] }],
    ['only forms', { forms: ['vitals', 'completion'] }],
    ['eav', { type: 'eav' }],
    ['DAG column asked in a project without DAGs', { exportDataAccessGroups: true }],
  ];
  for (const [name, values] of LONGITUDINAL) {
    it(`matches the real export header: ${name}`, async () => {
      const model = await modelOf(ALICE_LONGITUDINAL_TOKEN);
      const preview = exportColumns(model, values, { hasDags: false });
      expect(preview.columns.map((c) => c.name)).toEqual(
        await realHeader(ALICE_LONGITUDINAL_TOKEN, values),
      );
    });
  }

  it('has redcap_event_name right after the record id', async () => {
    const model = await modelOf(ALICE_LONGITUDINAL_TOKEN);
    expect(names(model, {}).slice(0, 2)).toEqual(['record_id', 'redcap_event_name']);
  });
});

describe('reportColumns', () => {
  it('names the leading columns and says the rest come from the report', async () => {
    const model = await modelOf(ALICE_LONGITUDINAL_TOKEN);
    const preview = reportColumns(model);
    expect(preview.columns.map((c) => c.name)).toEqual([
      'record_id',
      'redcap_event_name',
      'redcap_repeat_instrument',
      'redcap_repeat_instance',
    ]);
    expect(preview.notes[0]).toMatch(/no API method that exports a report's definition/);
  });
});
