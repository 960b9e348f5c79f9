import { describe, expect, it } from 'vitest';
import { ALICE_TOKEN } from '../../../mocks/fixtures/index.ts';
import { client, CT, XML_HEAD, type Target } from './client.ts';

/** §2.19's keys, in order. */
const PROJECT_KEYS = [
  'project_id',
  'project_title',
  'creation_time',
  'production_time',
  'in_production',
  'project_language',
  'purpose',
  'purpose_other',
  'project_notes',
  'custom_record_label',
  'secondary_unique_field',
  'is_longitudinal',
  'has_repeating_instruments_or_events',
  'surveys_enabled',
  'scheduling_enabled',
  'record_autonumbering_enabled',
  'randomization_enabled',
  'ddp_enabled',
  'project_irb_number',
  'project_grant_number',
  'project_pi_firstname',
  'project_pi_lastname',
  'project_pi_email',
  'display_today_now_button',
  'missing_data_codes',
  'external_modules',
  'bypass_branching_erase_field_prompt',
];

/** §2.9's 18 columns, in order. */
const METADATA_KEYS =
  'field_name,form_name,section_header,field_type,field_label,select_choices_or_calculations,field_note,text_validation_type_or_show_slider_number,text_validation_min,text_validation_max,identifier,branching_logic,required_field,custom_alignment,question_number,matrix_group_name,matrix_ranking,field_annotation';

/** The fixture's dictionary (mocks/fixtures/classic-demo-dictionary.ts). */
// prettier-ignore
export const FIELD_NAMES = [
  'record_id', 'first_name', 'last_name', 'dob', 'sex', 'email', 'phone', 'age',
  'height', 'weight', 'bmi', 'smoker', 'symptoms', 'pain', 'notes',
  'visit_intro', 'visit_date', 'visit_start', 'visit_type', 'consent', 'consent_file',
];

/** Its data columns (§2.3, §3.3): checkboxes expanded, each form's status after its fields. */
// prettier-ignore
export const DATA_COLUMNS = [
  'record_id', 'first_name', 'last_name', 'dob', 'sex', 'email', 'phone', 'age',
  'demographics_complete', 'height', 'weight', 'bmi', 'smoker',
  'symptoms___1', 'symptoms___2', 'symptoms___3', 'symptoms___4', 'pain', 'notes',
  'health_complete', 'visit_date', 'visit_start', 'visit_type', 'consent', 'consent_file',
  'visit_complete',
];

/**
 * A flat export's columns (§2.3 "Column order"): the record id, then, as the project has a
 * repeating instrument, redcap_repeat_instrument and redcap_repeat_instance, then the data.
 */
export const EXPORT_COLUMNS = [
  'record_id',
  'redcap_repeat_instrument',
  'redcap_repeat_instance',
  ...DATA_COLUMNS.slice(1),
];

/** Instruments, project info, metadata and export field names. */
export function structureSuite(target: Target) {
  const api = client(target);

  describe('Export Instruments (§2.11)', () => {
    it('lists name and label in form order, in JSON', async () => {
      const r = await api.call('exp_instr', { format: 'json' });
      expect(r.contentType).toBe(CT.json);
      expect(r.text).toBe(
        '[{"instrument_name":"demographics","instrument_label":"Demographics"},' +
          '{"instrument_name":"health","instrument_label":"Health"},' +
          '{"instrument_name":"visit","instrument_label":"Visit"}]',
      );
    });

    it('writes CSV with a header and a trailing newline', async () => {
      const r = await api.call('exp_instr', { format: 'csv' });
      expect(r.contentType).toBe(CT.csv);
      expect(r.text).toBe(
        'instrument_name,instrument_label\ndemographics,Demographics\nhealth,Health\nvisit,Visit\n',
      );
    });

    it('defaults to XML records/item with CDATA values (§1.6)', async () => {
      const r = await api.call('exp_instr', {});
      expect(r.contentType).toBe(CT.xml);
      const item = (name: string, label: string) =>
        `<item><instrument_name><![CDATA[${name}]]></instrument_name><instrument_label><![CDATA[${label}]]></instrument_label></item>\n`;
      expect(r.text).toBe(
        `${XML_HEAD}\n<records>\n${item('demographics', 'Demographics')}${item('health', 'Health')}${item('visit', 'Visit')}</records>`,
      );
    });
  });

  describe('Export Project Information (§2.19)', () => {
    it('is one JSON object, keys in order, flags as numbers', async () => {
      const info = await api.json<Record<string, unknown>>('exp_proj', {});
      expect(Object.keys(info)).toEqual(PROJECT_KEYS);
      expect(info).toMatchObject({
        project_id: 14,
        project_title: 'Classic demo (mock)',
        in_production: 0,
        purpose: 0,
        is_longitudinal: 0,
        has_repeating_instruments_or_events: 1,
        // `health` is a survey (mocks/README.md).
        surveys_enabled: 1,
        record_autonumbering_enabled: 1,
        production_time: '',
        bypass_branching_erase_field_prompt: 0,
      });
    });

    it('is a header and one row in CSV', async () => {
      const r = await api.call('exp_proj', { format: 'csv' });
      const [header, row, end] = r.text.split('\n');
      expect(header).toBe(PROJECT_KEYS.join(','));
      expect(row).toMatch(/^14,"Classic demo \(mock\)","2024-01-10 09:30:00",,0,English,0,/);
      expect(end).toBe('');
    });

    it('is one <project> element in XML', async () => {
      const r = await api.call('exp_proj', { format: 'xml' });
      expect(
        r.text.startsWith(`${XML_HEAD}\n<project><project_id><![CDATA[14]]></project_id>`),
      ).toBe(true);
      expect(r.text).toContain('<production_time></production_time>');
      expect(r.text.endsWith('</project>')).toBe(true);
    });
  });

  describe('Export Metadata (§2.9)', () => {
    it('has 18 string columns per field, in dictionary order', async () => {
      const rows = await api.json('exp_metadata', {});
      expect(rows.map((r) => r['field_name'])).toEqual(FIELD_NAMES);
      for (const row of rows) {
        expect(Object.keys(row).join(',')).toBe(METADATA_KEYS);
        expect(Object.values(row).every((v) => typeof v === 'string')).toBe(true);
      }
      expect(rows.find((r) => r['field_name'] === 'symptoms')).toMatchObject({
        form_name: 'health',
        field_type: 'checkbox',
        select_choices_or_calculations: '1, Fever | 2, Cough | 3, Headache | 4, Fatigue',
        text_validation_type_or_show_slider_number: '',
      });
    });

    it('describes calc, slider and file fields in the columns §3.2 gives them', async () => {
      const rows = await api.json('exp_metadata', { fields: ['bmi', 'pain', 'consent_file'] });
      const pick = (r: Record<string, string>) => [
        r['field_name'],
        r['form_name'],
        r['field_type'],
        r['select_choices_or_calculations'],
        r['text_validation_type_or_show_slider_number'],
      ];
      expect(rows.map(pick)).toEqual([
        ['bmi', 'health', 'calc', 'round([weight]/(([height]/100)^2),1)', ''],
        ['pain', 'health', 'slider', 'No pain | Moderate | Worst pain', 'number'],
        ['consent_file', 'visit', 'file', '', ''],
      ]);
    });

    it('filters by fields and forms (arrays), keeping dictionary order', async () => {
      const rows = await api.json('exp_metadata', { fields: ['age', 'dob'], forms: ['visit'] });
      expect(rows.map((r) => r['field_name'])).toEqual([
        'dob',
        'age',
        'visit_intro',
        'visit_date',
        'visit_start',
        'visit_type',
        'consent',
        'consent_file',
      ]);
    });

    it('answers unknown fields and forms with the "not valid" 400 (§1.8)', async () => {
      const r = await api.call('exp_metadata', { format: 'json', fields: ['age', 'nope', 'x'] });
      expect(r.status).toBe(400);
      expect(JSON.parse(r.text)).toEqual({
        error: `The following values in the parameter "fields" are not valid: 'nope', 'x'`,
      });
      const f = await api.call('exp_metadata', { format: 'csv', forms: ['labs'] });
      expect(f.text).toBe(
        `ERROR: The following values in the parameter "forms" are not valid: 'labs'`,
      );
    });

    it('ignores a comma string: only Export Records splits them (§1.4)', async () => {
      const r = await api.form([
        ['token', ALICE_TOKEN],
        ['content', 'metadata'],
        ['format', 'json'],
        ['fields', 'record_id,age'],
      ]);
      expect(JSON.parse(r.text)).toHaveLength(21);
    });

    it('writes the snake_case header in CSV', async () => {
      const r = await api.call('exp_metadata', { format: 'csv', fields: ['sex'] });
      expect(r.text).toBe(
        `${METADATA_KEYS}\nsex,demographics,,radio,Sex,"0, Female | 1, Male",,,,,,,,,,,,\n`,
      );
    });
  });

  describe('Export List of Export Field Names (§2.10)', () => {
    it('expands checkboxes, lists form statuses, keeps calc and slider, leaves out descriptive and file fields', async () => {
      const rows = await api.json('exp_field_names', {});
      expect(rows.map((r) => r['export_field_name'])).toEqual(
        DATA_COLUMNS.filter((c) => c !== 'consent_file'),
      );
      const file = await api.json('exp_field_names', { field: 'consent_file' });
      expect(file).toEqual([]);
    });

    it('answers one field with its rows', async () => {
      const rows = await api.json('exp_field_names', { field: 'symptoms' });
      expect(rows).toEqual(
        ['1', '2', '3', '4'].map((code) => ({
          original_field_name: 'symptoms',
          choice_value: code,
          export_field_name: `symptoms___${code}`,
        })),
      );
      const csv = await api.call('exp_field_names', { format: 'csv', field: 'age' });
      expect(csv.text).toBe('original_field_name,choice_value,export_field_name\nage,,age\n');
      const xml = await api.call('exp_field_names', { format: 'xml', field: 'age' });
      expect(xml.text).toBe(
        `${XML_HEAD}\n<records>\n<item><original_field_name><![CDATA[age]]></original_field_name><choice_value></choice_value><export_field_name><![CDATA[age]]></export_field_name></item>\n</records>`,
      );
    });

    it('answers an unknown field with 400', async () => {
      const r = await api.call('exp_field_names', { format: 'json', field: 'nope' });
      expect(r.status).toBe(400);
      expect(JSON.parse(r.text)).toEqual({
        error: `The following values in the parameter "field" are not valid: 'nope'`,
      });
    });
  });
}
