import { describe, expect, it } from 'vitest';
import { columnsByName } from '../../../mocks/store/dictionary.ts';
import { importRows } from '../../../mocks/store/import.ts';
import { importLongitudinalRows } from '../../../mocks/store/import-longitudinal.ts';
import { importRecords } from '../../../mocks/store/import-records.ts';
import { orderedEvents } from '../../../mocks/store/longitudinal.ts';
import { findInstance, findRecord, lastInstance } from '../../../mocks/store/records.ts';
import { checkCell } from '../../../mocks/store/values.ts';
import type { Cells, ProjectData } from '../../../mocks/store/types.ts';
import { classicProject, importOptions, longitudinalProject, refusal } from './fixtures.ts';

/** Import Records' rules in the store (§2.4): where a row lands and which values a cell takes. */

const column = (project: ProjectData, name: string) => columnsByName(project).get(name)!;

describe('where an imported row lands', () => {
  it('a row with redcap_repeat_instance "new" gets the next instance of its instrument', () => {
    const project = classicProject();
    const record = findRecord(project, '1')!;
    const last = lastInstance(record, 'visit');
    const row: Cells = [
      ['record_id', '1'],
      ['redcap_repeat_instrument', 'visit'],
      ['redcap_repeat_instance', 'new'],
      ['visit_date', '2024-05-01'],
    ];
    const log: string[] = [];
    expect(importRows(project, [row], importOptions(log))).toEqual({
      ids: ['1'],
      autoIds: ['1,1'],
    });
    expect(findInstance(record, 'visit', last + 1)?.values['visit_date']).toBe('2024-05-01');
    expect(findInstance(record, 'visit', last + 1)?.values['visit_complete']).toBe('0');
    expect(log).toEqual([
      `Update record (API) 1: [instance = ${last + 1}], visit_date = '2024-05-01', visit_complete = '0'`,
    ]);
  });

  it('a repeating instrument row without an instance is refused (the instance is required)', () => {
    const project = classicProject();
    const before = structuredClone(project.records);
    const row: Cells = [
      ['record_id', '1'],
      ['redcap_repeat_instrument', 'visit'],
      ['visit_date', '2024-05-01'],
    ];
    expect(refusal(() => importRows(project, [row], importOptions())).message).toBe(
      '"1","redcap_repeat_instance","","The value must be a whole number from 1 to 32767, or new"',
    );
    expect(project.records).toEqual(before);
  });

  it("a repeating event's row without an instance is its instance 1, not a new one", () => {
    const project = longitudinalProject();
    const unscheduled = () =>
      findRecord(project, '1')!.slots.filter((s) => s.event === 'unscheduled_arm_1');
    expect(unscheduled().map((s) => s.instance)).toEqual([1, 2]);
    const row: Cells = [
      ['record_id', '1'],
      ['redcap_event_name', 'unscheduled_arm_1'],
      ['weight', '71'],
    ];
    importLongitudinalRows(project, [row], importOptions());
    expect(unscheduled().map((s) => s.instance)).toEqual([1, 2]);
    expect(unscheduled().find((s) => s.instance === 1)?.values['weight']).toBe('71');
  });

  it("a row without redcap_event_name lands on the project's first event", () => {
    const project = longitudinalProject();
    const first = orderedEvents(project)[0]!.unique_event_name;
    importLongitudinalRows(
      project,
      [
        [
          ['record_id', 'new-1'],
          ['age', '40'],
        ],
      ],
      importOptions(),
    );
    expect(findRecord(project, 'new-1')!.slots).toEqual([
      expect.objectContaining({ event: first, values: expect.objectContaining({ age: '40' }) }),
    ]);
  });

  it("a DAG user's new record joins their DAG, whatever the row asks", () => {
    const project = classicProject();
    const user = project.users.find((u) => u.data_access_group !== '')!;
    importRecords(
      project,
      user,
      [
        [
          ['record_id', 'x-1'],
          ['redcap_data_access_group', ''],
          ['first_name', 'Ann'],
        ],
      ],
      importOptions(),
    );
    expect(findRecord(project, 'x-1')?.dag).toBe(user.data_access_group);
  });
});

describe('which values a cell accepts', () => {
  it("a cell value outside a field's choices is refused with REDCap's message", () => {
    const project = classicProject();
    expect(checkCell(column(project, 'sex'), '7', 'YMD')).toEqual({
      reason: 'The value is not a valid category for sex',
    });
    expect(checkCell(column(project, 'sex'), '1', 'YMD')).toEqual({ value: '1' });
    const before = structuredClone(project.records);
    const error = refusal(() =>
      importRows(
        project,
        [
          [
            ['record_id', '1'],
            ['sex', '7'],
          ],
        ],
        importOptions(),
      ),
    );
    expect(error.status).toBe(400);
    expect(error.message).toBe('"1","sex","7","The value is not a valid category for sex"');
    expect(project.records).toEqual(before);
  });

  it('dates are stored as Y-M-D from the dateFormat sent, and refused when not dates', () => {
    const project = classicProject();
    expect(checkCell(column(project, 'dob'), '12/31/2020', 'MDY')).toEqual({ value: '2020-12-31' });
    expect(checkCell(column(project, 'dob'), '31/12/2020', 'DMY')).toEqual({ value: '2020-12-31' });
    expect(checkCell(column(project, 'dob'), '2020-02-30', 'YMD')).toEqual({
      reason: 'The value is not a valid date for dob',
    });
  });
});
