import { describe, expect, it } from 'vitest';
import { ALICE_PRODUCTION_TOKEN } from '../../../mocks/fixtures/index.ts';
import type { ParamValues } from '../../../src/lib/methods/define-method.ts';
import { getMethod, type MethodId } from '../../../src/lib/methods/index.ts';
import { client, type Target } from './client.ts';

/**
 * The production-status demo (`production-demo`, the longitudinal demo's structure with records
 * 1, 2 and 9, in production): §2.1 notes and §2.9 — structure changes are refused with 400
 * while data can still be written. The texts are the mock's (mocks/README.md), REDCap's being
 * verified for metadata only.
 */

const DICTIONARY_TEXT =
  'The data dictionary can only be imported while the project is in Development status';
const STRUCTURE_TEXT =
  'The project structure (arms, events, instrument-event mappings, repeating setup) can only be changed while the project is in Development status';

/** Valid structure writes for this project (its own arms, events and forms). */
const STRUCTURE_WRITES: readonly (readonly [MethodId, ParamValues, string])[] = [
  ['imp_arms', { format: 'json', data: '[{"arm_num":"3","name":"Drug C"}]' }, STRUCTURE_TEXT],
  ['del_arms', { arms: ['2'] }, STRUCTURE_TEXT],
  [
    'imp_events',
    { format: 'json', data: '[{"event_name":"Week 8","arm_num":"1"}]' },
    STRUCTURE_TEXT,
  ],
  ['del_events', { events: ['week_4_arm_2'] }, STRUCTURE_TEXT],
  [
    'imp_inst_event_maps',
    {
      format: 'json',
      data: '[{"arm_num":"1","unique_event_name":"baseline_arm_1","form":"enrollment"}]',
    },
    STRUCTURE_TEXT,
  ],
  ['imp_repeating_forms_events', { format: 'json', data: '[]' }, STRUCTURE_TEXT],
];

export function productionSuite(target: Target) {
  const api = client(target);
  const call = (id: MethodId, params: ParamValues) =>
    api.call(id, { returnFormat: 'json', ...params }, ALICE_PRODUCTION_TOKEN);
  const exportJson = async (id: MethodId, params: ParamValues = {}) =>
    JSON.parse((await call(id, { format: 'json', ...params })).text) as unknown;

  describe('a project in production status (§2.1 notes, §2.9)', () => {
    it('says so in Export Project Info', async () => {
      expect(await exportJson('exp_proj')).toMatchObject({
        project_id: 12,
        project_title: 'Production demo (mock)',
        in_production: 1,
        production_time: '2023-12-01 09:00:00',
        is_longitudinal: 1,
      });
    });

    it('refuses Import Metadata, even the dictionary it exports, with 400', async () => {
      const dictionary = (await call('exp_metadata', { format: 'csv' })).text;
      const r = await call('imp_metadata', { format: 'csv', data: dictionary });
      expect([r.status, r.text]).toEqual([400, JSON.stringify({ error: DICTIONARY_TEXT })]);
    });

    it.each(
      STRUCTURE_WRITES.map(
        ([id, params, text]) => [getMethod(id).label, id, params, text] as const,
      ),
    )('refuses %s with 400 and changes nothing', async (_label, id, params, text) => {
      const before = await Promise.all(
        (
          ['exp_arms', 'exp_events', 'exp_inst_event_maps', 'exp_repeating_forms_events'] as const
        ).map((m) => exportJson(m)),
      );
      const r = await call(id, params);
      expect([r.status, r.text]).toEqual([400, JSON.stringify({ error: text })]);
      const after = await Promise.all(
        (
          ['exp_arms', 'exp_events', 'exp_inst_event_maps', 'exp_repeating_forms_events'] as const
        ).map((m) => exportJson(m)),
      );
      expect(after).toEqual(before);
    });

    it('still exports the structure and records', async () => {
      expect(await exportJson('exp_arms')).toEqual([
        { arm_num: 1, name: 'Drug A' },
        { arm_num: 2, name: 'Drug B' },
      ]);
      const events = (await exportJson('exp_events')) as { event_id: number }[];
      expect(events.map((e) => e.event_id)).toEqual([61, 62, 63, 64, 65, 66, 67]);
      const rows = (await exportJson('exp_records', { fields: ['record_id'] })) as {
        record_id: string;
      }[];
      expect([...new Set(rows.map((r) => r.record_id))]).toEqual(['1', '2', '9']);
    });

    it('still imports and deletes records (data, not structure)', async () => {
      const data = JSON.stringify([
        { record_id: '70', redcap_event_name: 'baseline_arm_1', age: '41' },
      ]);
      const imported = await call('imp_records', { format: 'json', data });
      expect([imported.status, imported.text]).toEqual([200, '{"count": 1}']);
      const deleted = await call('del_records', { records: ['70'] });
      expect([deleted.status, deleted.text]).toEqual([200, '1']);
    });
  });
}
