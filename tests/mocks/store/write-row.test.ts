import { describe, expect, it } from 'vitest';
import { findRecord } from '../../../mocks/store/records.ts';
import { writeRow } from '../../../mocks/store/write-row.ts';
import { classicProject, longitudinalProject, refusal } from './fixtures.ts';

/** writeRow: one row of stored data into exactly the slot named, nothing added of its own. */

describe('writeRow', () => {
  it('writes a new record on a later event without copying the record id or adding a status', () => {
    const project = longitudinalProject();
    const slot = writeRow(
      project,
      { record: '99', event: 'week_4_arm_1', repeatInstrument: null, instance: null },
      [
        ['weight', '70'],
        ['sbp', ''],
        ['symptoms___2', '1'],
        ['symptoms___1', '0'],
      ],
    );
    expect(findRecord(project, '99')).toEqual({ id: '99', dag: '', slots: [slot] });
    expect(slot).toEqual({
      event: 'week_4_arm_1',
      repeatInstrument: null,
      instance: null,
      values: { weight: '70' },
      checked: { symptoms: ['2'] },
    });
    expect(project.log).toEqual([]);
  });

  it('keeps the cells in the order sent, the record id too', () => {
    const project = longitudinalProject();
    const slot = writeRow(
      project,
      { record: '99', event: 'baseline_arm_1', repeatInstrument: null, instance: null },
      [
        ['age', '30'],
        ['enrollment_complete', '2'],
        ['record_id', '99'],
      ],
    );
    expect(Object.keys(slot.values)).toEqual(['age', 'enrollment_complete', 'record_id']);
  });

  it('adds to the slot already there and leaves the other slots as they were', () => {
    const project = longitudinalProject();
    const record = findRecord(project, '1')!;
    const others = structuredClone(record.slots.filter((s) => s.instance !== 2));
    const slot = writeRow(
      project,
      { record: '1', event: 'unscheduled_arm_1', repeatInstrument: null, instance: 2 },
      [['weight', '68']],
    );
    expect(record.slots).toHaveLength(others.length + 1);
    expect(slot.values).toEqual({
      ae_description: 'Fainted, "briefly"',
      ae_serious: '1',
      adverse_events_complete: '1',
      weight: '68',
    });
    expect(record.slots.filter((s) => s !== slot)).toEqual(others);
  });

  it('writes a classic repeat instance as its own slot', () => {
    const project = classicProject();
    const slot = writeRow(
      project,
      { record: '3', event: null, repeatInstrument: 'visit', instance: 5 },
      [['visit_date', '2024-07-01']],
    );
    expect(findRecord(project, '3')!.slots.at(-1)).toBe(slot);
    expect(slot).toEqual({
      event: null,
      repeatInstrument: 'visit',
      instance: 5,
      values: { visit_date: '2024-07-01' },
      checked: {},
    });
  });

  it('refuses unknown fields, bad values, unknown events and bad record names; nothing changes', () => {
    const project = longitudinalProject();
    const before = structuredClone(project.records);
    const place = { record: '99', event: 'baseline_arm_1', repeatInstrument: null, instance: null };
    expect(
      refusal(() =>
        writeRow(project, place, [
          ['nope', '1'],
          ['age', '3'],
        ]),
      ).message,
    ).toBe('The following fields were not found in the project as real data fields: nope');
    const bad = refusal(() =>
      writeRow(project, place, [
        ['age', 'x'],
        ['group', '7'],
        ['weight', '70'],
      ]),
    );
    expect(bad.status).toBe(400);
    expect(bad.message).toBe(
      '"99","age","x","The value is not a valid integer for age"\n' +
        '"99","group","7","The value is not a valid category for group"',
    );
    expect(
      refusal(() => writeRow(project, { ...place, event: 'week_9_arm_1' }, [['age', '3']])).message,
    ).toBe('The following values of redcap_event_name are invalid: week_9_arm_1');
    expect(
      refusal(() => writeRow(project, { ...place, event: null }, [['age', '3']])).message,
    ).toBe('The record event name cannot be empty');
    expect(refusal(() => writeRow(project, { ...place, record: 'a#b' }, [])).message).toBe(
      'The record name (a#b) cannot contain a plus sign (+), ampersand (&), pound sign (#), or apostrophe.',
    );
    expect(refusal(() => writeRow(project, { ...place, record: '' }, [])).message).toBe(
      'The record id, record_id, cannot be empty',
    );
    const repeat = { ...place, event: 'unscheduled_arm_1' };
    for (const instance of [0, 1.5, -1, 40000, NaN]) {
      expect(refusal(() => writeRow(project, { ...repeat, instance }, [])).message).toBe(
        `"99","redcap_repeat_instance","${instance}","The value must be a whole number from 1 to 32767"`,
      );
    }
    expect(project.records).toEqual(before);
  });

  it('refuses a repeat instrument that does not repeat (there); nothing changes', () => {
    const classic = classicProject();
    const place = { record: '1', event: null, repeatInstrument: 'health', instance: 1 };
    const before = structuredClone(classic.records);
    expect(refusal(() => writeRow(classic, place, [['height', '170']])).message).toBe(
      '"1","redcap_repeat_instrument","health","health is not a repeating instrument"',
    );
    expect(classic.records).toEqual(before);
    const longitudinal = longitudinalProject();
    const there = { ...place, event: 'unscheduled_arm_1', repeatInstrument: 'vitals' };
    expect(refusal(() => writeRow(longitudinal, there, [['weight', '70']])).message).toBe(
      '"1","redcap_repeat_instrument","vitals","vitals is not a repeating instrument on the event unscheduled_arm_1"',
    );
    // A form repeating on another event does not repeat on this one.
    longitudinal.repeating.push({
      event_name: 'week_4_arm_1',
      form_name: 'adverse_events',
      custom_form_label: '',
    });
    const week4 = { ...there, event: 'week_4_arm_1', repeatInstrument: 'adverse_events' };
    expect(writeRow(longitudinal, week4, [['ae_serious', '1']]).instance).toBe(1);
    const elsewhere = { ...week4, event: 'follow_up_arm_1' };
    expect(refusal(() => writeRow(longitudinal, elsewhere, [])).message).toBe(
      '"1","redcap_repeat_instrument","adverse_events","adverse_events is not a repeating instrument on the event follow_up_arm_1"',
    );
  });

  it('finds the slot by event, repeat instrument and instance together', () => {
    const project = longitudinalProject();
    const record = findRecord(project, '1')!;
    const baseline = structuredClone(record.slots[0]);
    const place = { record: '1', event: 'follow_up_arm_1', repeatInstrument: null, instance: null };
    const slot = writeRow(project, place, [['withdrew', '1']]);
    expect(slot.event).toBe('follow_up_arm_1');
    expect(slot.values['completion_date']).toBe('2024-03-01');
    expect(record.slots[0]).toEqual(baseline);

    const classic = classicProject();
    classic.repeating.push({ form_name: 'health', custom_form_label: '' });
    const visits = findRecord(classic, '1')!;
    const visit = structuredClone(visits.slots[1]);
    const health = writeRow(
      classic,
      { record: '1', event: null, repeatInstrument: 'health', instance: 1 },
      [['height', '171']],
    );
    expect(health).toMatchObject({ repeatInstrument: 'health', instance: 1 });
    expect(visits.slots[1]).toEqual(visit);
  });

  it('reads dates as Y-M-D only and names every unknown field', () => {
    const project = longitudinalProject();
    const place = { record: '99', event: 'baseline_arm_1', repeatInstrument: null, instance: null };
    expect(refusal(() => writeRow(project, place, [['enroll_date', '02/01/2024']])).message).toBe(
      '"99","enroll_date","02/01/2024","The value is not a valid date for enroll_date"',
    );
    expect(
      refusal(() =>
        writeRow(project, place, [
          ['nope', '1'],
          ['nah', '2'],
          ['nope', '3'],
        ]),
      ).message,
    ).toBe('The following fields were not found in the project as real data fields: nope, nah');
  });

  it('refuses an event on a classic project', () => {
    const project = classicProject();
    const place = { record: '1', event: 'baseline_arm_1', repeatInstrument: null, instance: null };
    expect(refusal(() => writeRow(project, place, [['age', '3']])).message).toBe(
      'The project is not longitudinal, so a row has no event',
    );
  });
});
