import { describe, expect, it } from 'vitest';
import { createMockRedcap } from '../../mocks/redcap.ts';
import { createFromOdm, exportJson, storeSnapshot } from './odm-support.ts';

/**
 * Create Project's file (mocks/routes/project-odm.ts through Create Project): how each field of a
 * small hand-made project XML becomes a dictionary row, attribute by attribute, and the names a
 * file may leave out (redcap:FormName, redcap:Variable).
 */

const RECORD_ID =
  '<ItemDef OID="record_id" Name="record_id" DataType="text" redcap:Variable="record_id" redcap:FieldType="text">' +
  '<Question><TranslatedText>Record ID</TranslatedText></Question></ItemDef>';

const LABEL = '<Question><TranslatedText>L</TranslatedText></Question>';

/** A text field `oid` (its OID, Name and redcap:Variable) with extra attributes and content. */
const item = (oid: string, attrs = '', inner = LABEL, type = 'text') =>
  `<ItemDef OID="${oid}" Name="${oid}" DataType="text" redcap:Variable="${oid}" redcap:FieldType="${type}"${attrs}>${inner}</ItemDef>`;

const ONE_CHOICE =
  '<CodeList OID="a.choices" Name="a" DataType="text"><CodeListItem CodedValue="1"><Decode><TranslatedText>One</TranslatedText></Decode></CodeListItem></CodeList>';

interface Parts {
  readonly form?: string;
  readonly lists?: string;
  readonly refs?: string;
}

/** A one-form project XML: record_id and `items`, each referenced once unless `refs` says. */
function odmOf(items: readonly string[], parts: Parts = {}): string {
  const oids = ['record_id', ...items.map((i) => /OID="([^"]+)"/.exec(i)![1]!)];
  const refs = parts.refs ?? oids.map((o) => `<ItemRef ItemOID="${o}" Mandatory="No"/>`).join('');
  return `<?xml version="1.0" encoding="UTF-8" ?>
<ODM xmlns="http://www.cdisc.org/ns/odm/v1.3" xmlns:redcap="https://projectredcap.org" ODMVersion="1.3.1" FileType="Snapshot">
<Study OID="Project.T"><GlobalVariables><StudyName>T</StudyName></GlobalVariables>
<MetaDataVersion OID="Metadata.T" Name="T">
${parts.form ?? '<FormDef OID="Form.f" Name="F" redcap:FormName="f">'}<ItemGroupRef ItemGroupOID="f.g" Mandatory="No"/></FormDef>
<ItemGroupDef OID="f.g" Name="G" Repeating="No">${refs}</ItemGroupDef>
${RECORD_ID}${items.join('')}${parts.lists ?? ''}
</MetaDataVersion></Study></ODM>`;
}

/** The new project's dictionary after record_id, each row without its blank columns. */
async function fieldsOf(odm: string) {
  const redcap = createMockRedcap();
  const r = await createFromOdm(redcap, odm);
  expect(r.status, r.text).toBe(200);
  const rows = (await exportJson(redcap, r.text, 'metadata')) as Record<string, string>[];
  expect(rows[0]!.field_name).toBe('record_id');
  return rows
    .slice(1)
    .map((row) => Object.fromEntries(Object.entries(row).filter(([, v]) => v !== '')));
}

const field = (extra: Record<string, string>, name = 'a') => ({
  field_name: name,
  form_name: 'f',
  field_type: 'text',
  field_label: 'L',
  ...extra,
});

describe("Create Project's file: a field's label", () => {
  it.each([
    [
      'the first of two translations',
      '<Question><TranslatedText xml:lang="en">A</TranslatedText><TranslatedText xml:lang="fr">B</TranslatedText></Question>',
      'A',
    ],
    [
      'the first translation, deeper down',
      '<Question><x:W xmlns:x="urn:x"><TranslatedText>A</TranslatedText><TranslatedText>B</TranslatedText></x:W></Question>',
      'A',
    ],
    [
      'the first translation, a deeper one before a later one',
      '<Question><x:W xmlns:x="urn:x"><TranslatedText>A</TranslatedText></x:W><TranslatedText>B</TranslatedText></Question>',
      'A',
    ],
    ['blank without a Question', '', ''],
    ['blank with an empty Question', '<Question/>', ''],
    ['blank with a Question of no translation', '<Question><x:W xmlns:x="urn:x"/></Question>', ''],
  ])('is %s', async (_case, inner, label) => {
    const [row] = await fieldsOf(odmOf([item('a', '', inner)]));
    expect(row).toEqual(
      label === ''
        ? { field_name: 'a', form_name: 'f', field_type: 'text' }
        : field({ field_label: label }),
    );
  });
});

describe("Create Project's file: a field's attributes", () => {
  it.each([
    ['redcap:RequiredField="y"', ' redcap:RequiredField="y"', 'No', { required_field: 'y' }],
    ['Mandatory="Yes" on the ItemRef', '', 'Yes', { required_field: 'y' }],
    ['both', ' redcap:RequiredField="y"', 'Yes', { required_field: 'y' }],
    ['redcap:RequiredField="n"', ' redcap:RequiredField="n"', 'No', {}],
    ['Mandatory="No"', '', 'No', {}],
    ['redcap:RequiredField="Y" (case counts)', ' redcap:RequiredField="Y"', 'yes', {}],
    ['redcap:QuestionNumber', ' redcap:QuestionNumber="2b"', 'No', { question_number: '2b' }],
    [
      'integer validation: GE is the minimum, LE the maximum, GT and LT pass',
      ' redcap:TextValidationType="int"',
      'No',
      {
        text_validation_type_or_show_slider_number: 'integer',
        text_validation_min: '1',
        text_validation_max: '9',
      },
    ],
  ])('%s', async (_case, attrs, mandatory, extra) => {
    const checks = attrs.includes('int')
      ? ['GT', '0', 'GE', '1', 'LT', '10', 'LE', '9']
          .join(',')
          .replace(
            /(\w+),(\w+),?/g,
            '<RangeCheck Comparator="$1" SoftHard="Soft"><CheckValue>$2</CheckValue></RangeCheck>',
          )
      : '';
    const odm = odmOf([item('a', attrs, LABEL + checks)], {
      refs: `<ItemRef ItemOID="record_id" Mandatory="No"/><ItemRef ItemOID="a" Mandatory="${mandatory}"/>`,
    });
    expect(await fieldsOf(odm)).toEqual([field(extra)]);
  });

  it.each([
    ['only GT and LT', ['GT', 'LT'], {}],
    ['only LE', ['LE'], { text_validation_max: '5' }],
    ['only GE', ['GE'], { text_validation_min: '5' }],
  ])('range checks: %s', async (_case, comparators, extra) => {
    const checks = comparators
      .map(
        (c) =>
          `<RangeCheck Comparator="${c}" SoftHard="Soft"><CheckValue>5</CheckValue></RangeCheck>`,
      )
      .join('');
    const odm = odmOf([item('a', ' redcap:TextValidationType="int"', LABEL + checks)]);
    expect(await fieldsOf(odm)).toEqual([
      field({ text_validation_type_or_show_slider_number: 'integer', ...extra }),
    ]);
  });

  it('a range check without its CheckValue sets a blank bound', async () => {
    const checks =
      '<RangeCheck Comparator="GE" SoftHard="Soft"/><RangeCheck Comparator="LE" SoftHard="Soft"><CheckValue/></RangeCheck>';
    const odm = odmOf([item('a', ' redcap:TextValidationType="int"', LABEL + checks)]);
    expect(await fieldsOf(odm)).toEqual([
      field({ text_validation_type_or_show_slider_number: 'integer' }),
    ]);
  });

  it('a matrix radio field keeps its group, ranking and question number', async () => {
    const odm = odmOf(
      [
        item(
          'a',
          ' redcap:QuestionNumber="3" redcap:MatrixGroupName="m" redcap:MatrixRanking="y"',
          `${LABEL}<CodeListRef CodeListOID="a.choices"/>`,
          'radio',
        ),
      ],
      { lists: ONE_CHOICE },
    );
    expect(await fieldsOf(odm)).toEqual([
      field({
        field_type: 'radio',
        select_choices_or_calculations: '1, One',
        question_number: '3',
        matrix_group_name: 'm',
        matrix_ranking: 'y',
      }),
    ]);
  });
});

describe("Create Project's file: choices it cannot find", () => {
  const refused = (message: string) =>
    JSON.stringify({ error: `Row 2 (a): ${message} needs choices such as "1, Yes | 0, No"` });

  it.each([
    [
      'a radio field whose CodeList is missing',
      'radio',
      '<CodeListRef CodeListOID="nope"/>',
      ONE_CHOICE,
      refused('a radio field'),
    ],
    ['a radio field without CodeListRef', 'radio', '', ONE_CHOICE, refused('a radio field')],
    ['a dropdown field without CodeListRef', 'select', '', ONE_CHOICE, refused('a dropdown field')],
    [
      'a checkbox field whose CodeList has no redcap:CheckboxChoices',
      'checkbox',
      '<CodeListRef CodeListOID="a.choices"/>',
      ONE_CHOICE,
      refused('a checkbox field'),
    ],
    [
      'a checkbox field without CodeListRef',
      'checkbox',
      '',
      ONE_CHOICE,
      refused('a checkbox field'),
    ],
  ])(
    '%s: the dictionary check refuses it (400), nothing made',
    async (_case, type, ref, lists, error) => {
      const redcap = createMockRedcap();
      const before = storeSnapshot(redcap);
      const r = await createFromOdm(redcap, odmOf([item('a', '', LABEL + ref, type)], { lists }));
      expect([r.status, r.contentType, r.text]).toEqual([
        400,
        'application/json; charset=utf-8',
        error,
      ]);
      expect(storeSnapshot(redcap)).toBe(before);
    },
  );
});

describe("Create Project's file: names a file may leave out", () => {
  const invalid = (why: string) =>
    JSON.stringify({
      error: `The "odm" of Create Project is not a REDCap project XML file: ${why}.`,
    });

  it.each([
    ['Form.<name> gives the instrument name', 'Form.visit_2', [200, 'visit_2']],
    [
      'Form. alone is no name',
      'Form.',
      [400, invalid('the FormDef "Form." has no redcap:FormName')],
    ],
    [
      'another OID is no name',
      'visit',
      [400, invalid('the FormDef "visit" has no redcap:FormName')],
    ],
    [
      'nor is one that only ends in Form.',
      'x.Form.',
      [400, invalid('the FormDef "x.Form." has no redcap:FormName')],
    ],
  ])('a FormDef without redcap:FormName: %s', async (_case, oid, expected) => {
    const redcap = createMockRedcap();
    const r = await createFromOdm(
      redcap,
      odmOf([item('a')], { form: `<FormDef OID="${oid}" Name="F">` }),
    );
    if (r.status !== 200) {
      expect([r.status, r.text]).toEqual(expected);
      return;
    }
    const rows = (await exportJson(redcap, r.text, 'metadata')) as Record<string, string>[];
    expect([r.status, rows[1]!.form_name]).toEqual(expected);
  });

  it.each([
    ['redcap:Variable first', ' redcap:Variable="v" Name="n"', 'v'],
    ['then Name', ' Name="n"', 'n'],
    ['then the OID', '', 'item_x'],
  ])('an ItemDef names its field by %s', async (_case, names, expected) => {
    const def = `<ItemDef OID="item_x"${names} DataType="text" redcap:FieldType="text">${LABEL}</ItemDef>`;
    const odm = odmOf([def]);
    const redcap = createMockRedcap();
    const r = await createFromOdm(redcap, odm);
    expect(r.status, r.text).toBe(200);
    const rows = (await exportJson(redcap, r.text, 'metadata')) as Record<string, string>[];
    expect(rows.map((row) => row.field_name)).toEqual(['record_id', expected]);
  });
});
