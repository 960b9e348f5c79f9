import { describe, expect, it } from 'vitest';
import { dagsOf, findRole, noRights, rolesOf } from '../../mocks/store/access.ts';
import {
  columnsOfField,
  findField,
  isDataField,
  recordIdField,
  repeatingForms,
} from '../../mocks/store/dictionary.ts';
import {
  armsOf,
  eventsOf,
  mappingsOf,
  orderedEvents,
  removeEvents,
  uniqueEventName,
} from '../../mocks/store/longitudinal.ts';
import {
  clearForm,
  compareRecordIds,
  createRecord,
  deleteInstance,
  deleteRecord,
  emptySlot,
  findInstance,
  hasStored,
  instanceSlot,
  lastInstance,
  mainSlot,
  nextRecordId,
  orderedSlots,
  sortedRecords,
  writeColumn,
} from '../../mocks/store/records.ts';
import { fullRights, hasNoExportAccess } from '../../mocks/store/rights.ts';
import { formatDate, formatTimestamp, MockStore } from '../../mocks/store/store.ts';
import type {
  DataSlot,
  MetadataRow,
  MockRedcapData,
  ProjectData,
  StoredRecord,
} from '../../mocks/store/types.ts';

/** The store's rules one by one, on small hand-made projects (issue #19's mutation survivors). */

function field(
  field_name: string,
  form_name: string,
  field_type = 'text',
  choices = '',
): MetadataRow {
  return {
    field_name,
    form_name,
    section_header: '',
    field_type,
    field_label: field_name,
    select_choices_or_calculations: choices,
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
  };
}

function project(overrides: Partial<ProjectData> = {}): ProjectData {
  return {
    slug: 'p',
    info: { is_longitudinal: 0, has_repeating_instruments_or_events: 1 } as ProjectData['info'],
    instruments: [
      { instrument_name: 'demo', instrument_label: 'Demo' },
      { instrument_name: 'visit', instrument_label: 'Visit' },
    ],
    metadata: [
      field('study_id', 'demo'),
      field('age', 'demo'),
      field('note', 'demo', 'descriptive'),
      field('symptoms', 'visit', 'checkbox', '1, Fever | 2, Cough'),
      field('weight', 'visit'),
    ],
    repeating: [],
    records: [],
    edocs: [],
    nextDocId: 1,
    users: [],
    log: [],
    ...overrides,
  };
}

const slot = (
  repeatInstrument: string | null,
  instance: number | null,
  event: string | null = null,
): DataSlot => ({ ...emptySlot(repeatInstrument, instance), event });

const record = (id: string, slots: DataSlot[] = [slot(null, null)], dag = ''): StoredRecord => ({
  id,
  dag,
  slots,
});

describe('record order (§3.4)', () => {
  it.each([
    ['2', '10', -1],
    ['10', '2', 1],
    ['010', '10', -1], // equal numbers: the string decides, where natural order says "same"
    ['5', '10a', -1], // one numeric id: natural order, where plain string order says "after"
    ['a2', 'a10', -1],
    ['a10', 'a2', 1],
  ])('%s before or after %s', (a, b, sign) => {
    expect(Math.sign(compareRecordIds(a, b))).toBe(sign);
  });

  it('sortedRecords orders numbers, ties and mixed ids like compareRecordIds', () => {
    const p = project({
      records: ['10a', '10', '010', '5', 'a2', '2', 'a10'].map((id) => record(id)),
    });
    expect(
      sortedRecords(project({ records: [record('10a'), record('5')] })).map((r) => r.id),
    ).toEqual(['5', '10a']);
    expect(sortedRecords(p).map((r) => r.id)).toEqual(['2', '5', '010', '10', '10a', 'a2', 'a10']);
  });
});

describe('slots', () => {
  it('mainSlot skips repeat instances and repeating-event instances, and adds one first', () => {
    const repeatingEvent = slot(null, 2, 'visit_arm_1');
    const instance = slot('visit', null);
    const r = record('1', [repeatingEvent, instance]);
    const main = mainSlot(r);
    expect(main).not.toBe(repeatingEvent);
    expect(main).not.toBe(instance);
    expect(r.slots).toEqual([main, repeatingEvent, instance]);
    expect(mainSlot(r)).toBe(main);
  });

  it('findInstance and instanceSlot match both the form and the instance', () => {
    const a = slot('visit', 1);
    const b = slot('demo', 2);
    const c = slot('visit', 2);
    const r = record('1', [slot(null, null), a, b, c]);
    expect(findInstance(r, 'visit', 2)).toBe(c);
    expect(findInstance(r, 'demo', 1)).toBeUndefined();
    expect(instanceSlot(r, 'visit', 1)).toBe(a);
    const created = instanceSlot(r, 'demo', 1);
    expect(created).toEqual(slot('demo', 1));
    expect(r.slots.at(-1)).toBe(created);
    expect(r.slots).toHaveLength(5);
  });

  it.each([
    [[slot(null, null)], 0],
    [[slot(null, null), slot('visit', 2), slot('visit', 3)], 3],
    [[slot(null, null), slot('visit', 2), slot('demo', 7)], 2],
    [[slot(null, 9, 'e'), slot('visit', 1)], 1],
  ])('lastInstance of visit in %j is %i', (slots, last) => {
    expect(lastInstance(record('1', slots), 'visit')).toBe(last);
  });

  it('orderedSlots: the main slot, then instances by instrument order and number', () => {
    const main = slot(null, null);
    const v1 = slot('visit', 1);
    const v2 = slot('visit', 2);
    const d3 = slot('demo', 3);
    const d10 = slot('demo', 10);
    const r = record('1', [v2, d10, main, v1, d3]);
    expect(orderedSlots(r, ['demo', 'visit'])).toEqual([main, d3, d10, v1, v2]);
    expect(orderedSlots(r, ['visit', 'demo'])).toEqual([main, v1, v2, d3, d10]);
    const ascending = record('4', [main, d3, d10, v1]);
    expect(orderedSlots(ascending, ['demo', 'visit'])).toEqual([main, d3, d10, v1]);
    const only = record('2', [main]);
    expect(orderedSlots(only, ['demo'])).toEqual([main]);
    const noMain = record('3', [v1]);
    const ordered = orderedSlots(noMain, ['visit']);
    expect(ordered).toHaveLength(2);
    expect(ordered[1]).toBe(v1);
  });

  it('deleteInstance removes only the instance asked for', () => {
    const a = slot('visit', 1);
    const b = slot('visit', 2);
    const r = record('1', [slot(null, null), a, b]);
    expect(deleteInstance(r, 'visit', 3)).toBe(false);
    expect(r.slots).toHaveLength(3);
    expect(deleteInstance(r, 'visit', 2)).toBe(true);
    expect(r.slots).toEqual([slot(null, null), a]);
  });
});

describe('records', () => {
  it('createRecord stores the id in the record-id field, outside any DAG', () => {
    const p = project();
    const r = createRecord(p, '7');
    expect(r).toEqual({
      id: '7',
      dag: '',
      slots: [{ ...slot(null, null), values: { study_id: '7' } }],
    });
    expect(p.records).toEqual([r]);
  });

  it('deleteRecord removes that record and its survey responses only', () => {
    const p = project({
      records: [record('1'), record('2'), record('3')],
      surveys: {
        responses: [{ record: '1' }, { record: '2' }],
      } as unknown as ProjectData['surveys'],
    });
    expect(deleteRecord(p, '9')).toBe(false);
    expect(p.records).toHaveLength(3);
    expect(deleteRecord(p, '2')).toBe(true);
    expect(p.records.map((r) => r.id)).toEqual(['1', '3']);
    expect(p.surveys?.responses).toEqual([{ record: '1' }]);
    expect(deleteRecord(project({ records: [record('1')] }), '1')).toBe(true);
  });

  it.each([
    [[], [], '1'],
    [['3', 'a7', '10'], [], '11'],
    [['3'], ['12', 'x99'], '13'],
    [['20'], ['4'], '21'],
  ])('nextRecordId after %j (taken %j) is %s', (ids, taken, next) => {
    expect(nextRecordId(project({ records: ids.map((id) => record(id)) }), taken)).toBe(next);
  });

  it('nextRecordId without taken ids', () => {
    expect(nextRecordId(project({ records: [record('4')] }))).toBe('5');
  });
});

describe('reading and writing a column', () => {
  const p = project();
  const columns = Object.fromEntries(p.metadata.flatMap(columnsOfField).map((c) => [c.name, c]));
  const fever = columns['symptoms___1']!;
  const cough = columns['symptoms___2']!;
  const weight = columns['weight']!;
  const status = { kind: 'status', name: 'visit_complete', form: 'visit' } as const;

  it('hasStored: a checked option, a value, a status', () => {
    const s = slot(null, null);
    s.checked['symptoms'] = ['2'];
    s.values['weight'] = '';
    expect(hasStored(s, fever)).toBe(false);
    expect(hasStored(s, cough)).toBe(true);
    expect(hasStored(s, weight)).toBe(true);
    expect(hasStored(s, status)).toBe(false);
    s.values['visit_complete'] = '2';
    expect(hasStored(s, status)).toBe(true);
    expect(hasStored(slot(null, null), fever)).toBe(false);
    expect(hasStored(slot(null, null), weight)).toBe(false);
  });

  it.each([
    // column, stored before, value, overwrite, log, stored after
    ['weight', {}, '70', false, "weight = '70'", { weight: '70' }],
    ['weight', { weight: '70' }, '70', false, null, { weight: '70' }],
    ['weight', { weight: '70' }, '', false, null, { weight: '70' }],
    ['weight', { weight: '70' }, '', true, "weight = ''", {}],
    ['weight', {}, '', true, null, {}],
    ['weight', { weight: '' }, '', true, "weight = ''", {}],
    ['weight', { weight: '70' }, '71', true, "weight = '71'", { weight: '71' }],
    ['status', {}, '2', false, "visit_complete = '2'", { visit_complete: '2' }],
    [
      'status',
      { visit_complete: '2' },
      '0',
      false,
      "visit_complete = '0'",
      { visit_complete: '0' },
    ],
  ] as const)(
    '%s: %j, write %j (overwrite %s) → %j',
    (name, before, value, overwrite, log, after) => {
      const s = slot(null, null);
      Object.assign(s.values, before);
      const column = name === 'status' ? status : weight;
      expect(writeColumn(s, column, value, overwrite)).toBe(log);
      expect(s.values).toEqual(after);
      expect(s.checked).toEqual({});
    },
  );

  it.each([
    // option, checked before, value, overwrite, log, checked after
    ['1', [], '1', false, 'symptoms(1) = checked', { symptoms: ['1'] }],
    ['1', ['2'], '1', false, 'symptoms(1) = checked', { symptoms: ['2', '1'] }],
    ['1', ['1'], '1', false, null, { symptoms: ['1'] }],
    ['1', ['1', '2'], '0', false, 'symptoms(1) = unchecked', { symptoms: ['2'] }],
    ['1', ['1'], '0', false, 'symptoms(1) = unchecked', {}],
    ['1', ['1'], '', false, null, { symptoms: ['1'] }],
    ['1', ['1'], '', true, 'symptoms(1) = unchecked', {}],
    ['2', [], '0', false, null, {}],
    ['2', [], '', true, null, {}],
  ] as const)(
    'symptoms(%s): %j, write %j (overwrite %s) → %j',
    (code, before, value, overwrite, log, after) => {
      const s = slot(null, null);
      if (before.length > 0) s.checked['symptoms'] = [...before];
      const column = code === '1' ? fever : cough;
      expect(writeColumn(s, column, value, overwrite)).toBe(log);
      expect(s.checked).toEqual(after);
      expect(s.values).toEqual({});
    },
  );

  it('a field named constructor reads as not stored', () => {
    const ctor = columnsOfField(field('constructor', 'demo'))[0]!;
    expect(hasStored(slot(null, null), ctor)).toBe(false);
    const s = slot(null, null);
    expect(writeColumn(s, ctor, 'x', false)).toBe("constructor = 'x'");
  });

  it('clearForm erases the form values, checks and status but not the record id', () => {
    const s = slot(null, null);
    Object.assign(s.values, { study_id: '1', age: '30', weight: '70', demo_complete: '2' });
    s.checked['symptoms'] = ['1'];
    expect(clearForm(p, s, 'demo', ['study_id', 'age', 'note'])).toBe(true);
    expect(s.values).toEqual({ study_id: '1', weight: '70' });
    expect(s.checked).toEqual({ symptoms: ['1'] });
    expect(clearForm(p, s, 'demo', ['study_id', 'age'])).toBe(false);
    expect(clearForm(p, s, 'visit', ['symptoms'])).toBe(true);
    expect(s.checked).toEqual({});
    expect(s.values).toEqual({ study_id: '1', weight: '70' });
  });
});

describe('dictionary', () => {
  it('record-id field: the first field, or record_id without a dictionary', () => {
    expect(recordIdField(project())).toBe('study_id');
    expect(recordIdField(project({ metadata: [] }))).toBe('record_id');
  });

  it('findField, isDataField, repeatingForms', () => {
    const p = project({
      repeating: [
        { form_name: 'visit', custom_form_label: '' },
        { event_name: 'e1', form_name: '', custom_form_label: '' },
      ],
    });
    expect(findField(p, 'age')?.form_name).toBe('demo');
    expect(findField(p, 'nope')).toBeUndefined();
    expect(p.metadata.map(isDataField)).toEqual([true, true, false, true, true]);
    expect([...repeatingForms(p)]).toEqual(['visit']);
  });

  it('columnsOfField: checkbox options, a value, nothing for descriptive text', () => {
    const p = project();
    expect(columnsOfField(p.metadata[3]!).map((c) => [c.kind, c.name])).toEqual([
      ['checkbox', 'symptoms___1'],
      ['checkbox', 'symptoms___2'],
    ]);
    expect(columnsOfField(field('empty', 'visit', 'checkbox', ''))).toEqual([]);
    expect(columnsOfField(p.metadata[1]!).map((c) => [c.kind, c.name])).toEqual([['value', 'age']]);
    expect(columnsOfField(p.metadata[2]!)).toEqual([]);
  });
});

describe('access and rights', () => {
  it('dagsOf and rolesOf start empty and are stored', () => {
    const p = project();
    expect(dagsOf(p)).toEqual([]);
    expect(p.dags).toEqual([]);
    expect(rolesOf(p)).toEqual([]);
    expect(p.roles).toEqual([]);
  });

  it('findRole finds by unique name only', () => {
    const p = project({
      roles: [{ unique_role_name: 'U-1', role_label: 'a', rights: noRights([]) }],
    });
    expect(findRole(p, 'U-2')).toBeUndefined();
    expect(findRole(p, 'U-1')?.role_label).toBe('a');
  });

  it('noRights and fullRights list every form in both form rights', () => {
    expect(noRights(['demo', 'visit']).forms_export).toEqual({ demo: 0, visit: 0 });
    expect(fullRights(['demo', 'visit']).forms).toEqual({ demo: 1, visit: 1 });
    expect(fullRights(['demo', 'visit']).forms_export).toEqual({ demo: 1, visit: 1 });
  });

  it.each([
    [{}, false],
    [{ a: 0 }, true],
    [{ a: 0, b: 0 }, true],
    [{ a: 0, b: 1 }, false],
    [{ a: 2, b: 0 }, false],
  ])('hasNoExportAccess with forms_export %j: %s', (forms_export, expected) => {
    expect(hasNoExportAccess({ ...fullRights([]), forms_export })).toBe(expected);
  });
});

describe('events', () => {
  const ev = (unique: string, arm: number) => ({
    event_id: 0,
    arm_num: arm,
    event_name: unique,
    unique_event_name: unique,
    custom_event_label: '',
  });

  it('armsOf, eventsOf and mappingsOf start empty', () => {
    const p = project();
    expect([armsOf(p), eventsOf(p), mappingsOf(p)]).toEqual([[], [], []]);
  });

  it('orderedEvents: by arm, then their order in the arm', () => {
    const p = project({ events: [ev('c', 2), ev('z', 1), ev('a', 2), ev('b', 1)] });
    expect(orderedEvents(p).map((e) => e.unique_event_name)).toEqual(['z', 'b', 'c', 'a']);
  });

  it('removeEvents drops designations, repeating setup, data and records left empty', () => {
    const p = project({
      events: [ev('e1', 1), ev('e2', 1)],
      formEvents: [
        { unique_event_name: 'e1', form: 'demo' },
        { unique_event_name: 'e2', form: 'visit' },
      ],
      repeating: [{ event_name: 'e2', form_name: 'visit', custom_form_label: '' }],
      records: [
        record('1', [slot(null, null, 'e1'), slot('visit', 1, 'e2')]),
        record('2', [slot('visit', 1, 'e2')]),
        record('3', [slot(null, null)]),
      ],
    });
    const events = p.events;
    const records = p.records;
    removeEvents(p, new Set());
    expect(p.events).toBe(events);
    expect(p.records).toBe(records);
    removeEvents(p, new Set(['e2']));
    expect(p.events?.map((e) => e.unique_event_name)).toEqual(['e1']);
    expect(p.formEvents).toEqual([{ unique_event_name: 'e1', form: 'demo' }]);
    expect(p.repeating).toEqual([]);
    expect(p.info.has_repeating_instruments_or_events).toBe(0);
    expect(p.records.map((r) => [r.id, r.slots.length])).toEqual([
      ['1', 1],
      ['3', 1],
    ]);
    const q = project({
      events: [ev('e1', 1), ev('e2', 1)],
      repeating: [
        { event_name: 'e1', form_name: 'demo', custom_form_label: '' },
        { form_name: 'visit', custom_form_label: '' },
      ],
    });
    removeEvents(q, new Set(['e1']));
    expect(q.formEvents).toEqual([]);
    expect(q.repeating).toEqual([{ form_name: 'visit', custom_form_label: '' }]);
    expect(q.info.has_repeating_instruments_or_events).toBe(1);
  });

  it.each([
    ['Visit 1', 1, [], 'visit_1_arm_1'],
    ['  Baseline -- Visit!! ', 2, [], 'baseline_visit_arm_2'],
    ['__x__', 1, [], 'x_arm_1'],
    ['A very long event name here', 1, [], 'a_very_long_event_arm_1'],
    ['abcdefghijklmnopq rst', 1, [], 'abcdefghijklmnopq_arm_1'],
    ['!!!', 1, [], 'event_arm_1'],
    ['Visit', 1, ['visit_arm_1'], 'visitb_arm_1'],
    ['Visit', 1, ['visit_arm_1', 'visitb_arm_1'], 'visitc_arm_1'],
    ['Visit', 1, ['visit_arm_2'], 'visit_arm_1'],
    [
      'Visit',
      1,
      ['visit_arm_1', ...'bcdefghijklmnopqrstuvwxyz'.split('').map((c) => `visit${c}_arm_1`)],
      'visitba_arm_1',
    ],
  ])('uniqueEventName(%j, %i, %j) is %s', (name, arm, taken, expected) => {
    expect(uniqueEventName(name, arm, new Set(taken))).toBe(expected);
  });
});

describe('MockStore', () => {
  const token = 'A'.repeat(32);
  const seed = (): MockRedcapData => ({
    version: '14.5.10',
    superTokens: [{ username: 'root', token: 'b'.repeat(64) }],
    projects: [
      project({
        slug: 'one',
        users: [
          { username: 'u', token, expiration: '', data_access_group: '' } as never,
          {
            username: 'ss-end',
            token: `${'F'.repeat(30)}SS`,
            expiration: '',
            data_access_group: '',
          } as never,
          {
            username: 'ss-start',
            token: `SS${'F'.repeat(30)}`,
            expiration: '',
            data_access_group: '',
          } as never,
          {
            username: 'old',
            token: 'C'.repeat(32),
            expiration: '2026-03-04',
            data_access_group: '',
          } as never,
        ],
      }),
    ],
  });

  it.each([
    ['2026-03-03T23:59:59', true],
    ['2026-03-04T00:00:00', false],
    ['2026-03-05T00:00:00', false],
  ])('a user expiring 2026-03-04, on %s: allowed %s', (now, ok) => {
    const store = new MockStore(seed(), () => new Date(now));
    const auth = store.authenticate('c'.repeat(32));
    expect(auth.ok).toBe(ok);
    if (!auth.ok) expect(auth.message).toContain('as of 2026-03-04.');
  });

  it.each([
    [undefined, null],
    ['', null],
    [token, 'u'],
    [token.toLowerCase(), 'u'],
    [`${token.slice(1)}!`, null],
    [`!${token.slice(1)}`, null],
    [`${token}A`, null],
    [token.slice(1), null],
    ['B'.repeat(64), 'root'],
    ['b'.repeat(63) + 'c', null],
    ['D'.repeat(32), null],
    // 'ß' upper-cases to 'SS': a token with it is not alphanumeric, even if its upper case is.
    [`${'F'.repeat(30)}ß`, null],
    [`ß${'F'.repeat(30)}`, null],
    [`${'f'.repeat(30)}ss`, 'ss-end'],
  ])('authenticate(%j) → %s', (candidate, who) => {
    const auth = new MockStore(seed()).authenticate(candidate);
    if (who === null) {
      expect(auth).toEqual({
        ok: false,
        status: 403,
        message: 'You do not have permissions to use the API',
      });
    } else if (auth.ok) {
      expect(
        auth.session.kind === 'super' ? auth.session.username : auth.session.user.username,
      ).toBe(who);
    } else {
      expect.unreachable(auth.message);
    }
  });

  it('builds a lazy project on its token and lists it as unbuilt until then', () => {
    const built = project({
      slug: 'lazy',
      users: [
        { username: 'z', token: 'E'.repeat(32), expiration: '', data_access_group: '' } as never,
      ],
    });
    const store = new MockStore(seed(), undefined, [
      { slug: 'lazy', token: 'E'.repeat(32), build: () => structuredClone(built) } as never,
    ]);
    expect(store.unbuilt().map((l) => l.slug)).toEqual(['lazy']);
    expect(store.project('lazy')).toBeUndefined();
    expect(store.authenticate(token).ok).toBe(true);
    expect(store.unbuilt().map((l) => l.slug)).toEqual(['lazy']);
    expect(store.project('one')?.slug).toBe('one');
    const auth = store.authenticate('e'.repeat(32));
    expect(auth.ok && auth.session.kind === 'project' && auth.session.user.username).toBe('z');
    expect(store.unbuilt()).toEqual([]);
    expect(store.project('lazy')?.slug).toBe('lazy');
    store.authenticate('E'.repeat(32));
    expect(store.projects).toHaveLength(2);
  });

  it('formats timestamps and dates with two-digit parts', () => {
    const d = new Date(2026, 0, 5, 7, 8, 9);
    expect(formatTimestamp(d)).toBe('2026-01-05 07:08:09');
    expect(formatDate(d)).toBe('2026-01-05');
  });
});
