import { afterEach, describe, expect, it } from 'vitest';
import { ALICE_TOKEN } from '../../../mocks/fixtures/index.ts';
import { client, CT, DEFAULT_400, XML_HEAD, type Target } from './client.ts';
import { EXPORT_COLUMNS } from './structure.ts';

/** One record with a value for every field type of the fixture. */
const ROUND_TRIP = {
  record_id: '901',
  first_name: 'Zoë',
  last_name: "O'Brien",
  dob: '2001-02-03',
  sex: '1',
  email: 'zoe@example.org',
  age: '23',
  demographics_complete: '2',
  height: '181.5',
  weight: '77',
  smoker: '1',
  symptoms___1: '1',
  symptoms___2: '0',
  symptoms___3: '1',
  symptoms___4: '0',
  notes: 'Line 1\nLine "2", with comma',
  health_complete: '1',
  visit_date: '2024-05-06',
  visit_type: '3',
  consent: '0',
  visit_complete: '0',
};

/** Import Records (§2.4) and Delete Records (§2.5). Each test removes the records it made. */
export function recordsWriteSuite(target: Target) {
  const api = client(target);
  const made = new Set<string>();

  const importJson = (rows: object[], params: Record<string, string | boolean> = {}) => {
    for (const row of rows) {
      const id = (row as { record_id?: string }).record_id;
      if (id) made.add(id);
    }
    return api.call('imp_records', {
      format: 'json',
      returnFormat: 'json',
      data: JSON.stringify(rows),
      ...params,
    });
  };
  const exportOne = async (id: string, params: Record<string, string | string[] | boolean> = {}) =>
    (await api.json('exp_records', { records: [id], ...params }))[0];

  afterEach(async () => {
    const ids = [...made];
    made.clear();
    if (ids.length === 0) return;
    const rows = await api.json('exp_records', { records: ids, fields: ['record_id'] });
    const existing = rows.map((r) => r['record_id']!);
    if (existing.length > 0) await api.call('del_records', { records: existing });
  });

  describe('Import Records: round trips (§2.4, §2.2)', () => {
    it('imports JSON and exports every field type unchanged', async () => {
      const r = await importJson([ROUND_TRIP]);
      expect([r.status, r.contentType, r.text]).toEqual([200, CT.json, '{"count": 1}']);
      const row = await exportOne('901');
      expect(row).toEqual(ROUND_TRIP);
      expect(Object.keys(row!)).toEqual(EXPORT_COLUMNS);
    });

    it('imports CSV and exports the same CSV', async () => {
      made.add('902');
      const values = Object.values({ ...ROUND_TRIP, record_id: '902' }).map((v) =>
        v === ROUND_TRIP.notes ? '"Line 1\nLine ""2"", with comma"' : v,
      );
      const csv = `${EXPORT_COLUMNS.join(',')}\n${values.join(',')}\n`;
      const r = await api.call('imp_records', { format: 'csv', data: csv, returnFormat: 'csv' });
      expect([r.status, r.contentType, r.text]).toEqual([200, CT.csv, '1']);
      const back = await api.call('exp_records', { format: 'csv', records: ['902'] });
      expect(back.text).toBe(csv);
    });

    it('imports XML (CDATA and entities) and reads it back', async () => {
      made.add('903');
      const cells = Object.entries({ ...ROUND_TRIP, record_id: '903' })
        .map(([k, v]) =>
          k === 'notes'
            ? `<${k}><![CDATA[${v}]]></${k}>`
            : `<${k}>${v.replace("'", '&apos;')}</${k}>`,
        )
        .join('');
      const data = `${XML_HEAD}\n<records><item>${cells}</item></records>`;
      const r = await api.call('imp_records', { format: 'xml', data, returnFormat: 'xml' });
      expect(r.text).toBe(`${XML_HEAD}<count>1</count>`);
      expect(await exportOne('903')).toEqual({ ...ROUND_TRIP, record_id: '903' });
    });

    it('reads data as XML when no format is sent (§1.6)', async () => {
      made.add('912');
      const r = await api.call('imp_records', {
        data: '<records><item><record_id>912</record_id><first_name>Xena</first_name></item></records>',
        returnFormat: 'json',
      });
      expect(r.text).toBe('{"count": 1}');
      expect(await exportOne('912', { fields: ['first_name'] })).toEqual({
        record_id: '912',
        first_name: 'Xena',
      });
    });

    it('imports EAV rows, one per checked option', async () => {
      made.add('910');
      const data = [
        { record: '910', field_name: 'age', value: '40' },
        { record: '910', field_name: 'symptoms', value: '2' },
        { record: '910', field_name: 'symptoms', value: '4' },
      ];
      const r = await api.call('imp_records', {
        format: 'json',
        type: 'eav',
        data: JSON.stringify(data),
        returnFormat: 'json',
      });
      expect(r.text).toBe('{"count": 1}');
      expect(await exportOne('910', { fields: ['age', 'symptoms'] })).toEqual({
        record_id: '910',
        age: '40',
        symptoms___1: '0',
        symptoms___2: '1',
        symptoms___3: '0',
        symptoms___4: '1',
      });
    });

    it('reads dates in the dateFormat sent and stores them Y-M-D', async () => {
      await importJson([{ record_id: '911', dob: '02/03/2001' }], { dateFormat: 'MDY' });
      expect((await exportOne('911', { fields: ['dob'] }))?.['dob']).toBe('2001-02-03');
      await importJson([{ record_id: '911', dob: '04/05/2002' }], { dateFormat: 'DMY' });
      expect((await exportOne('911', { fields: ['dob'] }))?.['dob']).toBe('2002-05-04');
    });

    it('marks forms that got data Incomplete; others stay never-saved', async () => {
      await importJson([{ record_id: '913', height: '170' }]);
      expect(
        await exportOne('913', {
          fields: ['demographics_complete', 'health_complete', 'visit_complete'],
          exportBlankForGrayFormStatus: true,
        }),
      ).toEqual({
        record_id: '913',
        demographics_complete: '0',
        health_complete: '0',
        visit_complete: '',
      });
    });
  });

  describe('Import Records: returnContent (§2.2)', () => {
    const two = [{ record_id: '904' }, { record_id: '905' }];

    it.each([
      ['ids', 'json', CT.json, '["904","905"]'],
      ['ids', 'csv', CT.csv, 'id\n904\n905'],
      ['ids', 'xml', CT.xml, `${XML_HEAD}<ids><id>904</id><id>905</id></ids>`],
      ['count', 'json', CT.json, '{"count": 2}'],
      ['count', 'csv', CT.csv, '2'],
      ['count', 'xml', CT.xml, `${XML_HEAD}<count>2</count>`],
      ['nothing', 'json', CT.json, ''],
    ])('returnContent=%s in %s', async (returnContent, returnFormat, type, body) => {
      const r = await importJson(two, { returnContent, returnFormat });
      expect([r.status, r.contentType, r.text]).toEqual([200, type, body]);
    });

    it('numbers new records with forceAutoNumber and answers auto_ids', async () => {
      const all = await api.json('exp_records', { fields: ['record_id'] });
      const next = Math.max(...all.map((r) => Number(r['record_id']) || 0)) + 1;
      made.add(String(next)).add(String(next + 1));
      const data = [
        { record_id: 'temp-a', first_name: 'Pat' },
        { record_id: 'temp-a', last_name: 'Quinn' },
        { record_id: 'temp-b', first_name: 'Robin' },
      ];
      const r = await importJson(data, { forceAutoNumber: true, returnContent: 'auto_ids' });
      expect(JSON.parse(r.text)).toEqual([`${next},temp-a`, `${next + 1},temp-b`]);
      expect(await exportOne(String(next), { fields: ['first_name', 'last_name'] })).toEqual({
        record_id: String(next),
        first_name: 'Pat',
        last_name: 'Quinn',
      });
    });
  });

  describe('Import Records: validation, all or nothing (§1.8, §2.4)', () => {
    it('lists every bad value as "record","field","value","reason" and saves nothing', async () => {
      const r = await importJson([
        { record_id: '907', first_name: 'Valid' },
        {
          record_id: '906',
          dob: '2020-02-30',
          sex: '5',
          email: 'not-an-email',
          age: '4.5',
          height: 'tall',
          smoker: '2',
          symptoms___1: 'yes',
          visit_type: '9',
          consent: 'x',
          visit_complete: '3',
        },
      ]);
      expect(r.status).toBe(400);
      // The line format is REDCap's (§1.8); reasons other than "category" are the mock's words.
      expect(JSON.parse(r.text).error).toBe(
        [
          '"906","dob","2020-02-30","The value is not a valid date for dob"',
          '"906","sex","5","The value is not a valid category for sex"',
          '"906","email","not-an-email","The value is not a valid e-mail address for email"',
          '"906","age","4.5","The value is not a valid integer for age"',
          '"906","height","tall","The value is not a valid number for height"',
          '"906","smoker","2","The value is not a valid category for smoker"',
          '"906","symptoms___1","yes","The value is not a valid category for symptoms___1"',
          '"906","visit_type","9","The value is not a valid category for visit_type"',
          '"906","consent","x","The value is not a valid category for consent"',
          '"906","visit_complete","3","The value is not a valid category for visit_complete"',
        ].join('\n'),
      );
      expect(await api.json('exp_records', { records: ['906', '907'] })).toEqual([]);
    });

    it('refuses unknown columns, descriptive fields and bare checkbox names', async () => {
      const r = await importJson([{ record_id: '908', foo: '1', visit_intro: 'x', symptoms: '1' }]);
      expect([r.status, r.text]).toEqual([
        400,
        '{"error":"The following fields were not found in the project as real data fields: foo, visit_intro, symptoms"}',
      ]);
      expect(await api.json('exp_records', { records: ['908'] })).toEqual([]);
    });

    it('refuses record names with + & # or an apostrophe', async () => {
      const r = await importJson([{ record_id: '9+1' }]);
      expect(JSON.parse(r.text)).toEqual({
        error:
          'The record name (9+1) cannot contain a plus sign (+), ampersand (&), pound sign (#), or apostrophe.',
      });
    });

    it('answers CSV that does not parse with the default 400 text', async () => {
      const r = await api.call('imp_records', {
        format: 'csv',
        data: 'record_id,notes\n920,"unclosed\n',
        returnFormat: 'json',
      });
      expect([r.status, JSON.parse(r.text)]).toEqual([400, { error: DEFAULT_400 }]);
    });

    it('answers a background import with only a success flag (§2.2)', async () => {
      const r = await importJson([{ record_id: '921' }], { backgroundProcess: true });
      expect([r.status, r.text]).toEqual([200, '{"success":true}']);
    });

    it('explains JSON that does not parse', async () => {
      const r = await api.call('imp_records', {
        format: 'json',
        data: '[{"record_id":',
        returnFormat: 'csv',
      });
      expect([r.status, r.text]).toEqual([
        400,
        'ERROR: The data being imported is not formatted correctly. PHP error from JSON decoder: Syntax error. The JSON must be in an array, as in [{ ... }].',
      ]);
    });
  });

  describe('Import Records: overwriteBehavior (§2.4)', () => {
    it('ignores blanks normally and erases with overwrite', async () => {
      await importJson([{ record_id: '909', first_name: 'A', last_name: 'B', symptoms___2: '1' }]);
      const blank = [{ record_id: '909', last_name: '', symptoms___2: '' }];
      const fields = ['first_name', 'last_name', 'symptoms'];
      await importJson(blank);
      expect(await exportOne('909', { fields })).toMatchObject({
        last_name: 'B',
        symptoms___2: '1',
      });
      await importJson(blank, { overwriteBehavior: 'overwrite' });
      expect(await exportOne('909', { fields })).toMatchObject({
        first_name: 'A',
        last_name: '',
        symptoms___2: '0',
      });
    });
  });

  describe('Delete Records (§2.5)', () => {
    it('deletes nothing when one record does not exist', async () => {
      await importJson([{ record_id: '914' }]);
      const r = await api.call('del_records', { records: ['914', '99999'], returnFormat: 'json' });
      expect([r.status, r.text]).toEqual([
        400,
        '{"error":"One or more of the records provided cannot be deleted because they do not exist in the project. The following records do not exist: 99999"}',
      ]);
      expect(await api.json('exp_records', { records: ['914'], fields: ['record_id'] })).toEqual([
        { record_id: '914' },
      ]);
    });

    it('answers a bare count, in any returnFormat', async () => {
      await importJson([{ record_id: '916' }, { record_id: '917' }, { record_id: '918' }]);
      const two = await api.call('del_records', { records: ['916', '917'], returnFormat: 'json' });
      expect([two.status, two.contentType, two.text]).toEqual([200, CT.json, '2']);
      const one = await api.call('del_records', { records: ['918'] });
      expect([one.contentType, one.text]).toEqual([CT.xml, '1']);
      expect(await api.json('exp_records', { records: ['916', '917', '918'] })).toEqual([]);
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
      expect(
        await exportOne('915', {
          fields: ['first_name', 'height', 'smoker', 'health_complete'],
          exportBlankForGrayFormStatus: true,
        }),
      ).toEqual({
        record_id: '915',
        first_name: 'Kim',
        height: '',
        smoker: '',
        health_complete: '',
      });
      expect((await api.call('del_records', { records: ['915'], instrument: 'health' })).text).toBe(
        '0',
      );
    });
  });
}
