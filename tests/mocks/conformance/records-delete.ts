import { describe, expect, it } from 'vitest';
import { ALICE_TOKEN } from '../../../mocks/fixtures/index.ts';
import { client, CT, DEFAULT_400, type Target } from './client.ts';
import { scratchRecords } from './scratch.ts';

/** Delete Records (§2.5), Rename Record (§2.6), Generate Next Record Name (§2.7). */
export function recordsDeleteSuite(target: Target) {
  const api = client(target);
  const { made, importJson, exportRows } = scratchRecords(api);
  const visit = (instance: string, visit_type: string) => ({
    redcap_repeat_instrument: 'visit',
    redcap_repeat_instance: instance,
    visit_type,
  });

  describe('Delete Records (§2.5)', () => {
    it('deletes nothing when one record does not exist', async () => {
      await importJson([{ record_id: '914' }]);
      const r = await api.call('del_records', { records: ['914', '99999'], returnFormat: 'json' });
      expect([r.status, r.text]).toEqual([
        400,
        '{"error":"One or more of the records provided cannot be deleted because they do not exist in the project. The following records do not exist: 99999"}',
      ]);
      expect(
        (await exportRows('914', { fields: ['record_id'] })).map((r) => r['record_id']),
      ).toEqual(['914']);
    });

    it('answers a bare count, in any returnFormat (§2.2)', async () => {
      await importJson([{ record_id: '916' }, { record_id: '917' }, { record_id: '918' }]);
      const two = await api.call('del_records', { records: ['916', '917'], returnFormat: 'json' });
      expect([two.status, two.contentType, two.text]).toEqual([200, CT.json, '2']);
      const one = await api.call('del_records', { records: ['918'] });
      expect([one.contentType, one.text]).toEqual([CT.xml, '1']);
      expect(await api.json('exp_records', { records: ['916', '917', '918'] })).toEqual([]);
    });

    it('deletes a whole record with its repeat instances', async () => {
      await importJson([
        { record_id: '931', first_name: 'Ana' },
        { record_id: '931', ...visit('1', '1') },
      ]);
      expect((await api.call('del_records', { records: ['931'] })).text).toBe('1');
      expect(await exportRows('931')).toEqual([]);
    });

    it('refuses records sent as a plain string (§1.4)', async () => {
      await importJson([{ record_id: '919' }]);
      const r = await api.form([
        ['token', ALICE_TOKEN],
        ['content', 'record'],
        ['action', 'delete'],
        ['records', '919'],
        ['returnFormat', 'json'],
      ]);
      expect([r.status, JSON.parse(r.text)]).toEqual([400, { error: DEFAULT_400 }]);
    });

    it('deletes one instrument only, counting records that had data on it', async () => {
      await importJson([{ record_id: '915', first_name: 'Kim', height: '170', smoker: '0' }]);
      const r = await api.call('del_records', { records: ['915'], instrument: 'health' });
      expect(r.text).toBe('1');
      const [row] = await exportRows('915', {
        fields: ['first_name', 'height', 'smoker', 'health_complete'],
        exportBlankForGrayFormStatus: true,
      });
      expect(row).toMatchObject({ first_name: 'Kim', height: '', smoker: '', health_complete: '' });
      expect((await api.call('del_records', { records: ['915'], instrument: 'health' })).text).toBe(
        '0',
      );
    });

    it('deletes one instance of a repeating instrument with repeat_instance', async () => {
      await importJson([
        { record_id: '922', first_name: 'Lee' },
        { record_id: '922', ...visit('1', '1') },
        { record_id: '922', ...visit('2', '2') },
        { record_id: '922', ...visit('3', '3') },
      ]);
      const params = { records: ['922'], instrument: 'visit', returnFormat: 'json' };
      expect((await api.call('del_records', { ...params, repeat_instance: '2' })).text).toBe('1');
      const instances = async () =>
        (await exportRows('922', { fields: ['visit_type'] })).map(
          (r) => r['redcap_repeat_instance'],
        );
      expect(await instances()).toEqual(['', 1, 3]);
      // Without repeat_instance, instance 1 (§2.5 "default 1").
      expect((await api.call('del_records', params)).text).toBe('1');
      expect(await instances()).toEqual(['', 3]);
      expect((await api.call('del_records', { ...params, repeat_instance: '2' })).text).toBe('0');
      expect((await exportRows('922', { fields: ['first_name'] }))[0]?.['first_name']).toBe('Lee');
    });

    it('answers an unknown instrument with 400', async () => {
      await importJson([{ record_id: '932' }]);
      const r = await api.call('del_records', {
        records: ['932'],
        instrument: 'labs',
        returnFormat: 'csv',
      });
      expect([r.status, r.text]).toEqual([
        400,
        'ERROR: One or more of the records provided are either do not exist in this project or not valid with selected params. Note: No records were deleted. Records that do not exist: 932: Invalid instrument.',
      ]);
    });
  });

  describe('Rename Record (§2.6)', () => {
    it('renames a record with its visits, answering 1 as plain text', async () => {
      await importJson([
        { record_id: '933', first_name: 'Ola' },
        { record_id: '933', ...visit('1', '2') },
      ]);
      made.add('934');
      const r = await api.call('rename_record', {
        record: '933',
        new_record_name: '934',
        returnFormat: 'json',
      });
      expect([r.status, r.contentType, r.text]).toEqual([200, CT.json, '1']);
      expect(await exportRows('933')).toEqual([]);
      const rows = await exportRows('934', { fields: ['first_name', 'visit_type'] });
      expect(rows.map((row) => [row['record_id'], row['first_name'], row['visit_type']])).toEqual([
        ['934', 'Ola', ''],
        ['934', '', '2'],
      ]);
    });

    it('refuses a missing record, a name in use and forbidden characters', async () => {
      await importJson([{ record_id: '935' }, { record_id: '936' }]);
      const rename = (record: string, new_record_name: string) =>
        api.call('rename_record', { record, new_record_name, returnFormat: 'json' });
      const answers = await Promise.all([
        rename('99999', '937'),
        rename('935', '936'),
        rename('935', "93'5"),
      ]);
      expect(answers.map((a) => [a.status, JSON.parse(a.text).error])).toEqual([
        [400, "The record '99999' does not exist"],
        [400, "The record '936' already exists"],
        [
          400,
          "The record name (93'5) cannot contain a plus sign (+), ampersand (&), pound sign (#), or apostrophe.",
        ],
      ]);
    });
  });

  describe('Generate Next Record Name (§2.7)', () => {
    it('answers the largest numeric id plus one, as plain text, without reserving it', async () => {
      const ids = (await api.json('exp_records', { fields: ['record_id'] })).map((r) =>
        Number(r['record_id']),
      );
      const next = String(Math.max(...ids.filter(Number.isFinite)) + 1);
      const r = await api.call('exp_next_id', { returnFormat: 'csv' });
      expect([r.status, r.contentType, r.text]).toEqual([200, CT.csv, next]);
      expect((await api.call('exp_next_id', {})).text).toBe(next);
      await importJson([{ record_id: '5000' }]);
      expect((await api.call('exp_next_id', { returnFormat: 'json' })).text).toBe('5001');
    });
  });
}
