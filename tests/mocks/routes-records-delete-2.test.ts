import { describe, expect, it } from 'vitest';
import { ALICE_LONGITUDINAL_TOKEN, ALICE_TOKEN, seedData } from '../../mocks/fixtures/index.ts';
import { createMockRedcap, type MockRedcap } from '../../mocks/redcap.ts';
import type { DataSlot, ProjectData } from '../../mocks/store/types.ts';
import { sendPairs, type Pairs } from './redcap-error.ts';

/**
 * Delete Records (§2.5), the edges the first table left open, as a client sees them: the answer
 * of each request in order (status and exact body), then the newest log line. The values left
 * are read back with Export Records, so a form's fields must really be gone, the other instances
 * and events must really stay, and a record left without data must really not exist.
 */
type Edit = (project: ProjectData) => void;

function mock(slug: string, ...edits: Edit[]): MockRedcap {
  const seed = seedData();
  const project = seed.projects.find((p) => p.slug === slug)!;
  for (const edit of edits) edit(project);
  return createMockRedcap({ seed });
}

const recordOf = (project: ProjectData, id: string) => project.records.find((r) => r.id === id)!;

const repeatSlot = (
  event: string,
  form: string,
  instance: number,
  values: Record<string, string>,
): DataSlot => ({ event, repeatInstrument: form, instance, values, checked: {} });

/**
 * adverse_events and vitals repeat on week_4_arm_1, adverse_events on follow_up_arm_1 too.
 * Record 1 gets, in this order: adverse event #2 on follow-up, vitals #2 on week 4, adverse
 * events #1 and #2 on week 4 (its unscheduled event already has instances 1 and 2).
 */
const repeatingForms: Edit = (project) => {
  for (const [event_name, form_name] of [
    ['week_4_arm_1', 'adverse_events'],
    ['week_4_arm_1', 'vitals'],
    ['follow_up_arm_1', 'adverse_events'],
  ] as const) {
    project.repeating.push({ event_name, form_name, custom_form_label: '' });
  }
  recordOf(project, '1').slots.push(
    repeatSlot('follow_up_arm_1', 'adverse_events', 2, { ae_description: 'follow-up two' }),
    repeatSlot('week_4_arm_1', 'vitals', 2, { weight: '50', vitals_complete: '0' }),
    repeatSlot('week_4_arm_1', 'adverse_events', 1, { ae_description: 'week 4 one' }),
    repeatSlot('week_4_arm_1', 'adverse_events', 2, { ae_description: 'week 4 two' }),
  );
};

/** week_4_arm_1 repeats as a whole too; record 1's week 4 row is its instance 1. */
const week4Repeats: Edit = (project) => {
  project.repeating.push({ event_name: 'week_4_arm_1', form_name: '', custom_form_label: '' });
  recordOf(project, '1').slots.find((s) => s.event === 'week_4_arm_1')!.instance = 1;
};

/** Record 1 has a row on arm 2's baseline too. */
const inBothArms: Edit = (project) => {
  recordOf(project, '1').slots.push({
    event: 'baseline_arm_2',
    repeatInstrument: null,
    instance: null,
    values: { record_id: '1', age: '35' },
    checked: {},
  });
};

/** Record 77 has nothing but adverse event #1 on week 4 (a repeating instrument there). */
const onlyAnInstance: Edit = (project) => {
  project.repeating.push({
    event_name: 'week_4_arm_1',
    form_name: 'adverse_events',
    custom_form_label: '',
  });
  project.records.push({
    id: '77',
    dag: '',
    slots: [repeatSlot('week_4_arm_1', 'adverse_events', 1, { record_id: '77', ae_serious: '1' })],
  });
};

const del = (...pairs: Pairs): Pairs => [
  ['content', 'record'],
  ['action', 'delete'],
  ['returnFormat', 'json'],
  ...pairs,
];

const rows = (...pairs: Pairs): Pairs => [['content', 'record'], ['format', 'csv'], ...pairs];

interface Case {
  readonly name: string;
  readonly slug?: string;
  readonly edits?: readonly Edit[];
  readonly steps: readonly Pairs[];
  readonly answers: readonly string[];
  readonly log: string;
}

const LONG = 'longitudinal-demo';

async function run(c: Case) {
  const slug = c.slug ?? LONG;
  const token = slug === LONG ? ALICE_LONGITUDINAL_TOKEN : ALICE_TOKEN;
  const redcap = mock(slug, ...(c.edits ?? []));
  const answers: string[] = [];
  for (const pairs of c.steps) {
    const { status, text } = await sendPairs(redcap, [['token', token], ...pairs]);
    answers.push(`${status} ${text}`);
  }
  const { text } = await sendPairs(redcap, [
    ['token', token],
    ['content', 'log'],
    ['format', 'json'],
  ]);
  const row = (JSON.parse(text) as Record<string, string>[]).find(
    (r) => !r['action']!.startsWith('Data Export'),
  );
  return { answers, log: row ? `${row['action']} | ${row['details']}` : '' };
}

const cases: Case[] = [
  // Classic project: the fields of the form are gone, the log names the instance only past 1.
  {
    name: 'classic: a form is cleared, its values gone',
    slug: 'classic-demo',
    steps: [
      del(['records[0]', '1'], ['instrument', 'health']),
      rows(['records', '1'], ['fields', 'record_id,height,weight,health_complete']),
    ],
    answers: [
      '200 1',
      '200 record_id,redcap_repeat_instrument,redcap_repeat_instance,height,weight,health_complete\n1,,,,,0\n',
    ],
    log: 'Update record (API) 1 | Delete all record data for single form (health)',
  },
  {
    name: 'classic: instance 1 of a repeating form, named: no instance in the log',
    slug: 'classic-demo',
    steps: [del(['records[0]', '1'], ['instrument', 'visit'], ['repeat_instance', '1'])],
    answers: ['200 1'],
    log: 'Update record (API) 1 | Delete all record data for single form (visit)',
  },
  {
    name: 'classic: repeat_instance on a form that does not repeat: no instance in the log',
    slug: 'classic-demo',
    steps: [del(['records[0]', '1'], ['instrument', 'health'], ['repeat_instance', '2'])],
    answers: ['200 1'],
    log: 'Update record (API) 1 | Delete all record data for single form (health)',
  },
  {
    name: 'classic: a deleted record is gone',
    slug: 'classic-demo',
    steps: [del(['records[0]', '1']), del(['records[0]', '1'])],
    answers: [
      '200 1',
      '400 {"error":"One or more of the records provided cannot be deleted because they do not exist in the project. The following records do not exist: 1"}',
    ],
    log: "Delete record (API) 1 | record_id = '1'",
  },
  // Longitudinal.
  {
    name: 'a whole record is gone: a second delete finds nothing',
    steps: [del(['records[0]', '1']), del(['records[0]', '1'])],
    answers: [
      '200 1',
      '400 {"error":"One or more of the records provided cannot be deleted because they do not exist in the project. The following records do not exist: 1"}',
    ],
    log: "Delete record (API) 1 | record_id = '1'",
  },
  {
    name: "a record's only event: a second delete finds nothing",
    steps: [del(['records[0]', '5'], ['event', 'baseline_arm_1']), del(['records[0]', '5'])],
    answers: [
      '200 1',
      '400 {"error":"One or more of the records provided cannot be deleted because they do not exist in the project. The following records do not exist: 5"}',
    ],
    log: "Delete record (API) 5 | record_id = '5' [event = baseline_arm_1]",
  },
  {
    name: 'an arm of a record in both arms: the other arm stays',
    edits: [inBothArms],
    steps: [
      del(['records[0]', '1'], ['arm', '1']),
      rows(['records', '1'], ['fields', 'record_id,age']),
    ],
    answers: [
      '200 1',
      '200 record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,age\n1,baseline_arm_2,,,35\n',
    ],
    log: "Delete record (API) 1 | record_id = '1' [arm = 1]",
  },
  {
    name: 'arm 2 of a record in both arms',
    edits: [inBothArms],
    steps: [
      del(['records[0]', '1'], ['arm', '2']),
      rows(['records', '1'], ['fields', 'record_id,age']),
    ],
    answers: [
      '200 1',
      '200 record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,age\n1,baseline_arm_1,,,34\n1,week_4_arm_1,,,\n1,unscheduled_arm_1,,1,\n1,unscheduled_arm_1,,2,\n1,follow_up_arm_1,,,\n',
    ],
    log: "Delete record (API) 1 | record_id = '1' [arm = 2]",
  },
  {
    name: 'instance 1 of a repeating event: instance 1 of another repeating event stays',
    edits: [week4Repeats],
    steps: [
      del(['records[0]', '1'], ['event', 'unscheduled_arm_1'], ['repeat_instance', '1']),
      rows(['records', '1'], ['fields', 'record_id,weight']),
    ],
    answers: [
      '200 1',
      '200 record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,weight\n1,baseline_arm_1,,,70.5\n1,week_4_arm_1,,1,69.8\n1,unscheduled_arm_1,,2,\n1,follow_up_arm_1,,,\n',
    ],
    log: "Delete record (API) 1 | record_id = '1' [event = unscheduled_arm_1]",
  },
  {
    name: 'a form on an event: its values there are gone, the other events keep theirs',
    steps: [
      del(['records[0]', '1'], ['event', 'week_4_arm_1'], ['instrument', 'vitals']),
      rows(['records', '1'], ['fields', 'record_id,weight,sbp,vitals_complete']),
    ],
    answers: [
      '200 1',
      '200 record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,weight,sbp,vitals_complete\n1,baseline_arm_1,,,70.5,120,2\n1,week_4_arm_1,,,,,0\n1,unscheduled_arm_1,,1,69.0,135,1\n1,unscheduled_arm_1,,2,,,0\n1,follow_up_arm_1,,,,,\n',
    ],
    log: 'Update record (API) 1 | Delete all record data for single form (vitals) [event = week_4_arm_1]',
  },
  {
    name: 'a form on an event the record does not have: nothing',
    steps: [del(['records[0]', '5'], ['event', 'week_4_arm_1'], ['instrument', 'vitals'])],
    answers: ['200 0'],
    log: '',
  },
  {
    name: 'adverse event #2 on week 4: not #2 of the unscheduled event, of vitals, or of follow-up',
    edits: [repeatingForms],
    steps: [
      del(
        ['records[0]', '1'],
        ['event', 'week_4_arm_1'],
        ['instrument', 'adverse_events'],
        ['repeat_instance', '2'],
      ),
      rows(['records', '1'], ['fields', 'record_id,weight,ae_description']),
    ],
    answers: [
      '200 1',
      '200 record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,weight,ae_description\n1,baseline_arm_1,,,70.5,\n1,week_4_arm_1,,,,\n1,week_4_arm_1,vitals,2,50,\n1,week_4_arm_1,adverse_events,1,,"week 4 one"\n1,unscheduled_arm_1,,1,69.0,\n1,unscheduled_arm_1,,2,,"Fainted, ""briefly"""\n1,follow_up_arm_1,,,,\n',
    ],
    log: 'Update record (API) 1 | Delete all record data for single form (adverse_events) [event = week_4_arm_1] [instance = 2]',
  },
  {
    name: 'a repeating instrument instance that is not there: nothing',
    edits: [repeatingForms],
    steps: [
      del(
        ['records[0]', '1'],
        ['event', 'week_4_arm_1'],
        ['instrument', 'adverse_events'],
        ['repeat_instance', '3'],
      ),
    ],
    answers: ['200 0'],
    log: '',
  },
  {
    name: "a record's only instance: the record is gone",
    edits: [onlyAnInstance],
    steps: [
      del(['records[0]', '77'], ['event', 'week_4_arm_1'], ['instrument', 'adverse_events']),
      del(['records[0]', '77']),
    ],
    answers: [
      '200 1',
      '400 {"error":"One or more of the records provided cannot be deleted because they do not exist in the project. The following records do not exist: 77"}',
    ],
    log: 'Update record (API) 77 | Delete all record data for single form (adverse_events) [event = week_4_arm_1]',
  },
];

describe('Delete Records, more edges', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const got = await run(c);
    expect(got.answers).toEqual(c.answers);
    expect(got.log).toBe(c.log);
  });
});
