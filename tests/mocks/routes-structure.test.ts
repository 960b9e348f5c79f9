import { describe, expect, it } from 'vitest';
import {
  ALICE_LONGITUDINAL_TOKEN,
  ALICE_PRODUCTION_TOKEN,
  ALICE_SUPER_TOKEN,
  ALICE_TOKEN,
  seedData,
} from '../../mocks/fixtures/index.ts';
import { createMockRedcap, type MockRedcap } from '../../mocks/redcap.ts';
import { DEFAULT_400 } from '../../mocks/wire/render.ts';
import { routeFor, pendingMessage } from '../../mocks/routes/index.ts';
import { ApiError, badRequest } from '../../mocks/store/errors.ts';
import type { MockRedcapData } from '../../mocks/store/types.ts';
import { sendPairs, type Pairs } from './redcap-error.ts';

/**
 * The data dictionary, field names, instruments, version (mocks/routes/metadata*.ts,
 * field-names.ts, instruments.ts, redcap.ts), the route table (index.ts) and the shared
 * parameter readers (params.ts, types.ts) as a client sees them: status and body, one table row
 * per edge (issue #19's mutation survivors).
 */

const JSON_TYPE = 'application/json; charset=utf-8';
const err = (message: string) => JSON.stringify({ error: message });

function mock(change?: (data: MockRedcapData) => void): MockRedcap {
  const seed = seedData();
  change?.(seed);
  return createMockRedcap({ seed });
}

const call = (redcap: MockRedcap, token: string, pairs: Pairs) =>
  sendPairs(redcap, [['token', token], ...pairs]);

async function ok(redcap: MockRedcap, token: string, pairs: Pairs): Promise<unknown> {
  const res = await call(redcap, token, [['format', 'json'], ...pairs]);
  expect(res.status, res.text).toBe(200);
  return JSON.parse(res.text) as unknown;
}

async function lastLog(redcap: MockRedcap, token = ALICE_TOKEN): Promise<string> {
  const rows = (await ok(redcap, token, [['content', 'log']])) as {
    action: string;
    details: string;
  }[];
  return `${rows[0]!.action}| ${rows[0]!.details}`;
}

type Meta = Record<string, string>;
const metadata = (redcap: MockRedcap, extra: Pairs = [], token = ALICE_TOKEN) =>
  ok(redcap, token, [['content', 'metadata'], ...extra]) as Promise<Meta[]>;

/** A dictionary row with every column, blank unless given. */
function row(field_name: string, form_name: string, field_type = 'text', more: Meta = {}): Meta {
  return {
    field_name,
    form_name,
    section_header: '',
    field_type,
    field_label: field_name,
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
    ...more,
  };
}

describe('Export Metadata', () => {
  it.each([
    [[], 21],
    [[['fields[0]', 'dob']], ['dob']],
    [
      [
        ['fields[0]', 'dob'],
        ['fields[1]', 'record_id'],
      ],
      ['record_id', 'dob'],
    ],
    [
      [['forms[0]', 'visit']],
      ['visit_intro', 'visit_date', 'visit_start', 'visit_type', 'consent', 'consent_file'],
    ],
    [
      [
        ['fields[0]', 'dob'],
        ['forms[0]', 'visit'],
      ],
      ['dob', 'visit_intro', 'visit_date', 'visit_start', 'visit_type', 'consent', 'consent_file'],
    ],
    [[['fields', 'dob']], 21], // a plain string: ignored (§1.4)
    [[['fields[0]', ' ']], 21],
  ] as const)('%j → %j', async (extra, wanted) => {
    const rows = await metadata(mock(), extra as Pairs);
    if (typeof wanted === 'number') expect(rows.length).toBe(wanted);
    else expect(rows.map((r) => r.field_name)).toEqual(wanted);
  });

  it.each([
    [
      [
        ['fields[0]', 'nope'],
        ['fields[1]', 'dob'],
        ['fields[2]', 'x'],
      ],
      `The following values in the parameter "fields" are not valid: 'nope', 'x'`,
    ],
    [[['forms[0]', 'nope']], `The following values in the parameter "forms" are not valid: 'nope'`],
    [
      [['forms[0]', 'record_id']],
      `The following values in the parameter "forms" are not valid: 'record_id'`,
    ],
    [
      [['fields[0]', 'visit']],
      `The following values in the parameter "fields" are not valid: 'visit'`,
    ],
  ] as const)('%j → 400 %j', async (extra, message) => {
    const res = await call(mock(), ALICE_TOKEN, [
      ['content', 'metadata'],
      ['format', 'json'],
      ...(extra as Pairs),
    ]);
    expect([res.status, res.type, res.text]).toEqual([400, JSON_TYPE, err(message)]);
  });

  it('answers format=odm with the 400 the mock gives, in JSON', async () => {
    const res = await call(mock(), ALICE_TOKEN, [
      ['content', 'metadata'],
      ['format', 'odm'],
      ['returnFormat', 'json'],
    ]);
    expect([res.status, res.text]).toEqual([
      400,
      err('The mock REDCap does not support format=odm yet; use json, csv or xml.'),
    ]);
  });

  it('answers CSV with the 18 columns, and logs', async () => {
    const redcap = mock();
    const res = await call(redcap, ALICE_TOKEN, [
      ['content', 'metadata'],
      ['format', 'csv'],
      ['fields[0]', 'record_id'],
      ['playground', '1'],
    ]);
    expect([res.status, res.type]).toEqual([200, 'text/csv; charset=utf-8']);
    expect(res.text).toBe(
      'field_name,form_name,section_header,field_type,field_label,select_choices_or_calculations,field_note,text_validation_type_or_show_slider_number,text_validation_min,text_validation_max,identifier,branching_logic,required_field,custom_alignment,question_number,matrix_group_name,matrix_ranking,field_annotation\nrecord_id,demographics,,text,"Record ID",,,,,,,,,,,,,\n',
    );
    expect(await lastLog(redcap)).toBe('Manage/Design | Export metadata (API Playground)');
  });
});

describe('Export Field Names, Instruments, Version', () => {
  it.each([
    ['', null],
    [
      'symptoms',
      [
        'symptoms:1:symptoms___1',
        'symptoms:2:symptoms___2',
        'symptoms:3:symptoms___3',
        'symptoms:4:symptoms___4',
      ],
    ],
    ['dob', ['dob::dob']],
    ['demographics_complete', ['demographics_complete::demographics_complete']],
    ['consent_file', []], // a file field: known, but no export column
    ['visit_intro', []], // descriptive: known, no column
    ['bmi', ['bmi::bmi']], // calc fields are kept
  ])('field=%j → %j', async (field, wanted) => {
    const rows = (await ok(mock(), ALICE_TOKEN, [
      ['content', 'exportFieldNames'],
      ['field', field],
    ])) as Meta[];
    const got = rows.map(
      (r) => `${r.original_field_name}:${r.choice_value}:${r.export_field_name}`,
    );
    if (wanted) expect(got).toEqual(wanted);
    else {
      expect(got).toContain('visit_complete::visit_complete');
      expect(got).not.toContain('consent_file::consent_file');
      expect(got).not.toContain('visit_intro::visit_intro');
      expect(got.indexOf('demographics_complete::demographics_complete')).toBe(
        got.indexOf('age::age') + 1,
      );
    }
  });

  it('an unknown field is a 400 naming it', async () => {
    const res = await call(mock(), ALICE_TOKEN, [
      ['content', 'exportFieldNames'],
      ['format', 'json'],
      ['field', 'nope'],
    ]);
    expect([res.status, res.text]).toEqual([
      400,
      err(`The following values in the parameter "field" are not valid: 'nope'`),
    ]);
  });

  it.each([
    ['exportFieldNames', 'Export field names (API Playground)', '<original_field_name>'],
    [
      'instrument',
      'Export instruments (API Playground)',
      '<instrument_name><![CDATA[demographics]]></instrument_name><instrument_label><![CDATA[Demographics]]></instrument_label>',
    ],
    ['version', 'Export REDCap version (API Playground)', null],
  ])('%s: odm answers XML, and the call is logged', async (content, details, part) => {
    const redcap = mock();
    const res = await call(redcap, ALICE_TOKEN, [
      ['content', content],
      ['format', 'odm'],
      ['playground', '1'],
    ]);
    expect(res.status).toBe(200);
    if (part) {
      expect(res.type).toBe('text/xml; charset=utf-8');
      expect(res.text).toContain(part);
    }
    expect(await lastLog(redcap)).toBe(`Manage/Design | ${details}`);
  });

  it('Export Instruments in JSON and CSV', async () => {
    const redcap = mock();
    expect(await ok(redcap, ALICE_TOKEN, [['content', 'instrument']])).toEqual([
      { instrument_name: 'demographics', instrument_label: 'Demographics' },
      { instrument_name: 'health', instrument_label: 'Health' },
      { instrument_name: 'visit', instrument_label: 'Visit' },
    ]);
    const csv = await call(redcap, ALICE_TOKEN, [
      ['content', 'instrument'],
      ['format', 'csv'],
    ]);
    expect(csv.text).toBe(
      'instrument_name,instrument_label\ndemographics,Demographics\nhealth,Health\nvisit,Visit\n',
    );
  });

  it.each([
    [ALICE_TOKEN, 'json', 'application/json; charset=utf-8'],
    [ALICE_TOKEN, 'csv', 'text/csv; charset=utf-8'],
    [ALICE_SUPER_TOKEN, 'xml', 'text/xml; charset=utf-8'],
  ])('Export Version (%s, %s): the bare version', async (token, format, type) => {
    const res = await call(mock(), token, [
      ['content', 'version'],
      ['format', format],
      ['returnFormat', format],
    ]);
    expect([res.status, res.type, res.text]).toEqual([200, type, '14.5.10']);
  });

  it('Export Version with a super token writes no project log row', async () => {
    const redcap = mock();
    const before = redcap.store.data.projects.map((p) => p.log.length);
    await call(redcap, ALICE_SUPER_TOKEN, [['content', 'version']]);
    expect(redcap.store.data.projects.map((p) => p.log.length)).toEqual(before);
  });
});

describe('Import Metadata', () => {
  const BASE = [
    row('record_id', 'one'),
    row('age', 'one', 'text', { text_validation_type_or_show_slider_number: 'integer' }),
  ];
  const importMeta = (redcap: MockRedcap, rows: unknown, extra: Pairs = [], token = ALICE_TOKEN) =>
    call(redcap, token, [
      ['content', 'metadata'],
      ['action', 'import'],
      ['format', 'json'],
      ['data', typeof rows === 'string' ? rows : JSON.stringify(rows)],
      ...extra,
    ]);

  const at = (n: number, name: string) => `Row ${n} (${name || 'no name'})`;
  const TYPES =
    'text, notes, dropdown, radio, checkbox, yesno, truefalse, file, calc, sql, descriptive, slider';

  it.each([
    ['no rows', [], DEFAULT_400],
    [
      'an unknown column',
      [{ ...row('record_id', 'one'), colour: 'x' }],
      'Row 1: "colour" is not a data dictionary column',
    ],
    [
      'a capital in field_name',
      [row('Record_id', 'one')],
      `${at(1, 'Record_id')}: field_name must start with a lowercase letter and hold only a-z, 0-9 and _`,
    ],
    [
      'a digit first',
      [row('1d', 'one')],
      `${at(1, '1d')}: field_name must start with a lowercase letter and hold only a-z, 0-9 and _`,
    ],
    [
      'no field_name',
      [row('', 'one')],
      `${at(1, '')}: field_name must start with a lowercase letter and hold only a-z, 0-9 and _`,
    ],
    [
      '101 characters',
      [row(`a${'b'.repeat(100)}`, 'one')],
      `${at(1, `a${'b'.repeat(100)}`)}: field_name must start with a lowercase letter and hold only a-z, 0-9 and _`,
    ],
    [
      'a bad form_name',
      [row('record_id', 'One')],
      `${at(1, 'record_id')}: form_name must start with a lowercase letter and hold only a-z, 0-9 and _`,
    ],
    [
      'a form_name with a space',
      [row('record_id', 'o ne')],
      `${at(1, 'record_id')}: form_name must start with a lowercase letter and hold only a-z, 0-9 and _`,
    ],
    [
      'an unknown type',
      [row('record_id', 'one'), row('x', 'one', 'texts')],
      `${at(2, 'x')}: "texts" is not a field type (${TYPES})`,
    ],
    [
      'a first field not text',
      [row('record_id', 'one', 'notes')],
      `${at(1, 'record_id')}: the first field is the record ID field and must be a text field`,
    ],
    [
      'a radio without choices',
      [...BASE, row('r', 'one', 'radio')],
      `${at(3, 'r')}: a radio field needs choices such as "1, Yes | 0, No"`,
    ],
    [
      'a dropdown without a comma',
      [...BASE, row('r', 'one', 'dropdown', { select_choices_or_calculations: '1 Yes' })],
      `${at(3, 'r')}: a dropdown field needs choices such as "1, Yes | 0, No"`,
    ],
    [
      'a checkbox with a bad code',
      [...BASE, row('r', 'one', 'checkbox', { select_choices_or_calculations: '1, A | a b, B' })],
      `${at(3, 'r')}: choice codes must be unique letters, digits, _ - or .`,
    ],
    [
      'a radio with a code twice',
      [...BASE, row('r', 'one', 'radio', { select_choices_or_calculations: '1, A | 1, B' })],
      `${at(3, 'r')}: choice codes must be unique letters, digits, _ - or .`,
    ],
    [
      'a calc without its calculation',
      [...BASE, row('c', 'one', 'calc')],
      `${at(3, 'c')}: a calc field needs its calculation`,
    ],
    [
      'a sql field without SQL',
      [...BASE, row('c', 'one', 'sql')],
      `${at(3, 'c')}: a sql field needs its SQL`,
    ],
    [
      'a slider with four labels',
      [...BASE, row('s', 'one', 'slider', { select_choices_or_calculations: 'a | b | c | d' })],
      `${at(3, 's')}: a slider takes at most three labels ("left | middle | right")`,
    ],
    [
      'an unknown validation',
      [...BASE, row('t', 'one', 'text', { text_validation_type_or_show_slider_number: 'datez' })],
      `${at(3, 't')}: "datez" is not a validation type for a text field`,
    ],
    [
      'number on a notes field',
      [...BASE, row('t', 'one', 'notes', { text_validation_type_or_show_slider_number: 'number' })],
      `${at(3, 't')}: "number" is not a validation type for a notes field`,
    ],
    [
      'integer on a slider',
      [
        ...BASE,
        row('t', 'one', 'slider', { text_validation_type_or_show_slider_number: 'integer' }),
      ],
      `${at(3, 't')}: "integer" is not a validation type for a slider field`,
    ],
    [
      'signature on a text field',
      [
        ...BASE,
        row('t', 'one', 'text', { text_validation_type_or_show_slider_number: 'signature' }),
      ],
      `${at(3, 't')}: "signature" is not a validation type for a text field`,
    ],
    [
      'identifier Y',
      [...BASE, row('t', 'one', 'text', { identifier: 'Y' })],
      `${at(3, 't')}: identifier must be y or blank`,
    ],
    [
      'required_field yes',
      [...BASE, row('t', 'one', 'text', { required_field: 'yes' })],
      `${at(3, 't')}: required_field must be y or blank`,
    ],
    [
      'matrix_ranking 1',
      [...BASE, row('t', 'one', 'text', { matrix_ranking: '1' })],
      `${at(3, 't')}: matrix_ranking must be y or blank`,
    ],
    [
      'custom_alignment lv',
      [...BASE, row('t', 'one', 'text', { custom_alignment: 'lv' })],
      `${at(3, 't')}: custom_alignment must be LV, LH, RV, RH or blank`,
    ],
    ['a field twice', [...BASE, row('age', 'one')], 'Row 3 (age): field_name is used twice'],
    [
      'a form split in two',
      [...BASE, row('b', 'two'), row('c', 'one')],
      'Row 4 (c): the fields of form one must be together',
    ],
    [
      'a form status name',
      [...BASE, row('one_complete', 'one')],
      'one_complete is reserved: it is the status field of a form',
    ],
    [
      'several problems, one per line',
      [row('Bad', 'one', 'notes'), row('x', 'one', 'calc', { identifier: 'n' })],
      [
        `${at(1, 'Bad')}: field_name must start with a lowercase letter and hold only a-z, 0-9 and _`,
        `${at(1, 'Bad')}: the first field is the record ID field and must be a text field`,
        `${at(2, 'x')}: a calc field needs its calculation`,
        `${at(2, 'x')}: identifier must be y or blank`,
      ].join('\n'),
    ],
  ])('%s → 400, the dictionary unchanged', async (_name, rows, message) => {
    const redcap = mock();
    const res = await importMeta(redcap, rows);
    expect([res.status, res.type, res.text]).toEqual([400, JSON_TYPE, err(message)]);
    expect((await metadata(redcap)).length).toBe(21);
  });

  it.each([
    [
      'every choice field with good codes',
      [
        row('r', 'one', 'radio', {
          select_choices_or_calculations: '1, A | b_2, B | c-3, C | d.4, D',
        }),
        row('d', 'one', 'dropdown', { select_choices_or_calculations: '0, No | 1, Yes' }),
        row('k', 'one', 'checkbox', { select_choices_or_calculations: 'x, X' }),
      ],
    ],
    [
      'a slider with three labels and number',
      [
        row('s', 'one', 'slider', {
          select_choices_or_calculations: 'a | b | c',
          text_validation_type_or_show_slider_number: 'number',
        }),
      ],
    ],
    [
      'a signature file field',
      [row('f', 'one', 'file', { text_validation_type_or_show_slider_number: 'signature' })],
    ],
    [
      'each validation a text field may take',
      [
        row('t', 'one', 'text', { text_validation_type_or_show_slider_number: 'date_ymd' }),
        row('u', 'one', 'text', { text_validation_type_or_show_slider_number: 'email' }),
        row('v', 'one', 'text', { text_validation_type_or_show_slider_number: 'vmrn' }),
      ],
    ],
    [
      'y flags and each alignment',
      [
        row('t', 'one', 'text', {
          identifier: 'y',
          required_field: 'y',
          matrix_ranking: 'y',
          custom_alignment: 'LV',
        }),
        row('u', 'one', 'yesno', { custom_alignment: 'RH' }),
        row('w', 'one', 'truefalse', { custom_alignment: 'LH' }),
        row('z', 'one', 'notes', { custom_alignment: 'RV' }),
      ],
    ],
    [
      'calc and sql with their text',
      [
        row('c', 'one', 'calc', { select_choices_or_calculations: '[age]*2' }),
        row('q', 'one', 'sql', { select_choices_or_calculations: 'select 1' }),
        row('e', 'one', 'descriptive'),
      ],
    ],
    ['a field named like a status of no form', [row('two_complete', 'one')]],
    [
      'a form coming back to a later one is fine in order',
      [row('b', 'two'), row('c', 'two'), row('d', 'three')],
    ],
    ['a 100-character name', [row(`a${'b'.repeat(99)}`, 'one')]],
    ['a field named like its form', [row('one', 'one'), row('complete', 'one')]],
  ])('accepts %s', async (_name, more) => {
    const redcap = mock();
    const rows = [...BASE, ...more];
    const res = await importMeta(redcap, rows);
    expect([res.status, res.text]).toEqual([200, String(rows.length)]);
    expect((await metadata(redcap)).map((r) => r.field_name)).toEqual(
      rows.map((r) => r.field_name),
    );
  });

  it('replaces the dictionary: instruments keep their labels, new forms get one, rights follow, records keep their id', async () => {
    const redcap = mock();
    const res = await importMeta(
      redcap,
      [
        row('study_id', 'health', 'text', { field_label: '  Study ID  ' }),
        row('weight', 'health'),
        row('pain_score', 'new_form_two'),
      ],
      [['playground', '1']],
    );
    expect([res.status, res.text]).toEqual([200, '3']);
    expect(await lastLog(redcap)).toBe('Manage/Design | Upload data dictionary (API Playground)');
    expect((await metadata(redcap))[0]!.field_label).toBe('Study ID');
    expect(await ok(redcap, ALICE_TOKEN, [['content', 'instrument']])).toEqual([
      { instrument_name: 'health', instrument_label: 'Health' },
      { instrument_name: 'new_form_two', instrument_label: 'New Form Two' },
    ]);
    const project = redcap.store.data.projects[0]!;
    const alice = project.users.find((u) => u.username === 'alice')!;
    expect(alice.rights.forms['new_form_two']).toBe(1);
    expect(alice.rights.forms_export['new_form_two']).toBe(
      Object.values(alice.rights.forms_export)[0],
    );
    const records = (await ok(redcap, ALICE_TOKEN, [
      ['content', 'record'],
      ['fields[0]', 'study_id'],
    ])) as Meta[];
    expect(records.slice(0, 2)).toEqual([{ study_id: '1' }, { study_id: '2' }]);
  });

  it('keeps a form right already set, and gives forms_export 1 when a user has none', async () => {
    const redcap = mock((data) => {
      const alice = data.projects[0]!.users.find((u) => u.username === 'alice')!;
      alice.rights.forms = { health: 0 };
      alice.rights.forms_export = {};
    });
    const res = await importMeta(redcap, [row('record_id', 'health'), row('x', 'other')]);
    expect(res.status).toBe(200);
    const alice = redcap.store.data.projects[0]!.users.find((u) => u.username === 'alice')!;
    expect(alice.rights.forms).toEqual({ health: 0, other: 1 });
    expect(alice.rights.forms_export).toEqual({ health: 1, other: 1 });
  });

  it("a new form gets the export right of the user's first form", async () => {
    const redcap = mock((data) => {
      const alice = data.projects[0]!.users.find((u) => u.username === 'alice')!;
      alice.rights.forms_export = { health: 2 };
    });
    const res = await importMeta(redcap, [row('record_id', 'health'), row('x', 'other')]);
    expect(res.status).toBe(200);
    const alice = redcap.store.data.projects[0]!.users.find((u) => u.username === 'alice')!;
    expect(alice.rights.forms_export).toEqual({ health: 2, other: 2 });
  });

  it('keeps a repeating event and the repeating forms still in the dictionary', async () => {
    const redcap = mock((data) => {
      data.projects[0]!.repeating = [
        { event_name: '', form_name: 'visit', custom_form_label: '' },
        { event_name: '', form_name: 'health', custom_form_label: '' },
      ];
      data.projects[0]!.info.has_repeating_instruments_or_events = 1;
    });
    await importMeta(redcap, [row('record_id', 'demographics'), row('v', 'visit')]);
    const project = redcap.store.data.projects[0]!;
    expect(project.repeating.map((r) => r.form_name)).toEqual(['visit']);
    expect(project.info.has_repeating_instruments_or_events).toBe(1);
    await importMeta(redcap, [row('record_id', 'demographics')]);
    expect(project.repeating).toEqual([]);
    expect(project.info.has_repeating_instruments_or_events).toBe(0);
  });

  it('keeps a whole repeating event of a longitudinal project', async () => {
    const redcap = mock();
    const res = await importMeta(
      redcap,
      [row('record_id', 'enrollment'), row('weight', 'vitals')],
      [],
      ALICE_LONGITUDINAL_TOKEN,
    );
    expect(res.status).toBe(200);
    expect(redcap.store.data.projects[1]!.repeating).toEqual([
      { event_name: 'unscheduled_arm_1', form_name: '', custom_form_label: '' },
    ]);
  });

  it.each([
    [',', 'field_name,form_name,field_type\nrecord_id,one,text\nb,one,notes'],
    ['tab', 'field_name\tform_name\tfield_type\nrecord_id\tone\ttext\nb\tone\tnotes'],
    ['TAB', 'field_name\tform_name\tfield_type\nrecord_id\tone\ttext\nb\tone\tnotes'],
    [';', 'field_name;form_name;field_type\nrecord_id;one;text\nb;one;notes'],
    ['|', 'field_name|form_name|field_type\nrecord_id|one|text\nb|one|notes'],
    ['^', 'field_name^form_name^field_type\nrecord_id^one^text\nb^one^notes'],
    [':', 'field_name,form_name,field_type\nrecord_id,one,text\nb,one,notes'],
    ['', 'field_name,form_name,field_type\nrecord_id,one,text\nb,one,notes'],
  ])('reads CSV with csvDelimiter=%j', async (delimiter, data) => {
    const redcap = mock();
    const res = await call(redcap, ALICE_TOKEN, [
      ['content', 'metadata'],
      ['action', 'import'],
      ['format', 'csv'],
      ['csvDelimiter', delimiter],
      ['data', data],
    ]);
    expect([res.status, res.text]).toEqual([200, '2']);
    expect((await metadata(redcap)).map((r) => `${r.field_name}:${r.field_type}`)).toEqual([
      'record_id:text',
      'b:notes',
    ]);
  });

  it.each([
    [
      ALICE_PRODUCTION_TOKEN,
      [],
      'The data dictionary can only be imported while the project is in Development status',
    ],
    [
      ALICE_TOKEN,
      [['format', 'odm']],
      'The mock REDCap does not support format=odm yet; use json, csv or xml.',
    ],
  ] as const)('%s %j → 400', async (token, extra, message) => {
    const redcap = mock();
    const res = await importMeta(
      redcap,
      [row('record_id', 'one')],
      [...(extra as Pairs), ['returnFormat', 'json']],
      token,
    );
    expect([res.status, res.text]).toEqual([400, err(message)]);
  });
});

describe('shared parameter readers, through the routes that use them', () => {
  const renameTo = async (name: string) => {
    const redcap = mock();
    return call(redcap, ALICE_TOKEN, [
      ['content', 'record'],
      ['action', 'rename'],
      ['format', 'json'],
      ['record', '1'],
      ['new_record_name', name],
    ]);
  };

  it.each([
    [
      'a+b',
      'The record name (a+b) cannot contain a plus sign (+), ampersand (&), pound sign (#), or apostrophe.',
    ],
    [
      'a&b',
      'The record name (a&b) cannot contain a plus sign (+), ampersand (&), pound sign (#), or apostrophe.',
    ],
    [
      'a#b',
      'The record name (a#b) cannot contain a plus sign (+), ampersand (&), pound sign (#), or apostrophe.',
    ],
    [
      "a'b",
      "The record name (a'b) cannot contain a plus sign (+), ampersand (&), pound sign (#), or apostrophe.",
    ],
    [
      'a\u0000b',
      'A record name cannot contain control characters (NUL, tab, line breaks and the like).',
    ],
    [
      'a\tb',
      'A record name cannot contain control characters (NUL, tab, line breaks and the like).',
    ],
    [
      'a\u001fb',
      'A record name cannot contain control characters (NUL, tab, line breaks and the like).',
    ],
    [
      'a\u007fb',
      'A record name cannot contain control characters (NUL, tab, line breaks and the like).',
    ],
    [
      'a\u009fb',
      'A record name cannot contain control characters (NUL, tab, line breaks and the like).',
    ],
    ['x'.repeat(101), `The record name (${'x'.repeat(20)}…) is longer than 100 characters.`],
    ['é'.repeat(101), `The record name (${'é'.repeat(20)}…) is longer than 100 characters.`],
  ])('rename to %j → 400 %j', async (name, message) => {
    const res = await renameTo(name);
    expect([res.status, res.text]).toEqual([400, err(message)]);
  });

  it.each(['x'.repeat(100), '😀'.repeat(100), 'a\u00a0b', 'a-b_c.d', 'a b'])(
    'rename to %j is accepted',
    async (name) => {
      const res = await renameTo(name);
      expect([res.status, res.text]).toEqual([200, '1']);
    },
  );

  it.each([
    [
      ' record_id , ,dob',
      'record_id,redcap_repeat_instrument,redcap_repeat_instance,dob\n1,,,1985-12-10\n',
    ],
    ['dob', 'dob\n1985-12-10\n'],
    [' , ', null],
  ])('Export Records reads fields=%j as a comma list', async (fields, body) => {
    const redcap = mock();
    const res = await call(redcap, ALICE_TOKEN, [
      ['content', 'record'],
      ['format', 'csv'],
      ['fields', fields],
      ['records[0]', '1'],
    ]);
    expect(res.status).toBe(200);
    if (body) expect(res.text).toBe(body);
    else expect(res.text.split('\n')[0]!.split(',').length).toBeGreaterThan(20);
  });

  const deleteWithInstance = (instance: string) =>
    call(mock(), ALICE_TOKEN, [
      ['content', 'record'],
      ['action', 'delete'],
      ['format', 'json'],
      ['records[0]', '1'],
      ['repeat_instance', instance],
    ]);
  const REPEAT =
    'The value of the parameter "repeat_instance" is not valid: it must be a whole number from 1 to 32767';

  it.each(['0', '-1', '1.5', '01', '+1', '32768', '99999', '100000', 'abc', '1 2', '1e3'])(
    'repeat_instance=%j → 400',
    async (instance) => {
      const res = await deleteWithInstance(instance);
      expect([res.status, res.text]).toEqual([400, err(REPEAT)]);
    },
  );

  it.each(['', ' ', '1', ' 7 ', '9', '10', '32767'])(
    'repeat_instance=%j is read',
    async (instance) => {
      const res = await deleteWithInstance(instance);
      expect([res.status, res.text]).toEqual([200, '1']);
    },
  );

  it.each([
    ['1', 0],
    ['true', 0],
    ['TRUE', 0],
    ['True', 0],
    ['yes', 7],
    ['0', 7],
    ['false', 7],
  ])('the flag override=%j', async (value, left) => {
    const redcap = mock();
    const res = await call(redcap, ALICE_LONGITUDINAL_TOKEN, [
      ['content', 'arm'],
      ['action', 'import'],
      ['format', 'json'],
      ['override', value],
      ['data', '[{"arm_num":"1","name":"A"}]'],
    ]);
    expect(res.status).toBe(200);
    const events = (await ok(redcap, ALICE_LONGITUDINAL_TOKEN, [
      ['content', 'event'],
    ])) as unknown[];
    expect(events.length).toBe(left);
  });

  it('the choice logtype: a known kind filters, anything else reads as all', async () => {
    const redcap = mock();
    for (let i = 0; i < 3; i++) await call(redcap, ALICE_TOKEN, [['content', 'version']]);
    const rows = async (logtype: string) =>
      (
        (await ok(redcap, ALICE_TOKEN, [
          ['content', 'log'],
          ['logtype', logtype],
        ])) as { action: string }[]
      ).map((r) => r.action);
    const all = await rows('');
    expect(all.length).toBeGreaterThan(3);
    // each export of the log logs itself: compare the rows before that last one
    expect((await rows('nonsense')).slice(1)).toEqual(all);
    const manage = await rows('manage');
    expect(manage.length).toBeGreaterThanOrEqual(4);
    expect(manage.every((a) => a.startsWith('Manage/Design'))).toBe(true);
    expect(manage.length).toBeLessThan(all.length + 3);
  });
});

describe('the route table and route errors', () => {
  it('randomize is refused on a longitudinal project with the mock 400, and served on a classic one', async () => {
    const res = await call(mock(), ALICE_LONGITUDINAL_TOKEN, [
      ['content', 'record'],
      ['action', 'randomize'],
      ['format', 'json'],
      ['record', '1'],
      ['randomization_id', '1'],
    ]);
    expect([res.status, res.text]).toEqual([
      400,
      err(
        'The mock REDCap does not implement Randomize Record (randomize) on longitudinal projects yet.',
      ),
    ]);
  });

  it('randomize on a classic project goes to the route', async () => {
    const res = await call(mock(), ALICE_TOKEN, [
      ['content', 'record'],
      ['action', 'randomize'],
      ['format', 'json'],
      ['record', '1'],
      ['randomization_id', '1'],
    ]);
    expect([res.status, res.text]).toEqual([
      400,
      err('The record "1" has already been randomized (randomization_id 1).'),
    ]);
  });

  it('routeFor knows the table, and nothing else', () => {
    expect(routeFor('exp_metadata')?.right).toBe('export');
    expect(routeFor('imp_metadata')?.module?.right).toBe('design');
    expect(routeFor('nope')).toBeUndefined();
    expect(routeFor('toString')).toBeUndefined();
  });

  it('pendingMessage names the method by its label, or by its id', () => {
    expect(pendingMessage('exp_metadata')).toBe(
      'The mock REDCap does not implement Export Metadata (Data Dictionary) (exp_metadata) yet.',
    );
    expect(pendingMessage('nope')).toBe('The mock REDCap does not implement nope (nope) yet.');
  });

  it('ApiError carries status and message', () => {
    const e = badRequest('m');
    expect(e).toBeInstanceOf(ApiError);
    expect([e.name, e.status, e.message]).toEqual(['ApiError', 400, 'm']);
    expect(new ApiError(403, 'x').status).toBe(403);
  });
});
