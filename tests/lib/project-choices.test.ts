import { describe, expect, it } from 'vitest';
import {
  choiceSourceOf,
  listChoices,
  modelChoices,
  repositoryChoices,
  unknownNames,
} from '../../src/lib/project/choices.ts';
import { buildProjectModel } from '../../src/lib/project/model.ts';
import { suggest } from '../../src/lib/suggest.ts';

const model = buildProjectModel({
  info: { is_longitudinal: 1 },
  metadata: [
    { field_name: 'record_id', form_name: 'enrollment', field_type: 'text', field_label: 'ID' },
    { field_name: 'age', form_name: 'enrollment', field_type: 'text', field_label: '<b>Age</b>' },
    {
      field_name: 'sym',
      form_name: 'vitals',
      field_type: 'checkbox',
      field_label: 'Symptoms',
      select_choices_or_calculations: '1, Fever | 2, Cough',
    },
  ],
  instruments: [
    { instrument_name: 'enrollment', instrument_label: 'Enrollment' },
    { instrument_name: 'vitals', instrument_label: 'Vitals' },
  ],
  exportFieldNames: [
    { original_field_name: 'sym', choice_value: '1', export_field_name: 'sym___1' },
    { original_field_name: 'sym', choice_value: '2', export_field_name: 'sym___2' },
  ],
  arms: [
    { arm_num: 1, name: 'A' },
    { arm_num: 2, name: 'B' },
  ],
  events: [
    { event_name: 'Base', arm_num: 1, unique_event_name: 'base_arm_1' },
    { event_name: 'Base', arm_num: 2, unique_event_name: 'base_arm_2' },
  ],
});

describe('suggest', () => {
  it('offers the close name, nothing for a far one', () => {
    expect(suggest('agee', ['record_id', 'age', 'sex'])).toBe('age');
    expect(suggest('AGE', ['age'])).toBe('age');
    expect(suggest('weight', ['age', 'sex'])).toBeNull();
    expect(suggest('x', [])).toBeNull();
  });
});

describe('modelChoices', () => {
  it('groups fields by instrument, with export names and status columns', () => {
    const fields = modelChoices(model, 'fields');
    expect(fields.map((c) => c.value)).toEqual([
      'record_id',
      'age',
      'enrollment_complete',
      'sym',
      'vitals_complete',
    ]);
    expect(fields[1]).toMatchObject({ label: 'Age', group: 'Enrollment (enrollment)' });
    expect(fields[3]!.detail).toBe('exports sym___1, sym___2');
  });

  it('narrows events to the arms chosen in the form', () => {
    expect(modelChoices(model, 'events', { arms: ['2'] }).map((c) => c.value)).toEqual([
      'base_arm_2',
    ]);
    expect(modelChoices(model, 'events', { arm: '1' })[0]).toMatchObject({
      value: 'base_arm_1',
      group: 'Arm 1: A',
    });
    expect(modelChoices(model, 'events')).toHaveLength(2);
  });
});

describe('unknownNames', () => {
  it('says which names the project lacks, with the likely one', () => {
    const fields = modelChoices(model, 'fields');
    expect(unknownNames('fields', ['agee', 'age', ''], fields)).toEqual([
      '`agee` is not a field in this project; did you mean `age`?',
    ]);
    expect(unknownNames('forms', 'zzz', modelChoices(model, 'forms'))).toEqual([
      '`zzz` is not an instrument in this project.',
    ]);
    expect(unknownNames('fields', undefined, fields)).toEqual([]);
  });
});

describe('list choices', () => {
  it('records are distinct ids; DAGs, users and roles by their unique names', () => {
    const rows = [
      { record_id: '1', redcap_event_name: 'a' },
      { record_id: '1', redcap_event_name: 'b' },
      { record_id: '2' },
    ];
    expect(listChoices('records', rows, 'record_id').map((c) => c.value)).toEqual(['1', '2']);
    expect(listChoices('dags', [{ unique_group_name: 's', data_access_group_name: 'S' }])).toEqual([
      { value: 's', label: 'S' },
    ]);
    expect(listChoices('users', [{ username: 'u', firstname: 'A', lastname: 'B' }])).toEqual([
      { value: 'u', label: 'A B' },
    ]);
    expect(listChoices('roles', 'not a list')).toEqual([]);
  });

  it('repository rows split into folders and files', () => {
    const listing = {
      path: 'Top level',
      json: [
        { folder_id: 12, name: 'F' },
        { doc_id: 57, name: 'x.txt' },
      ],
    };
    expect(repositoryChoices('folders', [listing])).toEqual([
      { value: '12', label: 'F', group: 'Top level' },
    ]);
    expect(repositoryChoices('files', [listing])).toEqual([
      { value: '57', label: 'x.txt', group: 'Top level' },
    ]);
  });

  it('File Repository ids get their picker by name', () => {
    expect(choiceSourceOf({ name: 'folder_id' }, 'File Repository')).toBe('folders');
    expect(choiceSourceOf({ name: 'doc_id' }, 'File Repository')).toBe('files');
    expect(choiceSourceOf({ name: 'doc_id' }, 'Files')).toBeUndefined();
    expect(choiceSourceOf({ name: 'x', picker: 'users' }, 'Users')).toBe('users');
  });
});
