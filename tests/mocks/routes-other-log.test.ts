import { describe, expect, it } from 'vitest';
import type { LogRow, MockRedcapData } from '../../mocks/store/types.ts';
import { ALICE_LONGITUDINAL_TOKEN } from '../../mocks/fixtures/index.ts';
import { mockWith, post } from './routes-other-support.ts';

/**
 * Export Logging's filters (§2.18, mocks/routes/logging.ts) on a log made for them: one row per
 * kind of action, two users, records in two DAGs and none. Found by mutation testing (#19).
 */

const row = (minute: number, action: string, record = '', username = 'alice'): LogRow => ({
  timestamp: `2025-03-01 10:${String(minute).padStart(2, '0')}:30`,
  username,
  action,
  details: `d${minute}`,
  record,
});

const LOG: LogRow[] = [
  row(1, 'Data Export (API) '),
  row(2, 'Manage/Design '),
  row(3, 'Add user bob', '', 'bob'),
  row(4, 'Create role Monitors'),
  row(5, 'Create record 1', '1'),
  row(6, 'Update record 1', '1', 'bob'),
  row(7, 'Upload document (API) 6', '6'),
  row(8, 'Delete uploaded document (API) 6', '6'),
  row(9, 'Rename Record 6', '6'),
  row(10, 'Delete record 1', '1'),
  row(11, 'Lock record 6', '6'),
  row(12, 'E-signature 6', '6'),
  row(13, 'Page view'),
  row(14, 'Randomize record (API) 6', '6'),
];

function withLog(data: MockRedcapData): void {
  data.projects[0]!.log = structuredClone(LOG);
}

/** The details of the rows Export Logging gives for `fields` (the log's own read left out). */
async function details(fields: Record<string, string>): Promise<string[]> {
  const redcap = mockWith(withLog);
  const r = await post(redcap, { content: 'log', ...fields });
  expect(r.status).toBe(200);
  return (JSON.parse(r.text) as { details: string }[]).map((x) => x.details);
}

const all = LOG.map((r) => r.details).reverse();

describe('Export Logging filters (§2.18)', () => {
  it.each([
    ['', all],
    ['nonsense', all],
    ['export', ['d1']],
    ['manage', ['d2']],
    ['user', ['d4', 'd3']],
    ['record', ['d10', 'd9', 'd8', 'd7', 'd6', 'd5']],
    ['record_add', ['d5']],
    ['record_edit', ['d9', 'd8', 'd7', 'd6']],
    ['record_delete', ['d10']],
    ['lock_record', ['d12', 'd11']],
    ['page_view', ['d13']],
  ])('logtype=%j → %j, newest first', async (logtype, expected) => {
    expect(await details({ logtype })).toEqual(expected);
  });

  it.each([
    [{ user: 'bob' }, ['d6', 'd3']],
    [{ user: 'bob', logtype: 'record' }, ['d6']],
    [{ record: '1' }, ['d10', 'd6', 'd5']],
    [{ record: '1', user: 'alice' }, ['d10', 'd5']],
    [{ dag: 'site_b' }, ['d14', 'd12', 'd11', 'd9', 'd8', 'd7']],
    [{ dag: 'site_a', logtype: 'record_delete' }, ['d10']],
    [{ dag: 'site_c' }, []],
    [{ beginTime: '2025-03-01 10:12' }, ['d14', 'd13', 'd12']],
    [{ endTime: '2025-03-01 10:02' }, ['d2', 'd1']],
    [{ beginTime: '2025-03-01 10:05', endTime: '2025-03-01 10:06' }, ['d6', 'd5']],
    [{ beginTime: '2025-03-01 10:15' }, []],
  ])('%j → %j', async (fields, expected) => {
    expect(await details(fields)).toEqual(expected);
  });

  it('gives timestamps to the minute, every column, and XML for format=odm', async () => {
    const redcap = mockWith(withLog);
    const json = await post(redcap, { content: 'log', logtype: 'page_view' });
    expect(json).toEqual({
      status: 200,
      type: 'application/json; charset=utf-8',
      text: '[{"timestamp":"2025-03-01 10:13","username":"alice","action":"Page view","details":"d13","record":""}]',
    });
    const xml = await post(redcap, { content: 'log', logtype: 'export', format: 'odm' });
    expect([xml.status, xml.type]).toEqual([200, 'text/xml; charset=utf-8']);
    expect(xml.text).toContain('<timestamp><![CDATA[2025-03-01 10:01]]></timestamp>');
    const csv = await post(redcap, { content: 'log', logtype: 'export', format: 'csv' });
    expect(csv.text).toBe(
      'timestamp,username,action,details,record\n"2025-03-01 10:01",alice,"Data Export (API) ",d1,\n',
    );
  });

  it('logs its own read, which a later read shows first', async () => {
    const redcap = mockWith(withLog);
    await post(redcap, { content: 'log' });
    const r = await post(redcap, { content: 'log', logtype: 'manage' });
    expect(JSON.parse(r.text)).toMatchObject([
      { username: 'alice', action: 'Manage/Design ', details: 'Export Logging (API)' },
      { details: 'd2' },
    ]);
  });
});

// ------------------------------------------------------------ Randomize Record (§2.8)

const randomize = (fields: Record<string, string>, edit?: (data: MockRedcapData) => void) => {
  const redcap = mockWith(edit);
  return post(redcap, {
    content: 'record',
    action: 'randomize',
    randomization_id: '1',
    ...fields,
  });
};

describe('Randomize Record (§2.8): edges', () => {
  it.each([
    [
      { record: '24', randomization_id: ' 1 ' },
      200,
      '{"randomization_id":1,"record":"24","target_field":"1"}',
    ],
    [
      { record: '24', returnAlt: 'false' },
      200,
      '{"randomization_id":1,"record":"24","target_field":"1"}',
    ],
    [
      { record: '24', returnAlt: '1' },
      200,
      '{"randomization_id":1,"record":"24","target_field":"1","target_field_alt":"R-003"}',
    ],
    [
      { record: '24', randomization_id: '' },
      400,
      '{"error":"The randomization_id \\"\\" is not valid."}',
    ],
    [
      { record: '24', randomization_id: '01' },
      400,
      '{"error":"The randomization_id \\"01\\" is not valid."}',
    ],
  ])('%j → %i %s', async (fields, status, text) => {
    expect(await randomize(fields)).toMatchObject({ status, text });
  });

  it('answers XML for format=odm', async () => {
    const r = await randomize({ record: '24', format: 'odm' });
    expect(r).toEqual({
      status: 200,
      type: 'text/xml; charset=utf-8',
      text: expect.stringContaining('<record><![CDATA[24]]></record>') as string,
    });
  });

  it('a project without randomization tables refuses every id', async () => {
    const r = await randomize({ record: '24' }, (data) => {
      delete data.projects[0]!.randomizations;
    });
    expect(r).toMatchObject({
      status: 400,
      text: '{"error":"The randomization_id \\"1\\" is not valid."}',
    });
  });
});

// ------------------------------------------------------------------ Export Reports (§2.20)

const report = (fields: Record<string, string>, edit?: (data: MockRedcapData) => void) =>
  post(mockWith(edit), { content: 'report', format: 'csv', ...fields });

describe('Export Reports (§2.20): edges', () => {
  it.each([' 1 ', '01'])('report_id %j reads as 1', async (id) => {
    const r = await report({ report_id: id });
    expect(r.status).toBe(200);
    expect(r.text.split('\n')[1]).toBe('1,,,Ada,Lovelace,ada@example.org,2');
  });

  it.each(['1.0', '-1', '1 2'])('report_id %j is not one of the project’s (403)', async (id) => {
    expect(await report({ report_id: id, returnFormat: 'json' })).toMatchObject({
      status: 403,
      text: JSON.stringify({
        error: `The API request cannot complete because report_id=${id.trim()} does not belong to this project.`,
      }),
    });
  });

  it('keeps the report’s column order, drops fields the dictionary lost, keeps status columns', async () => {
    const r = await report({ report_id: '1' }, (data) => {
      data.projects[0]!.reports![0]!.fields = [
        'health_complete',
        'gone',
        'email',
        'record_id',
        'first_name',
      ];
    });
    expect(r.text.split('\n').slice(0, 2)).toEqual([
      'record_id,redcap_repeat_instrument,redcap_repeat_instance,health_complete,email,first_name',
      '1,,,2,ada@example.org,Ada',
    ]);
  });

  it.each([
    ['.', '21.6'],
    [',', '"21,6"'],
    ['x', '21.6'],
  ])('decimalCharacter %j writes %s', async (decimalCharacter, bmi) => {
    const r = await report({ report_id: '2', decimalCharacter });
    expect(r.text.split('\n')[1]).toBe(`2,,,1,70,${bmi},1,0,0,0,0`);
  });

  it('refuses a user with No Access export rights (403)', async () => {
    const r = await report({ report_id: '1', returnFormat: 'json' }, (data) => {
      const rights = data.projects[0]!.users[0]!.rights;
      for (const form of Object.keys(rights.forms_export)) rights.forms_export[form] = 0;
    });
    expect(r).toMatchObject({
      status: 403,
      text: JSON.stringify({
        error:
          'The API request cannot complete because currently you have "No Access" data export rights. Higher level data export rights are required for this operation.',
      }),
    });
  });

  it('logs the export with the report id', async () => {
    const redcap = mockWith();
    await post(redcap, { content: 'report', report_id: '2' });
    const log = await post(redcap, { content: 'log', logtype: 'export' });
    expect(JSON.parse(log.text)).toMatchObject([
      {
        username: 'alice',
        action: 'Data Export (API) ',
        details: 'Export report (API) report_id = 2',
      },
    ]);
  });
});

describe('Export Reports on a longitudinal project (§2.20)', () => {
  it('gives one row per event with data, with redcap_event_name', async () => {
    const redcap = mockWith((data) => {
      const project = data.projects.find((p) => p.slug === 'longitudinal-demo')!;
      project.reports = [
        { report_id: 7, title: 'Weights', fields: ['weight', 'record_id'], filterLogic: '' },
      ];
    });
    const r = await post(redcap, {
      token: ALICE_LONGITUDINAL_TOKEN,
      content: 'report',
      report_id: '7',
      format: 'csv',
    });
    expect(r.status).toBe(200);
    const lines = r.text.split('\n');
    expect(lines[0]).toBe(
      'record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,weight',
    );
    expect(lines.filter((l) => l.startsWith('1,'))).toContain('1,week_4_arm_1,,,69.8');
  });
});
