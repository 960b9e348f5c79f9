import { describe, expect, it } from 'vitest';
import { ALICE_LONGITUDINAL_TOKEN, seedData } from '../../mocks/fixtures/index.ts';
import { createMockRedcap, type MockRedcap } from '../../mocks/redcap.ts';
import type { DataSlot, MockRedcapData, ProjectData } from '../../mocks/store/types.ts';
import { sendPairs, type Pairs } from './redcap-error.ts';

/**
 * Export and Import Records on the longitudinal demo (§2.3, §2.4, §2.11, §2.14), the edges the
 * first tables left open: EAV rows, labels with one and two arms, the `events` filter, data left
 * on an event by a form not designated there, blank cells, `new` instances, autonumbering and
 * the rows a new record gets. Each case: the requests in order, then what a client reads back
 * (status and exact body of each answer, and the newest log line).
 */
type Edit = (project: ProjectData) => void;

function mock(...edits: Edit[]): MockRedcap {
  const seed: MockRedcapData = seedData();
  const project = seed.projects.find((p) => p.slug === 'longitudinal-demo')!;
  for (const edit of edits) edit(project);
  return createMockRedcap({ seed });
}

const recordOf = (project: ProjectData, id: string) => project.records.find((r) => r.id === id)!;

/** adverse_events repeats on week_4_arm_1; record 1's week 4 adverse event becomes instance 1. */
const aeRepeatsOnWeek4: Edit = (project) => {
  project.repeating.push({
    event_name: 'week_4_arm_1',
    form_name: 'adverse_events',
    custom_form_label: '',
  });
  const record = recordOf(project, '1');
  const week4 = record.slots.find((s) => s.event === 'week_4_arm_1')!;
  const moved: Record<string, string> = {};
  for (const name of ['ae_description', 'ae_serious', 'adverse_events_complete']) {
    moved[name] = week4.values[name]!;
    delete week4.values[name];
  }
  record.slots.push({
    event: 'week_4_arm_1',
    repeatInstrument: 'adverse_events',
    instance: 1,
    values: moved,
    checked: {},
  });
};

/** No repeating event or instrument at all (record 1's unscheduled rows go too). */
const noRepeating: Edit = (project) => {
  project.repeating = [];
  const record = recordOf(project, '1');
  record.slots = record.slots.filter((s) => s.event !== 'unscheduled_arm_1');
  const four = recordOf(project, '4');
  four.slots = four.slots.filter((s) => s.event !== 'unscheduled_arm_1');
};

/** One arm only: arm 2, its events and its records go. */
const oneArm: Edit = (project) => {
  project.arms = project.arms!.filter((a) => a.arm_num === 1);
  project.events = project.events!.filter((e) => e.arm_num === 1);
  project.formEvents = project.formEvents!.filter((m) => m.unique_event_name.endsWith('_arm_1'));
  project.records = project.records.filter((r) => Number(r.id) <= 8);
};

/** Extra stored rows of a record (data a form no longer designated left behind, §2.11). */
const slotsOf =
  (id: string, ...slots: DataSlot[]): Edit =>
  (project) => {
    recordOf(project, id).slots.push(...slots);
  };

/** One DAG; record 2 is in it. */
const oneDag: Edit = (project) => {
  project.dags = [
    { data_access_group_id: 1, data_access_group_name: 'Site A', unique_group_name: 'site_a' },
  ];
  recordOf(project, '2').dag = 'site_a';
};

const slot = (
  event: string,
  values: Record<string, string>,
  checked: Record<string, string[]> = {},
): DataSlot => ({ event, repeatInstrument: null, instance: null, values, checked });

/** vitals repeats on week_4_arm_1 too (with aeRepeatsOnWeek4: two forms). */
const moreRepeatOnWeek4: Edit = (project) => {
  project.repeating.push({
    event_name: 'week_4_arm_1',
    form_name: 'vitals',
    custom_form_label: '',
  });
};

const instanceSlot = (
  event: string,
  form: string,
  instance: number,
  values: Record<string, string>,
): DataSlot => ({ event, repeatInstrument: form, instance, values, checked: {} });

/** A file field on vitals, and a stored document. */
const fileField: Edit = (project) => {
  const weight = project.metadata.find((m) => m.field_name === 'weight')!;
  const at = project.metadata.indexOf(weight) + 1;
  project.metadata.splice(at, 0, {
    ...weight,
    field_name: 'scan',
    field_type: 'file',
    field_label: 'Scan',
    text_validation_type_or_show_slider_number: '',
  });
  project.edocs.push({
    doc_id: 9001,
    name: 'scan.pdf',
    mime: 'application/pdf',
    bytes: new Uint8Array([1]),
  });
  recordOf(project, '2').slots[0]!.values['scan'] = '9001';
};

const send = (redcap: MockRedcap, pairs: Pairs) =>
  sendPairs(redcap, [['token', ALICE_LONGITUDINAL_TOKEN], ...pairs]);

const exportCsv = (...pairs: Pairs): Pairs => [['content', 'record'], ['format', 'csv'], ...pairs];

const importJson = (rows: readonly Record<string, string>[], ...pairs: Pairs): Pairs => [
  ['content', 'record'],
  ['format', 'json'],
  ['data', JSON.stringify(rows)],
  ...pairs,
];

async function run(redcap: MockRedcap, steps: readonly Pairs[]) {
  const answers: string[] = [];
  for (const pairs of steps) {
    const { status, text } = await send(redcap, pairs);
    answers.push(`${status} ${text}`);
  }
  const { text } = await send(redcap, [
    ['content', 'log'],
    ['format', 'json'],
  ]);
  // The newest log row that is not an export: what the requests changed.
  const row = (JSON.parse(text) as Record<string, string>[]).find(
    (r) => !r['action']!.startsWith('Data Export'),
  );
  return { answers, log: row ? `${row['action']} | ${row['details']}` : '' };
}

interface Case {
  readonly name: string;
  readonly edits?: readonly Edit[];
  readonly steps: readonly Pairs[];
  readonly answers: readonly string[];
  readonly log?: string;
}

const cases: Case[] = [
  // EAV export (§2.3): one row per stored value; the record id once per event row.
  {
    name: 'EAV, raw, with a repeating instrument and a repeating event',
    edits: [aeRepeatsOnWeek4],
    steps: [exportCsv(['type', 'eav'], ['records', '1'])],
    answers: [
      '200 record,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,field_name,value\n1,baseline_arm_1,,,record_id,1\n1,baseline_arm_1,,,enroll_date,2024-01-08\n1,baseline_arm_1,,,age,34\n1,baseline_arm_1,,,group,1\n1,baseline_arm_1,,,enrollment_complete,2\n1,baseline_arm_1,,,weight,70.5\n1,baseline_arm_1,,,sbp,120\n1,baseline_arm_1,,,symptoms,1\n1,baseline_arm_1,,,vitals_complete,2\n1,week_4_arm_1,,,record_id,1\n1,week_4_arm_1,,,weight,69.8\n1,week_4_arm_1,,,sbp,118\n1,week_4_arm_1,,,vitals_complete,2\n1,week_4_arm_1,adverse_events,1,ae_description,"Headache after dose"\n1,week_4_arm_1,adverse_events,1,ae_serious,0\n1,week_4_arm_1,adverse_events,1,adverse_events_complete,2\n1,unscheduled_arm_1,,1,record_id,1\n1,unscheduled_arm_1,,1,weight,69.0\n1,unscheduled_arm_1,,1,sbp,135\n1,unscheduled_arm_1,,1,symptoms,1\n1,unscheduled_arm_1,,1,symptoms,2\n1,unscheduled_arm_1,,1,vitals_complete,1\n1,unscheduled_arm_1,,2,record_id,1\n1,unscheduled_arm_1,,2,ae_description,"Fainted, ""briefly"""\n1,unscheduled_arm_1,,2,ae_serious,1\n1,unscheduled_arm_1,,2,adverse_events_complete,1\n1,follow_up_arm_1,,,record_id,1\n1,follow_up_arm_1,,,completion_date,2024-03-01\n1,follow_up_arm_1,,,withdrew,0\n1,follow_up_arm_1,,,completion_complete,2\n',
    ],
  },
  {
    name: 'EAV, labels, two arms',
    steps: [exportCsv(['type', 'eav'], ['records', '1'], ['rawOrLabel', 'label'])],
    answers: [
      '200 record,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,field_name,value\n1,"Baseline (Arm 1: Drug A)",,,record_id,1\n1,"Baseline (Arm 1: Drug A)",,,enroll_date,2024-01-08\n1,"Baseline (Arm 1: Drug A)",,,age,34\n1,"Baseline (Arm 1: Drug A)",,,group,Control\n1,"Baseline (Arm 1: Drug A)",,,enrollment_complete,Complete\n1,"Baseline (Arm 1: Drug A)",,,weight,70.5\n1,"Baseline (Arm 1: Drug A)",,,sbp,120\n1,"Baseline (Arm 1: Drug A)",,,symptoms,Fever\n1,"Baseline (Arm 1: Drug A)",,,vitals_complete,Complete\n1,"Week 4 (Arm 1: Drug A)",,,record_id,1\n1,"Week 4 (Arm 1: Drug A)",,,weight,69.8\n1,"Week 4 (Arm 1: Drug A)",,,sbp,118\n1,"Week 4 (Arm 1: Drug A)",,,vitals_complete,Complete\n1,"Week 4 (Arm 1: Drug A)",,,ae_description,"Headache after dose"\n1,"Week 4 (Arm 1: Drug A)",,,ae_serious,No\n1,"Week 4 (Arm 1: Drug A)",,,adverse_events_complete,Complete\n1,"Unscheduled (Arm 1: Drug A)",,1,record_id,1\n1,"Unscheduled (Arm 1: Drug A)",,1,weight,69.0\n1,"Unscheduled (Arm 1: Drug A)",,1,sbp,135\n1,"Unscheduled (Arm 1: Drug A)",,1,symptoms,Fever\n1,"Unscheduled (Arm 1: Drug A)",,1,symptoms,Cough\n1,"Unscheduled (Arm 1: Drug A)",,1,vitals_complete,Unverified\n1,"Unscheduled (Arm 1: Drug A)",,2,record_id,1\n1,"Unscheduled (Arm 1: Drug A)",,2,ae_description,"Fainted, ""briefly"""\n1,"Unscheduled (Arm 1: Drug A)",,2,ae_serious,Yes\n1,"Unscheduled (Arm 1: Drug A)",,2,adverse_events_complete,Unverified\n1,"Follow-up (Arm 1: Drug A)",,,record_id,1\n1,"Follow-up (Arm 1: Drug A)",,,completion_date,2024-03-01\n1,"Follow-up (Arm 1: Drug A)",,,withdrew,No\n1,"Follow-up (Arm 1: Drug A)",,,completion_complete,Complete\n',
    ],
  },
  {
    name: 'EAV, labels, one arm: the event name alone',
    edits: [oneArm],
    steps: [exportCsv(['type', 'eav'], ['records', '2'], ['rawOrLabel', 'label'])],
    answers: [
      '200 record,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,field_name,value\n2,Baseline,,,record_id,2\n2,Baseline,,,enroll_date,2024-01-09\n2,Baseline,,,age,51\n2,Baseline,,,group,Treatment\n2,Baseline,,,enrollment_complete,Complete\n2,Baseline,,,weight,82\n2,Baseline,,,sbp,140\n2,Baseline,,,vitals_complete,Complete\n2,"Week 4",,,record_id,2\n2,"Week 4",,,weight,81.2\n2,"Week 4",,,sbp,136\n2,"Week 4",,,symptoms,Cough\n2,"Week 4",,,vitals_complete,Complete\n2,Follow-up,,,record_id,2\n2,Follow-up,,,completion_date,2024-03-05\n2,Follow-up,,,withdrew,Yes\n2,Follow-up,,,completion_complete,Complete\n',
    ],
  },
  {
    name: 'EAV without repeating setup: no repeat columns',
    edits: [noRepeating],
    steps: [
      exportCsv(['type', 'eav'], ['records', '2'], ['fields', 'record_id,symptoms,withdrew']),
    ],
    answers: [
      '200 record,redcap_event_name,field_name,value\n2,baseline_arm_1,record_id,2\n2,week_4_arm_1,record_id,2\n2,week_4_arm_1,symptoms,2\n2,follow_up_arm_1,record_id,2\n2,follow_up_arm_1,withdrew,1\n',
    ],
  },
  {
    name: 'EAV, JSON, fields of one form',
    edits: [aeRepeatsOnWeek4],
    steps: [
      [
        ['content', 'record'],
        ['format', 'json'],
        ['type', 'eav'],
        ['records', '1'],
        ['fields', 'record_id,ae_serious'],
      ],
    ],
    answers: [
      '200 [{"record":"1","redcap_event_name":"baseline_arm_1","redcap_repeat_instrument":"","redcap_repeat_instance":"","field_name":"record_id","value":"1"},{"record":"1","redcap_event_name":"week_4_arm_1","redcap_repeat_instrument":"","redcap_repeat_instance":"","field_name":"record_id","value":"1"},{"record":"1","redcap_event_name":"week_4_arm_1","redcap_repeat_instrument":"adverse_events","redcap_repeat_instance":1,"field_name":"ae_serious","value":"0"},{"record":"1","redcap_event_name":"unscheduled_arm_1","redcap_repeat_instrument":"","redcap_repeat_instance":1,"field_name":"record_id","value":"1"},{"record":"1","redcap_event_name":"unscheduled_arm_1","redcap_repeat_instrument":"","redcap_repeat_instance":2,"field_name":"record_id","value":"1"},{"record":"1","redcap_event_name":"unscheduled_arm_1","redcap_repeat_instrument":"","redcap_repeat_instance":2,"field_name":"ae_serious","value":"1"},{"record":"1","redcap_event_name":"follow_up_arm_1","redcap_repeat_instrument":"","redcap_repeat_instance":"","field_name":"record_id","value":"1"}]',
    ],
  },
  // Flat export.
  {
    name: 'flat, labels, one arm, label headers',
    edits: [oneArm],
    steps: [
      exportCsv(
        ['records', '1'],
        ['rawOrLabel', 'label'],
        ['rawOrLabelHeaders', 'label'],
        ['fields', 'record_id,weight'],
      ),
    ],
    answers: [
      '200 "Record ID","Event Name","Repeat Instrument","Repeat Instance","Weight (kg)"\n1,Baseline,,,70.5\n1,"Week 4",,,69.8\n1,Unscheduled,,1,69.0\n1,Unscheduled,,2,\n1,Follow-up,,,\n',
    ],
  },
  {
    name: 'flat, labels, an arm 2 record: its own arm in the event text',
    steps: [exportCsv(['records', '9'], ['rawOrLabel', 'label'], ['fields', 'record_id'])],
    answers: [
      '200 record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance\n9,"Baseline (Arm 2: Drug B)",,\n9,"Week 4 (Arm 2: Drug B)",,\n9,"Final (Arm 2: Drug B)",,\n',
    ],
  },
  {
    name: 'flat, labels of a repeating instrument',
    edits: [aeRepeatsOnWeek4],
    steps: [
      exportCsv(
        ['records', '1'],
        ['rawOrLabel', 'label'],
        ['rawOrLabelHeaders', 'label'],
        ['fields', 'record_id,ae_serious'],
      ),
    ],
    answers: [
      '200 "Record ID","Event Name","Repeat Instrument","Repeat Instance",Serious?\n1,"Baseline (Arm 1: Drug A)",,,\n1,"Week 4 (Arm 1: Drug A)",,,\n1,"Week 4 (Arm 1: Drug A)","Adverse Events",1,No\n1,"Unscheduled (Arm 1: Drug A)",,1,\n1,"Unscheduled (Arm 1: Drug A)",,2,Yes\n1,"Follow-up (Arm 1: Drug A)",,,\n',
    ],
  },
  {
    name: 'flat without repeating setup: no repeat columns, raw or label headers',
    edits: [noRepeating],
    steps: [
      exportCsv(['records', '1'], ['rawOrLabelHeaders', 'label'], ['fields', 'record_id,sbp']),
      exportCsv(['records', '1'], ['events', 'week_4_arm_1'], ['fields', 'record_id,sbp']),
    ],
    answers: [
      '200 "Record ID","Event Name","Systolic blood pressure"\n1,baseline_arm_1,120\n1,week_4_arm_1,118\n1,follow_up_arm_1,\n',
      '200 record_id,redcap_event_name,sbp\n1,week_4_arm_1,118\n',
    ],
  },
  {
    name: 'events filter: unknown names, each quoted',
    steps: [exportCsv(['events', 'nope,baseline_arm_1,nah'])],
    answers: [
      "400 ERROR: The following values in the parameter \"events\" are not valid: 'nope', 'nah'",
    ],
  },
  {
    name: 'events filter: known names keep their order in the project',
    steps: [
      exportCsv(
        ['records', '1'],
        ['events', 'follow_up_arm_1,baseline_arm_1'],
        ['fields', 'record_id'],
      ),
    ],
    answers: [
      '200 record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance\n1,baseline_arm_1,,\n1,follow_up_arm_1,,\n',
    ],
  },
  {
    name: 'data of an undesignated form only: no row; with the id only or a designated value: a row',
    edits: [
      slotsOf(
        '3',
        slot('follow_up_arm_1', { weight: '1', vitals_complete: '2' }, { symptoms: ['1'] }),
        { ...slot('unscheduled_arm_1', { weight: '7' }), instance: 2 },
        { ...slot('unscheduled_arm_1', { vitals_complete: '1' }), instance: 3 },
      ),
      slotsOf('5', slot('week_4_arm_1', { record_id: '5' })),
    ],
    steps: [
      exportCsv(
        ['records', '3,5'],
        ['fields', 'record_id,weight,vitals_complete,completion_complete'],
      ),
    ],
    answers: [
      '200 record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,weight,vitals_complete,completion_complete\n3,baseline_arm_1,,,58.4,2,\n3,week_4_arm_1,,,58,0,\n3,unscheduled_arm_1,,2,7,0,\n3,unscheduled_arm_1,,3,,1,\n5,baseline_arm_1,,,,0,\n5,week_4_arm_1,,,,0,\n',
    ],
  },
  {
    name: 'data of an undesignated form only, EAV: no rows but the id',
    edits: [slotsOf('3', slot('follow_up_arm_1', { weight: '1' }))],
    steps: [exportCsv(['type', 'eav'], ['records', '3'])],
    answers: [
      '200 record,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,field_name,value\n3,baseline_arm_1,,,record_id,3\n3,baseline_arm_1,,,enroll_date,2024-01-15\n3,baseline_arm_1,,,age,27\n3,baseline_arm_1,,,group,1\n3,baseline_arm_1,,,enrollment_complete,2\n3,baseline_arm_1,,,weight,58.4\n3,baseline_arm_1,,,sbp,110\n3,baseline_arm_1,,,vitals_complete,2\n3,week_4_arm_1,,,record_id,3\n3,week_4_arm_1,,,weight,58\n3,week_4_arm_1,,,sbp,112\n3,week_4_arm_1,,,vitals_complete,0\n',
    ],
  },
  {
    name: 'a repeat instance without data in the asked fields: no row',
    edits: [aeRepeatsOnWeek4],
    steps: [exportCsv(['records', '1'], ['fields', 'record_id,weight'])],
    answers: [
      '200 record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,weight\n1,baseline_arm_1,,,70.5\n1,week_4_arm_1,,,69.8\n1,unscheduled_arm_1,,1,69.0\n1,unscheduled_arm_1,,2,\n1,follow_up_arm_1,,,\n',
    ],
  },
  // Import.
  {
    name: 'a new record on two events in one import: created once, id saved once',
    steps: [
      importJson([
        { record_id: '99', redcap_event_name: 'baseline_arm_1', age: '5' },
        { record_id: '99', redcap_event_name: 'week_4_arm_1', sbp: '100' },
      ]),
      exportCsv(['records', '99'], ['fields', 'record_id,age,sbp']),
    ],
    answers: [
      '200 {"count": 1}',
      '200 record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,age,sbp\n99,baseline_arm_1,,,5,\n99,week_4_arm_1,,,,100\n',
    ],
    log: "Create record (API) 99 | record_id = '99', age = '5', enrollment_complete = '0', sbp = '100', vitals_complete = '0'",
  },
  {
    name: 'a new record is in no DAG',
    edits: [oneDag],
    steps: [
      importJson([{ record_id: '99', redcap_event_name: 'baseline_arm_1', age: '5' }]),
      exportCsv(
        ['records', '2,99'],
        ['fields', 'record_id,age'],
        ['exportDataAccessGroups', 'true'],
      ),
    ],
    answers: [
      '200 {"count": 1}',
      '200 record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,redcap_data_access_group,age\n2,baseline_arm_1,,,site_a,51\n2,week_4_arm_1,,,site_a,\n2,follow_up_arm_1,,,site_a,\n99,baseline_arm_1,,,,5\n',
    ],
    log: "Create record (API) 99 | record_id = '99', age = '5', enrollment_complete = '0'",
  },
  {
    name: 'a plain update: no instance in the log',
    steps: [importJson([{ record_id: '2', redcap_event_name: 'week_4_arm_1', sbp: '101' }])],
    answers: ['200 {"count": 1}'],
    log: "Update record (API) 2 | sbp = '101'",
  },
  {
    name: 'reserved columns (survey identifier, timestamps, return codes) are ignored',
    steps: [
      importJson([
        {
          record_id: '2',
          redcap_event_name: 'week_4_arm_1',
          redcap_survey_identifier: 'x',
          vitals_timestamp: 'y',
          vitals_return_code: 'z',
          sbp: '101',
        },
      ]),
    ],
    answers: ['200 {"count": 1}'],
    log: "Update record (API) 2 | sbp = '101'",
  },
  {
    name: 'forceAutoNumber: the next number after the numeric ids',
    edits: [
      (project) => {
        for (const id of ['x20', '30x']) {
          project.records.push({ id, dag: '', slots: [slot('baseline_arm_1', { record_id: id })] });
        }
      },
    ],
    steps: [
      importJson(
        [{ record_id: 'abc', redcap_event_name: 'baseline_arm_1', age: '5' }],
        ['forceAutoNumber', 'true'],
        ['returnContent', 'auto_ids'],
      ),
    ],
    answers: ['200 ["13,abc"]'],
    log: "Create record (API) 13 | record_id = '13', age = '5', enrollment_complete = '0'",
  },
  {
    name: 'a new instance of a repeating instrument: counted on that event and form only',
    edits: [aeRepeatsOnWeek4],
    steps: [
      importJson([
        {
          record_id: '1',
          redcap_event_name: 'week_4_arm_1',
          redcap_repeat_instrument: 'adverse_events',
          redcap_repeat_instance: 'new',
          ae_serious: '1',
        },
      ]),
      exportCsv(['records', '1'], ['events', 'week_4_arm_1'], ['fields', 'record_id,ae_serious']),
    ],
    answers: [
      '200 {"count": 1}',
      '200 record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,ae_serious\n1,week_4_arm_1,,,\n1,week_4_arm_1,adverse_events,1,0\n1,week_4_arm_1,adverse_events,2,1\n',
    ],
    log: "Update record (API) 1 | [instance = 2], ae_serious = '1', adverse_events_complete = '0'",
  },
  {
    name: 'an instance of a repeating instrument is written to that instance',
    edits: [aeRepeatsOnWeek4],
    steps: [
      importJson([
        {
          record_id: '1',
          redcap_event_name: 'week_4_arm_1',
          redcap_repeat_instrument: 'adverse_events',
          redcap_repeat_instance: '1',
          ae_description: 'changed',
        },
      ]),
      exportCsv(['records', '1'], ['fields', 'record_id,weight,ae_description']),
    ],
    answers: [
      '200 {"count": 1}',
      '200 record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,weight,ae_description\n1,baseline_arm_1,,,70.5,\n1,week_4_arm_1,,,69.8,\n1,week_4_arm_1,adverse_events,1,,changed\n1,unscheduled_arm_1,,1,69.0,\n1,unscheduled_arm_1,,2,,"Fainted, ""briefly"""\n1,follow_up_arm_1,,,,\n',
    ],
    log: "Update record (API) 1 | ae_description = 'changed'",
  },
  {
    name: 'a blank new instance is not kept: the next new one takes its number',
    edits: [aeRepeatsOnWeek4],
    steps: [
      importJson([
        {
          record_id: '1',
          redcap_event_name: 'week_4_arm_1',
          redcap_repeat_instrument: 'adverse_events',
          redcap_repeat_instance: '3',
          ae_description: '',
        },
      ]),
      importJson([
        {
          record_id: '1',
          redcap_event_name: 'week_4_arm_1',
          redcap_repeat_instrument: 'adverse_events',
          redcap_repeat_instance: 'new',
          ae_serious: '0',
        },
      ]),
    ],
    answers: ['200 {"count": 1}', '200 {"count": 1}'],
    log: "Update record (API) 1 | [instance = 2], ae_serious = '0', adverse_events_complete = '0'",
  },
  {
    name: 'a new record with only a blank repeat instance still exists, on the event row',
    edits: [aeRepeatsOnWeek4],
    steps: [
      importJson([
        {
          record_id: '77',
          redcap_event_name: 'week_4_arm_1',
          redcap_repeat_instrument: 'adverse_events',
          redcap_repeat_instance: '1',
          ae_description: '',
        },
      ]),
      exportCsv(['records', '77'], ['fields', 'record_id,weight']),
    ],
    answers: [
      '200 {"count": 1}',
      '200 record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,weight\n77,week_4_arm_1,,,\n',
    ],
    log: "Create record (API) 77 | record_id = '77'",
  },
  {
    name: 'a blank row on a new event of a record: the event row is saved with the id',
    steps: [
      importJson([{ record_id: '3', redcap_event_name: 'follow_up_arm_1', withdrew: '' }]),
      exportCsv(['records', '3'], ['fields', 'record_id,withdrew']),
    ],
    answers: [
      '200 {"count": 1}',
      '200 record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,withdrew\n3,baseline_arm_1,,,\n3,week_4_arm_1,,,\n3,follow_up_arm_1,,,\n',
    ],
    log: 'Update record (API) 3 | ',
  },
  {
    name: 'a new repeat instance with one ticked box: kept, status 0',
    steps: [
      importJson([
        {
          record_id: '1',
          redcap_event_name: 'unscheduled_arm_1',
          redcap_repeat_instance: '3',
          symptoms___3: '1',
        },
      ]),
      exportCsv(
        ['records', '1'],
        ['events', 'unscheduled_arm_1'],
        ['fields', 'record_id,symptoms,vitals_complete'],
      ),
    ],
    answers: [
      '200 {"count": 1}',
      '200 record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,symptoms___1,symptoms___2,symptoms___3,vitals_complete\n1,unscheduled_arm_1,,1,1,1,0,1\n1,unscheduled_arm_1,,2,0,0,0,0\n1,unscheduled_arm_1,,3,0,0,1,0\n',
    ],
    log: "Update record (API) 1 | [instance = 3], symptoms(3) = checked, vitals_complete = '0'",
  },
  {
    name: 'an unticked box and blank cells give no form status',
    steps: [
      importJson([
        {
          record_id: '88',
          redcap_event_name: 'baseline_arm_1',
          symptoms___1: '0',
          age: '',
          sbp: '',
        },
      ]),
      exportCsv(['records', '88'], ['fields', 'record_id,enrollment_complete,vitals_complete']),
    ],
    answers: [
      '200 {"count": 1}',
      '200 record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,enrollment_complete,vitals_complete\n88,baseline_arm_1,,,0,0\n',
    ],
    log: "Create record (API) 88 | record_id = '88'",
  },
  {
    name: 'a ticked box gives its form a status',
    steps: [
      importJson([{ record_id: '88', redcap_event_name: 'baseline_arm_1', symptoms___1: '1' }]),
      exportCsv(['records', '88'], ['fields', 'record_id,enrollment_complete,vitals_complete']),
    ],
    answers: [
      '200 {"count": 1}',
      '200 record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,enrollment_complete,vitals_complete\n88,baseline_arm_1,,,0,0\n',
    ],
    log: "Create record (API) 88 | record_id = '88', symptoms(1) = checked, vitals_complete = '0'",
  },
  {
    name: 'several problems, one per line',
    steps: [
      importJson([
        { record_id: '1', redcap_event_name: 'baseline_arm_1', age: 'x' },
        { record_id: '2', redcap_event_name: 'baseline_arm_1', sbp: 'y' },
      ]),
    ],
    answers: [
      '400 {"error":"\\"1\\",\\"age\\",\\"x\\",\\"The value is not a valid integer for age\\"\\n\\"2\\",\\"sbp\\",\\"y\\",\\"The value is not a valid integer for sbp\\""}',
    ],
  },
  {
    name: 'a blank cell of an undesignated form is ignored, even with overwrite',
    edits: [slotsOf('3', slot('follow_up_arm_1', { completion_date: '2024-01-01', weight: '55' }))],
    steps: [
      importJson(
        [{ record_id: '3', redcap_event_name: 'follow_up_arm_1', weight: '', withdrew: '1' }],
        ['overwriteBehavior', 'overwrite'],
      ),
    ],
    answers: ['200 {"count": 1}'],
    log: "Update record (API) 3 | withdrew = '1', completion_complete = '0'",
  },
  {
    name: 'a blank cell of a designated form erases with overwrite',
    steps: [
      importJson(
        [{ record_id: '2', redcap_event_name: 'week_4_arm_1', sbp: '' }],
        ['overwriteBehavior', 'overwrite'],
      ),
      exportCsv(['records', '2'], ['fields', 'record_id,sbp']),
    ],
    answers: [
      '200 {"count": 1}',
      '200 record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,sbp\n2,baseline_arm_1,,,140\n2,week_4_arm_1,,,\n2,follow_up_arm_1,,,\n',
    ],
    log: "Update record (API) 2 | sbp = ''",
  },
  {
    name: 'rows of an event in order: event row, then instances by form order and number',
    edits: [
      aeRepeatsOnWeek4,
      moreRepeatOnWeek4,
      (project) => {
        recordOf(project, '1').slots.unshift(
          instanceSlot('week_4_arm_1', 'adverse_events', 2, { ae_serious: '1' }),
          instanceSlot('week_4_arm_1', 'vitals', 1, { sbp: '1' }),
        );
      },
    ],
    steps: [
      exportCsv(
        ['records', '1'],
        ['events', 'week_4_arm_1'],
        ['fields', 'record_id,age,sbp,ae_serious'],
      ),
    ],
    answers: [
      '200 record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,age,sbp,ae_serious\n1,week_4_arm_1,,,,,\n1,week_4_arm_1,vitals,1,,1,\n1,week_4_arm_1,adverse_events,1,,,0\n1,week_4_arm_1,adverse_events,2,,,1\n',
    ],
  },
  {
    name: 'a repeat row with data only in columns it does not show: no row',
    edits: [
      aeRepeatsOnWeek4,
      (project) => {
        const ae = recordOf(project, '1').slots.find((s) => s.repeatInstrument !== null)!;
        ae.values['record_id'] = '1';
        ae.values['weight'] = '9';
      },
    ],
    steps: [
      exportCsv(['records', '1'], ['events', 'week_4_arm_1'], ['fields', 'record_id,weight']),
    ],
    answers: [
      '200 record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,weight\n1,week_4_arm_1,,,69.8\n',
    ],
  },
  {
    name: 'a new instance: instances of other events and forms do not count',
    edits: [
      aeRepeatsOnWeek4,
      moreRepeatOnWeek4,
      (project) => {
        project.repeating.push({
          event_name: 'follow_up_arm_1',
          form_name: 'adverse_events',
          custom_form_label: '',
        });
        recordOf(project, '1').slots.push(
          instanceSlot('follow_up_arm_1', 'adverse_events', 3, { ae_serious: '1' }),
          instanceSlot('week_4_arm_1', 'vitals', 4, { sbp: '1' }),
        );
      },
    ],
    steps: [
      importJson([
        {
          record_id: '1',
          redcap_event_name: 'week_4_arm_1',
          redcap_repeat_instrument: 'adverse_events',
          redcap_repeat_instance: 'new',
          ae_serious: '0',
        },
      ]),
    ],
    answers: ['200 {"count": 1}'],
    log: "Update record (API) 1 | [instance = 2], ae_serious = '0', adverse_events_complete = '0'",
  },
  {
    name: 'an instance of one form is not written into the same instance of another',
    edits: [aeRepeatsOnWeek4, moreRepeatOnWeek4],
    steps: [
      importJson([
        {
          record_id: '1',
          redcap_event_name: 'week_4_arm_1',
          redcap_repeat_instrument: 'vitals',
          redcap_repeat_instance: '1',
          sbp: '99',
        },
      ]),
      exportCsv(
        ['records', '1'],
        ['events', 'week_4_arm_1'],
        ['fields', 'record_id,sbp,ae_serious'],
      ),
    ],
    answers: [
      '200 {"count": 1}',
      '200 record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,sbp,ae_serious\n1,week_4_arm_1,,,,\n1,week_4_arm_1,vitals,1,99,\n1,week_4_arm_1,adverse_events,1,,0\n',
    ],
    log: "Update record (API) 1 | sbp = '99', vitals_complete = '0'",
  },
  {
    name: 'a blank new instance of a repeating event is not kept',
    steps: [
      importJson([
        {
          record_id: '1',
          redcap_event_name: 'unscheduled_arm_1',
          redcap_repeat_instance: '3',
          weight: '',
        },
      ]),
      exportCsv(['records', '1'], ['events', 'unscheduled_arm_1'], ['fields', 'record_id,weight']),
    ],
    answers: [
      '200 {"count": 1}',
      '200 record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,weight\n1,unscheduled_arm_1,,1,69.0\n1,unscheduled_arm_1,,2,\n',
    ],
    log: 'Update record (API) 1 | [instance = 3]',
  },
  {
    name: 'a blank cell of a form that repeats here, on the event row: ignored',
    edits: [
      aeRepeatsOnWeek4,
      (project) => {
        recordOf(project, '1').slots.find((s) => s.event === 'week_4_arm_1')!.values[
          'ae_description'
        ] = 'left behind';
      },
    ],
    steps: [
      importJson(
        [{ record_id: '1', redcap_event_name: 'week_4_arm_1', ae_description: '', sbp: '1' }],
        ['overwriteBehavior', 'overwrite'],
      ),
    ],
    answers: ['200 {"count": 1}'],
    log: "Update record (API) 1 | sbp = '1'",
  },
  {
    name: 'a file field: its document name in flat and EAV exports, its cell ignored on import',
    edits: [fileField],
    steps: [
      exportCsv(['records', '2'], ['events', 'baseline_arm_1'], ['fields', 'record_id,scan']),
      exportCsv(['type', 'eav'], ['records', '2'], ['fields', 'scan']),
      importJson([
        { record_id: '2', redcap_event_name: 'baseline_arm_1', scan: 'x.pdf', sbp: '2' },
      ]),
      exportCsv(['records', '2'], ['events', 'baseline_arm_1'], ['fields', 'record_id,scan,sbp']),
    ],
    answers: [
      '200 record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,scan\n2,baseline_arm_1,,,scan.pdf\n',
      '200 record,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,field_name,value\n2,baseline_arm_1,,,record_id,2\n2,baseline_arm_1,,,scan,scan.pdf\n2,week_4_arm_1,,,record_id,2\n2,follow_up_arm_1,,,record_id,2\n',
      '200 {"count": 1}',
      '200 record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,scan,sbp\n2,baseline_arm_1,,,scan.pdf,2\n',
    ],
    log: "Update record (API) 2 | sbp = '2'",
  },
];

describe('Export and Import Records (longitudinal), more edges', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const got = await run(mock(...(c.edits ?? [])), c.steps);
    expect(got.answers).toEqual(c.answers);
    if (c.log !== undefined) expect(got.log).toBe(c.log);
  });
});
