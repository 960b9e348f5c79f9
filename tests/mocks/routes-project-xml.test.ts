import { describe, expect, it } from 'vitest';
import {
  ALICE_LONGITUDINAL_TOKEN,
  ALICE_SUPER_TOKEN,
  ALICE_TOKEN,
  DAVE_TOKEN,
} from '../../mocks/fixtures/index.ts';
import { createMockRedcap } from '../../mocks/redcap.ts';
import { post } from './odm-support.ts';

/**
 * Export Project XML (§2.19) and Export Records `format=odm` (§2.16), mocks/routes/project-xml.ts,
 * as a client sees them: the whole document, byte for byte, for each option that changes it.
 * The golden files (tests/fixtures/project-xml/<case>.xml, `npx vitest run <this file> -u`
 * writes them) are reviewed like code: REDCap's layout (tabs, attribute order, the `redcap:`
 * extensions, FormData straight in SubjectData for a classic project) is in mocks/README.md
 * "Project XML (ODM)". The clock is fixed, so the timestamps and the MetaDataVersion OID are too.
 */

const GOLDEN_DIR = new URL('../fixtures/project-xml/', import.meta.url);
const NOW = new Date('2026-03-04T05:06:07Z');

type Case = readonly [name: string, token: string, fields: Record<string, string>];

const CASES: readonly Case[] = [
  // Every option of the classic demo: DAG ItemData after the record id, survey timestamps
  // (completed and "[not completed]"), files as base64 with their names and types.
  [
    'classic-all-options',
    ALICE_TOKEN,
    { exportDataAccessGroups: 'true', exportSurveyFields: 'true', exportFiles: 'true' },
  ],
  // Without options: a file field's value is the file's name; no DAG, no survey timestamp.
  ['classic-records-1-4', ALICE_TOKEN, { 'records[0]': '1', 'records[1]': '4' }],
  // The fields asked for (a form status among them), the record id always kept.
  [
    'classic-fields',
    ALICE_TOKEN,
    {
      'records[0]': '1',
      'records[1]': '2',
      'fields[0]': 'visit_date',
      'fields[1]': 'health_complete',
      'fields[2]': 'symptoms',
      exportSurveyFields: 'true',
    },
  ],
  // A DAG user sees the records of the DAG and no DAG column, whatever the flag says.
  ['classic-dag-user', DAVE_TOKEN, { exportDataAccessGroups: 'true', 'records[0]': '1' }],
  ['classic-metadata-only', ALICE_TOKEN, { returnMetadataOnly: 'true' }],
  // A classic project has no events: an events filter is not checked and narrows nothing.
  ['classic-events-ignored', ALICE_TOKEN, { 'events[0]': 'nope', 'records[0]': '3' }],
  // Arms, events, designations, a repeating event, StudyEventData per event and instance; no
  // DAGs and no surveys in this project, so those flags add nothing.
  [
    'longitudinal-all-options',
    ALICE_LONGITUDINAL_TOKEN,
    { exportDataAccessGroups: 'true', exportSurveyFields: 'true', exportFiles: 'true' },
  ],
  [
    'longitudinal-events-fields',
    ALICE_LONGITUDINAL_TOKEN,
    { 'events[0]': 'unscheduled_arm_1', 'events[1]': 'week_4_arm_1', 'fields[0]': 'weight' },
  ],
];

async function projectXml(token: string, fields: Record<string, string>) {
  const redcap = createMockRedcap({ now: () => NOW });
  return post(redcap, { token, content: 'project_xml', returnFormat: 'json', ...fields });
}

describe('Export Project XML, whole documents', () => {
  it.each(CASES)('%s', async (name, token, fields) => {
    const r = await projectXml(token, fields);
    expect([r.status, r.contentType]).toEqual([200, 'text/xml; charset=utf-8']);
    await expect(r.text).toMatchFileSnapshot(new URL(`${name}.xml`, GOLDEN_DIR).pathname);
  });

  it('is the same document whatever format is asked for (always XML)', async () => {
    const json = await projectXml(ALICE_TOKEN, { format: 'json', 'records[0]': '1' });
    const csv = await projectXml(ALICE_TOKEN, { format: 'csv', 'records[0]': '1' });
    expect(csv).toEqual(json);
  });
});

describe('Export Records format=odm, whole documents', () => {
  const RECORD_CASES: readonly Case[] = [
    [
      'records-odm-classic',
      ALICE_TOKEN,
      {
        'records[0]': '1',
        'records[1]': '6',
        exportDataAccessGroups: 'true',
        exportSurveyFields: 'true',
      },
    ],
    // Narrowed to forms: only their fields, and a files' value is its name (no exportFiles).
    ['records-odm-forms', ALICE_TOKEN, { 'records[0]': '1', 'forms[0]': 'visit' }],
    [
      'records-odm-longitudinal',
      ALICE_LONGITUDINAL_TOKEN,
      { 'records[0]': '1', 'events[0]': 'baseline_arm_1', 'fields[0]': 'weight' },
    ],
  ];
  it.each(RECORD_CASES)('%s', async (name, token, fields) => {
    const redcap = createMockRedcap({ now: () => NOW });
    const r = await post(redcap, {
      token,
      content: 'record',
      format: 'odm',
      returnFormat: 'json',
      ...fields,
    });
    expect([r.status, r.contentType]).toEqual([200, 'text/xml; charset=utf-8']);
    await expect(r.text).toMatchFileSnapshot(new URL(`${name}.xml`, GOLDEN_DIR).pathname);
  });
});

describe('Export Project XML, refused requests', () => {
  const FIELDS_ERROR =
    "The following values in the parameter \\\"fields\\\" are not valid: 'nope', 'visit_complete_'";
  it.each([
    [
      'unknown fields (a form status is a field, a near miss is not)',
      ALICE_TOKEN,
      { 'fields[0]': 'nope', 'fields[1]': 'visit_complete', 'fields[2]': 'visit_complete_' },
      `{"error":"${FIELDS_ERROR}"}`,
    ],
    [
      'an unknown event of a longitudinal project',
      ALICE_LONGITUDINAL_TOKEN,
      { 'events[0]': 'baseline_arm_1', 'events[1]': 'event_1_arm_1' },
      '{"error":"The following values in the parameter \\"events\\" are not valid: \'event_1_arm_1\'"}',
    ],
  ] as const)('%s', async (_name, token, fields, body) => {
    const r = await projectXml(token, fields);
    expect([r.status, r.text]).toEqual([400, body]);
  });

  it('answers in the format asked for by returnFormat', async () => {
    const r = await projectXml(ALICE_TOKEN, { 'fields[0]': 'nope', returnFormat: 'xml' });
    expect([r.status, r.text]).toEqual([
      400,
      '<?xml version="1.0" encoding="UTF-8" ?>\n<hash><error>The following values in the parameter "fields" are not valid: \'nope\'</error></hash>',
    ]);
  });
});

/** One field of the data dictionary (§3.2); the columns not given are blank. */
function field(name: string, type: string, rest: Record<string, string> = {}) {
  return {
    field_name: name,
    form_name: 'f',
    section_header: '',
    field_type: type,
    field_label: `Label of ${name}`,
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
    ...rest,
  };
}

const DICTIONARY = [
  field('id', 'text'),
  field('t_int', 'text', { text_validation_type_or_show_slider_number: 'integer' }),
  field('t_num', 'text', { text_validation_type_or_show_slider_number: 'number' }),
  field('t_num2', 'text', {
    text_validation_type_or_show_slider_number: 'number_2dp_comma_decimal',
  }),
  field('t_date', 'text', { text_validation_type_or_show_slider_number: 'date_mdy' }),
  field('t_dts', 'text', { text_validation_type_or_show_slider_number: 'datetime_seconds_dmy' }),
  field('t_dt', 'text', { text_validation_type_or_show_slider_number: 'datetime_mdy' }),
  field('t_time', 'text', { text_validation_type_or_show_slider_number: 'time' }),
  field('t_mmss', 'text', { text_validation_type_or_show_slider_number: 'time_mm_ss' }),
  field('t_max', 'text', {
    text_validation_type_or_show_slider_number: 'integer',
    text_validation_max: '9',
  }),
  field('notes_f', 'notes', { question_number: '2a', matrix_ranking: '' }),
  field('sql_f', 'sql', { select_choices_or_calculations: 'select 1, "a" & <b>' }),
  field('calc_f', 'calc', { select_choices_or_calculations: '[t_int]*2' }),
  field('slider_f', 'slider', {
    select_choices_or_calculations: 'Low | High',
    text_validation_type_or_show_slider_number: 'number',
  }),
  field('dd', 'dropdown', {
    select_choices_or_calculations: '1, One | 2, Two',
    matrix_group_name: 'm',
    section_header: 'Matrix <1>',
  }),
  field('rr', 'radio', {
    select_choices_or_calculations: 'a, A | b, B',
    matrix_group_name: 'm',
    matrix_ranking: 'y',
  }),
  field('yn', 'yesno', { required_field: 'y', identifier: 'y' }),
  field('tf', 'truefalse', { branching_logic: "[yn] = '1'" }),
  field('cb', 'checkbox', { select_choices_or_calculations: '1, "Quoted" | 2, Line\nbreak' }),
  field('doc', 'file', { text_validation_type_or_show_slider_number: 'signature' }),
  field('desc', 'descriptive', { field_annotation: '@HIDDEN' }),
];

describe('Export Project XML, one ItemDef per kind of field', () => {
  async function itemDefs() {
    const redcap = createMockRedcap({ now: () => NOW });
    const made = await post(redcap, {
      token: ALICE_SUPER_TOKEN,
      content: 'project',
      format: 'json',
      data: '[{"project_title":"Every kind","purpose":"0"}]',
    });
    const token = made.text;
    const meta = await post(redcap, {
      token,
      content: 'metadata',
      format: 'json',
      returnFormat: 'json',
      data: JSON.stringify(DICTIONARY),
    });
    expect([meta.status, meta.text]).toEqual([200, String(DICTIONARY.length)]);
    const r = await post(redcap, {
      token,
      content: 'project_xml',
      returnMetadataOnly: 'true',
      returnFormat: 'json',
    });
    expect(r.status).toBe(200);
    return r.text;
  }

  it('writes the whole metadata document', async () => {
    await expect(await itemDefs()).toMatchFileSnapshot(
      new URL('every-kind-of-field.xml', GOLDEN_DIR).pathname,
    );
  });
});
