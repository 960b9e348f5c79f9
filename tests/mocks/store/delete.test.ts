import { describe, expect, it } from 'vitest';
import {
  BAD_ARM_MESSAGE,
  checkDeletable,
  deleteRecordData,
  type DeleteRequest,
} from '../../../mocks/store/delete.ts';
import { importLongitudinalRows } from '../../../mocks/store/import-longitudinal.ts';
import { findInstance, findRecord } from '../../../mocks/store/records.ts';
import type { DataSlot, ProjectData } from '../../../mocks/store/types.ts';
import { classicProject, importOptions, longitudinalProject, refusal } from './fixtures.ts';

/** Delete Records' rules in the store (§2.5): what a delete removes, and what it leaves. */

const request = (changes: Partial<DeleteRequest>): DeleteRequest => ({
  records: [],
  instrument: '',
  instance: 1,
  instanceSent: false,
  arm: '',
  event: '',
  ...changes,
});

const slots = (project: ProjectData, id: string): DataSlot[] =>
  structuredClone(findRecord(project, id)!.slots);

const isSlot =
  (event: string, instance: number | null, form: string | null = null) =>
  (s: DataSlot) =>
    s.event === event && s.instance === instance && s.repeatInstrument === form;

describe('deleting on a longitudinal project', () => {
  it('deleting one instance of a repeating event leaves the other instances and events as they were', () => {
    const project = longitudinalProject();
    const before = slots(project, '1');
    expect(before.filter((s) => s.event === 'unscheduled_arm_1').map((s) => s.instance)).toEqual([
      1, 2,
    ]);
    const changes = deleteRecordData(
      project,
      request({ records: ['1'], event: 'unscheduled_arm_1', instance: 2, instanceSent: true }),
    );
    expect(changes).toEqual([
      {
        record: '1',
        action: 'Delete record',
        details: "record_id = '1' [event = unscheduled_arm_1] [instance = 2]",
      },
    ]);
    expect(slots(project, '1')).toEqual(before.filter((s) => !isSlot('unscheduled_arm_1', 2)(s)));
  });

  it('an event without repeat_instance removes every instance of that event, and only it', () => {
    const project = longitudinalProject();
    const before = slots(project, '1');
    deleteRecordData(project, request({ records: ['1'], event: 'unscheduled_arm_1' }));
    expect(slots(project, '1')).toEqual(before.filter((s) => s.event !== 'unscheduled_arm_1'));
  });

  it('deleting instance 2 of a repeating instrument on a longitudinal project leaves instance 1', () => {
    const project = longitudinalProject();
    project.repeating.push({
      event_name: 'week_4_arm_1',
      form_name: 'adverse_events',
      custom_form_label: '',
    });
    const row = (instance: string, text: string): [string, string][] => [
      ['record_id', '2'],
      ['redcap_event_name', 'week_4_arm_1'],
      ['redcap_repeat_instrument', 'adverse_events'],
      ['redcap_repeat_instance', instance],
      ['ae_description', text],
    ];
    importLongitudinalRows(project, [row('1', 'first'), row('2', 'second')], importOptions());
    const before = slots(project, '2');
    const changes = deleteRecordData(
      project,
      request({
        records: ['2'],
        event: 'week_4_arm_1',
        instrument: 'adverse_events',
        instance: 2,
        instanceSent: true,
      }),
    );
    expect(changes).toEqual([
      {
        record: '2',
        action: 'Update record',
        details:
          'Delete all record data for single form (adverse_events) [event = week_4_arm_1] [instance = 2]',
      },
    ]);
    const after = slots(project, '2');
    expect(after).toEqual(before.filter((s) => !isSlot('week_4_arm_1', 2, 'adverse_events')(s)));
    expect(after.find(isSlot('week_4_arm_1', 1, 'adverse_events'))?.values['ae_description']).toBe(
      'first',
    );
  });

  it('an arm removes the record data of that arm only; a record left with none is gone', () => {
    const project = longitudinalProject();
    const changes = deleteRecordData(project, request({ records: ['2'], arm: '1' }));
    expect(changes).toEqual([
      { record: '2', action: 'Delete record', details: "record_id = '2' [arm = 1]" },
    ]);
    expect(findRecord(project, '2')).toBeUndefined();
    expect(findRecord(project, '9')).toBeDefined();
  });

  it("refuses with REDCap's texts and changes nothing", () => {
    const project = longitudinalProject();
    const before = structuredClone(project.records);
    expect(
      refusal(() => deleteRecordData(project, request({ records: ['1'], arm: '9' }))).message,
    ).toBe(BAD_ARM_MESSAGE);
    const noEvent = refusal(() =>
      deleteRecordData(project, request({ records: ['1', '2'], instrument: 'vitals' })),
    );
    expect(noEvent.status).toBe(400);
    expect(noEvent.message).toBe(
      'One or more of the records provided are either do not exist in this project or not valid with selected params. Note: No records were deleted. Records that do not exist: 1: Event is mandatory for longitudinal project., 2: Event is mandatory for longitudinal project.',
    );
    const notInArm = refusal(() =>
      deleteRecordData(project, request({ records: ['9'], arm: '1' })),
    );
    expect(notInArm.message).toMatch(/Records that do not exist: 9: Record does not exists\.$/);
    expect(project.records).toEqual(before);
  });
});

describe('deleting on a classic project', () => {
  it('deleting instance 2 of a repeating instrument leaves its other instances and the record', () => {
    const project = classicProject();
    const record = findRecord(project, '1')!;
    const before = structuredClone(record.slots);
    expect(findInstance(record, 'visit', 2)).toBeDefined();
    const changes = deleteRecordData(
      project,
      request({ records: ['1'], instrument: 'visit', instance: 2, instanceSent: true }),
    );
    expect(changes).toEqual([
      {
        record: '1',
        action: 'Update record',
        details: 'Delete all record data for single form (visit) [instance = 2]',
      },
    ]);
    expect(findInstance(record, 'visit', 2)).toBeUndefined();
    expect(findInstance(record, 'visit', 1)).toBeDefined();
    expect(record.slots).toEqual(
      before.filter((s) => !(s.repeatInstrument === 'visit' && s.instance === 2)),
    );
  });

  it('a whole record goes with its data', () => {
    const project = classicProject();
    const changes = deleteRecordData(project, request({ records: ['3'] }));
    expect(changes).toEqual([{ record: '3', action: 'Delete record', details: "record_id = '3'" }]);
    expect(findRecord(project, '3')).toBeUndefined();
  });

  it("a DAG user's delete does not see another DAG's records, and an unknown instrument is refused", () => {
    const project = classicProject();
    const user = project.users.find((u) => u.data_access_group !== '')!;
    const other = project.records.find((r) => r.dag !== user.data_access_group)!;
    expect(refusal(() => checkDeletable(project, user, [other.id], '')).message).toBe(
      `One or more of the records provided cannot be deleted because they do not exist in the project. The following records do not exist: ${other.id}`,
    );
    const own = project.records.find((r) => r.dag === user.data_access_group)!;
    expect(() => checkDeletable(project, user, [own.id], '')).not.toThrow();
    expect(refusal(() => checkDeletable(project, user, [own.id], 'nope')).message).toMatch(
      new RegExp(`Records that do not exist: ${own.id}: Invalid instrument\\.$`),
    );
  });
});
