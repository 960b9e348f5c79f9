import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ALICE_LONGITUDINAL_TOKEN, ALICE_TOKEN } from '../../mocks/fixtures/index.ts';
import { setupMockServer } from '../../mocks/node.ts';
import { createFetchTransport } from '../../src/lib/execute/transport.ts';
import type { ParamValues } from '../../src/lib/methods/define-method.ts';
import { getMethod, isMethodId } from '../../src/lib/methods/index.ts';
import { loadProjectModel, type ProjectModel } from '../../src/lib/project/model.ts';
import {
  designationProblems,
  eventMatrix,
  importTemplate,
  parseImportRows,
} from '../../src/lib/project/template.ts';
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

const PROJECTS: [string, string][] = [
  ['classic', ALICE_TOKEN],
  ['longitudinal', ALICE_LONGITUDINAL_TOKEN],
];

describe('importTemplate', () => {
  for (const [project, token] of PROJECTS) {
    for (const format of ['json', 'csv', 'xml']) {
      for (const type of ['flat', 'eav']) {
        it(`${project} ${format} ${type}: imports into the mock as is, creating the record`, async () => {
          const model = await modelOf(token);
          const { data } = importTemplate(model, { format, type, recordId: '900' });
          const answer = await call(token, 'imp_records', {
            format,
            type,
            data,
            returnContent: 'ids',
            returnFormat: 'json',
          });
          expect(answer.error ?? null).toBeNull();
          expect(JSON.parse(answer.text!)).toEqual(['900']);
          expect(parseImportRows(data, format)?.length).toBeGreaterThan(0);
        });
      }
    }
  }

  it('classic flat CSV: record id, repeat columns, checkbox columns, no calc or file field', async () => {
    const model = await modelOf(ALICE_TOKEN);
    const { data, hints } = importTemplate(model, { format: 'csv', type: 'flat', recordId: '1' });
    const header = data.split('\n')[0]!.split(',');
    expect(header.slice(0, 3)).toEqual([
      'record_id',
      'redcap_repeat_instrument',
      'redcap_repeat_instance',
    ]);
    expect(header).toEqual(expect.arrayContaining(['symptoms___1', 'symptoms___4', 'visit_date']));
    expect(header).not.toContain('bmi');
    expect(header).not.toContain('consent_file');
    expect(data.split('\n')[2]).toMatch(/^1,visit,1,/);
    expect(hints.join(' ')).toMatch(/dob YYYY-MM-DD/);
  });

  it('CSV with csvDelimiter=tab: written and read with tabs, and the mock imports it', async () => {
    const model = await modelOf(ALICE_TOKEN);
    const { data } = importTemplate(model, {
      format: 'csv',
      type: 'flat',
      recordId: '901',
      csvDelimiter: 'tab',
    });
    expect(data.split('\n')[0]).toMatch(/^record_id\tredcap_repeat_instrument\t/);
    expect(parseImportRows(data, 'csv', 'tab')?.[0]?.['record_id']).toBe('901');
    const answer = await call(ALICE_TOKEN, 'imp_records', {
      format: 'csv',
      csvDelimiter: 'tab',
      data,
      returnFormat: 'json',
    });
    expect(answer.text).toBe('{"count": 1}');
  });

  it('longitudinal flat JSON: the main row on the first event, only its designated forms', async () => {
    const model = await modelOf(ALICE_LONGITUDINAL_TOKEN);
    const rows = JSON.parse(
      importTemplate(model, { format: 'json', type: 'flat', recordId: '1' }).data,
    ) as Record<string, string>[];
    expect(rows[0]).toMatchObject({ record_id: '1', redcap_event_name: 'baseline_arm_1' });
    expect(Object.keys(rows[0]!)).toContain('enroll_date');
    expect(Object.keys(rows[0]!)).not.toContain('ae_description');
    expect(rows[1]).toMatchObject({
      redcap_event_name: 'unscheduled_arm_1',
      redcap_repeat_instance: '1',
    });
  });
});

describe('eventMatrix and designationProblems', () => {
  it('knows which forms each event collects', async () => {
    const matrix = eventMatrix(await modelOf(ALICE_LONGITUDINAL_TOKEN));
    expect(matrix.designated('baseline_arm_1', 'enrollment')).toBe(true);
    expect(matrix.designated('baseline_arm_1', 'adverse_events')).toBe(false);
    expect(matrix.events.map((e) => e.name)).toContain('final_arm_2');
  });

  it('flags a value on a form not designated for its event, which the mock refuses too', async () => {
    const model = await modelOf(ALICE_LONGITUDINAL_TOKEN);
    const data = JSON.stringify([
      { record_id: '1', redcap_event_name: 'baseline_arm_1', age: '40' },
      { record_id: '1', redcap_event_name: 'week_4_arm_1', age: '41', sbp: '120' },
    ]);
    const problems = designationProblems(model, parseImportRows(data, 'json')!, 'flat');
    expect(problems).toEqual([
      'Row 2 (record 1, event week_4_arm_1): `age` belongs to the form enrollment, which is not designated for week_4_arm_1.',
    ]);
    const answer = await call(ALICE_LONGITUDINAL_TOKEN, 'imp_records', { format: 'json', data });
    expect(answer.status).toBe(400);
  });

  it('flags an unknown event with a suggestion, and EAV rows by field_name', async () => {
    const model = await modelOf(ALICE_LONGITUDINAL_TOKEN);
    const csv =
      'record,redcap_event_name,field_name,value\n1,baseline_arm1,age,3\n1,follow_up_arm_1,sbp,120\n';
    expect(designationProblems(model, parseImportRows(csv, 'csv')!, 'eav')).toEqual([
      'Row 1 (record 1, event baseline_arm1): `baseline_arm1` is not an event in this project; did you mean `baseline_arm_1`?',
      'Row 2 (record 1, event follow_up_arm_1): `sbp` belongs to the form vitals, which is not designated for follow_up_arm_1.',
    ]);
  });

  it('says nothing for a classic project or unreadable data', async () => {
    const model = await modelOf(ALICE_TOKEN);
    expect(designationProblems(model, [{ record_id: '1', age: '3' }], 'flat')).toEqual([]);
    expect(parseImportRows('[{', 'json')).toBeNull();
    expect(parseImportRows('<records><item>', 'xml')).toBeNull();
  });
});
