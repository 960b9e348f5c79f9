import { describe, expect, it } from 'vitest';
import { ALICE_SUPER_TOKEN, ALICE_TOKEN } from '../../mocks/fixtures/index.ts';
import { createMockRedcap, type MockRedcap } from '../../mocks/redcap.ts';
import { createFromOdm, exportJson, post } from './odm-support.ts';

/**
 * Create Project (§2.19, mocks/routes/project-create.ts) and Export/Import Project Information
 * (§2.19, mocks/routes/projects.ts) as a client sees them: what a new project holds, the row's
 * rules value by value, and the project settings a later import may change.
 */

const NOW = new Date('2026-03-04T05:06:07Z');
const fresh = () => createMockRedcap({ now: () => NOW });

async function create(redcap: MockRedcap, row: Record<string, unknown>, extra = {}) {
  return post(redcap, {
    token: ALICE_SUPER_TOKEN,
    content: 'project',
    format: 'json',
    returnFormat: 'json',
    data: JSON.stringify([row]),
    ...extra,
  });
}

async function createdInfo(row: Record<string, unknown>) {
  const redcap = fresh();
  const r = await create(redcap, row);
  expect(r.status, r.text).toBe(200);
  return (await exportJson(redcap, r.text, 'project')) as Record<string, unknown>;
}

describe('Create Project: the new project', () => {
  it('holds what REDCap makes from an empty template', async () => {
    const redcap = fresh();
    const r = await create(redcap, { project_title: ' New ', purpose: '0', project_notes: 'n' });
    expect([r.status, r.contentType]).toEqual([200, 'application/json; charset=utf-8']);
    expect(r.text).toMatch(/^[0-9A-F]{32}$/);
    const get = (content: string) => exportJson(redcap, r.text, content);
    expect(await get('project')).toEqual({
      project_id: 16,
      project_title: 'New',
      creation_time: '2026-03-04 05:06:07',
      production_time: '',
      in_production: 0,
      project_language: 'English',
      purpose: 0,
      purpose_other: '',
      project_notes: 'n',
      custom_record_label: '',
      secondary_unique_field: '',
      is_longitudinal: 0,
      has_repeating_instruments_or_events: 0,
      surveys_enabled: 0,
      scheduling_enabled: 0,
      record_autonumbering_enabled: 0,
      randomization_enabled: 0,
      ddp_enabled: 0,
      project_irb_number: '',
      project_grant_number: '',
      project_pi_firstname: '',
      project_pi_lastname: '',
      project_pi_email: '',
      display_today_now_button: 1,
      missing_data_codes: '',
      external_modules: '',
      bypass_branching_erase_field_prompt: 0,
    });
    expect(await get('instrument')).toEqual([
      { instrument_name: 'my_first_instrument', instrument_label: 'My First Instrument' },
    ]);
    expect(await get('metadata')).toEqual([
      {
        field_name: 'record_id',
        form_name: 'my_first_instrument',
        section_header: '',
        field_type: 'text',
        field_label: 'Record ID',
        select_choices_or_calculations: '',
        field_note: '',
        text_validation_type_or_show_slider_number: '',
        text_validation_min: '',
        text_validation_max: '',
        identifier: '',
        branching_logic: '',
        required_field: '',
        custom_alignment: '',
        question_number: '',
        matrix_group_name: '',
        matrix_ranking: '',
        field_annotation: '',
      },
    ]);
    const users = (await get('user')) as Record<string, unknown>[];
    expect(
      users.map((u) => [u.username, u.email, u.firstname, u.lastname, u.data_access_group]),
    ).toEqual([['alice', 'alice@example.org', 'Alice', 'Example', '']]);
    expect(await get('record')).toEqual([]);
    const log = (await get('log')) as Record<string, string>[];
    expect(log.map((l) => [l.username, l.action, l.details])).toContainEqual([
      'alice',
      'Manage/Design',
      'Create project (API)',
    ]);
  });

  it('gives a longitudinal project arm 1 and event 1 with every instrument, new ids each time', async () => {
    const redcap = fresh();
    const first = await create(redcap, { project_title: 'L', purpose: '0', is_longitudinal: '1' });
    const second = await create(redcap, { project_title: 'M', purpose: '0', is_longitudinal: 1 });
    const events1 = (await exportJson(redcap, first.text, 'event')) as Record<string, unknown>[];
    const events2 = (await exportJson(redcap, second.text, 'event')) as Record<string, unknown>[];
    expect(events1).toEqual([
      {
        event_name: 'Event 1',
        arm_num: 1,
        unique_event_name: 'event_1_arm_1',
        custom_event_label: '',
        event_id: events1[0]!.event_id,
        days_offset: events1[0]!.days_offset,
        offset_min: events1[0]!.offset_min,
        offset_max: events1[0]!.offset_max,
      },
    ]);
    expect(events2[0]!.event_id).toBe((events1[0]!.event_id as number) + 1);
    expect(await exportJson(redcap, first.text, 'arm')).toEqual([{ arm_num: 1, name: 'Arm 1' }]);
    expect(await exportJson(redcap, first.text, 'formEventMapping')).toEqual([
      { arm_num: 1, unique_event_name: 'event_1_arm_1', form: 'my_first_instrument' },
    ]);
    const ids = [first.text, second.text];
    const infos = await Promise.all(ids.map((t) => exportJson(redcap, t, 'project')));
    expect(infos.map((i) => (i as Record<string, unknown>).project_id)).toEqual([16, 17]);
  });
});

describe('Create Project: the row, value by value', () => {
  it.each([
    [
      'purpose 3 drops purpose_other',
      { purpose: '3', purpose_other: 'x' },
      { purpose: 3, purpose_other: '' },
    ],
    ['purpose 4', { purpose: ' 4 ' }, { purpose: 4, purpose_other: '' }],
    [
      'purpose 2 keeps purpose_other',
      { purpose: '2', purpose_other: ' y ' },
      { purpose: 2, purpose_other: 'y' },
    ],
    [
      'purpose 1 keeps purpose_other',
      { purpose: 1, purpose_other: 'z' },
      { purpose: 1, purpose_other: 'z' },
    ],
    [
      'flags 1',
      { purpose: '0', surveys_enabled: '1', record_autonumbering_enabled: ' 1 ' },
      { surveys_enabled: 1, record_autonumbering_enabled: 1 },
    ],
    [
      'flags 0 or empty',
      { purpose: '0', is_longitudinal: '0', surveys_enabled: '' },
      { is_longitudinal: 0, surveys_enabled: 0 },
    ],
  ] as const)('%s', async (_name, row, expected) => {
    expect(await createdInfo({ project_title: 'T', ...row })).toMatchObject(expected);
  });

  it.each([
    [
      'a blank title',
      { project_title: '  ', purpose: '0' },
      'The \\"project_title\\" of the new project is missing.',
    ],
    [
      'purpose -1',
      { project_title: 'T', purpose: '-1' },
      'The value of \\"purpose\\" must be 0, 1, 2, 3 or 4',
    ],
    [
      'purpose 01',
      { project_title: 'T', purpose: '01' },
      'The value of \\"purpose\\" must be 0, 1, 2, 3 or 4',
    ],
    [
      'purpose 2 without purpose_other',
      { project_title: 'T', purpose: '2', purpose_other: ' ' },
      'The \\"purpose_other\\" is required when \\"purpose\\" is 1 (Other) or 2 (Research).',
    ],
    [
      'surveys_enabled 2',
      { project_title: 'T', purpose: '0', surveys_enabled: '2' },
      'The value of \\"surveys_enabled\\" must be 0 or 1',
    ],
    [
      'record_autonumbering_enabled yes',
      { project_title: 'T', purpose: '0', record_autonumbering_enabled: 'yes' },
      'The value of \\"record_autonumbering_enabled\\" must be 0 or 1',
    ],
  ] as const)('refuses %s', async (_name, row, message) => {
    const redcap = fresh();
    expect(await create(redcap, row)).toEqual({
      status: 400,
      contentType: 'application/json; charset=utf-8',
      text: `{"error":"${message}"}`,
    });
    expect(redcap.store.projects).toHaveLength(3);
  });

  it('refuses format=odm for the row, in the returnFormat asked for', async () => {
    const r = await create(
      fresh(),
      { project_title: 'T', purpose: '0' },
      { format: 'odm', returnFormat: 'csv' },
    );
    expect([r.status, r.text]).toEqual([
      400,
      'ERROR: The mock REDCap does not support format=odm yet; use json, csv or xml.',
    ]);
  });

  it('answers the token in the returnFormat asked for (plain text)', async () => {
    const r = await create(fresh(), { project_title: 'T', purpose: '0' }, { returnFormat: 'csv' });
    expect(r.status).toBe(200);
    expect(r.contentType).toBe('text/csv; charset=utf-8');
    expect(r.text).toMatch(/^[0-9A-F]{32}$/);
  });
});

/** A classic project file with a repeating form, a DAG and the settings of GlobalVariables. */
function projectFile(globals: string, clinical = ''): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" ?>\n<ODM xmlns:redcap="https://projectredcap.org"><Study OID="Project.T">' +
    `<GlobalVariables>${globals}</GlobalVariables>` +
    '<MetaDataVersion OID="M" redcap:RecordIdField="id">' +
    '<FormDef OID="Form.a" Name="A" redcap:FormName="a"><ItemGroupRef ItemGroupOID="a.g"/></FormDef>' +
    '<FormDef OID="Form.b" Name="B" redcap:FormName="b"><ItemGroupRef ItemGroupOID="b.g"/></FormDef>' +
    '<ItemGroupDef OID="a.g"><ItemRef ItemOID="id"/><ItemRef ItemOID="a_complete"/></ItemGroupDef>' +
    '<ItemGroupDef OID="b.g"><ItemRef ItemOID="note"/><ItemRef ItemOID="doc"/><ItemRef ItemOID="b_complete"/></ItemGroupDef>' +
    '<ItemDef OID="id" redcap:Variable="id" redcap:FieldType="text"/>' +
    '<ItemDef OID="note" redcap:Variable="note" redcap:FieldType="text"/>' +
    '<ItemDef OID="doc" redcap:Variable="doc" redcap:FieldType="file"/>' +
    '<ItemDef OID="a_complete" redcap:Variable="a_complete" redcap:FieldType="select"/>' +
    '<ItemDef OID="b_complete" redcap:Variable="b_complete" redcap:FieldType="select"/>' +
    `</MetaDataVersion></Study>${clinical}</ODM>`
  );
}

const REPEAT_B =
  '<redcap:RepeatingInstrumentsAndEvents><redcap:RepeatingInstruments><redcap:RepeatingInstrument redcap:UniqueEventName="event_1_arm_1" redcap:RepeatInstrument="b" redcap:CustomLabel="[note]"/></redcap:RepeatingInstruments></redcap:RepeatingInstrumentsAndEvents>';
const DAGS =
  '<redcap:DataAccessGroupsGroup><redcap:DataAccessGroups group_name="Site A"/><redcap:DataAccessGroups group_name="Site A!"/></redcap:DataAccessGroupsGroup>';

describe('Create Project from a file: its settings, records, DAGs and files', () => {
  it.each([
    [
      'the file wins over the row',
      '<redcap:SurveysEnabled>1</redcap:SurveysEnabled><redcap:RecordAutonumberingEnabled>0</redcap:RecordAutonumberingEnabled><redcap:SchedulingEnabled>1</redcap:SchedulingEnabled><redcap:RandomizationEnabled>1</redcap:RandomizationEnabled><redcap:DisplayTodayNowButton>0</redcap:DisplayTodayNowButton><redcap:PreventBranchingEraseValues>1</redcap:PreventBranchingEraseValues><redcap:CustomRecordLabel>[id]</redcap:CustomRecordLabel><redcap:SecondaryUniqueField>note</redcap:SecondaryUniqueField><redcap:MissingDataCodes>NA, Not asked</redcap:MissingDataCodes>',
      {
        surveys_enabled: 1,
        record_autonumbering_enabled: 0,
        scheduling_enabled: 1,
        randomization_enabled: 1,
        display_today_now_button: 0,
        bypass_branching_erase_field_prompt: 1,
        custom_record_label: '[id]',
        secondary_unique_field: 'note',
        missing_data_codes: 'NA, Not asked',
        has_repeating_instruments_or_events: 0,
        is_longitudinal: 0,
      },
    ],
    [
      'a flag that is not 0/1 leaves the row’s value',
      `<redcap:SurveysEnabled>yes</redcap:SurveysEnabled><redcap:RecordAutonumberingEnabled>2</redcap:RecordAutonumberingEnabled><redcap:DisplayTodayNowButton>x</redcap:DisplayTodayNowButton>${REPEAT_B}`,
      {
        surveys_enabled: 1,
        record_autonumbering_enabled: 1,
        scheduling_enabled: 0,
        randomization_enabled: 0,
        display_today_now_button: 1,
        bypass_branching_erase_field_prompt: 0,
        custom_record_label: '',
        has_repeating_instruments_or_events: 1,
      },
    ],
  ] as const)('%s', async (_name, globals, expected) => {
    const redcap = fresh();
    const r = await createFromOdm(redcap, projectFile(globals), {
      data: '[{"project_title":"F","purpose":"0","surveys_enabled":"1","record_autonumbering_enabled":"1"}]',
    });
    expect(r.status, r.text).toBe(200);
    expect(await exportJson(redcap, r.text, 'project')).toMatchObject(expected);
    expect(await exportJson(redcap, r.text, 'instrument')).toEqual([
      { instrument_name: 'a', instrument_label: 'A' },
      { instrument_name: 'b', instrument_label: 'B' },
    ]);
  });

  it('imports records with their statuses, DAGs with new ids, and files into new instances', async () => {
    const subject = (id: string, inner: string) =>
      `<SubjectData SubjectKey="${id}">${inner}</SubjectData>`;
    const form = (oid: string, key: string, items: string) =>
      `<FormData FormOID="${oid}" FormRepeatKey="${key}"><ItemGroupData ItemGroupOID="g">${items}</ItemGroupData></FormData>`;
    const clinical =
      '<ClinicalData>' +
      subject(
        '1',
        form(
          'Form.a',
          '1',
          '<ItemData ItemOID="id" Value="1"/><ItemData ItemOID="redcap_data_access_group" Value="site_a"/><ItemData ItemOID="a_complete" Value="2"/>',
        ) +
          form('Form.b', '1', '<ItemData ItemOID="note" Value="first"/>') +
          form(
            'Form.b',
            '3',
            '<ItemDataBase64Binary ItemOID="doc" redcap:DocName="c.txt" redcap:MimeType="text/plain">Qw==</ItemDataBase64Binary>',
          ),
      ) +
      subject('2', form('Form.a', '1', '<ItemData ItemOID="id" Value="2"/>')) +
      subject(
        '3',
        form('Form.a', '1', '<ItemData ItemOID="a_complete" Value="0"/>') +
          form('Form.b', '1', '<ItemDataBase64Binary ItemOID="doc">RA==</ItemDataBase64Binary>'),
      ) +
      '</ClinicalData>';
    const redcap = fresh();
    const before = redcap.store.data.projects.flatMap((p) => p.dags ?? []);
    const r = await createFromOdm(redcap, projectFile(`${REPEAT_B}${DAGS}`, clinical));
    expect(r.status, r.text).toBe(200);
    const token = r.text;
    expect(await exportJson(redcap, token, 'dag')).toEqual([
      {
        data_access_group_name: 'Site A',
        unique_group_name: 'site_a',
        data_access_group_id: expect.any(Number),
      },
      {
        data_access_group_name: 'Site A!',
        unique_group_name: expect.any(String),
        data_access_group_id: expect.any(Number),
      },
    ]);
    const dags = (await exportJson(redcap, token, 'dag')) as {
      unique_group_name: string;
      data_access_group_id: number;
    }[];
    expect(dags[1]!.unique_group_name).not.toBe('site_a');
    const maxBefore = Math.max(...before.map((d) => d.data_access_group_id));
    expect(dags.map((d) => d.data_access_group_id)).toEqual([maxBefore + 1, maxBefore + 2]);
    const records = await exportJson(redcap, token, 'record', { exportDataAccessGroups: 'true' });
    const row = (
      id: string,
      instrument: string,
      instance: number | '',
      dag: string,
      rest: Record<string, string>,
    ) => ({
      id,
      redcap_repeat_instrument: instrument,
      redcap_repeat_instance: instance,
      redcap_data_access_group: dag,
      note: '',
      doc: '',
      a_complete: '',
      b_complete: '',
      ...rest,
    });
    expect(records).toEqual([
      row('1', '', '', 'site_a', { a_complete: '2' }),
      row('1', 'b', 1, 'site_a', { note: 'first', b_complete: '0' }),
      row('1', 'b', 3, 'site_a', { doc: 'c.txt', b_complete: '0' }),
      row('2', '', '', '', { a_complete: '0' }),
      row('3', '', '', '', { a_complete: '0' }),
      row('3', 'b', 1, '', { doc: 'file', b_complete: '0' }),
    ]);
    // A status the file does not give is not stored (Export Records shows 0 for a form with
    // data either way; the project XML writes stored statuses only).
    const xml = await post(redcap, { token, content: 'project_xml', returnFormat: 'json' });
    const statuses = [...xml.text.matchAll(/ItemOID="(\w+_complete)" Value="(\d)"/g)].map(
      (m) => `${m[1]}=${m[2]}`,
    );
    expect(statuses).toEqual(['a_complete=2', 'a_complete=0']);
    const file = await post(redcap, {
      token,
      content: 'file',
      action: 'export',
      record: '1',
      field: 'doc',
      repeat_instance: '3',
    });
    expect([file.status, file.text, file.contentType]).toEqual([
      200,
      'C',
      'text/plain; name="c.txt";charset=UTF-8',
    ]);
    // A new file id above every other project's.
    const ids = redcap.store.data.projects.flatMap((p) => p.edocs.map((d) => d.doc_id));
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('Export Project Information', () => {
  it.each([
    [
      'json',
      'application/json; charset=utf-8',
      '{"project_id":14,"project_title":"Classic demo (mock)",',
    ],
    ['csv', 'text/csv; charset=utf-8', 'project_id,project_title,creation_time,'],
    [
      'xml',
      'text/xml; charset=utf-8',
      '<?xml version="1.0" encoding="UTF-8" ?>\n<project><project_id><![CDATA[14]]></project_id><project_title>',
    ],
    [
      'odm',
      'text/xml; charset=utf-8',
      '<?xml version="1.0" encoding="UTF-8" ?>\n<project><project_id><![CDATA[14]]></project_id><project_title>',
    ],
  ] as const)('as %s', async (format, contentType, start) => {
    const r = await post(fresh(), { token: ALICE_TOKEN, content: 'project', format });
    expect([r.status, r.contentType]).toEqual([200, contentType]);
    expect(r.text).toContain(start);
  });
});

describe('Import Project Information', () => {
  const importInfo = (redcap: MockRedcap, data: string, extra: Record<string, string> = {}) =>
    post(redcap, {
      token: ALICE_TOKEN,
      content: 'project_settings',
      format: 'json',
      returnFormat: 'json',
      data,
      ...extra,
    });

  it.each([
    [
      'a title and a flag (trimmed), read-only and unknown keys passed over',
      '{"project_title":" Renamed ","surveys_enabled":" 0 ","project_id":"99","nope":"1"}',
      '2',
      { project_title: 'Renamed', surveys_enabled: 0, project_id: 14 },
    ],
    [
      'a one-item list; purpose 4 and a number kept as a number',
      '[{"purpose":"4","is_longitudinal":"1","display_today_now_button":"0"}]',
      '3',
      { purpose: 4, is_longitudinal: 1, display_today_now_button: 0 },
    ],
    [
      'every flag at 1',
      '{"scheduling_enabled":"1","randomization_enabled":"1","record_autonumbering_enabled":"1","bypass_branching_erase_field_prompt":"1"}',
      '4',
      {
        scheduling_enabled: 1,
        randomization_enabled: 1,
        record_autonumbering_enabled: 1,
        bypass_branching_erase_field_prompt: 1,
      },
    ],
    [
      'text settings',
      '{"project_notes":"N","project_pi_email":"pi@x.org","purpose_other":"O","project_language":"French","custom_record_label":"[x]","secondary_unique_field":"email","project_irb_number":"I","project_grant_number":"G","project_pi_firstname":"F","project_pi_lastname":"L"}',
      '10',
      {
        project_notes: 'N',
        project_pi_email: 'pi@x.org',
        purpose_other: 'O',
        project_language: 'French',
        custom_record_label: '[x]',
        secondary_unique_field: 'email',
        project_irb_number: 'I',
        project_grant_number: 'G',
        project_pi_firstname: 'F',
        project_pi_lastname: 'L',
      },
    ],
  ] as const)('takes %s', async (_name, data, answer, expected) => {
    const redcap = fresh();
    const r = await importInfo(redcap, data);
    expect([r.status, r.text]).toEqual([200, answer]);
    expect(await exportJson(redcap, ALICE_TOKEN, 'project')).toMatchObject(expected);
  });

  const DEFAULT_400 =
    'There were errors with your request. If you are sending data, then it might be due to the data being misformatted.';
  it.each([
    ['no row', '[]', DEFAULT_400],
    ['two rows', '[{"purpose":"0"},{"purpose":"1"}]', DEFAULT_400],
    [
      'a flag at 2',
      '{"project_title":"X","is_longitudinal":"2"}',
      'The value of \\"is_longitudinal\\" must be 0 or 1',
    ],
    [
      'a flag at yes',
      '{"display_today_now_button":"yes"}',
      'The value of \\"display_today_now_button\\" must be 0 or 1',
    ],
    [
      'a flag left empty',
      '{"bypass_branching_erase_field_prompt":""}',
      'The value of \\"bypass_branching_erase_field_prompt\\" must be 0 or 1',
    ],
    [
      'purpose 5',
      '{"project_title":"X","purpose":"5"}',
      'The value of \\"purpose\\" must be 0, 1, 2, 3 or 4',
    ],
    ['purpose 10', '{"purpose":"10"}', 'The value of \\"purpose\\" must be 0, 1, 2, 3 or 4'],
  ] as const)('refuses %s and changes nothing', async (_name, data, message) => {
    const redcap = fresh();
    const before = await exportJson(redcap, ALICE_TOKEN, 'project');
    const r = await importInfo(redcap, data);
    expect([r.status, r.text]).toEqual([400, `{"error":"${message}"}`]);
    expect(await exportJson(redcap, ALICE_TOKEN, 'project')).toEqual(before);
  });

  it('refuses format=odm and answers the count as CSV when asked', async () => {
    const redcap = fresh();
    const odm = await importInfo(redcap, '{"purpose":"0"}', { format: 'odm' });
    expect([odm.status, odm.text]).toEqual([
      400,
      '{"error":"The mock REDCap does not support format=odm yet; use json, csv or xml."}',
    ]);
    const csv = await importInfo(redcap, 'project_title,purpose\nCSV title,3\n', {
      format: 'csv',
      returnFormat: 'csv',
    });
    expect([csv.status, csv.text]).toEqual([200, '2']);
    expect(await exportJson(redcap, ALICE_TOKEN, 'project')).toMatchObject({
      project_title: 'CSV title',
      purpose: 3,
    });
  });
});
