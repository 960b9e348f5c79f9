import { describe, expect, it } from 'vitest';
import { ALICE_TOKEN } from '../../../mocks/fixtures/index.ts';
import { client, CT, XML_HEAD, type Target } from './client.ts';
import { EXPORT_COLUMNS } from './structure.ts';

/**
 * Record 1 of mocks/fixtures/classic-demo.ts as Export Records writes it (§2.3): all strings;
 * the main row carries the non-repeating forms, and blanks for the repeating `visit` (§3.6).
 */
export const RECORD_1 = {
  record_id: '1',
  redcap_repeat_instrument: '',
  redcap_repeat_instance: '',
  first_name: 'Ada',
  last_name: 'Lovelace',
  dob: '1985-12-10',
  sex: '0',
  email: 'ada@example.org',
  phone: '(615) 555-0101',
  age: '38',
  demographics_complete: '2',
  height: '165',
  weight: '58.5',
  bmi: '21.5',
  smoker: '0',
  symptoms___1: '1',
  symptoms___2: '1',
  symptoms___3: '0',
  symptoms___4: '0',
  pain: '20',
  notes: 'Mild cough, no fever.',
  health_complete: '2',
  visit_date: '',
  visit_start: '',
  visit_type: '',
  consent: '',
  consent_file: '',
  visit_complete: '',
};

/** A row of the repeating `visit`: only its own values; the other forms blank (§2.3, §3.6). */
export function visitRow(record: string, instance: number, visit: Record<string, string>) {
  const blanks = Object.fromEntries(Object.keys(RECORD_1).map((k) => [k, '']));
  return {
    ...blanks,
    record_id: record,
    redcap_repeat_instrument: 'visit',
    redcap_repeat_instance: instance,
    ...visit,
  };
}

/** Record 1's two visits (the fixture's CLASSIC_DEMO_ROWS, CLASSIC_DEMO_VISIT_STARTS and CLASSIC_DEMO_MORE_VISITS). */
export const RECORD_1_VISITS = [
  visitRow('1', 1, {
    visit_date: '2024-01-15',
    visit_start: '2024-01-15 09:30',
    visit_type: '1',
    consent: '1',
    consent_file: 'consent-1.txt',
    visit_complete: '2',
  }),
  visitRow('1', 2, {
    visit_date: '2024-04-15',
    visit_type: '3',
    consent: '1',
    visit_complete: '2',
  }),
];

const HEAD = 'record_id,redcap_repeat_instrument,redcap_repeat_instance';

/** Export Records (§2.3) on the seeded classic project with its repeating `visit`. */
export function recordsExportSuite(target: Target) {
  const api = client(target);
  const ids = async (params: Record<string, string | string[]>) =>
    (await api.json('exp_records', { fields: ['record_id'], ...params })).map(
      (r) => r['record_id'],
    );

  describe('Export Records: shape (§2.3)', () => {
    it('defaults to XML when format is missing (§1.6)', async () => {
      const r = await api.call('exp_records', {
        records: ['1'],
        fields: ['record_id', 'first_name'],
      });
      expect(r.contentType).toBe(CT.xml);
      expect(r.text).toBe(
        `${XML_HEAD}\n<records>\n<item><record_id><![CDATA[1]]></record_id><redcap_repeat_instrument></redcap_repeat_instrument><redcap_repeat_instance></redcap_repeat_instance><first_name><![CDATA[Ada]]></first_name></item>\n</records>`,
      );
    });

    it('writes a main row, then one row per visit, columns in export order', async () => {
      const rows = await api.json<Record<string, unknown>[]>('exp_records', { records: ['1'] });
      expect(rows).toEqual([RECORD_1, ...RECORD_1_VISITS]);
      for (const row of rows) expect(Object.keys(row)).toEqual(EXPORT_COLUMNS);
    });

    it('writes every value as a string except redcap_repeat_instance, a number (§2.3)', async () => {
      const rows = await api.json<Record<string, unknown>[]>('exp_records', {});
      const kinds = new Set(
        rows.flatMap((row) =>
          Object.entries(row).map(([k, v]) => `${k === 'redcap_repeat_instance'}:${typeof v}`),
        ),
      );
      expect([...kinds].sort()).toEqual(['false:string', 'true:number', 'true:string']);
      expect(rows.filter((r) => r['redcap_repeat_instance'] === '')).toHaveLength(24);
      expect(rows).toHaveLength(47);
    });

    it('sorts numeric record ids numerically (§3.4)', async () => {
      expect(await ids({})).toEqual(Array.from({ length: 24 }, (_, i) => String(i + 1)));
      expect(await ids({ records: ['10', '2', '1', 'nope'] })).toEqual(['1', '2', '10']);
    });

    it('quotes CSV cells as fputcsv does: newlines, quotes, commas, spaces, backslashes', async () => {
      const r = await api.call('exp_records', {
        format: 'csv',
        records: ['4', '14', '21'],
        fields: ['record_id', 'notes'],
      });
      expect(r.contentType).toBe(CT.csv);
      expect(r.text).toBe(
        `${HEAD},notes\n4,,,"Line one\nLine two"\n14,,,"Quote: ""hello, world"""\n21,,,"Path C:\\temp\\data"\n`,
      );
    });

    it('uses csvDelimiter, `tab` meaning a tab (§1.9)', async () => {
      const tab = await api.call('exp_records', {
        format: 'csv',
        records: ['1'],
        fields: ['record_id', 'first_name', 'last_name'],
        csvDelimiter: 'tab',
      });
      expect(tab.text).toBe(
        'record_id\tredcap_repeat_instrument\tredcap_repeat_instance\tfirst_name\tlast_name\n1\t\t\tAda\tLovelace\n',
      );
      const pipe = await api.call('exp_records', {
        format: 'csv',
        records: ['11'],
        fields: ['record_id', 'notes'],
        csvDelimiter: '|',
      });
      expect(pipe.text).toBe(
        'record_id|redcap_repeat_instrument|redcap_repeat_instance|notes\n11|||"Comma, separated, words"\n',
      );
    });

    it('answers an empty selection with [], an empty body (CSV), or an empty <records>', async () => {
      const params = { records: ['999'], fields: ['record_id', 'age'] };
      expect((await api.call('exp_records', { ...params, format: 'json' })).text).toBe('[]');
      // REDCap writes no header line when there is no row.
      expect((await api.call('exp_records', { ...params, format: 'csv' })).text).toBe('');
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
      const blank = '"redcap_repeat_instrument":"","redcap_repeat_instance":""';
      expect(r.text).toBe(
        `[{"record_id":"1",${blank},"age":"38"},{"record_id":"2",${blank},"age":"51"}]`,
      );
    });

    it('adds no column of its own: without the record id, no id or repeat columns', async () => {
      const rows = await api.json('exp_records', { records: ['2'], forms: ['visit'] });
      expect(rows.map((r) => Object.keys(r))).toEqual(
        Array(3).fill([
          'visit_date',
          'visit_start',
          'visit_type',
          'consent',
          'consent_file',
          'visit_complete',
        ]),
      );
      const csv = await api.call('exp_records', { format: 'csv', records: ['1'], fields: ['age'] });
      expect(csv.text).toBe('age\n38\n');
    });

    it('with the record id asked, a repeating form brings its rows, fields and status', async () => {
      const rows = await api.json('exp_records', {
        records: ['2'],
        fields: ['record_id'],
        forms: ['visit'],
      });
      const main = { redcap_repeat_instrument: '', redcap_repeat_instance: '' };
      const empty = {
        visit_date: '',
        visit_start: '',
        visit_type: '',
        consent: '',
        consent_file: '',
      };
      expect(rows).toEqual([
        { record_id: '2', ...main, ...empty, visit_complete: '' },
        {
          record_id: '2',
          redcap_repeat_instrument: 'visit',
          redcap_repeat_instance: 1,
          visit_date: '2024-01-16',
          visit_start: '',
          visit_type: '2',
          consent: '1',
          consent_file: 'consent-2.png',
          visit_complete: '0',
        },
        {
          record_id: '2',
          redcap_repeat_instrument: 'visit',
          redcap_repeat_instance: 2,
          visit_date: '2024-04-20',
          visit_start: '',
          visit_type: '3',
          consent: '',
          consent_file: '',
          visit_complete: '1',
        },
      ]);
    });

    it('gives a visit a row only when it has data in the fields asked for', async () => {
      // Record 12's first visit has no consent; record 2's second neither.
      const rows = await api.json('exp_records', {
        records: ['2', '12'],
        fields: ['record_id', 'consent'],
      });
      expect(rows.map((r) => [r['record_id'], r['redcap_repeat_instance'], r['consent']])).toEqual([
        ['2', '', ''],
        ['2', 1, '1'],
        ['12', '', ''],
      ]);
    });

    it('exports a form status named in fields', async () => {
      const rows = await api.json('exp_records', {
        records: ['3'],
        fields: ['record_id', 'health_complete'],
      });
      expect(rows).toEqual([
        {
          record_id: '3',
          redcap_repeat_instrument: '',
          redcap_repeat_instance: '',
          health_complete: '0',
        },
      ]);
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
}
