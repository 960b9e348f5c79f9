import { afterEach, describe, expect, it } from 'vitest';
import { ALICE_LONGITUDINAL_TOKEN, ALICE_TOKEN } from '../../../mocks/fixtures/index.ts';
import type { ParamValues } from '../../../src/lib/methods/define-method.ts';
import type { MethodId } from '../../../src/lib/methods/index.ts';
import { client, CT, DEFAULT_400, XML_HEAD, type Target } from './client.ts';

/**
 * The longitudinal demo (mocks/README.md): arms (§2.12), events (§2.13), instrument-event
 * mappings (§2.11), repeating events (§2.14), and records with `redcap_event_name` (§2.3–§2.5).
 * Every write is put back, so the HTTP run's shared server ends as it started.
 */

const L = ALICE_LONGITUDINAL_TOKEN;

/** The seeded mapping (mocks/fixtures/longitudinal-demo.ts), as Export Mappings lists it. */
const MAPPING: [number, string, string][] = [
  [1, 'baseline_arm_1', 'enrollment'],
  [1, 'baseline_arm_1', 'vitals'],
  [1, 'week_4_arm_1', 'vitals'],
  [1, 'week_4_arm_1', 'adverse_events'],
  [1, 'unscheduled_arm_1', 'vitals'],
  [1, 'unscheduled_arm_1', 'adverse_events'],
  [1, 'follow_up_arm_1', 'completion'],
  [2, 'baseline_arm_2', 'enrollment'],
  [2, 'baseline_arm_2', 'vitals'],
  [2, 'week_4_arm_2', 'vitals'],
  [2, 'final_arm_2', 'vitals'],
  [2, 'final_arm_2', 'completion'],
];
const mappingRows = (rows = MAPPING) =>
  rows.map(([arm_num, unique_event_name, form]) => ({ arm_num, unique_event_name, form }));

const HEADER =
  'record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,enroll_date,age,group,enrollment_complete,weight,sbp,symptoms___1,symptoms___2,symptoms___3,vitals_complete,ae_description,ae_serious,adverse_events_complete,completion_date,withdrew,completion_complete';

export function longitudinalSuite(target: Target) {
  const api = client(target);
  const call = (id: MethodId, params: ParamValues) => api.call(id, params, L);
  const json = async <T = Record<string, unknown>[]>(id: MethodId, params: ParamValues = {}) => {
    const r = await call(id, { format: 'json', returnFormat: 'json', ...params });
    if (r.status !== 200) throw new Error(`${id}: HTTP ${r.status} ${r.text}`);
    return JSON.parse(r.text) as T;
  };
  const importJson = (id: MethodId, rows: readonly object[], params: ParamValues = {}) =>
    call(id, { format: 'json', returnFormat: 'json', data: JSON.stringify(rows), ...params });

  describe('Longitudinal structure exports (§2.11–§2.14)', () => {
    it('exports arms: arm_num a JSON number (§2.12); arms[] filters', async () => {
      const r = await call('exp_arms', { format: 'json' });
      expect([r.status, r.contentType, r.text]).toEqual([
        200,
        CT.json,
        '[{"arm_num":1,"name":"Drug A"},{"arm_num":2,"name":"Drug B"}]',
      ]);
      const csv = await call('exp_arms', { format: 'csv', arms: ['2'] });
      expect(csv.text).toBe('arm_num,name\n2,"Drug B"\n');
      const xml = await call('exp_arms', { arms: ['1'] });
      expect(xml.text).toBe(
        `${XML_HEAD}\n<records>\n<item><arm_num><![CDATA[1]]></arm_num><name><![CDATA[Drug A]]></name></item>\n</records>`,
      );
    });

    it('exports events with event_id (§2.13, §3.6), by arm', async () => {
      const r = await call('exp_events', { format: 'json', arms: ['2'] });
      expect(r.text).toBe(
        '[{"event_name":"Baseline","arm_num":2,"unique_event_name":"baseline_arm_2","custom_event_label":"","event_id":45},' +
          '{"event_name":"Week 4","arm_num":2,"unique_event_name":"week_4_arm_2","custom_event_label":"","event_id":46},' +
          '{"event_name":"Final","arm_num":2,"unique_event_name":"final_arm_2","custom_event_label":"","event_id":47}]',
      );
      const all = await json('exp_events');
      expect(all.map((e) => e['unique_event_name'])).toEqual([
        'baseline_arm_1',
        'week_4_arm_1',
        'unscheduled_arm_1',
        'follow_up_arm_1',
        'baseline_arm_2',
        'week_4_arm_2',
        'final_arm_2',
      ]);
    });

    it('exports the instrument-event mappings, one row per designation (§2.11)', async () => {
      expect(await json('exp_inst_event_maps')).toEqual(mappingRows());
      const csv = await call('exp_inst_event_maps', { format: 'csv', arms: ['2'] });
      expect(csv.text).toBe(
        'arm_num,unique_event_name,form\n2,baseline_arm_2,enrollment\n2,baseline_arm_2,vitals\n2,week_4_arm_2,vitals\n2,final_arm_2,vitals\n2,final_arm_2,completion\n',
      );
    });

    it('exports the repeating event with a blank form_name (§2.14)', async () => {
      const r = await call('exp_repeating_forms_events', { format: 'json' });
      expect(r.text).toBe(
        '[{"event_name":"unscheduled_arm_1","form_name":"","custom_form_label":""}]',
      );
    });

    it('refuses an unknown arm in arms[] (mock’s words, the §1.8 pattern)', async () => {
      const r = await call('exp_events', { format: 'json', arms: ['7'], returnFormat: 'json' });
      expect([r.status, r.text]).toEqual([
        400,
        '{"error":"The following values in the parameter \\"arms\\" are not valid: \'7\'"}',
      ]);
    });

    it.each([
      [
        'imp_arms',
        { data: '[{"arm_num":"1","name":"A"}]' },
        'You cannot import arms for classic projects',
      ],
      ['del_arms', { arms: ['1'] }, 'You cannot delete arms for classic projects'],
      [
        'imp_events',
        { data: '[{"event_name":"A","arm_num":"1"}]' },
        'You cannot import events for classic projects',
      ],
      ['del_events', { events: ['a_arm_1'] }, 'You cannot delete events for classic projects'],
      [
        'imp_inst_event_maps',
        { data: '[{"arm_num":"1","unique_event_name":"a_arm_1","form":"health"}]' },
        'You cannot import form/event mappings for classic projects',
      ],
    ] as const)('%s on the classic project → 400 (mock’s words)', async (id, params, message) => {
      const r = await api.call(
        id,
        { format: 'json', returnFormat: 'json', ...params },
        ALICE_TOKEN,
      );
      expect([r.status, r.text]).toEqual([400, JSON.stringify({ error: message })]);
    });
  });

  describe('Longitudinal structure imports and deletes (§2.11–§2.14)', () => {
    afterEach(async () => {
      // Whatever a test did, the seeded structure comes back.
      const arms = await json<{ arm_num: number }[]>('exp_arms');
      const extra = arms.map((a) => String(a.arm_num)).filter((a) => a !== '1' && a !== '2');
      if (extra.length > 0) await call('del_arms', { arms: extra });
      await importJson(
        'imp_arms',
        [
          { arm_num: 1, name: 'Drug A' },
          { arm_num: 2, name: 'Drug B' },
        ],
        { action: 'import' },
      );
      await importJson('imp_inst_event_maps', mappingRows());
      await importJson('imp_repeating_forms_events', [
        { event_name: 'unscheduled_arm_1', form_name: '', custom_form_label: '' },
      ]);
    });

    it('renames an arm and answers the bare count (§2.2, §2.12)', async () => {
      const r = await importJson('imp_arms', [{ arm_num: '2', name: 'Drug B, renamed' }], {
        action: 'import',
        returnFormat: 'csv',
      });
      expect([r.status, r.contentType, r.text]).toEqual([200, CT.csv, '1']);
      expect(await json('exp_arms', { arms: ['2'] })).toEqual([
        { arm_num: 2, name: 'Drug B, renamed' },
      ]);
    });

    it('exports when data comes without action=import (§1.10)', async () => {
      const r = await api.form([
        ['token', L],
        ['content', 'arm'],
        ['format', 'json'],
        ['data', '[{"arm_num":"2","name":"Nope"}]'],
      ]);
      expect([r.status, r.text]).toEqual([
        200,
        '[{"arm_num":1,"name":"Drug A"},{"arm_num":2,"name":"Drug B"}]',
      ]);
    });

    it('refuses bad arm rows, changing nothing', async () => {
      const r = await importJson(
        'imp_arms',
        [
          { arm_num: '2', name: 'Fine' },
          { arm_num: 'x', name: '' },
        ],
        { action: 'import' },
      );
      expect([r.status, JSON.parse(r.text)]).toEqual([
        400,
        {
          error:
            'Row 2: arm_num must be a whole number of 1 or more\nRow 2: the arm name cannot be empty',
        },
      ]);
      expect((await json('exp_arms'))[1]).toEqual({ arm_num: 2, name: 'Drug B' });
    });

    it('creates an arm, events with generated unique names, designations, data; deletes them (§2.12, §2.13)', async () => {
      expect(
        (await importJson('imp_arms', [{ arm_num: 3, name: 'Scratch' }], { action: 'import' }))
          .text,
      ).toBe('1');
      const events = await importJson(
        'imp_events',
        [
          { event_name: 'Day 1', arm_num: '3' },
          { event_name: 'Day 1', arm_num: '3', custom_event_label: '[enroll_date]' },
        ],
        { action: 'import' },
      );
      expect([events.status, events.text]).toEqual([200, '2']);
      const made = await json<Record<string, unknown>[]>('exp_events', { arms: ['3'] });
      expect(
        made.map((e) => [e['event_name'], e['unique_event_name'], e['custom_event_label']]),
      ).toEqual([
        ['Day 1', 'day_1_arm_3', ''],
        ['Day 1', 'day_1b_arm_3', '[enroll_date]'],
      ]);
      const maps = await importJson('imp_inst_event_maps', [
        ...mappingRows(),
        { arm_num: 3, unique_event_name: 'day_1_arm_3', form: 'vitals' },
      ]);
      expect([maps.status, maps.text]).toEqual([200, '13']);
      const rec = await importJson('imp_records', [
        { record_id: '301', redcap_event_name: 'day_1_arm_3', weight: '50' },
      ]);
      expect(rec.text).toBe('{"count": 1}');
      const del = await call('del_events', { events: ['day_1b_arm_3'], returnFormat: 'json' });
      expect([del.status, del.text]).toEqual([200, '1']);
      // Deleting the arm deletes its events and their data (§2.12): record 301 is gone.
      const arm = await call('del_arms', { arms: ['3'], returnFormat: 'json' });
      expect([arm.status, arm.text]).toEqual([200, '1']);
      expect(await json('exp_records', { records: ['301'] })).toEqual([]);
      expect(await json('exp_inst_event_maps', {})).toEqual(mappingRows());
    });

    it('updates an event named by unique_event_name, from XML data (§2.13)', async () => {
      const xml = (name: string, label: string) =>
        `${XML_HEAD}<events><item><event_name>${name}</event_name><arm_num>2</arm_num>` +
        `<unique_event_name>final_arm_2</unique_event_name>` +
        `<custom_event_label><![CDATA[${label}]]></custom_event_label></item></events>`;
      const r = await call('imp_events', {
        format: 'xml',
        action: 'import',
        data: xml('Final visit', '[completion_date]'),
        returnFormat: 'xml',
      });
      expect([r.status, r.contentType, r.text]).toEqual([200, CT.xml, '1']);
      expect((await json('exp_events', { arms: ['2'] }))[2]).toEqual({
        event_name: 'Final visit',
        arm_num: 2,
        unique_event_name: 'final_arm_2',
        custom_event_label: '[completion_date]',
        event_id: 47,
      });
      const back = await call('imp_events', {
        format: 'xml',
        action: 'import',
        data: xml('Final', ''),
      });
      expect(back.text).toBe('1');
      expect((await json('exp_events', { arms: ['2'] }))[2]).toMatchObject({
        event_name: 'Final',
        custom_event_label: '',
      });
    });

    it('refuses an event moved to another arm, or in an unknown arm', async () => {
      const r = await importJson(
        'imp_events',
        [
          { event_name: 'Final', arm_num: '1', unique_event_name: 'final_arm_2' },
          { event_name: 'Lost', arm_num: '9' },
        ],
        { action: 'import' },
      );
      expect([r.status, JSON.parse(r.text)]).toEqual([
        400,
        {
          error:
            'Row 1: the event "final_arm_2" belongs to arm 2\nRow 2: arm_num "9" is not an arm of this project',
        },
      ]);
    });

    it('refuses unknown events and arms in deletes (the §1.8 pattern)', async () => {
      const r = await call('del_events', { events: ['nope_arm_1'], returnFormat: 'json' });
      expect([r.status, r.text]).toEqual([
        400,
        '{"error":"The following values in the parameter \\"events\\" are not valid: \'nope_arm_1\'"}',
      ]);
      const a = await api.form([
        ['token', L],
        ['content', 'arm'],
        ['action', 'delete'],
        ['arms', '1'],
        ['returnFormat', 'json'],
      ]);
      expect([a.status, JSON.parse(a.text)]).toEqual([400, { error: DEFAULT_400 }]);
    });

    it('replaces all mappings (§2.11) and checks every row first', async () => {
      const bad = await importJson('imp_inst_event_maps', [
        { arm_num: 1, unique_event_name: 'baseline_arm_1', form: 'vitals' },
        { arm_num: 2, unique_event_name: 'week_4_arm_1', form: 'nope' },
      ]);
      expect([bad.status, JSON.parse(bad.text)]).toEqual([
        400,
        {
          error:
            'Row 2: the event "week_4_arm_1" belongs to arm 1\nRow 2: form "nope" is not an instrument',
        },
      ]);
      expect(await json('exp_inst_event_maps')).toEqual(mappingRows());
      const ok = await importJson('imp_inst_event_maps', mappingRows(MAPPING.slice(0, 3)));
      expect(ok.text).toBe('3');
      expect(await json('exp_inst_event_maps')).toEqual(mappingRows(MAPPING.slice(0, 3)));
    });

    it('replaces the repeating setup (§2.14), events and instruments on events', async () => {
      const bad = await importJson('imp_repeating_forms_events', [
        { event_name: 'baseline_arm_1', form_name: 'completion', custom_form_label: '' },
      ]);
      expect([bad.status, JSON.parse(bad.text)]).toEqual([
        400,
        { error: 'Row 1: form_name "completion" is not designated for the event "baseline_arm_1"' },
      ]);
      const rows = [
        { event_name: 'unscheduled_arm_1', form_name: '', custom_form_label: '' },
        {
          event_name: 'week_4_arm_1',
          form_name: 'adverse_events',
          custom_form_label: '[ae_description]',
        },
      ];
      const ok = await importJson('imp_repeating_forms_events', rows);
      expect([ok.status, ok.text]).toEqual([200, '2']);
      expect(await json('exp_repeating_forms_events')).toEqual(rows);
    });
  });

  describe('Export Records on a longitudinal project (§2.3)', () => {
    it('one row per record × event × instance; undesignated forms blank', async () => {
      const r = await call('exp_records', { format: 'csv', records: ['1'] });
      expect(r.text).toBe(
        [
          HEADER,
          '1,baseline_arm_1,,,2024-01-08,34,1,2,70.5,120,1,0,0,2,,,,,,',
          '1,week_4_arm_1,,,,,,,69.8,118,0,0,0,2,"Headache after dose",0,2,,,',
          '1,unscheduled_arm_1,,1,,,,,69.0,135,1,1,0,1,,,0,,,',
          '1,unscheduled_arm_1,,2,,,,,,,0,0,0,0,"Fainted, ""briefly""",1,1,,,',
          '1,follow_up_arm_1,,,,,,,,,,,,,,,,2024-03-01,0,2',
          '',
        ].join('\n'),
      );
    });

    it('filters by events, and refuses unknown ones (§1.8)', async () => {
      const rows = await json('exp_records', {
        events: ['week_4_arm_2', 'final_arm_2'],
        fields: ['record_id', 'weight'],
      });
      expect(rows).toEqual([
        {
          record_id: '9',
          redcap_event_name: 'week_4_arm_2',
          redcap_repeat_instrument: '',
          redcap_repeat_instance: '',
          weight: '71.5',
        },
        {
          record_id: '9',
          redcap_event_name: 'final_arm_2',
          redcap_repeat_instrument: '',
          redcap_repeat_instance: '',
          weight: '71',
        },
        {
          record_id: '10',
          redcap_event_name: 'week_4_arm_2',
          redcap_repeat_instrument: '',
          redcap_repeat_instance: '',
          weight: '64',
        },
        {
          record_id: '12',
          redcap_event_name: 'final_arm_2',
          redcap_repeat_instrument: '',
          redcap_repeat_instance: '',
          weight: '',
        },
      ]);
      const bad = await call('exp_records', {
        format: 'json',
        events: ['x_arm_1'],
        returnFormat: 'json',
      });
      expect([bad.status, bad.text]).toEqual([
        400,
        '{"error":"The following values in the parameter \\"events\\" are not valid: \'x_arm_1\'"}',
      ]);
    });

    it('label mode names the event with its arm (two arms, §2.3)', async () => {
      const rows = await json('exp_records', {
        records: ['10'],
        fields: ['record_id', 'group'],
        rawOrLabel: 'label',
      });
      expect(rows.map((r) => [r['redcap_event_name'], r['group']])).toEqual([
        ['Baseline (Arm 2: Drug B)', 'Treatment'],
        ['Week 4 (Arm 2: Drug B)', ''],
      ]);
    });

    it('EAV rows carry redcap_event_name and the instance (§2.3)', async () => {
      const r = await call('exp_records', {
        format: 'csv',
        type: 'eav',
        records: ['4'],
        events: ['unscheduled_arm_1'],
      });
      expect(r.text).toBe(
        'record,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,field_name,value\n' +
          '4,unscheduled_arm_1,,1,record_id,4\n4,unscheduled_arm_1,,1,weight,89.5\n' +
          '4,unscheduled_arm_1,,1,sbp,145\n4,unscheduled_arm_1,,1,vitals_complete,2\n',
      );
    });

    it('filterLogic reads [event][field] (§2.3)', async () => {
      const rows = await json('exp_records', {
        filterLogic: "[baseline_arm_1][group] = '2'",
        fields: ['record_id'],
        events: ['baseline_arm_1'],
      });
      expect(rows.map((r) => r['record_id'])).toEqual(['2', '4', '6', '8']);
    });
  });

  describe('Import and Delete Records on a longitudinal project (§2.4, §2.5)', () => {
    afterEach(async () => {
      const rows = await json('exp_records', { records: ['201', '202'], fields: ['record_id'] });
      const ids = [...new Set(rows.map((r) => String(r['record_id'])))];
      if (ids.length > 0) await call('del_records', { records: ids });
    });

    it('refuses unknown event names (§1.8)', async () => {
      const bad = await importJson('imp_records', [
        { record_id: '201', redcap_event_name: 'nope', weight: '1' },
        { record_id: '201', redcap_event_name: 'also_nope', weight: '1' },
      ]);
      expect([bad.status, JSON.parse(bad.text)]).toEqual([
        400,
        { error: 'The following values of redcap_event_name are invalid: nope, also_nope' },
      ]);
      expect(await json('exp_records', { records: ['201'] })).toEqual([]);
    });

    it('refuses data on a form not designated for the event, in the value-line format', async () => {
      const r = await importJson('imp_records', [
        { record_id: '201', redcap_event_name: 'follow_up_arm_1', weight: '60', withdrew: '0' },
      ]);
      expect([r.status, JSON.parse(r.text)]).toEqual([
        400,
        {
          error:
            '"201","weight","60","The instrument vitals is not designated for this event (follow_up_arm_1)"',
        },
      ]);
    });

    it('writes events and repeating-event instances; a flat export imports back', async () => {
      const r = await importJson(
        'imp_records',
        [
          { record_id: '201', redcap_event_name: 'baseline_arm_1', age: '40', group: '1' },
          {
            record_id: '201',
            redcap_event_name: 'unscheduled_arm_1',
            redcap_repeat_instance: '1',
            sbp: '130',
          },
          {
            record_id: '201',
            redcap_event_name: 'unscheduled_arm_1',
            redcap_repeat_instance: 'new',
            sbp: '131',
          },
        ],
        { returnContent: 'ids' },
      );
      expect([r.status, r.text]).toEqual([200, '["201"]']);
      const rows = await json('exp_records', {
        records: ['201'],
        fields: ['record_id', 'age', 'sbp'],
      });
      expect(rows).toEqual([
        {
          record_id: '201',
          redcap_event_name: 'baseline_arm_1',
          redcap_repeat_instrument: '',
          redcap_repeat_instance: '',
          age: '40',
          sbp: '',
        },
        {
          record_id: '201',
          redcap_event_name: 'unscheduled_arm_1',
          redcap_repeat_instrument: '',
          redcap_repeat_instance: 1,
          age: '',
          sbp: '130',
        },
        {
          record_id: '201',
          redcap_event_name: 'unscheduled_arm_1',
          redcap_repeat_instrument: '',
          redcap_repeat_instance: 2,
          age: '',
          sbp: '131',
        },
      ]);
      const full = await call('exp_records', { format: 'csv', records: ['201'] });
      const back = await call('imp_records', {
        format: 'csv',
        data: full.text,
        returnFormat: 'json',
      });
      expect([back.status, back.text]).toEqual([200, '{"count": 1}']);
      expect((await call('exp_records', { format: 'csv', records: ['201'] })).text).toBe(full.text);
    });

    it('deletes within an event, an arm, or one form on one event (§2.5)', async () => {
      await importJson('imp_records', [
        { record_id: '202', redcap_event_name: 'baseline_arm_1', age: '40', weight: '70' },
        { record_id: '202', redcap_event_name: 'week_4_arm_1', weight: '71', ae_serious: '0' },
        { record_id: '202', redcap_event_name: 'baseline_arm_2', age: '41' },
      ]);
      const events = async () =>
        (await json('exp_records', { records: ['202'], fields: ['record_id'] })).map(
          (r) => r['redcap_event_name'],
        );
      const form = await call('del_records', {
        records: ['202'],
        instrument: 'adverse_events',
        event: 'week_4_arm_1',
        returnFormat: 'json',
      });
      expect([form.status, form.text]).toEqual([200, '1']);
      const week4 = await json('exp_records', { records: ['202'], events: ['week_4_arm_1'] });
      expect([week4[0]!['weight'], week4[0]!['ae_serious']]).toEqual(['71', '']);
      const ev = await call('del_records', { records: ['202'], event: 'week_4_arm_1' });
      expect(ev.text).toBe('1');
      expect(await events()).toEqual(['baseline_arm_1', 'baseline_arm_2']);
      const arm = await call('del_records', { records: ['202'], arm: '2' });
      expect(arm.text).toBe('1');
      expect(await events()).toEqual(['baseline_arm_1']);
      const notThere = await call('del_records', {
        records: ['202'],
        arm: '2',
        returnFormat: 'json',
      });
      expect([notThere.status, JSON.parse(notThere.text)]).toEqual([
        400,
        {
          error:
            'One or more of the records provided are either do not exist in this project or not valid with selected params. Note: No records were deleted. Records that do not exist: 202: Record does not exists.',
        },
      ]);
      const needsEvent = await call('del_records', {
        records: ['202'],
        instrument: 'vitals',
        returnFormat: 'json',
      });
      expect([needsEvent.status, JSON.parse(needsEvent.text)]).toEqual([
        400,
        {
          error:
            'One or more of the records provided are either do not exist in this project or not valid with selected params. Note: No records were deleted. Records that do not exist: 202: Event is mandatory for longitudinal project.',
        },
      ]);
    });
  });
}
