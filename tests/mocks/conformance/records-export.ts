import { describe, expect, it } from 'vitest';
import { ALICE_TOKEN } from '../../../mocks/fixtures/index.ts';
import { client, CT, XML_HEAD, type Target } from './client.ts';
import { EXPORT_COLUMNS } from './structure.ts';

/** Record 1 of mocks/fixtures/classic-demo.ts as Export Records writes it (§2.3: all strings). */
export const RECORD_1 = {
  record_id: '1',
  first_name: 'Ada',
  last_name: 'Lovelace',
  dob: '1985-12-10',
  sex: '0',
  email: 'ada@example.org',
  age: '38',
  demographics_complete: '2',
  height: '165',
  weight: '58.5',
  smoker: '0',
  symptoms___1: '1',
  symptoms___2: '1',
  symptoms___3: '0',
  symptoms___4: '0',
  notes: 'Mild cough, no fever.',
  health_complete: '2',
  visit_date: '2024-01-15',
  visit_type: '1',
  consent: '1',
  visit_complete: '2',
};

/** Export Records (§2.3) on the seeded classic project. */
export function recordsExportSuite(target: Target) {
  const api = client(target);
  const ids = async (params: Record<string, string | string[]>) =>
    (await api.json('exp_records', { fields: ['record_id'], ...params })).map(
      (r) => r['record_id'],
    );

  describe('Export Records: shape (§2.3)', () => {
    it('defaults to XML when format is missing (§1.6)', async () => {
      const r = await api.call('exp_records', { records: ['1'], fields: ['first_name'] });
      expect(r.contentType).toBe(CT.xml);
      expect(r.text).toBe(
        `${XML_HEAD}\n<records>\n<item><record_id><![CDATA[1]]></record_id><first_name><![CDATA[Ada]]></first_name></item>\n</records>`,
      );
    });

    it('writes one flat row of strings per record, columns in export order', async () => {
      const rows = await api.json('exp_records', { records: ['1'] });
      expect(rows).toEqual([RECORD_1]);
      expect(Object.keys(rows[0]!)).toEqual(EXPORT_COLUMNS);
    });

    it('sorts numeric record ids numerically (§3.4)', async () => {
      const all = await api.json('exp_records', {});
      expect(all.slice(0, 24).map((r) => r['record_id'])).toEqual(
        Array.from({ length: 24 }, (_, i) => String(i + 1)),
      );
      expect(all.every((row) => Object.values(row).every((v) => typeof v === 'string'))).toBe(true);
      expect(await ids({ records: ['10', '2', '1', 'nope'] })).toEqual(['1', '2', '10']);
    });

    it('quotes CSV cells as fputcsv does: newlines, quotes, commas, spaces, backslashes', async () => {
      const r = await api.call('exp_records', {
        format: 'csv',
        records: ['4', '14', '21'],
        fields: ['notes'],
      });
      expect(r.contentType).toBe(CT.csv);
      expect(r.text).toBe(
        'record_id,notes\n4,"Line one\nLine two"\n14,"Quote: ""hello, world"""\n21,"Path C:\\temp\\data"\n',
      );
    });

    it('uses csvDelimiter, `tab` meaning a tab (§1.9)', async () => {
      const tab = await api.call('exp_records', {
        format: 'csv',
        records: ['1'],
        fields: ['first_name', 'last_name'],
        csvDelimiter: 'tab',
      });
      expect(tab.text).toBe('record_id\tfirst_name\tlast_name\n1\tAda\tLovelace\n');
      const pipe = await api.call('exp_records', {
        format: 'csv',
        records: ['11'],
        fields: ['notes'],
        csvDelimiter: '|',
      });
      expect(pipe.text).toBe('record_id|notes\n11|"Comma, separated, words"\n');
    });

    it('answers an empty selection with [], a header line, or an empty <records>', async () => {
      const params = { records: ['999'], fields: ['age'] };
      expect((await api.call('exp_records', { ...params, format: 'json' })).text).toBe('[]');
      expect((await api.call('exp_records', { ...params, format: 'csv' })).text).toBe(
        'record_id,age\n',
      );
      expect((await api.call('exp_records', { ...params, format: 'xml' })).text).toBe(
        `${XML_HEAD}\n<records>\n</records>`,
      );
    });
  });

  describe('Export Records: fields, forms and comma lists (§1.4, §2.3)', () => {
    it('accepts comma strings for records and fields (trimmed)', async () => {
      const r = await api.form([
        ['token', ALICE_TOKEN],
        ['content', 'record'],
        ['format', 'json'],
        ['records', '1,2'],
        ['fields', 'record_id, age'],
      ]);
      expect(r.text).toBe('[{"record_id":"1","age":"38"},{"record_id":"2","age":"51"}]');
    });

    it('adds the record id, and a form brings its fields and status (no descriptive)', async () => {
      const [row] = await api.json('exp_records', { records: ['2'], forms: ['visit'] });
      expect(row).toEqual({
        record_id: '2',
        visit_date: '2024-01-16',
        visit_type: '2',
        consent: '1',
        visit_complete: '0',
      });
    });

    it('exports a form status named in fields', async () => {
      const rows = await api.json('exp_records', {
        records: ['3'],
        fields: ['health_complete'],
      });
      expect(rows).toEqual([{ record_id: '3', health_complete: '0' }]);
    });

    it('answers unknown fields or forms with the 400 texts', async () => {
      const f = await api.call('exp_records', {
        format: 'json',
        fields: ['age', 'foo', 'symptoms___1'],
      });
      expect([f.status, JSON.parse(f.text)]).toEqual([
        400,
        {
          error: `The following values in the parameter "fields" are not valid: 'foo', 'symptoms___1'`,
        },
      ]);
      const g = await api.call('exp_records', { format: 'csv', forms: ['labs'] });
      expect(g.text).toBe(
        `ERROR: The following values in the parameter "forms" are not valid: 'labs'`,
      );
    });

    it('refuses a request for descriptive fields only', async () => {
      const r = await api.call('exp_records', { format: 'json', fields: ['visit_intro'] });
      expect(r.status).toBe(400);
      expect(JSON.parse(r.text)).toEqual({
        error:
          'The variables provided in the parameter "fields" are not valid fields that contain data. This might happen if you only provided variables for Descriptive fields.',
      });
    });
  });

  describe('Export Records: values (§2.3, §3.3)', () => {
    const fields = ['sex', 'smoker', 'symptoms', 'visit_type', 'consent', 'demographics_complete'];

    it('exports labels with rawOrLabel=label', async () => {
      const rows = await api.json('exp_records', { records: ['1'], fields, rawOrLabel: 'label' });
      expect(rows).toEqual([
        {
          record_id: '1',
          sex: 'Female',
          demographics_complete: 'Complete',
          smoker: 'No',
          symptoms___1: 'Checked',
          symptoms___2: 'Checked',
          symptoms___3: 'Unchecked',
          symptoms___4: 'Unchecked',
          visit_type: 'Screening',
          consent: 'True',
        },
      ]);
    });

    it('exports checkbox labels or blanks with exportCheckboxLabel', async () => {
      const [row] = await api.json('exp_records', {
        records: ['1'],
        fields: ['symptoms'],
        rawOrLabel: 'label',
        exportCheckboxLabel: true,
      });
      expect(row).toEqual({
        record_id: '1',
        symptoms___1: 'Fever',
        symptoms___2: 'Cough',
        symptoms___3: '',
        symptoms___4: '',
      });
    });

    it('writes field labels as CSV headers with rawOrLabelHeaders=label', async () => {
      const r = await api.call('exp_records', {
        format: 'csv',
        records: ['1'],
        fields: ['sex', 'symptoms'],
        rawOrLabelHeaders: 'label',
      });
      expect(r.text.split('\n')[0]).toBe(
        '"Record ID",Sex,"Symptoms in the last week (choice=Fever)","Symptoms in the last week (choice=Cough)","Symptoms in the last week (choice=Headache)","Symptoms in the last week (choice=Fatigue)"',
      );
      expect(r.text.split('\n')[1]).toBe('1,0,1,1,0,0');
    });

    it('exports a never-saved form as 0, or blank with exportBlankForGrayFormStatus', async () => {
      const params = { records: ['3'], fields: ['visit_complete'] };
      expect((await api.json('exp_records', params))[0]).toEqual({
        record_id: '3',
        visit_complete: '0',
      });
      expect(
        (await api.json('exp_records', { ...params, exportBlankForGrayFormStatus: true }))[0],
      ).toEqual({ record_id: '3', visit_complete: '' });
    });

    it('converts decimals of number fields with decimalCharacter', async () => {
      const r = await api.call('exp_records', {
        format: 'csv',
        records: ['1'],
        fields: ['height', 'weight', 'age'],
        decimalCharacter: ',',
      });
      expect(r.text).toBe('record_id,age,height,weight\n1,38,165,"58,5"\n');
    });

    it('writes EAV rows of stored values, one per checked option (JSON and XML)', async () => {
      const params = { records: ['1'], fields: ['symptoms', 'age'], type: 'eav' };
      expect(await api.json('exp_records', params)).toEqual([
        { record: '1', field_name: 'record_id', value: '1' },
        { record: '1', field_name: 'age', value: '38' },
        { record: '1', field_name: 'symptoms', value: '1' },
        { record: '1', field_name: 'symptoms', value: '2' },
      ]);
      const xml = await api.call('exp_records', { ...params, fields: ['age'], format: 'xml' });
      const item = (field: string, value: string) =>
        `<item><record><![CDATA[1]]></record><field_name><![CDATA[${field}]]></field_name><value><![CDATA[${value}]]></value></item>\n`;
      expect(xml.text).toBe(
        `${XML_HEAD}\n<records>\n${item('record_id', '1')}${item('age', '38')}</records>`,
      );
    });
  });

  describe('Export Records: filters (§2.3)', () => {
    it('keeps records matching filterLogic comparisons', async () => {
      expect(await ids({ filterLogic: "[age] > 50 and [sex] = '1'" })).toEqual([
        '2',
        '9',
        '13',
        '15',
        '21',
      ]);
    });

    it('understands or, parentheses and checkbox options', async () => {
      const logic = "[symptoms(1)] = '1' or ([weight] >= 80 and [smoker] = '1')";
      expect(await ids({ filterLogic: logic })).toEqual([
        '1',
        '4',
        '5',
        '9',
        '14',
        '18',
        '21',
        '24',
      ]);
    });

    it('returns nothing (not everything) when no record matches', async () => {
      expect(await ids({ filterLogic: '[age] > 200' })).toEqual([]);
    });

    it('answers logic it cannot read with 400', async () => {
      const r = await api.call('exp_records', { format: 'json', filterLogic: '[age] >' });
      expect(r.status).toBe(400);
      expect(JSON.parse(r.text).error).toMatch(
        /^The value of the parameter "filterLogic" is not valid/,
      );
    });

    it('selects records created or modified in a date range, from the log', async () => {
      const range = { dateRangeBegin: '2024-01-15', dateRangeEnd: '2024-01-23' };
      expect(await ids(range)).toEqual(['1', '2', '3']);
    });
  });
}
