import { describe, expect, it } from 'vitest';
import { ALICE_SUPER_TOKEN, ALICE_TOKEN } from '../../mocks/fixtures/index.ts';
import { createMockRedcap, type MockRedcap } from '../../mocks/redcap.ts';
import { post } from './odm-support.ts';
import { mockWith, multipart } from './routes-other-support.ts';

/**
 * Export Project XML (§2.19) and Export Records `format=odm` (§2.16) on projects a client builds
 * (Create Project, Import Metadata, Import Records): the Study OID made of the title, each field's
 * DataType, Length and REDCap attributes, range checks, and what a record's values become.
 */

type Row = Record<string, string>;

const field = (name: string, extra: Row = {}): Row => ({
  field_name: name,
  form_name: 'f',
  field_type: 'text',
  field_label: name,
  ...extra,
});

/** A new project (Create Project) titled `title`, with dictionary `fields` after record_id if given. */
async function newProject(redcap: MockRedcap, title = 'T', fields: Row[] = []): Promise<string> {
  const created = await post(redcap, {
    token: ALICE_SUPER_TOKEN,
    content: 'project',
    format: 'json',
    returnFormat: 'json',
    data: JSON.stringify([{ project_title: title, purpose: '0' }]),
  });
  expect(created.status, created.text).toBe(200);
  if (fields.length > 0) {
    const imported = await post(redcap, {
      token: created.text,
      content: 'metadata',
      format: 'json',
      returnFormat: 'json',
      data: JSON.stringify([field('record_id'), ...fields]),
    });
    expect(imported.status, imported.text).toBe(200);
  }
  return created.text;
}

async function projectXml(redcap: MockRedcap, token: string, extra: Row = {}): Promise<string> {
  const r = await post(redcap, { token, content: 'project_xml', returnFormat: 'json', ...extra });
  expect([r.status, r.contentType]).toEqual([200, 'text/xml; charset=utf-8']);
  return r.text;
}

/** The opening tag of the ItemDef of `oid`. */
function itemDefTag(xml: string, oid: string): string {
  const found = new RegExp(`<ItemDef OID="${oid}"[^>]*>`).exec(xml);
  expect(found, `ItemDef ${oid}`).not.toBeNull();
  return found![0];
}

/** The whole ItemDef element of `oid`. */
function itemDefOf(xml: string, oid: string): string {
  const found = new RegExp(`<ItemDef OID="${oid}"[^>]*>[\\s\\S]*?</ItemDef>`).exec(xml);
  expect(found, `ItemDef ${oid}`).not.toBeNull();
  return found![0];
}

describe('Export Project XML: the Study OID made of the title', () => {
  it.each([
    ['Classic demo', 'Project.ClassicDemo'],
    ['my-project', 'Project.MyProject'],
    ['a.b/c', 'Project.ABC'],
    ['two  blanks', 'Project.TwoBlanks'],
    ['??!', 'Project.16'],
    ['  ', 'Project.16'],
  ])('%j gives %s', async (title, oid) => {
    const redcap = createMockRedcap();
    const token = await newProject(redcap, title === '  ' ? 'x' : title);
    if (title === '  ') {
      // A title of blanks cannot be created; a later Import Project Information cannot set it
      // either, so the store is where it comes from.
      redcap.store.data.projects.at(-1)!.info.project_title = title;
    }
    const xml = await projectXml(redcap, token);
    expect(/<Study OID="([^"]*)">/.exec(xml)?.[1]).toBe(oid);
    expect(/<ClinicalData StudyOID="([^"]*)"/.exec(xml)?.[1]).toBe(oid);
  });
});

describe('Export Project XML: DataType and Length of each kind of field', () => {
  it.each([
    ['', 'text', '999'],
    ['integer', 'integer', '999'],
    ['number', 'float', '999'],
    ['number_2dp', 'float', '999'],
    ['number_1dp_comma_decimal', 'float', '999'],
    ['date_dmy', 'date', '999'],
    ['datetime_seconds_ymd', 'datetime', '999'],
    ['datetime_seconds_mdy', 'datetime', '999'],
    ['datetime_ymd', 'partialDatetime', '999'],
    ['time', 'partialTime', '999'],
    ['time_mm_ss', 'text', '999'],
    ['email', 'text', '999'],
  ])('a text field validated as %j: DataType %s', async (validation, dataType, length) => {
    const redcap = createMockRedcap();
    const token = await newProject(redcap, 'T', [
      field('v', { text_validation_type_or_show_slider_number: validation }),
    ]);
    const tag = itemDefTag(await projectXml(redcap, token, { returnMetadataOnly: 'true' }), 'v');
    expect([/DataType="(\w+)"/.exec(tag)?.[1], /Length="(\d+)"/.exec(tag)?.[1]]).toEqual([
      dataType,
      length,
    ]);
  });

  it.each([
    ['radio', { select_choices_or_calculations: '1, A | 2, B' }, 'v', 'text', '1'],
    ['dropdown', { select_choices_or_calculations: '1, A | 2, B' }, 'v', 'text', '1'],
    ['yesno', {}, 'v', 'boolean', '1'],
    ['truefalse', {}, 'v', 'boolean', '1'],
    ['checkbox', { select_choices_or_calculations: '1, A | 2, B' }, 'v___1', 'boolean', '1'],
    ['sql', { select_choices_or_calculations: 'select 1' }, 'v', 'text', '1'],
    ['calc', { select_choices_or_calculations: '1+1' }, 'v', 'float', '999'],
    ['slider', {}, 'v', 'integer', '999'],
    ['notes', {}, 'v', 'text', '999'],
    ['file', {}, 'v', 'text', '999'],
  ])('a %s field: DataType and Length', async (type, extra, oid, dataType, length) => {
    const redcap = createMockRedcap();
    const token = await newProject(redcap, 'T', [field('v', { field_type: type, ...extra })]);
    const tag = itemDefTag(await projectXml(redcap, token, { returnMetadataOnly: 'true' }), oid);
    expect([/DataType="(\w+)"/.exec(tag)?.[1], /Length="(\d+)"/.exec(tag)?.[1]]).toEqual([
      dataType,
      length,
    ]);
  });
});

describe('Export Project XML: attributes and range checks of a field', () => {
  const range = (comparator: string, value: string, message: string) =>
    `\t\t<RangeCheck Comparator="${comparator}" SoftHard="Soft">\n\t\t\t<CheckValue>${value}</CheckValue>\n\t\t\t<ErrorMessage><TranslatedText>${message}</TranslatedText></ErrorMessage>\n\t\t</RangeCheck>\n`;
  const BARE =
    'The value you provided is outside the suggested range. This value is admissible, but you may wish to double check it.';
  const WITH = (min: string, max: string) =>
    `The value you provided is outside the suggested range (${min} - ${max}). This value is admissible, but you may wish to double check it.`;

  it.each([
    ['a minimum only', { text_validation_min: '1' }, range('GE', '1', BARE)],
    ['a maximum only', { text_validation_max: '9' }, range('LE', '9', BARE)],
    [
      'both',
      { text_validation_min: '1', text_validation_max: '9' },
      range('GE', '1', WITH('1', '9')) + range('LE', '9', WITH('1', '9')),
    ],
    ['neither', {}, ''],
  ])('an integer field with %s', async (_case, bounds, checks) => {
    const redcap = createMockRedcap();
    const token = await newProject(redcap, 'T', [
      field('v', { text_validation_type_or_show_slider_number: 'integer', ...bounds }),
    ]);
    const def = itemDefOf(await projectXml(redcap, token, { returnMetadataOnly: 'true' }), 'v');
    expect(def).toBe(
      '<ItemDef OID="v" Name="v" DataType="integer" Length="999" redcap:Variable="v" redcap:FieldType="text" redcap:TextValidationType="int">\n' +
        '\t\t<Question><TranslatedText>v</TranslatedText></Question>\n' +
        checks +
        '\t</ItemDef>',
    );
  });

  it('a slider with bounds has no range check (only text fields do)', async () => {
    const redcap = createMockRedcap();
    const token = await newProject(redcap, 'T', [
      field('v', { field_type: 'slider', text_validation_min: '1', text_validation_max: '9' }),
    ]);
    const def = itemDefOf(await projectXml(redcap, token, { returnMetadataOnly: 'true' }), 'v');
    expect(def).not.toContain('RangeCheck');
  });

  it('a matrix field writes its question number, group and ranking', async () => {
    const redcap = createMockRedcap();
    const token = await newProject(redcap, 'T', [
      field('v', {
        field_type: 'radio',
        select_choices_or_calculations: '1, A | 2, B',
        question_number: '2b',
        matrix_group_name: 'm',
        matrix_ranking: 'y',
      }),
    ]);
    const tag = itemDefTag(await projectXml(redcap, token, { returnMetadataOnly: 'true' }), 'v');
    expect(tag).toBe(
      '<ItemDef OID="v" Name="v" DataType="text" Length="1" redcap:Variable="v" redcap:FieldType="radio" redcap:QuestionNumber="2b" redcap:MatrixGroupName="m" redcap:MatrixRanking="y">',
    );
  });

  it('a CodeList only for fields with choices', async () => {
    const redcap = createMockRedcap();
    const token = await newProject(redcap, 'T', [
      field('t'),
      field('n', { field_type: 'notes' }),
      field('c', { field_type: 'calc', select_choices_or_calculations: '1+1' }),
      field('r', { field_type: 'radio', select_choices_or_calculations: '1, A | 2, B' }),
    ]);
    const xml = await projectXml(redcap, token, { returnMetadataOnly: 'true' });
    expect([...xml.matchAll(/<CodeList OID="([^"]+)"/g)].map((m) => m[1])).toEqual([
      'r.choices',
      'f_complete.choices',
    ]);
    expect([...xml.matchAll(/<CodeListRef CodeListOID="([^"]+)"/g)].map((m) => m[1])).toEqual([
      'r.choices',
      'f_complete.choices',
    ]);
  });

  it('a checkbox without choices (a stored dictionary) has no item and breaks nothing', async () => {
    const redcap = mockWith((seed) => {
      const project = seed.projects.find((p) => p.users.some((u) => u.token === ALICE_TOKEN))!;
      const last = project.metadata.at(-1)!;
      project.metadata.push({
        ...last,
        field_name: 'empty_box',
        field_type: 'checkbox',
        select_choices_or_calculations: '',
        section_header: 'Empty',
      });
    });
    const xml = await projectXml(redcap, ALICE_TOKEN, { returnMetadataOnly: 'true' });
    expect(xml).not.toContain('empty_box');
    expect(xml).not.toContain('undefined');
  });
});

describe('Export Project XML: record values', () => {
  async function withRecords(rows: Row[], fields: Row[]) {
    const redcap = createMockRedcap();
    const token = await newProject(redcap, 'T', fields);
    const r = await post(redcap, {
      token,
      content: 'record',
      format: 'json',
      returnFormat: 'json',
      data: JSON.stringify(rows),
    });
    expect(r.status, r.text).toBe(200);
    return { redcap, token };
  }

  const items = (xml: string) =>
    [...xml.matchAll(/<ItemData ItemOID="([^"]+)" Value="([^"]*)"/g)].map((m) => `${m[1]}=${m[2]}`);

  it('writes each stored value, none for a blank one', async () => {
    const { redcap, token } = await withRecords(
      [{ record_id: '1', a: 'x', b: '' }],
      [field('a'), field('b')],
    );
    expect(items(await projectXml(redcap, token))).toEqual(['record_id=1', 'a=x', 'f_complete=0']);
  });

  it("writes a file field's value as its file's name, each its own", async () => {
    const { redcap, token } = await withRecords(
      [{ record_id: '1' }, { record_id: '2' }],
      [field('doc', { field_type: 'file' })],
    );
    for (const [record, name] of [
      ['1', 'one.txt'],
      ['2', 'two.txt'],
    ]) {
      const r = await multipart(
        redcap,
        { token, content: 'file', action: 'import', record: record!, field: 'doc' },
        [{ name: name!, type: 'text/plain', content: name! }],
      );
      expect(r.status, r.text).toBe(200);
    }
    expect(items(await projectXml(redcap, token))).toEqual([
      'record_id=1',
      'doc=one.txt',
      'f_complete=0',
      'record_id=2',
      'doc=two.txt',
      'f_complete=0',
    ]);
  });

  it("writes a file field's value as it is when its file is gone (a stored project)", async () => {
    const redcap = createMockRedcap();
    const token = await newProject(redcap, 'T', [field('doc', { field_type: 'file' })]);
    const project = redcap.store.data.projects.at(-1)!;
    project.records.push({
      id: '1',
      dag: '',
      slots: [
        {
          event: null,
          repeatInstrument: null,
          instance: null,
          values: Object.assign(Object.create(null) as Row, { record_id: '1', doc: '999' }),
          checked: Object.create(null) as Record<string, string[]>,
        },
      ],
    } as (typeof project.records)[number]);
    expect(items(await projectXml(redcap, token))).toEqual(['record_id=1', 'doc=999']);
  });

  it('writes a DAG only with exportDataAccessGroups', async () => {
    const redcap = createMockRedcap();
    expect(await projectXml(redcap, ALICE_TOKEN)).not.toContain('redcap_data_access_group');
    expect(await projectXml(redcap, ALICE_TOKEN, { exportDataAccessGroups: 'true' })).toContain(
      'ItemOID="redcap_data_access_group"',
    );
  });

  it.each([
    ['Export Project XML', { content: 'project_xml' }],
    ['Export Records as ODM', { content: 'record', format: 'odm' }],
  ])('%s writes no DAG in a project without DAGs, even when asked', async (_case, fields) => {
    const { redcap, token } = await withRecords([{ record_id: '1', a: 'x' }], [field('a')]);
    const r = await post(redcap, {
      token,
      returnFormat: 'json',
      exportDataAccessGroups: 'true',
      ...fields,
    });
    expect(r.status).toBe(200);
    expect(items(r.text)).toEqual(['record_id=1', 'a=x', 'f_complete=0']);
    expect(r.text).not.toContain('DataAccessGroup');
  });

  it('a new project: no DAGs, surveys, events or repeating setup in its GlobalVariables', async () => {
    const redcap = createMockRedcap();
    const token = await newProject(redcap, 'New');
    const xml = await projectXml(redcap, token);
    const globals = /<GlobalVariables>[\s\S]*<\/GlobalVariables>/.exec(xml)![0];
    for (const absent of [
      '<redcap:DataAccessGroups',
      '<redcap:SurveysGroup',
      '<redcap:Repeating',
      '<StudyEventDef',
      'undefined',
    ]) {
      expect(xml).not.toContain(absent);
    }
    expect(globals).toContain(
      '<redcap:SurveyInvitationEmailField></redcap:SurveyInvitationEmailField>',
    );
  });
});
