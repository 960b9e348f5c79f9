import { describe, expect, it } from 'vitest';
import { ALICE_LONGITUDINAL_TOKEN, ALICE_PRODUCTION_TOKEN } from '../../mocks/fixtures/index.ts';
import type { MockRedcapData } from '../../mocks/store/types.ts';
import { jsonError, lastLog, mockWith, post, type LogLine } from './routes-other-support.ts';

/**
 * Issue #19, the record routes after the #20 move (`mocks/routes/records.ts`,
 * `records-extra.ts`, `repeating.ts`, `mocks/wire/record-survey.ts`): what a client sees from
 * the edges the other record tests leave open — missing parameters, the log rows, ODM and EAV
 * options, Delete Records' scope on a longitudinal project, and when survey columns come.
 */

const DEFAULT_400 =
  'There were errors with your request. If you are sending data, then it might be due to the data being misformatted.';
const L = ALICE_LONGITUDINAL_TOKEN;
const log = (action: string, details: string, record = ''): LogLine => ({
  username: 'alice',
  action,
  details,
  record,
});
/** The fixture's newest log row: what a refused call leaves on top. */
const SEED_LAST = log('Create record 24', "record_id = '24'", '24');

describe('Rename Record and Randomize Record: missing parameters (§2.6, §2.8)', () => {
  it.each<[string, Record<string, string>, string]>([
    ['rename without record', { action: 'rename' }, "The parameter 'record' is missing"],
    [
      'rename without new_record_name',
      { action: 'rename', record: '1' },
      "The parameter 'new_record_name' is missing",
    ],
    [
      'randomize without record',
      { action: 'randomize', randomization_id: '1' },
      'The parameter "record" is missing.',
    ],
    [
      'randomize with a blank record',
      { action: 'randomize', randomization_id: '1', record: '' },
      'The parameter "record" is missing.',
    ],
    [
      'randomize without randomization_id',
      { action: 'randomize', record: '24' },
      'The randomization_id "" is not valid.',
    ],
  ])('%s: 400, nothing logged', async (_name, fields, message) => {
    const redcap = mockWith();
    expect(await post(redcap, { content: 'record', ...fields })).toMatchObject({
      status: 400,
      text: jsonError(message),
    });
    expect(await lastLog(redcap)).toEqual(SEED_LAST);
  });

  it("answers the mock's own 400 for Randomize Record on a longitudinal project", async () => {
    const answer = await post(mockWith(), {
      token: L,
      content: 'record',
      action: 'randomize',
      record: '1',
      randomization_id: '1',
    });
    expect(answer).toMatchObject({
      status: 400,
      text: jsonError(
        'The mock REDCap does not implement Randomize Record (randomize) on longitudinal projects yet.',
      ),
    });
  });
});

describe('Randomize Record: the answer and its log (§2.8)', () => {
  const XML = '<?xml version="1.0" encoding="UTF-8" ?>\n';
  const cdata = (name: string, value: string) => `<${name}><![CDATA[${value}]]></${name}>`;
  it.each<[string, Record<string, string>, string]>([
    ['json', {}, '{"randomization_id":1,"record":"24","target_field":"1"}'],
    [
      'json, returnAlt',
      { returnAlt: 'true' },
      '{"randomization_id":1,"record":"24","target_field":"1","target_field_alt":"R-003"}',
    ],
    [
      'xml, returnAlt',
      { format: 'xml', returnAlt: 'true' },
      `${XML}<randomization>${cdata('randomization_id', '1')}${cdata('record', '24')}${cdata('target_field', '1')}${cdata('target_field_alt', 'R-003')}</randomization>`,
    ],
  ])('%s', async (_name, extra, body) => {
    const redcap = mockWith();
    const answer = await post(redcap, {
      content: 'record',
      action: 'randomize',
      record: '24',
      randomization_id: '1',
      ...extra,
    });
    expect(answer).toMatchObject({ status: 200, text: body });
    expect(await lastLog(redcap)).toEqual(log('Randomize record (API) 24', "sex = '1'", '24'));
  });
});

describe('the log rows of the record routes (§2.18)', () => {
  it.each<[string, Record<string, string>, string, LogLine]>([
    [
      'Generate Next Record Name',
      { content: 'generateNextRecordName' },
      '25',
      log('Manage/Design ', 'Generate next record name (API)'),
    ],
    [
      'Export Repeating Instruments and Events',
      { content: 'repeatingFormsEvents' },
      '[{"form_name":"visit","custom_form_label":"[visit_date]"}]',
      log('Manage/Design ', 'Export repeating instruments and events (API)'),
    ],
    [
      'Import Repeating Instruments and Events',
      { content: 'repeatingFormsEvents', action: 'import', data: '[]' },
      '0',
      log('Manage/Design ', 'Import repeating instruments and events (API)'),
    ],
    [
      'Export Records',
      { content: 'record', format: 'csv', 'records[0]': '1', 'fields[0]': 'first_name' },
      'first_name\nAda\n',
      log('Data Export (API) ', 'Export records (API)'),
    ],
    [
      'Delete Records, one instrument',
      { content: 'record', action: 'delete', 'records[0]': '1', instrument: 'demographics' },
      '1',
      log('Update record (API) 1', 'Delete all record data for single form (demographics)', '1'),
    ],
    [
      'Delete Records, the whole record',
      { content: 'record', action: 'delete', 'records[0]': '1' },
      '1',
      log('Delete record (API) 1', "record_id = '1'", '1'),
    ],
  ])('%s', async (_name, fields, body, row) => {
    const redcap = mockWith();
    expect(await post(redcap, fields)).toMatchObject({ status: 200, text: body });
    expect(await lastLog(redcap)).toEqual(row);
  });
});

describe('Import Repeating Instruments and Events in production (§2.14)', () => {
  it('is refused, and the setup stays', async () => {
    const redcap = mockWith();
    const fields = { token: ALICE_PRODUCTION_TOKEN, content: 'repeatingFormsEvents' };
    const before = await post(redcap, fields);
    expect(await post(redcap, { ...fields, action: 'import', data: '[]' })).toMatchObject({
      status: 400,
      text: jsonError(
        'The project structure (arms, events, instrument-event mappings, repeating setup) can only be changed while the project is in Development status',
      ),
    });
    expect(await post(redcap, fields)).toEqual(before);
  });
});

describe('Export Records with format=odm (§2.16): ClinicalData narrowed to the request', () => {
  /** The ItemData of the ClinicalData part, in order. */
  const itemData = (xml: string) =>
    [...xml.matchAll(/<ItemData ItemOID="([^"]+)"/g)].map((m) => m[1]).join(',');
  const ALL =
    'record_id,first_name,last_name,dob,sex,email,phone,age,demographics_complete,height,weight,bmi,smoker,symptoms___1,symptoms___2,symptoms___3,symptoms___4,pain,notes,health_complete';
  it.each<[string, Record<string, string>, string]>([
    ['fields', { 'fields[0]': 'first_name' }, 'record_id,first_name'],
    [
      'forms',
      { 'forms[0]': 'visit' },
      'record_id,visit_date,visit_start,visit_type,consent,consent_file,visit_complete,visit_date,visit_type,consent,visit_complete',
    ],
    [
      'fields and forms',
      { 'fields[0]': 'first_name', 'forms[0]': 'visit' },
      'record_id,first_name,visit_date,visit_start,visit_type,consent,consent_file,visit_complete,visit_date,visit_type,consent,visit_complete',
    ],
  ])('%s', async (_name, extra, items) => {
    const answer = await post(mockWith(), {
      content: 'record',
      format: 'odm',
      'records[0]': '1',
      ...extra,
    });
    expect(answer.status).toBe(200);
    expect(answer.type).toMatch(/^text\/xml/);
    expect(answer.text).toMatch(/^<\?xml version="1\.0" encoding="UTF-8" \?>\n<ODM /);
    expect(itemData(answer.text)).toBe(items);
  });

  it('neither: every field', async () => {
    const answer = await post(mockWith(), { content: 'record', format: 'odm', 'records[0]': '1' });
    expect(itemData(answer.text).startsWith(`${ALL},`)).toBe(true);
  });
});

describe('Export Records: options seen through the body (§2.3)', () => {
  const commaWeight = (seed: MockRedcapData) => {
    seed.projects[0]!.records[0]!.slots[0]!.values['weight'] = '58,5';
  };
  it.each<[string, Record<string, string>, string]>([
    ['decimalCharacter "." turns a stored comma', { decimalCharacter: '.' }, 'weight\n58.5\n'],
    ['no decimalCharacter keeps it', {}, 'weight\n"58,5"\n'],
  ])('%s', async (_name, extra, body) => {
    const redcap = mockWith(commaWeight);
    const answer = await post(redcap, {
      content: 'record',
      format: 'csv',
      'records[0]': '1',
      'fields[0]': 'weight',
      ...extra,
    });
    expect(answer).toMatchObject({ status: 200, text: body });
  });

  it('EAV CSV takes csvDelimiter', async () => {
    const answer = await post(mockWith(), {
      content: 'record',
      format: 'csv',
      type: 'eav',
      csvDelimiter: ';',
      'records[0]': '1',
      'fields[0]': 'record_id',
      'fields[1]': 'first_name',
    });
    expect(answer).toMatchObject({
      status: 200,
      text: 'record;redcap_repeat_instrument;redcap_repeat_instance;field_name;value\n1;;;record_id;1\n1;;;first_name;Ada\n',
    });
  });
});

describe('Import Records: dateFormat and returnContent (§2.4)', () => {
  it.each<[string, string, string]>([
    ['MDY', '12/31/2001', "dob = '2001-12-31'"],
    ['DMY', '31/12/2001', "dob = '2001-12-31'"],
    ['YMD', '2001-12-31', "dob = '2001-12-31'"],
  ])('%s', async (dateFormat, dob, details) => {
    const redcap = mockWith();
    const answer = await post(redcap, {
      content: 'record',
      dateFormat,
      data: JSON.stringify([{ record_id: '1', dob }]),
    });
    expect(answer).toMatchObject({ status: 200, text: '{"count": 1}' });
    expect(await lastLog(redcap)).toEqual(log('Update record (API) 1', details, '1'));
  });

  it.each<[string, Record<string, string>]>([
    ['no dateFormat: YMD', {}],
    ['a blank dateFormat: YMD', { dateFormat: '' }],
    ['an unknown dateFormat: YMD', { dateFormat: 'XYZ' }],
  ])('%s', async (_name, extra) => {
    const redcap = mockWith();
    const answer = await post(redcap, {
      content: 'record',
      ...extra,
      data: JSON.stringify([{ record_id: '1', dob: '2001-12-31' }]),
    });
    expect(answer).toMatchObject({ status: 200, text: '{"count": 1}' });
    expect(await lastLog(redcap)).toEqual(log('Update record (API) 1', "dob = '2001-12-31'", '1'));
  });

  it.each<[string, Record<string, string>]>([
    ['no dateFormat', {}],
    ['a blank dateFormat', { dateFormat: '' }],
    ['an unknown dateFormat', { dateFormat: 'XYZ' }],
  ])('%s: a slashed date is read as YMD, and refused', async (_name, extra) => {
    const answer = await post(mockWith(), {
      content: 'record',
      ...extra,
      data: JSON.stringify([{ record_id: '1', dob: '01/02/2001' }]),
    });
    expect(answer).toMatchObject({
      status: 400,
      text: jsonError('"1","dob","01/02/2001","The value is not a valid date for dob"'),
    });
  });

  it('ids with forceAutoNumber: the new ids alone', async () => {
    const answer = await post(mockWith(), {
      content: 'record',
      returnContent: 'ids',
      forceAutoNumber: 'true',
      data: JSON.stringify([{ record_id: '1', first_name: 'A' }]),
    });
    expect(answer).toMatchObject({ status: 200, text: '["25"]' });
  });
});

describe('Delete Records: refusals (§2.5)', () => {
  it.each<[string, Record<string, string>, string]>([
    ['records as a plain string', { records: '1' }, DEFAULT_400],
    ['records all blank', { 'records[0]': '' }, DEFAULT_400],
    [
      'an unknown record',
      { 'records[0]': 'nope' },
      'One or more of the records provided cannot be deleted because they do not exist in the project. The following records do not exist: nope',
    ],
  ])('%s: 400, nothing deleted', async (_name, extra, message) => {
    const redcap = mockWith();
    expect(await post(redcap, { content: 'record', action: 'delete', ...extra })).toMatchObject({
      status: 400,
      text: jsonError(message),
    });
    expect(await lastLog(redcap)).toEqual(SEED_LAST);
  });
});

describe('Delete Records on a longitudinal project: arm, event, repeat_instance (§2.5)', () => {
  const sbp = async (redcap: ReturnType<typeof mockWith>) =>
    (
      await post(redcap, {
        token: L,
        content: 'record',
        format: 'csv',
        'records[0]': '1',
        'fields[0]': 'record_id',
        'fields[1]': 'sbp',
      })
    ).text;
  const HEAD = 'record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,sbp\n';
  it.each<[string, Record<string, string>, string, string]>([
    [
      'one instance of a repeating event',
      { event: 'unscheduled_arm_1', repeat_instance: '2' },
      "record_id = '1' [event = unscheduled_arm_1] [instance = 2]",
      `${HEAD}1,baseline_arm_1,,,120\n1,week_4_arm_1,,,118\n1,unscheduled_arm_1,,1,135\n1,follow_up_arm_1,,,\n`,
    ],
    [
      'a repeating event without repeat_instance: all its instances',
      { event: 'unscheduled_arm_1' },
      "record_id = '1' [event = unscheduled_arm_1]",
      `${HEAD}1,baseline_arm_1,,,120\n1,week_4_arm_1,,,118\n1,follow_up_arm_1,,,\n`,
    ],
    ['an arm', { arm: '1' }, "record_id = '1' [arm = 1]", ''],
    ['neither: the whole record', {}, "record_id = '1'", ''],
  ])('%s', async (_name, extra, details, after) => {
    const redcap = mockWith();
    const answer = await post(redcap, {
      token: L,
      content: 'record',
      action: 'delete',
      'records[0]': '1',
      ...extra,
    });
    expect(answer).toMatchObject({ status: 200, text: '1' });
    expect(await lastLog(redcap, L)).toEqual(log('Delete record (API) 1', details, '1'));
    expect(await sbp(redcap)).toBe(after);
  });
});

describe('Export Records: survey columns only with surveys on and a survey form (§2.3)', () => {
  const ask = { content: 'record', format: 'csv', 'records[0]': '1', exportSurveyFields: 'true' };
  it.each<[string, (seed: MockRedcapData) => void]>([
    [
      'surveys off',
      (s) => {
        s.projects[0]!.info.surveys_enabled = 0;
      },
    ],
    [
      'no survey form',
      (s) => {
        s.projects[0]!.surveys!.surveys = [];
      },
    ],
    [
      'no survey setup at all',
      (s) => {
        delete s.projects[0]!.surveys;
      },
    ],
  ])('%s: none', async (_name, edit) => {
    const answer = await post(mockWith(edit), { ...ask, 'fields[0]': 'record_id' });
    expect(answer).toMatchObject({
      status: 200,
      text: 'record_id,redcap_repeat_instrument,redcap_repeat_instance\n1,,\n',
    });
  });

  it('a survey on the first form: its timestamp after the identifier, not before the id', async () => {
    const redcap = mockWith((s) => {
      s.projects[0]!.surveys!.surveys.push({
        form: 'demographics',
        title: 'Demographics',
        saveAndReturn: false,
      });
    });
    const answer = await post(redcap, { ...ask, 'forms[0]': 'demographics' });
    expect(answer).toMatchObject({
      status: 200,
      text:
        'record_id,redcap_repeat_instrument,redcap_repeat_instance,redcap_survey_identifier,demographics_timestamp,first_name,last_name,dob,sex,email,phone,age,demographics_complete\n' +
        '1,,,,,Ada,Lovelace,1985-12-10,0,ada@example.org,"(615) 555-0101",38,2\n',
    });
  });

  it('without repeating forms, every row is a main row: the timestamp is there', async () => {
    const redcap = mockWith((s) => {
      s.projects[0]!.repeating = [];
    });
    const answer = await post(redcap, { ...ask, 'fields[0]': 'record_id', 'forms[0]': 'health' });
    expect(answer).toMatchObject({
      status: 200,
      text:
        'record_id,redcap_survey_identifier,health_timestamp,height,weight,bmi,smoker,symptoms___1,symptoms___2,symptoms___3,symptoms___4,pain,notes,health_complete\n' +
        '1,,"2024-01-15 09:42:10",165,58.5,21.5,0,1,1,0,0,20,"Mild cough, no fever.",2\n',
    });
  });
});
