import { describe, expect, it } from 'vitest';
import { client, CT, DEFAULT_400, XML_HEAD, type Target } from './client.ts';
import { scratchRecords } from './scratch.ts';

/** Import Records (§2.4, §2.2, §1.8): returnContent, validation, overwriteBehavior. */
export function recordsImportRulesSuite(target: Target) {
  const api = client(target);
  const { made, importJson, exportRows, exportOne } = scratchRecords(api);

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
      ['bogus', 'json', CT.json, '{"count": 2}'],
    ])('returnContent=%s in %s', async (returnContent, returnFormat, type, body) => {
      const r = await importJson(two, { returnContent, returnFormat });
      expect([r.status, r.contentType, r.text]).toEqual([200, type, body]);
    });

    it('counts records, not rows', async () => {
      const r = await importJson(
        [
          { record_id: '927', first_name: 'A' },
          {
            record_id: '927',
            redcap_repeat_instrument: 'visit',
            redcap_repeat_instance: '1',
            visit_type: '1',
          },
          { record_id: '928' },
        ],
        { returnContent: 'ids' },
      );
      expect(r.text).toBe('["927","928"]');
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
      expect(await exportOne(String(next), { fields: ['first_name', 'last_name'] })).toMatchObject({
        record_id: String(next),
        first_name: 'Pat',
        last_name: 'Quinn',
      });
    });

    it('answers auto_ids as a count without forceAutoNumber (§2.2)', async () => {
      const r = await importJson([{ record_id: '929' }], { returnContent: 'auto_ids' });
      expect(r.text).toBe('{"count": 1}');
    });
  });

  describe('Import Records: validation, all or nothing (§1.8, §2.4)', () => {
    it('lists every bad value as "record","field","value","reason" and saves nothing', async () => {
      const visit = { redcap_repeat_instrument: 'visit', redcap_repeat_instance: '1' };
      const r = await importJson([
        { record_id: '907', first_name: 'Valid' },
        {
          record_id: '906',
          dob: '2020-02-30',
          sex: '5',
          email: 'not-an-email',
          age: '4.5',
          height: 'tall',
          bmi: 'x',
          smoker: '2',
          symptoms___1: 'yes',
          pain: '101',
        },
        { record_id: '906', ...visit, visit_type: '9', consent: 'x', visit_complete: '3' },
        { record_id: '906', visit_date: '2024-01-01' },
        {
          record_id: '906',
          redcap_repeat_instrument: 'health',
          redcap_repeat_instance: '1',
          height: '170',
        },
        { record_id: '906', redcap_repeat_instrument: 'visit', redcap_repeat_instance: 'x' },
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
          '"906","bmi","x","The value is not a valid number for bmi"',
          '"906","smoker","2","The value is not a valid category for smoker"',
          '"906","symptoms___1","yes","The value is not a valid category for symptoms___1"',
          '"906","pain","101","The value is not a valid slider value (0 to 100) for pain"',
          '"906","visit_type","9","The value is not a valid category for visit_type"',
          '"906","consent","x","The value is not a valid category for consent"',
          '"906","visit_complete","3","The value is not a valid category for visit_complete"',
          '"906","visit_date","2024-01-01","visit_date is on the repeating instrument visit, so its row needs redcap_repeat_instrument = visit"',
          '"906","redcap_repeat_instrument","health","health is not a repeating instrument"',
          '"906","height","170","height is not on a repeating instrument, so it belongs on a row without redcap_repeat_instrument"',
          '"906","redcap_repeat_instance","x","The value must be a whole number from 1 to 32767, or new"',
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

    it('refuses a blank record id and record names with + & # or an apostrophe', async () => {
      const blank = await importJson([{ record_id: '', first_name: 'x' }]);
      expect(JSON.parse(blank.text)).toEqual({
        error: 'The record id, record_id, cannot be empty',
      });
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

    it('erases only the row’s own instance: other forms’ blanks are not theirs', async () => {
      const visit = { redcap_repeat_instrument: 'visit', redcap_repeat_instance: '1' };
      await importJson([
        { record_id: '930', first_name: 'Kai' },
        { record_id: '930', ...visit, visit_type: '2', consent: '1' },
      ]);
      await importJson([{ record_id: '930', ...visit, first_name: '', visit_type: '' }], {
        overwriteBehavior: 'overwrite',
      });
      const rows = await exportRows('930', { fields: ['first_name', 'visit_type', 'consent'] });
      expect(rows.map((r) => [r['first_name'], r['visit_type'], r['consent']])).toEqual([
        ['Kai', '', ''],
        ['', '', '1'],
      ]);
    });
  });
}
