import { describe, expect, it } from 'vitest';
import {
  ALICE_LONGITUDINAL_TOKEN,
  ALICE_TOKEN,
  BOB_TOKEN,
  CAROL_TOKEN,
  DAVE_TOKEN,
} from '../../../mocks/fixtures/index.ts';
import { client, CT, XML_HEAD, type Target } from './client.ts';

/**
 * Export Reports (§2.20) and the survey methods (§2.22) on the classic demo: report 1 "Contact
 * list" (record_id, first_name, last_name, email, demographics_complete; everyone), report 2
 * "Smokers" (record_id, sex, weight, bmi, smoker, symptoms; filter `[smoker] = '1'`; alice and
 * bob only), and the survey `health` (Save & Return Later and the Survey Queue on). Rows are
 * written from the fixture (mocks/fixtures/classic-demo.ts); the texts marked "mock's words"
 * are in mocks/README.md.
 */

const json = (message: string) => JSON.stringify({ error: message });
const NOT_THIS_PROJECT = (id: string) =>
  `The API request cannot complete because report_id=${id} does not belong to this project.`; // seen on a live server
const NO_REPORT_ACCESS =
  'The API request cannot complete because you do not have access to report_id=2.'; // mock's words

/** Report 1 for dave (DAG site_a: records 1–5), CSV: repeat columns as in Export Records. */
const CONTACTS_SITE_A = [
  'record_id,redcap_repeat_instrument,redcap_repeat_instance,first_name,last_name,email,demographics_complete',
  '1,,,Ada,Lovelace,ada@example.org,2',
  '2,,,Alan,Turing,alan@example.org,2',
  '3,,,Grace,Hopper,grace@example.com,2',
  '4,,,Katherine,Johnson,,1',
  '5,,,Edsger,Dijkstra,edsger@example.net,2',
  '',
].join('\n');

/** Report 2 (the six smokers), raw, bmi = round(weight / (height/100)², 1). */
const SMOKERS = [
  ['2', '1', '70', '21.6', '1', '0', '0', '0', '0'],
  ['5', '1', '80', '23.4', '1', '0', '1', '0', '1'],
  ['9', '1', '82', '26.8', '1', '1', '0', '0', '0'],
  ['13', '1', '73', '23.3', '1', '0', '0', '0', '0'],
  ['18', '0', '58', '22.1', '1', '1', '1', '0', '1'],
  ['21', '1', '85.7', '26.5', '1', '0', '1', '1', '0'],
];
const SMOKER_COLUMNS = [
  'record_id',
  'redcap_repeat_instrument',
  'redcap_repeat_instance',
  'sex',
  'weight',
  'bmi',
  'smoker',
  'symptoms___1',
  'symptoms___2',
  'symptoms___3',
  'symptoms___4',
];

export function reportsSurveysSuite(target: Target) {
  const api = client(target);
  /** The REDCap base the survey links are built on: the API URL without `api/`. */
  const base = () => target.apiUrl().replace(/api\/$/, '');

  describe('Export Reports (§2.20)', () => {
    it('answers the catalog example: report 1, every record, JSON', async () => {
      const rows = await api.json<Record<string, unknown>[]>('exp_reports', { report_id: '1' });
      expect(rows).toHaveLength(24);
      expect(rows[0]).toEqual({
        record_id: '1',
        redcap_repeat_instrument: '',
        redcap_repeat_instance: '',
        first_name: 'Ada',
        last_name: 'Lovelace',
        email: 'ada@example.org',
        demographics_complete: '2',
      });
      // Record 23 was saved once with nothing in it.
      expect(rows[22]).toEqual({
        record_id: '23',
        redcap_repeat_instrument: '',
        redcap_repeat_instance: '',
        first_name: '',
        last_name: '',
        email: '',
        demographics_complete: '0',
      });
    });

    it('gives a DAG user only the rows of their DAG', async () => {
      const r = await api.call('exp_reports', { format: 'csv', report_id: '1' }, DAVE_TOKEN);
      expect([r.status, r.contentType, r.text]).toEqual([200, CT.csv, CONTACTS_SITE_A]);
    });

    it("applies the report's filter: the six smokers, raw, in CSV", async () => {
      const r = await api.call('exp_reports', { format: 'csv', report_id: '2' });
      const lines = SMOKERS.map((row) => [row[0], '', '', ...row.slice(1)].join(','));
      expect(r.text).toBe([SMOKER_COLUMNS.join(','), ...lines, ''].join('\n'));
    });

    it('writes labels, label headers, checkbox labels, ; and a decimal comma', async () => {
      const r = await api.call('exp_reports', {
        format: 'csv',
        report_id: '2',
        rawOrLabel: 'label',
        rawOrLabelHeaders: 'label',
        exportCheckboxLabel: true,
        csvDelimiter: ';',
        decimalCharacter: ',',
      });
      const [header, first, , , , fifth] = r.text.split('\n');
      // fputcsv encloses cells with a space in quotes (mocks/README.md, CSV).
      expect(header).toBe(
        '"Record ID";"Repeat Instrument";"Repeat Instance";Sex;"Weight (kg)";"BMI (kg/m²)";' +
          '"Current smoker?";"Symptoms in the last week (choice=Fever)";' +
          '"Symptoms in the last week (choice=Cough)";"Symptoms in the last week (choice=Headache)";' +
          '"Symptoms in the last week (choice=Fatigue)"',
      );
      expect(first).toBe('2;;;Male;70;21,6;Yes;;;;');
      expect(fifth).toBe('18;;;Female;58;22,1;Yes;Fever;Cough;;Fatigue');
    });

    it('is flat whatever type says, and renders XML', async () => {
      const r = await api.form([
        ['token', ALICE_TOKEN],
        ['content', 'report'],
        ['report_id', '2'],
        ['type', 'eav'],
        ['format', 'xml'],
      ]);
      expect(r.contentType).toBe(CT.xml);
      expect(r.text.startsWith(`${XML_HEAD}\n<records>\n<item><record_id><![CDATA[2]]>`)).toBe(
        true,
      );
      expect(r.text.match(/<item>/g)).toHaveLength(6);
    });

    it('refuses a report of another project or none at all with REDCap’s 403', async () => {
      for (const [token, id] of [
        [ALICE_TOKEN, '3'],
        [ALICE_TOKEN, 'abc'],
        [ALICE_LONGITUDINAL_TOKEN, '1'],
      ] as const) {
        const r = await api.call('exp_reports', { report_id: id, returnFormat: 'json' }, token);
        expect([r.status, r.text]).toEqual([403, json(NOT_THIS_PROJECT(id))]);
      }
    });

    it('answers a missing report_id with 400 (mock’s words)', async () => {
      const r = await api.form([
        ['token', ALICE_TOKEN],
        ['content', 'report'],
        ['returnFormat', 'csv'],
      ]);
      expect([r.status, r.text]).toEqual([400, "ERROR: The parameter 'report_id' is missing"]);
    });

    it('keeps report 2 from users outside its user access, and needs API Export', async () => {
      const dave = await api.call(
        'exp_reports',
        { report_id: '2', returnFormat: 'json' },
        DAVE_TOKEN,
      );
      expect([dave.status, dave.text]).toEqual([403, json(NO_REPORT_ACCESS)]);
      const bob = await api.call('exp_reports', { report_id: '2', format: 'json' }, BOB_TOKEN);
      expect(JSON.parse(bob.text)).toHaveLength(6);
      const carol = await api.call(
        'exp_reports',
        { report_id: '1', returnFormat: 'json' },
        CAROL_TOKEN,
      );
      expect([carol.status, carol.text]).toEqual([
        403,
        json('You do not have API Export privileges'),
      ]);
    });
  });

  describe('Survey links and codes (§2.22)', () => {
    it('answers the catalog example: a link on the address the request came to', async () => {
      const r = await api.call('exp_surv_link', { record: '1', instrument: 'health' });
      expect(r.status).toBe(200);
      expect(r.contentType).toBe(CT.xml);
      expect(r.text).toMatch(/^https?:\/\/[^?]+\/surveys\/\?s=[A-Z0-9]{10}$/);
      expect(r.text.startsWith(`${base()}surveys/?s=`)).toBe(true);
      // One participant, one link: the same on every call, another for another record.
      const again = await api.call('exp_surv_link', { record: '1', instrument: 'health' });
      const other = await api.call('exp_surv_link', { record: '2', instrument: 'health' });
      expect(again.text).toBe(r.text);
      expect(other.text).not.toBe(r.text);
    });

    it('answers the access code (9) and return code (8) as plain text', async () => {
      const access = await api.call('exp_surv_access_code', {
        record: '1',
        instrument: 'health',
        returnFormat: 'json',
      });
      expect([access.status, access.contentType]).toEqual([200, CT.json]);
      expect(access.text).toMatch(/^[A-Z0-9]{9}$/);
      const ret = await api.call('exp_surv_ret_code', { record: '1', instrument: 'health' });
      expect(ret.text).toMatch(/^[A-Z0-9]{8}$/);
      expect(ret.text).not.toBe(access.text.slice(0, 8));
    });

    it('answers the survey queue link', async () => {
      const r = await api.call('exp_surv_queue_link', { record: '1', returnFormat: 'csv' });
      expect([r.status, r.contentType]).toEqual([200, CT.csv]);
      expect(r.text).toMatch(/^https?:\/\/.+\/surveys\/\?sq=[A-Z0-9]{10}$/);
      expect(r.text.startsWith(`${base()}surveys/?sq=`)).toBe(true);
    });

    it('says which parameter is missing (REDCap’s pattern)', async () => {
      const noRecord = await api.form([
        ['token', ALICE_TOKEN],
        ['content', 'surveyLink'],
        ['instrument', 'health'],
        ['returnFormat', 'json'],
      ]);
      expect([noRecord.status, noRecord.text]).toEqual([
        400,
        json("The parameter 'record' is missing"),
      ]);
      const noInstrument = await api.form([
        ['token', ALICE_TOKEN],
        ['content', 'surveyReturnCode'],
        ['record', '1'],
        ['returnFormat', 'json'],
      ]);
      expect(noInstrument.text).toBe(json("The parameter 'instrument' is missing"));
      const queue = await api.form([
        ['token', ALICE_TOKEN],
        ['content', 'surveyQueueLink'],
        ['returnFormat', 'json'],
      ]);
      expect(queue.text).toBe(json("The parameter 'record' is missing"));
    });

    it('refuses an instrument that is not a survey (REDCap’s words), and a missing record', async () => {
      // REDCap's texts: single quotes for the link and the access code, double quotes for the
      // return code (mocks/README.md, "Where real servers differ").
      const notSurvey = {
        exp_surv_link: "The instrument 'demographics' has not been enabled as a survey",
        exp_surv_access_code: "The instrument 'demographics' has not been enabled as a survey",
        exp_surv_ret_code: 'The instrument "demographics" has not been enabled as a survey',
      };
      for (const id of ['exp_surv_link', 'exp_surv_access_code', 'exp_surv_ret_code'] as const) {
        const form = await api.call(id, {
          record: '1',
          instrument: 'demographics',
          returnFormat: 'json',
        });
        expect([form.status, form.text]).toEqual([400, json(notSurvey[id])]);
        const unknown = await api.call(id, {
          record: '1',
          instrument: 'nope',
          returnFormat: 'json',
        });
        expect([unknown.status, unknown.text]).toEqual([400, json('Invalid instrument')]);
        const record = await api.call(id, {
          record: '999',
          instrument: 'health',
          returnFormat: 'json',
        });
        expect([record.status, record.text]).toEqual([
          400,
          json('The record "999" does not exist'),
        ]);
      }
      const queue = await api.call('exp_surv_queue_link', { record: '999', returnFormat: 'json' });
      expect(queue.text).toBe(json('The record "999" does not exist'));
    });

    it('hides records outside a DAG user’s DAG', async () => {
      const outside = await api.call(
        'exp_surv_link',
        { record: '6', instrument: 'health', returnFormat: 'json' },
        DAVE_TOKEN,
      );
      expect([outside.status, outside.text]).toEqual([400, json('The record "6" does not exist')]);
      const inside = await api.call(
        'exp_surv_link',
        { record: '5', instrument: 'health' },
        DAVE_TOKEN,
      );
      const alices = await api.call('exp_surv_link', { record: '5', instrument: 'health' });
      expect([inside.status, inside.text]).toEqual([200, alices.text]);
    });

    it('answers "surveys not enabled" on a project without surveys (mock’s words)', async () => {
      for (const id of ['exp_surv_link', 'exp_surv_queue_link', 'exp_surv_parts'] as const) {
        const r = await api.call(
          id,
          { record: '1', instrument: 'vitals', returnFormat: 'json' },
          ALICE_LONGITUDINAL_TOKEN,
        );
        expect([id, r.status, r.text]).toEqual([
          id,
          400,
          json('Surveys are not enabled in this project.'),
        ]);
      }
    });

    it('follows surveys_enabled of Import Project Info, and back', async () => {
      const off = await api.call('imp_proj_sett', {
        format: 'json',
        data: '{"surveys_enabled":0}',
      });
      expect(off.text).toBe('1');
      try {
        const r = await api.call('exp_surv_link', {
          record: '1',
          instrument: 'health',
          returnFormat: 'json',
        });
        expect(r.text).toBe(json('Surveys are not enabled in this project.'));
      } finally {
        await api.call('imp_proj_sett', { format: 'json', data: '{"surveys_enabled":1}' });
      }
      const on = await api.call('exp_surv_link', { record: '1', instrument: 'health' });
      expect(on.status).toBe(200);
    });
  });

  describe('Export Records with exportSurveyFields (§2.3)', () => {
    it('adds redcap_survey_identifier and health_timestamp before the survey’s fields', async () => {
      const r = await api.call('exp_records', {
        format: 'csv',
        records: ['1', '2', '3'],
        fields: ['record_id'],
        forms: ['health'],
        exportSurveyFields: true,
      });
      expect(r.text).toBe(
        [
          'record_id,redcap_repeat_instrument,redcap_repeat_instance,redcap_survey_identifier,health_timestamp,height,weight,bmi,smoker,symptoms___1,symptoms___2,symptoms___3,symptoms___4,pain,notes,health_complete',
          // 1 completed the survey, 2 started it and left, 3 never answered it.
          '1,,,,"2024-01-15 09:42:10",165,58.5,21.5,0,1,1,0,0,20,"Mild cough, no fever.",2',
          '2,,,,"[not completed]",180,70,21.6,1,0,0,0,0,0,,1',
          '3,,,,,160.5,55,21.4,0,0,0,1,0,,"Said ""fine"", then left.",0',
          '',
        ].join('\n'),
      );
    });

    it('writes the survey headers with rawOrLabelHeaders=label, and nothing without the flag', async () => {
      const r = await api.call('exp_records', {
        format: 'csv',
        records: ['1'],
        fields: ['record_id', 'smoker'],
        exportSurveyFields: true,
        rawOrLabelHeaders: 'label',
      });
      expect(r.text.split('\n')[0]).toBe(
        '"Record ID","Repeat Instrument","Repeat Instance","Survey Identifier","Survey Timestamp","Current smoker?"',
      );
      const plain = await api.call('exp_records', {
        format: 'csv',
        records: ['1'],
        fields: ['record_id', 'smoker'],
      });
      expect(plain.text.split('\n')[0]).toBe(
        'record_id,redcap_repeat_instrument,redcap_repeat_instance,smoker',
      );
    });
  });

  describe('Export a Survey Participant List (§2.22)', () => {
    it('lists every visible record with its e-mail, status, code and links', async () => {
      const r = await api.call(
        'exp_surv_parts',
        { format: 'json', instrument: 'health' },
        DAVE_TOKEN,
      );
      const rows = JSON.parse(r.text) as Record<string, unknown>[];
      expect(rows.map((p) => Object.keys(p))).toEqual(
        Array(5).fill([
          'email',
          'email_occurrence',
          'identifier',
          'record',
          'invitation_sent_status',
          'invitation_send_time',
          'response_status',
          'survey_access_code',
          'survey_link',
          'survey_queue_link',
        ]),
      );
      // Responses (fixtures/classic-demo-surveys.ts): 1, 4, 5 completed, 2 started, 3 none.
      expect(
        rows.map((p) => [p['record'], p['email'], p['email_occurrence'], p['response_status']]),
      ).toEqual([
        ['1', 'ada@example.org', 1, 2],
        ['2', 'alan@example.org', 1, 1],
        ['3', 'grace@example.com', 1, 0],
        ['4', '', 1, 2],
        ['5', 'edsger@example.net', 1, 2],
      ]);
      expect(rows.every((p) => p['invitation_sent_status'] === 0 && p['identifier'] === '')).toBe(
        true,
      );
      // The link and access code are the ones the single-participant methods give.
      const link = await api.call('exp_surv_link', { record: '1', instrument: 'health' });
      const code = await api.call('exp_surv_access_code', { record: '1', instrument: 'health' });
      const queue = await api.call('exp_surv_queue_link', { record: '1' });
      expect([
        rows[0]!['survey_link'],
        rows[0]!['survey_access_code'],
        rows[0]!['survey_queue_link'],
      ]).toEqual([link.text, code.text, queue.text]);
    });

    it('is CSV with the header, and refuses an instrument that is not a survey', async () => {
      const csv = await api.call('exp_surv_parts', { format: 'csv', instrument: 'health' });
      const lines = csv.text.trimEnd().split('\n');
      expect(lines[0]).toBe(
        'email,email_occurrence,identifier,record,invitation_sent_status,invitation_send_time,response_status,survey_access_code,survey_link,survey_queue_link',
      );
      expect(lines).toHaveLength(25);
      const bad = await api.call('exp_surv_parts', { instrument: 'visit', returnFormat: 'json' });
      expect([bad.status, bad.text]).toEqual([
        400,
        json("The instrument 'visit' has not been enabled as a survey"),
      ]);
    });
  });
}
