import { describe, expect, it } from 'vitest';
import {
  createFolder,
  folderContents,
  repositoryFolder,
} from '../../../mocks/store/file-repository.ts';
import {
  importArms,
  importEvents,
  importMappings,
  importRepeating,
  IN_DEVELOPMENT_ONLY,
  requireDevelopment,
  type StructureRow,
} from '../../../mocks/store/structure.ts';
import { classicProject, longitudinalProject, refusal } from './fixtures.ts';

/** Arms, events, designations and the repeating setup in the store (§2.11–§2.14). */

const row = (cells: Record<string, string>): StructureRow =>
  Object.assign(Object.create(null) as Record<string, string>, cells);

describe('arms and events', () => {
  it('importing arms with override starts from none: the old events and their data go', () => {
    const project = longitudinalProject();
    importArms(project, [row({ arm_num: '3', name: 'Arm C' })], true);
    expect(project.arms).toEqual([{ arm_num: 3, name: 'Arm C' }]);
    expect(project.events).toEqual([]);
    expect(project.records.every((r) => r.slots.every((s) => s.event === null))).toBe(true);
  });

  it('an event row naming an existing event renames it; a new one gets a derived unique name', () => {
    const project = longitudinalProject();
    const ids = project.events!.map((e) => e.event_id);
    importEvents(
      project,
      [
        row({ event_name: 'Week 4 visit', arm_num: '1', unique_event_name: 'week_4_arm_1' }),
        row({ event_name: 'Week 8', arm_num: '1' }),
      ],
      false,
    );
    const week4 = project.events!.find((e) => e.unique_event_name === 'week_4_arm_1')!;
    expect(week4.event_name).toBe('Week 4 visit');
    const week8 = project.events!.find((e) => e.event_name === 'Week 8')!;
    expect(week8.unique_event_name).toBe('week_8_arm_1');
    expect(week8.event_id).toBe(Math.max(...ids) + 1);
  });

  it('refuses every bad row at once and changes nothing', () => {
    const project = longitudinalProject();
    const before = structuredClone(project);
    expect(
      refusal(() =>
        importEvents(
          project,
          [
            row({ event_name: '', arm_num: '9' }),
            row({ event_name: 'X', arm_num: '1', unique_event_name: 'nope' }),
          ],
          false,
        ),
      ).message,
    ).toBe(
      [
        'Row 1: the event name cannot be empty',
        'Row 1: arm_num "9" is not an arm of this project',
        'Row 2: unique_event_name "nope" is not an event of this project',
      ].join('\n'),
    );
    expect(project).toEqual(before);
  });

  it('structure changes only in development', () => {
    const project = longitudinalProject();
    project.info.in_production = 1;
    expect(refusal(() => requireDevelopment(project)).message).toBe(IN_DEVELOPMENT_ONLY);
  });
});

describe('designations and the repeating setup', () => {
  it('mappings replace every designation, a repeated row counted once', () => {
    const project = longitudinalProject();
    importMappings(project, [
      row({ arm_num: '1', unique_event_name: 'baseline_arm_1', form: 'vitals' }),
      row({ arm_num: '1', unique_event_name: 'baseline_arm_1', form: 'vitals' }),
    ]);
    expect(project.formEvents).toEqual([{ unique_event_name: 'baseline_arm_1', form: 'vitals' }]);
  });

  it('an event cannot repeat as a whole and have repeating instruments', () => {
    const project = longitudinalProject();
    const error = refusal(() =>
      importRepeating(project, [
        row({ event_name: 'week_4_arm_1', form_name: '' }),
        row({ event_name: 'week_4_arm_1', form_name: 'vitals' }),
      ]),
    );
    expect(error.message).toBe(
      'Row 2: the event "week_4_arm_1" cannot repeat as a whole and have repeating instruments',
    );
  });

  it('a classic setup takes instruments only, and says whether anything repeats', () => {
    const project = classicProject();
    importRepeating(project, []);
    expect(project.repeating).toEqual([]);
    expect(project.info.has_repeating_instruments_or_events).toBe(0);
    expect(
      refusal(() => importRepeating(project, [row({ event_name: 'x', form_name: 'visit' })]))
        .message,
    ).toBe('Row 1: event_name must be blank in a classic project');
  });
});

describe('the File Repository', () => {
  it("hides another DAG's folder from a DAG user, and shows it to a user in no DAG", () => {
    const project = classicProject();
    const user = project.users.find((u) => u.data_access_group !== '')!;
    const other = project.dags!.find((d) => d.unique_group_name !== user.data_access_group)!;
    const id = createFolder(
      project,
      'Other site only',
      null,
      String(other.data_access_group_id),
      '',
    );
    expect(() => repositoryFolder(project, user, String(id))).toThrow(
      `The File Repository folder folder_id=${id} does not exist or else you do not have permission to that folder because it is DAG-restricted or Role-restricted.`,
    );
    expect(folderContents(project, user, null).folders.map((f) => f.folder_id)).not.toContain(id);
    const admin = project.users.find((u) => u.data_access_group === '')!;
    expect(repositoryFolder(project, admin, String(id))).toBe(id);
    expect(folderContents(project, admin, null).folders.map((f) => f.folder_id)).toContain(id);
    expect(repositoryFolder(project, admin, '')).toBeNull();
  });
});
