import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMockRedcap } from '../../mocks/redcap.ts';
import { createFromOdm, exportJson, post } from './odm-support.ts';

/**
 * Create Project from project XML files written in REDCap's own dialect (tests/fixtures/odm/,
 * our own files modelled on files real servers export), then every part read back method by
 * method: project info, metadata, instruments, arms, events, mappings, repeating setup, DAGs,
 * surveys, records and files.
 */

const fixture = (name: string) => readFileSync(`tests/fixtures/odm/${name}.xml`, 'utf8');

type Row = Record<string, string>;

async function created(name: string) {
  const redcap = createMockRedcap();
  const r = await createFromOdm(redcap, fixture(name));
  expect(r.status, r.text).toBe(200);
  const token = r.text;
  const get = async (content: string, extra: Record<string, string> = {}) =>
    (await exportJson(redcap, token, content, extra)) as Row[];
  return { redcap, token, get };
}

describe('Create Project from a classic project file with every field type and validation', () => {
  it('reads fields, types, validations, ranges, matrix, annotations and form statuses', async () => {
    const { get } = await created('classic-every-field-type');
    const meta = await get('metadata');
    const byName = new Map(meta.map((f) => [f.field_name, f]));
    expect(meta.map((f) => f.field_name)).toEqual([
      'record_id',
      'first_name',
      'notes',
      'sex',
      'race',
      'hobbies',
      'consent',
      'agree',
      'age',
      'photo',
      'mood',
      'info',
      'lookup',
      'dob',
      'height',
      'weight',
      'temp',
      'temp2',
      'visit_dt',
      'visit_dts',
      'visit_dmy',
      'wake',
      'email',
      'phone',
      'zip',
      'feel_now',
      'feel_week',
    ]);
    // Internal names → the data dictionary's.
    expect(Object.fromEntries(meta.map((f) => [f.field_name, f.field_type]))).toMatchObject({
      notes: 'notes',
      sex: 'dropdown',
      race: 'radio',
      hobbies: 'checkbox',
      consent: 'yesno',
      agree: 'truefalse',
      age: 'calc',
      photo: 'file',
      mood: 'slider',
      info: 'descriptive',
      lookup: 'sql',
    });
    const validation = (name: string) =>
      byName.get(name)!.text_validation_type_or_show_slider_number;
    expect(
      [
        'height',
        'weight',
        'temp',
        'temp2',
        'visit_dt',
        'visit_dts',
        'visit_dmy',
        'wake',
        'email',
        'phone',
        'zip',
        'dob',
        'mood',
      ].map(validation),
    ).toEqual([
      'number',
      'integer',
      'number_1dp',
      'number_1dp_comma_decimal',
      'datetime_ymd',
      'datetime_seconds_ymd',
      'date_dmy',
      'time',
      'email',
      'phone',
      'zipcode',
      'date_ymd',
      'number',
    ]);
    expect(byName.get('height')).toMatchObject({
      text_validation_min: '100',
      text_validation_max: '250',
    });
    expect(byName.get('dob')).toMatchObject({
      text_validation_min: '1900-01-01',
      text_validation_max: 'today',
      field_annotation: '@HIDDEN-SURVEY',
    });
    expect(byName.get('first_name')).toMatchObject({
      section_header: 'Identity',
      field_note: 'As on the ID card',
      identifier: 'y',
      required_field: 'y',
      form_name: 'demographics',
    });
    expect(byName.get('notes')!.branching_logic).toBe("[sex] = '1'");
    expect(byName.get('notes')!.field_label).toBe('Notes <free text>');
    expect(byName.get('sex')!.select_choices_or_calculations).toBe('0, Female | 1, Male');
    expect(byName.get('race')).toMatchObject({
      select_choices_or_calculations: '1, Asian | 2, Black | 3, White & other',
      custom_alignment: 'LH',
    });
    expect(byName.get('hobbies')!.select_choices_or_calculations).toBe('1, Reading | 2, Sport');
    expect(byName.get('age')!.select_choices_or_calculations).toBe(
      "rounddown(datediff([dob],'today','y'))",
    );
    expect(byName.get('mood')!.select_choices_or_calculations).toBe('Sad | Neutral | Happy');
    expect(byName.get('feel_now')).toMatchObject({
      matrix_group_name: 'feel',
      section_header: 'How do you feel?',
    });
    expect(byName.get('feel_week')!.matrix_group_name).toBe('feel');
    // The <form>_complete ItemDefs are form statuses, not fields.
    expect(byName.has('demographics_complete')).toBe(false);
    expect(await get('instrument')).toEqual([
      { instrument_name: 'demographics', instrument_label: 'Demographics' },
      { instrument_name: 'measures', instrument_label: 'Measures & Validations' },
    ]);
  });

  it('takes the project attributes from GlobalVariables and skips unknown redcap elements', async () => {
    const { get } = await created('classic-every-field-type');
    const info = (await get('project')) as unknown as Record<string, unknown>;
    expect(info).toMatchObject({
      project_title: 'From XML',
      is_longitudinal: 0,
      record_autonumbering_enabled: 0,
      custom_record_label: '[first_name]',
      missing_data_codes: 'UNK, Unknown | NA, Not applicable',
      has_repeating_instruments_or_events: 0,
    });
  });

  it('imports the records, their statuses, checkboxes and file bytes', async () => {
    const { redcap, token, get } = await created('classic-every-field-type');
    const records = await get('record');
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      record_id: '101',
      first_name: 'Grace & "Amazing"',
      notes: 'line one\nline two',
      sex: '1',
      race: '3',
      hobbies___1: '1',
      hobbies___2: '0',
      consent: '1',
      agree: '0',
      photo: 'hello.txt',
      mood: '72',
      dob: '1990-12-09',
      demographics_complete: '2',
      height: '172.5',
      visit_dt: '2026-11-02 09:30',
      wake: '06:45',
      feel_now: '2',
      measures_complete: '1',
    });
    // Gray form: exported as 0 by default, blank with exportBlankForGrayFormStatus.
    expect(records[1]).toMatchObject({
      record_id: '102',
      hobbies___2: '1',
      measures_complete: '0',
    });
    const file = await post(redcap, {
      token,
      content: 'file',
      action: 'export',
      record: '101',
      field: 'photo',
    });
    expect(file.status).toBe(200);
    expect(file.text).toBe('Hello, ODM!');
  });
});

describe('Create Project from a longitudinal file with two arms and a repeating event', () => {
  it('builds arms, events, mappings and the repeating setup', async () => {
    const { get } = await created('longitudinal-two-arms');
    const info = (await get('project')) as unknown as Record<string, unknown>;
    expect(info).toMatchObject({
      is_longitudinal: 1,
      record_autonumbering_enabled: 1,
      has_repeating_instruments_or_events: 1,
    });
    expect(await get('arm')).toEqual([
      { arm_num: 1, name: 'Drug A' },
      { arm_num: 2, name: 'Placebo' },
    ]);
    const events = await get('event');
    expect(events.map((e) => [e.unique_event_name, e.event_name, e.arm_num])).toEqual([
      ['screening_arm_1', 'Screening', 1],
      ['visit_arm_1', 'Visit', 1],
      ['screening_arm_2', 'Screening', 2],
      ['visit_arm_2', 'Visit', 2],
    ]);
    expect(events[1]!.custom_event_label).toBe('[visit_date]');
    expect(await get('formEventMapping')).toEqual([
      { arm_num: 1, unique_event_name: 'screening_arm_1', form: 'enrollment' },
      { arm_num: 1, unique_event_name: 'visit_arm_1', form: 'visit' },
      { arm_num: 2, unique_event_name: 'screening_arm_2', form: 'enrollment' },
      { arm_num: 2, unique_event_name: 'visit_arm_2', form: 'visit' },
    ]);
    expect(await get('repeatingFormsEvents')).toEqual([
      { event_name: 'visit_arm_1', form_name: '', custom_form_label: '' },
      { event_name: 'visit_arm_2', form_name: 'visit', custom_form_label: '[visit_date]' },
    ]);
    const meta = await get('metadata');
    expect(
      meta.find((f) => f.field_name === 'weight')!.text_validation_type_or_show_slider_number,
    ).toBe('number');
  });

  it('puts event instances and instrument instances where they belong', async () => {
    const { get } = await created('longitudinal-two-arms');
    const rows = (await get('record')).map((r) => [
      r.study_id,
      r.redcap_event_name,
      r.redcap_repeat_instrument,
      String(r.redcap_repeat_instance),
      r.visit_date || r.enroll_date,
    ]);
    expect(rows).toEqual([
      ['1', 'screening_arm_1', '', '', '2026-10-01'],
      ['1', 'visit_arm_1', '', '1', '2026-10-08'],
      ['1', 'visit_arm_1', '', '2', '2026-10-15'],
      ['2', 'screening_arm_2', '', '', '2026-10-03'],
      ['2', 'visit_arm_2', 'visit', '1', '2026-10-10'],
      ['2', 'visit_arm_2', 'visit', '2', '2026-10-17'],
    ]);
  });
});

describe('Create Project from a repeating-instrument survey project', () => {
  it('builds surveys, the repeating instrument and its instances', async () => {
    const { redcap, token, get } = await created('repeating-survey');
    const info = (await get('project')) as unknown as Record<string, unknown>;
    expect(info).toMatchObject({ surveys_enabled: 1, has_repeating_instruments_or_events: 1 });
    expect(await get('repeatingFormsEvents')).toEqual([
      { form_name: 'diary', custom_form_label: '[diary_date]: [mood]' },
    ]);
    const records = await get('record');
    expect(
      records.map((r) => [
        r.participant_id,
        r.redcap_repeat_instrument,
        String(r.redcap_repeat_instance),
        r.mood,
      ]),
    ).toEqual([
      ['P-01', '', '', ''],
      ['P-01', 'diary', '1', '1'],
      ['P-01', 'diary', '2', '3'],
      ['P-01', 'diary', '3', '2'],
      ['P-02', '', '', ''],
    ]);
    expect(records[0]!.intake_complete).toBe('2');
    expect(records[4]!.intake_complete).toBe('0');
    // Both instruments are surveys: a survey link exists for each, none for other forms.
    for (const instrument of ['intake', 'diary']) {
      const link = await post(redcap, {
        token,
        content: 'surveyLink',
        record: 'P-01',
        instrument,
        ...(instrument === 'diary' && { repeat_instance: '1' }),
      });
      expect(link.status, link.text).toBe(200);
    }
    expect(redcap.store.data.projects.at(-1)!.surveys).toMatchObject({
      emailField: 'email',
      surveys: [
        { form: 'intake', title: 'Welcome', saveAndReturn: false },
        { form: 'diary', title: 'Daily diary', saveAndReturn: true },
      ],
    });
  });
});

describe('Create Project from a project file with data access groups', () => {
  it('builds the DAGs and puts each record in its DAG', async () => {
    const { get } = await created('dags');
    expect((await get('dag')).map((d) => [d.data_access_group_name, d.unique_group_name])).toEqual([
      ['Site North', 'site_north'],
      ['Clinic B', 'clinic_b'],
    ]);
    const records = await get('record', { exportDataAccessGroups: 'true' });
    expect(records.map((r) => [r.record_id, r.redcap_data_access_group, r.initials])).toEqual([
      ['1', 'site_north', 'AB'],
      ['2', 'clinic_b', 'CD'],
      ['3', '', 'EF'],
    ]);
    // The DAG column is no field of the new project.
    expect((await get('metadata')).map((f) => f.field_name)).toEqual(['record_id', 'initials']);
  });
});

describe('Create Project settings as a bare XML <item>', () => {
  it('accepts <item><project_title>…</project_title><purpose>0</purpose></item>', async () => {
    const redcap = createMockRedcap();
    const r = await createFromOdm(redcap, fixture('dags'), {
      format: 'xml',
      data: '<?xml version="1.0" encoding="UTF-8" ?><item><project_title>Bare item</project_title><purpose>0</purpose></item>',
    });
    expect(r.status, r.text).toBe(200);
    const info = (await exportJson(redcap, r.text, 'project')) as Record<string, unknown>;
    expect(info.project_title).toBe('Bare item');
  });

  it('accepts the same settings as CSV', async () => {
    const redcap = createMockRedcap();
    const r = await createFromOdm(redcap, fixture('dags'), {
      format: 'csv',
      data: 'project_title,purpose\nCSV settings,0\n',
    });
    expect(r.status, r.text).toBe(200);
    const info = (await exportJson(redcap, r.text, 'project')) as Record<string, unknown>;
    expect(info.project_title).toBe('CSV settings');
  });
});

describe('Export Project XML of a project built from a file', () => {
  it('writes the file again: same metadata, events, setup, DAGs and data', async () => {
    for (const name of [
      'classic-every-field-type',
      'longitudinal-two-arms',
      'repeating-survey',
      'dags',
    ]) {
      const { redcap, token } = await created(name);
      const xml = await post(redcap, {
        token,
        content: 'project_xml',
        exportDataAccessGroups: 'true',
        exportFiles: 'true',
      });
      expect(xml.status).toBe(200);
      // Internal names on the way out too.
      if (name === 'classic-every-field-type') {
        expect(xml.text).toContain('redcap:FieldType="textarea"');
        expect(xml.text).toContain('redcap:FieldType="select"');
        expect(xml.text).toContain('redcap:TextValidationType="float"');
        expect(xml.text).toContain('redcap:TextValidationType="int"');
        expect(xml.text).toContain('<RangeCheck Comparator="GE" SoftHard="Soft">');
        expect(xml.text).toContain(
          '<ItemDef OID="demographics_complete" Name="demographics_complete" DataType="text" Length="1" redcap:Variable="demographics_complete" redcap:FieldType="select" redcap:SectionHeader="Form Status">',
        );
        expect(xml.text).toContain('<![CDATA[SGVsbG8sIE9ETSE=]]>');
      }
      const again = await createFromOdm(redcap, xml.text);
      expect(again.status, again.text).toBe(200);
      // DAG ids are the new project's own; everything else is equal.
      const strip = (value: unknown) =>
        JSON.stringify(value).replace(/"data_access_group_id":\d+,?/g, '');
      for (const content of ['metadata', 'record', 'repeatingFormsEvents', 'dag', 'instrument']) {
        const extra: Record<string, string> =
          content === 'record' ? { exportDataAccessGroups: 'true' } : {};
        expect(
          strip(await exportJson(redcap, again.text, content, extra)),
          `${name} ${content}`,
        ).toBe(strip(await exportJson(redcap, token, content, extra)));
      }
    }
  });
});

describe('Export Records with format=odm', () => {
  it('answers the ODM document, ClinicalData narrowed as asked', async () => {
    const { redcap, token } = await created('longitudinal-two-arms');
    const r = await post(redcap, {
      token,
      content: 'record',
      format: 'odm',
      'records[0]': '2',
      'fields[0]': 'weight',
    });
    expect(r.status).toBe(200);
    expect(r.contentType).toBe('text/xml; charset=utf-8');
    expect(r.text).toMatch(
      /^<\?xml version="1\.0" encoding="UTF-8" \?>\n<ODM [^>]*SourceSystem="REDCap"/,
    );
    const clinical = r.text.slice(r.text.indexOf('<ClinicalData'));
    expect(clinical.match(/<SubjectData SubjectKey="[^"]*"/g)).toEqual([
      '<SubjectData SubjectKey="2"',
    ]);
    expect(clinical.match(/ItemOID="[^"]*"/g)).toEqual([
      'ItemOID="study_id"',
      'ItemOID="weight"',
      'ItemOID="weight"',
    ]);
    expect(clinical).toContain(
      '<StudyEventData StudyEventOID="Event.visit_arm_2" StudyEventRepeatKey="1" redcap:UniqueEventName="visit_arm_2">',
    );
    expect(clinical).toContain('<FormData FormOID="Form.visit" FormRepeatKey="2">');
    // The same records as Export Project XML writes them.
    const xml = await post(redcap, { token, content: 'project_xml', 'records[0]': '2' });
    const all = await post(redcap, { token, content: 'record', format: 'odm', records: '2' });
    expect(all.text.slice(all.text.indexOf('<ClinicalData'))).toBe(
      xml.text.slice(xml.text.indexOf('<ClinicalData')),
    );
  });
});
