import { describe, expect, it, vi } from 'vitest';
import { describeSchema } from '../../../src/lib/form/describe-schema.ts';
import { METHODS } from '../../../src/lib/methods/index.ts';
import { choiceSourceOf, MODEL_SOURCES, NOUNS } from '../../../src/lib/project/choices.ts';
import type { ListReader } from '../../../src/lib/project/lists.ts';
import { buildProjectModel } from '../../../src/lib/project/model.ts';
import {
  fromModel,
  isChoiceSource,
  PICKER_SOURCES,
  pickerSource,
  type ChoiceSource,
} from '../../../src/lib/project/pickers/index.ts';
import { REPORTS_WHY } from '../../../src/lib/project/pickers/reports.ts';

/** The picker-source registry: one file per source, one line each in pickers/index.ts. */

/** Every source a catalog parameter names, with one method that names it. */
function namedByTheCatalog(): Map<string, string> {
  const named = new Map<string, string>();
  for (const method of METHODS) {
    for (const field of describeSchema(method.params)) {
      const source = field.picker ?? choiceSourceOf(field, method.group);
      if (source !== undefined && !named.has(source)) named.set(source, method.id);
    }
  }
  return named;
}

const model = buildProjectModel({
  info: { is_longitudinal: 1 },
  metadata: [
    { field_name: 'record_id', form_name: 'enrol', field_type: 'text', field_label: 'ID' },
    { field_name: 'photo', form_name: 'enrol', field_type: 'file', field_label: '<b>Photo</b>' },
    { field_name: 'visit_date', form_name: 'visit', field_type: 'text', field_label: 'Date' },
  ],
  instruments: [
    { instrument_name: 'enrol', instrument_label: 'Enrolment' },
    { instrument_name: 'visit', instrument_label: 'Visit' },
  ],
  arms: [
    { arm_num: 1, name: 'Drug' },
    { arm_num: 2, name: 'Placebo' },
  ],
  events: [
    { event_name: 'Day 1', arm_num: 1, unique_event_name: 'day_1_arm_1' },
    { event_name: 'Day 1', arm_num: 2, unique_event_name: 'day_1_arm_2' },
  ],
});

/** A reader that answers one JSON value and records what was asked. */
function readerOf(json: unknown): ListReader & { mock: { calls: unknown[][] } } {
  return vi.fn<ListReader>(() => Promise.resolve({ ok: true, value: json }));
}

describe('the picker-source registry', () => {
  it('has a registered source for every source a catalog method names', () => {
    const named = namedByTheCatalog();
    expect(named.size).toBeGreaterThanOrEqual(12);
    for (const [source, methodId] of named) {
      expect(isChoiceSource(source), `${methodId} names ${source}`).toBe(true);
    }
    // and nothing registered that no parameter can use.
    expect([...PICKER_SOURCES.keys()].sort()).toEqual([...named.keys()].sort());
  });

  it('registers each source under its own id', () => {
    for (const [id, source] of PICKER_SOURCES) expect(source.id).toBe(id);
    expect(isChoiceSource('nothing')).toBe(false);
    expect(isChoiceSource('constructor')).toBe(false);
  });

  it('says what one thing of each source is called', () => {
    expect(Object.fromEntries([...PICKER_SOURCES].map(([id, s]) => [id, s.noun]))).toEqual({
      fields: 'field',
      'dictionary-fields': 'field',
      'file-fields': 'file-upload field',
      forms: 'instrument',
      events: 'event',
      arms: 'arm',
      records: 'record',
      dags: 'data access group',
      users: 'user',
      roles: 'user role',
      reports: 'report',
      folders: 'folder',
      files: 'file',
    });
    expect(NOUNS['file-fields']).toBe('file-upload field');
  });

  it('reads the model’s sources from the model, and lists the others', () => {
    expect([...MODEL_SOURCES].sort()).toEqual(
      ['arms', 'dictionary-fields', 'events', 'fields', 'file-fields', 'forms'].sort(),
    );
    for (const id of ['records', 'dags', 'users', 'roles', 'reports', 'folders', 'files'] as const)
      expect(fromModel(model, id)).toBeNull();
  });
});

describe('each model source’s choices', () => {
  const values = (id: ChoiceSource, form = {}) =>
    fromModel(model, id, form)?.choices.map((c) => c.value);

  it('lists fields with form status, dictionary fields without, file fields alone', () => {
    expect(values('fields')).toEqual([
      'record_id',
      'photo',
      'enrol_complete',
      'visit_date',
      'visit_complete',
    ]);
    expect(values('dictionary-fields')).toEqual(['record_id', 'photo', 'visit_date']);
    expect(fromModel(model, 'file-fields')?.choices).toEqual([
      { value: 'photo', label: 'Photo', group: 'Enrolment (enrol)' },
    ]);
  });

  it('lists instruments, arms, and events narrowed to the arms chosen', () => {
    expect(fromModel(model, 'forms')?.choices).toEqual([
      { value: 'enrol', label: 'Enrolment' },
      { value: 'visit', label: 'Visit' },
    ]);
    expect(values('arms')).toEqual(['1', '2']);
    expect(values('events')).toEqual(['day_1_arm_1', 'day_1_arm_2']);
    expect(fromModel(model, 'events', { arms: ['2'] })?.choices).toEqual([
      { value: 'day_1_arm_2', label: 'Day 1', group: 'Arm 2: Placebo' },
    ]);
  });

  it('says why when the model part is missing or the project is classic', () => {
    const missing = buildProjectModel({}, { metadata: 'REDCap answered 403: no', info: 'x' });
    expect(fromModel(missing, 'fields')).toEqual({
      choices: [],
      why: 'Could not read them: REDCap answered 403: no',
    });
    expect(fromModel(missing, 'events')?.why).toBe('Could not read them: x');
    const classic = buildProjectModel({ info: { is_longitudinal: 0 } });
    expect(fromModel(classic, 'arms')).toEqual({
      choices: [],
      why: 'This project is not longitudinal: it has no arms or events.',
    });
    expect(fromModel(classic, 'forms')).toEqual({ choices: [], why: null });
  });
});

describe('each list source’s read', () => {
  async function read(id: ChoiceSource, json: unknown, m = model) {
    const source = pickerSource(id);
    if (source.kind !== 'list') throw new Error(`${id} is not a list`);
    const reader = readerOf(json);
    const list = await source.read(reader, m);
    return { list, calls: reader.mock.calls };
  }

  it('reads records with an id-only export, once per record', async () => {
    const { list, calls } = await read('records', [
      { record_id: '1', redcap_event_name: 'a' },
      { record_id: '1', redcap_event_name: 'b' },
      { record_id: '2' },
    ]);
    expect(calls).toEqual([['exp_records', { format: 'json', fields: ['record_id'] }, undefined]]);
    expect(list).toEqual({
      choices: [
        { value: '1', label: '1' },
        { value: '2', label: '2' },
      ],
      why: null,
    });
    expect(pickerSource('records')).toMatchObject({ kind: 'list', needsModel: true });
  });

  it('says why records cannot be listed without the dictionary, without a call', async () => {
    const { list, calls } = await read('records', [], buildProjectModel({}, { metadata: 'no' }));
    expect(list).toEqual({ choices: [], why: 'Could not list them: no' });
    expect(calls).toEqual([]);
  });

  it('reads DAGs, users and roles with their export', async () => {
    const dags = await read('dags', [{ unique_group_name: 's', data_access_group_name: 'Site' }]);
    expect(dags.calls[0]?.slice(0, 2)).toEqual(['exp_dags', { format: 'json' }]);
    expect(dags.list.choices).toEqual([{ value: 's', label: 'Site' }]);
    const users = await read('users', [{ username: 'u', firstname: 'A', lastname: 'B' }]);
    expect(users.calls[0]?.[0]).toBe('exp_users');
    expect(users.list.choices).toEqual([{ value: 'u', label: 'A B' }]);
    const roles = await read('roles', [{ unique_role_name: 'U-1', role_label: 'Data' }]);
    expect(roles.calls[0]?.[0]).toBe('exp_user_roles');
    expect(roles.list.choices).toEqual([{ value: 'U-1', label: 'Data' }]);
  });

  it('says why a list could not be read', async () => {
    const source = pickerSource('dags');
    if (source.kind !== 'list') throw new Error('dags is a list');
    const refused: ListReader = () => Promise.resolve({ ok: false, why: 'REDCap answered 403.' });
    expect(await source.read(refused, model)).toEqual({
      choices: [],
      why: 'Could not list them: REDCap answered 403.',
    });
  });

  it('answers at once that reports cannot be listed', async () => {
    const { list, calls } = await read('reports', []);
    expect(list).toEqual({ choices: [], why: REPORTS_WHY });
    expect(calls).toEqual([]);
  });

  it('reads folders and files of the File Repository, folder by folder', async () => {
    const top = [
      { folder_id: '7', name: 'Scans' },
      { doc_id: '1', name: 'a.txt' },
    ];
    const inside = [{ doc_id: '2', name: 'b.png' }];
    const reader = vi.fn<ListReader>((_, values) =>
      Promise.resolve({ ok: true, value: values['folder_id'] === '7' ? inside : top }),
    );
    const files = pickerSource('files');
    const folders = pickerSource('folders');
    if (files.kind !== 'list' || folders.kind !== 'list') throw new Error('lists');
    expect((await files.read(reader, undefined)).choices).toEqual([
      { value: '1', label: 'a.txt', group: 'Top level' },
      { value: '2', label: 'b.png', group: 'Scans' },
    ]);
    expect((await folders.read(reader, undefined)).choices).toEqual([
      { value: '7', label: 'Scans', group: 'Top level' },
    ]);
  });
});
