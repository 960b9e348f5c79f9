import { describe, expect, it } from 'vitest';
import { describeSchema } from '../../src/lib/form/describe-schema.ts';
import { getMethod, METHODS, type MethodId } from '../../src/lib/methods/index.ts';
import { modelChoices, unknownNames } from '../../src/lib/project/choices.ts';
import { buildProjectModel } from '../../src/lib/project/model.ts';

const model = buildProjectModel({
  info: {},
  metadata: [
    { field_name: 'record_id', form_name: 'enrollment', field_type: 'text', field_label: 'ID' },
    { field_name: 'note', form_name: 'enrollment', field_type: 'descriptive', field_label: 'Hi' },
    { field_name: 'consent', form_name: 'enrollment', field_type: 'file', field_label: 'Form' },
    {
      field_name: 'sig',
      form_name: 'visit',
      field_type: 'file',
      field_label: 'Signature',
      text_validation_type_or_show_slider_number: 'signature',
    },
    { field_name: 'weight', form_name: 'visit', field_type: 'text', field_label: 'Weight' },
  ],
  instruments: [
    { instrument_name: 'enrollment', instrument_label: 'Enrollment' },
    { instrument_name: 'visit', instrument_label: 'Visit' },
  ],
});

const field = (id: MethodId, name: string) =>
  describeSchema(getMethod(id).params).find((f) => f.name === name)!;

describe('pickers fit their parameter', () => {
  it.each<[MethodId, string, string]>([
    ['exp_file', 'field', 'file-fields'],
    ['imp_file', 'field', 'file-fields'],
    ['del_file', 'field', 'file-fields'],
    ['exp_instr_pdf', 'instrument', 'forms'],
    ['exp_records', 'fields', 'fields'],
    ['exp_proj_xml', 'fields', 'fields'],
    ['exp_metadata', 'fields', 'dictionary-fields'],
    ['exp_field_names', 'field', 'dictionary-fields'],
  ])('%s %s picks from %s', (id, name, source) => {
    expect(field(id, name).picker).toBe(source);
  });

  it('file methods list file-upload fields only, signatures included', () => {
    expect(modelChoices(model, 'file-fields').map((c) => c.value)).toEqual(['consent', 'sig']);
  });

  it('data dictionary parameters list the dictionary’s fields, without form status columns', () => {
    expect(modelChoices(model, 'dictionary-fields').map((c) => c.value)).toEqual([
      'record_id',
      'note',
      'consent',
      'sig',
      'weight',
    ]);
    expect(modelChoices(model, 'fields').map((c) => c.value)).toContain('visit_complete');
  });

  it('a typed field that is not a file-upload field is named as such', () => {
    expect(unknownNames('file-fields', 'weight', modelChoices(model, 'file-fields'))).toEqual([
      '`weight` is not a file-upload field in this project.',
    ]);
  });
});

describe('placeholders fit their parameter', () => {
  it.each<[MethodId, string, string]>([
    ['exp_records', 'fields', 'comma-separated, e.g. record_id, age'],
    ['exp_records', 'records', 'comma-separated, e.g. 1, 2, 3'],
    ['exp_records', 'forms', 'comma-separated, e.g. demographics, visit'],
    ['exp_records', 'events', 'comma-separated, e.g. baseline_arm_1, week_4_arm_1'],
    ['exp_file', 'field', 'e.g. consent_file'],
    ['exp_instr_pdf', 'instrument', 'e.g. demographics'],
    ['del_users', 'users', 'comma-separated, e.g. bob, carol'],
  ])('%s %s: “%s”', (id, name, placeholder) => {
    expect(field(id, name).placeholder).toBe(placeholder);
  });

  it('no list of names is shown numbers as its example', () => {
    for (const method of METHODS)
      for (const f of describeSchema(method.params))
        if (f.type === 'array' && f.picker !== 'records' && f.picker !== 'arms')
          expect(f.placeholder ?? '', `${method.id} ${f.name}`).not.toMatch(/e\.g\. 1\b/);
  });
});
