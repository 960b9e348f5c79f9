import { describe, expect, it } from 'vitest';
import { ALICE_LONGITUDINAL_TOKEN } from '../../../mocks/fixtures/index.ts';
import type { ParamValues } from '../../../src/lib/methods/define-method.ts';
import type { MethodId } from '../../../src/lib/methods/index.ts';
import { client, type Target } from './client.ts';
import { scratchRecords } from './scratch.ts';

/**
 * Issue #17 part 4: where the mock used to follow our notes (redcap-api.md) rather than a real
 * REDCap server. Each test names the behaviour a real server shows (mocks/README.md, "Where real
 * servers differ from redcap-api.md"). Every write is put back.
 */
export function semanticsSuite(target: Target) {
  const api = client(target);
  const { importJson, exportRows } = scratchRecords(api);
  const L = ALICE_LONGITUDINAL_TOKEN;
  const lcall = (id: MethodId, params: ParamValues) => api.call(id, params, L);
  const ljson = async <T = Record<string, unknown>[]>(id: MethodId, params: ParamValues = {}) => {
    const r = await lcall(id, { format: 'json', returnFormat: 'json', ...params });
    if (r.status !== 200) throw new Error(`${id}: HTTP ${r.status} ${r.text}`);
    return JSON.parse(r.text) as T;
  };
  const limport = (rows: readonly object[], params: ParamValues = {}) =>
    lcall('imp_records', {
      format: 'json',
      returnFormat: 'json',
      data: JSON.stringify(rows),
      ...params,
    });

  describe('Delete Records on a repeating event', () => {
    it('deletes exactly one instance of the event; other instances and events stay', async () => {
      const rows = [
        { record_id: '771', redcap_event_name: 'baseline_arm_1', age: '40' },
        { record_id: '771', redcap_event_name: 'week_4_arm_1', weight: '70' },
        ...['1', '2', '3'].map((i) => ({
          record_id: '771',
          redcap_event_name: 'unscheduled_arm_1',
          redcap_repeat_instance: i,
          sbp: `1${i}0`,
        })),
      ];
      try {
        expect((await limport(rows)).text).toBe('{"count": 1}');
        const r = await lcall('del_records', {
          records: ['771'],
          event: 'unscheduled_arm_1',
          repeat_instance: '2',
          returnFormat: 'json',
        });
        expect([r.status, r.text]).toEqual([200, '1']);
        const left = await ljson('exp_records', {
          records: ['771'],
          fields: ['record_id', 'age', 'weight', 'sbp'],
        });
        expect(
          left.map((row) => [row['redcap_event_name'], row['redcap_repeat_instance'], row['sbp']]),
        ).toEqual([
          ['baseline_arm_1', '', ''],
          ['week_4_arm_1', '', ''],
          ['unscheduled_arm_1', 1, '110'],
          ['unscheduled_arm_1', 3, '130'],
        ]);
        expect(left[0]?.['age']).toBe('40');
        expect(left[1]?.['weight']).toBe('70');
      } finally {
        await lcall('del_records', { records: ['771'] });
      }
    });
  });

  describe('DAG unique names as REDCap makes them', () => {
    it('drops characters other than letters, digits and _, spaces become _', async () => {
      const data = JSON.stringify([
        { data_access_group_name: 'dag-a', unique_group_name: '' },
        { data_access_group_name: 'New DAG', unique_group_name: '' },
      ]);
      const r = await api.call('imp_dags', { format: 'json', data, returnFormat: 'json' });
      try {
        expect([r.status, r.text]).toEqual([200, '2']);
        const names = (await api.json('exp_dags', {})).map((d) => d['unique_group_name']);
        expect(names).toEqual(expect.arrayContaining(['daga', 'new_dag']));
      } finally {
        await api.call('del_dags', { dags: ['daga', 'new_dag'] });
      }
    });
  });

  describe('Longitudinal Import Records without redcap_event_name', () => {
    it('writes the row into the project’s first event', async () => {
      try {
        const r = await limport([{ record_id: '772', age: '33' }]);
        expect([r.status, r.text]).toEqual([200, '{"count": 1}']);
        const csv = await limport([{ record_id: '772', redcap_event_name: '', weight: '71' }]);
        expect([csv.status, csv.text]).toEqual([200, '{"count": 1}']);
        const rows = await ljson('exp_records', {
          records: ['772'],
          fields: ['record_id', 'age', 'weight'],
        });
        expect(rows.map((row) => [row['redcap_event_name'], row['age'], row['weight']])).toEqual([
          ['baseline_arm_1', '33', '71'],
        ]);
      } finally {
        await lcall('del_records', { records: ['772'] });
      }
    });
  });

  describe('forceAutoNumber only where record auto-numbering is on', () => {
    it('keeps the ids sent when auto-numbering is off, answering <id>,<id>', async () => {
      const set = (on: 0 | 1) =>
        api.call('imp_proj_sett', {
          format: 'json',
          data: `{"record_autonumbering_enabled":${on}}`,
        });
      expect((await set(0)).text).toBe('1');
      try {
        for (let i = 0; i < 2; i++) {
          const r = await importJson([{ record_id: '1101', first_name: 'Twice' }], {
            forceAutoNumber: true,
            returnContent: 'auto_ids',
          });
          expect([r.status, r.text]).toEqual([200, '["1101,1101"]']);
        }
        expect((await exportRows('1101', { fields: ['first_name'] }))[0]).toMatchObject({
          record_id: '1101',
          first_name: 'Twice',
        });
      } finally {
        await set(1);
      }
    });
  });

  describe('A path that is not the API', () => {
    it('gets a web server’s 404 page, not a REDCap error', async () => {
      const api404 = target.apiUrl();
      for (const url of [api404.slice(0, -1), `${api404}x`, `${api404}records/1`]) {
        const r = await fetch(url, { method: 'POST', body: new URLSearchParams({ token: 'x' }) });
        const text = await r.text();
        expect([url, r.status, r.headers.get('content-type')]).toEqual([
          url,
          404,
          'text/html; charset=iso-8859-1',
        ]);
        expect(text).toContain('<title>404 Not Found</title>');
        expect(text).not.toContain('error');
      }
    });
  });

  describe('CSV quoting of Export Repeating Instruments and Events', () => {
    it('writes a label with spaces bare, as a real server does', async () => {
      const before = await api.call('exp_repeating_forms_events', { format: 'json' });
      const data = 'form_name,custom_form_label\nvisit,"[visit_date] [visit_type]"\n';
      const r = await api.call('imp_repeating_forms_events', { format: 'csv', data });
      try {
        expect([r.status, r.text]).toEqual([200, '1']);
        const csv = await api.call('exp_repeating_forms_events', { format: 'csv' });
        expect(csv.text).toBe('form_name,custom_form_label\nvisit,[visit_date] [visit_type]\n');
      } finally {
        await api.call('imp_repeating_forms_events', { format: 'json', data: before.text });
      }
    });
  });

  describe('Import Events with override after Import Arms with override', () => {
    it('recreates the events given; with scheduling on, Export Events carries the offsets', async () => {
      const arms = await lcall('exp_arms', { format: 'json' });
      const events = await lcall('exp_events', { format: 'json' });
      const maps = await lcall('exp_inst_event_maps', { format: 'json' });
      const repeating = await lcall('exp_repeating_forms_events', { format: 'json' });
      const records = await lcall('exp_records', { format: 'json' });
      const settings = (data: string) => lcall('imp_proj_sett', { format: 'json', data });
      const put = (id: MethodId, data: string, more: ParamValues = {}) =>
        lcall(id, { format: 'json', returnFormat: 'json', data, ...more });
      try {
        const a = await put('imp_arms', '[{"arm_num":1,"name":"Only arm"}]', { override: true });
        expect([a.status, a.text]).toEqual([200, '1']);
        const e = await put(
          'imp_events',
          JSON.stringify([
            {
              event_name: 'Event 1',
              arm_num: '1',
              day_offset: '0',
              offset_min: '0',
              offset_max: '0',
            },
            {
              event_name: 'Event 2',
              arm_num: '1',
              day_offset: '7',
              offset_min: '1',
              offset_max: '2',
            },
          ]),
          { override: true },
        );
        expect([e.status, e.text]).toEqual([200, '2']);
        const plain = await ljson('exp_events');
        expect(plain.map((x) => Object.keys(x))).toEqual(
          Array(2).fill([
            'event_name',
            'arm_num',
            'unique_event_name',
            'custom_event_label',
            'event_id',
          ]),
        );
        expect(plain.map((x) => x['unique_event_name'])).toEqual([
          'event_1_arm_1',
          'event_2_arm_1',
        ]);
        expect((await settings('{"scheduling_enabled":1}')).text).toBe('1');
        const scheduled = await ljson('exp_events');
        expect(scheduled[1]).toMatchObject({
          event_name: 'Event 2',
          arm_num: 1,
          day_offset: 7,
          offset_min: 1,
          offset_max: 2,
          unique_event_name: 'event_2_arm_1',
        });
        expect(Object.keys(scheduled[1]!)).toEqual([
          'event_name',
          'arm_num',
          'day_offset',
          'offset_min',
          'offset_max',
          'unique_event_name',
          'custom_event_label',
          'event_id',
        ]);
      } finally {
        await settings('{"scheduling_enabled":0}');
        await put('imp_arms', arms.text, { override: true });
        const back = (JSON.parse(events.text) as Record<string, unknown>[]).map(
          ({ event_name, arm_num, custom_event_label }) => ({
            event_name,
            arm_num,
            custom_event_label,
          }),
        );
        await put('imp_events', JSON.stringify(back), { override: true });
        await put('imp_inst_event_maps', maps.text);
        await put('imp_repeating_forms_events', repeating.text);
        await put('imp_records', records.text);
      }
      const noIds = (text: string) => text.replace(/"event_id":\d+/g, '"event_id":0');
      expect(noIds((await lcall('exp_events', { format: 'json' })).text)).toBe(noIds(events.text));
    });
  });

  describe('Which error comes first', () => {
    it('Export Survey Link: a record that does not exist, before the instrument', async () => {
      const r = await api.call('exp_surv_link', {
        record: '99999',
        instrument: 'demographics',
        returnFormat: 'json',
      });
      expect([r.status, r.text]).toEqual([
        400,
        '{"error":"The record \\"99999\\" does not exist"}',
      ]);
    });
  });

  describe('Import Metadata keeps repeating-event settings', () => {
    it('leaves a whole repeating event (blank form_name) in place', async () => {
      const dictionary = await lcall('exp_metadata', { format: 'json' });
      const r = await lcall('imp_metadata', {
        format: 'json',
        returnFormat: 'json',
        data: dictionary.text,
      });
      expect(r.status).toBe(200);
      expect(await ljson('exp_repeating_forms_events')).toEqual([
        { event_name: 'unscheduled_arm_1', form_name: '', custom_form_label: '' },
      ]);
    });
  });

  describe('Users: REDCap’s creator rights and the older data_export key', () => {
    it('gives the creator REDCap’s default rights, with data_access_group_id', async () => {
      const [alice] = await api.json<Record<string, unknown>[]>('exp_users', {});
      expect(alice).toMatchObject({
        username: 'alice',
        data_access_group_id: '',
        design: 1,
        email_logging: 0,
        lock_records: 1,
        lock_records_customization: 0,
        mobile_app: 1,
        mobile_app_download_data: 0,
      });
    });

    it('accepts data_export on import, as every form’s export right', async () => {
      const data = JSON.stringify([{ username: 'semantics_user', data_export: '2' }]);
      const r = await api.call('imp_users', { format: 'json', returnFormat: 'json', data });
      try {
        expect([r.status, r.text]).toEqual([200, '1']);
        const users = await api.json<Record<string, unknown>[]>('exp_users', {});
        expect(users.find((u) => u['username'] === 'semantics_user')).toMatchObject({
          forms_export: { demographics: 2, health: 2, visit: 2 },
        });
      } finally {
        await api.call('del_users', { users: ['semantics_user'] });
      }
    });
  });

  describe('Comma decimals', () => {
    it('accepts number_Ndp_comma_decimal in Import Metadata and 1,54 in Import Records', async () => {
      const original = await api.call('exp_metadata', { format: 'json' });
      const rows = JSON.parse(original.text) as Record<string, string>[];
      const blank = Object.fromEntries(Object.keys(rows[0]!).map((k) => [k, '']));
      const added = [
        'number_comma_decimal',
        'number_2dp_comma_decimal',
        'number_4dp_comma_decimal',
      ].map((validation, i) => ({
        ...blank,
        field_name: `comma_${i}`,
        form_name: 'demographics',
        field_type: 'text',
        field_label: `Comma ${i}`,
        text_validation_type_or_show_slider_number: validation,
      }));
      const demographicsEnd = rows.findLastIndex((r) => r['form_name'] === 'demographics');
      const changed = [
        ...rows.slice(0, demographicsEnd + 1),
        ...added,
        ...rows.slice(demographicsEnd + 1),
      ];
      const m = await api.call('imp_metadata', {
        format: 'json',
        returnFormat: 'json',
        data: JSON.stringify(changed),
      });
      try {
        expect([m.status, m.text]).toEqual([200, String(changed.length)]);
        const r = await importJson([
          { record_id: '773', comma_0: '1,54', comma_1: '-2,5', comma_2: '3' },
        ]);
        expect([r.status, r.text]).toEqual([200, '{"count": 1}']);
        expect(
          (await exportRows('773', { fields: ['comma_0', 'comma_1', 'comma_2'] }))[0],
        ).toMatchObject({
          comma_0: '1,54',
          comma_1: '-2,5',
          comma_2: '3',
        });
        const bad = await importJson([{ record_id: '773', comma_0: '1.5.4' }]);
        expect(bad.status).toBe(400);
      } finally {
        await api.call('imp_metadata', { format: 'json', data: original.text });
      }
    });
  });

  describe('Gray form status', () => {
    it('keeps a form gray when it got only blank cells and unchecked boxes', async () => {
      const r = await importJson([
        { record_id: '774', first_name: 'Gray', height: '', symptoms___1: '0', symptoms___2: '0' },
      ]);
      expect([r.status, r.text]).toEqual([200, '{"count": 1}']);
      const [row] = await exportRows('774', {
        fields: ['first_name', 'height', 'demographics_complete', 'health_complete'],
        exportBlankForGrayFormStatus: true,
      });
      expect(row).toMatchObject({ demographics_complete: '0', health_complete: '' });
      await importJson([{ record_id: '774', symptoms___3: '1' }]);
      const [checked] = await exportRows('774', {
        fields: ['health_complete'],
        exportBlankForGrayFormStatus: true,
      });
      expect(checked).toMatchObject({ health_complete: '0' });
    });
  });

  describe('After an instrument is removed from an event', () => {
    it('no longer exports that event’s rows that only held its data', async () => {
      const maps = await lcall('exp_inst_event_maps', { format: 'json' });
      const rows = [
        { record_id: '775', redcap_event_name: 'baseline_arm_1', age: '41' },
        { record_id: '775', redcap_event_name: 'week_4_arm_1', ae_description: 'Rash' },
      ];
      try {
        expect((await limport(rows)).text).toBe('{"count": 1}');
        const events = async () =>
          (await ljson('exp_records', { records: ['775'] })).map((r) => r['redcap_event_name']);
        expect(await events()).toEqual(['baseline_arm_1', 'week_4_arm_1']);
        const without = (JSON.parse(maps.text) as Record<string, unknown>[]).filter(
          (m) => !(m['unique_event_name'] === 'week_4_arm_1' && m['form'] === 'adverse_events'),
        );
        const r = await lcall('imp_inst_event_maps', {
          format: 'json',
          returnFormat: 'json',
          data: JSON.stringify(without),
        });
        expect(r.status).toBe(200);
        expect(await events()).toEqual(['baseline_arm_1']);
      } finally {
        await lcall('imp_inst_event_maps', { format: 'json', data: maps.text });
        await lcall('del_records', { records: ['775'] });
      }
    });
  });
}
