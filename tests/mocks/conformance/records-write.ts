import { describe, expect, it } from 'vitest';
import { client, CT, XML_HEAD, type Target } from './client.ts';
import { RECORD_1, visitRow } from './records-export.ts';
import { scratchRecords } from './scratch.ts';
import { EXPORT_COLUMNS } from './structure.ts';

/** A record with a value for every field type that Import Records writes (§3.2). */
function roundTrip(id: string) {
  return [
    {
      ...RECORD_1,
      record_id: id,
      first_name: 'Zoë',
      last_name: "O'Brien",
      dob: '2001-02-03',
      sex: '1',
      email: 'zoe@example.org',
      phone: '(615) 555-0123',
      age: '23',
      demographics_complete: '2',
      height: '181.5',
      weight: '77',
      bmi: '23.4',
      smoker: '1',
      symptoms___1: '1',
      symptoms___2: '0',
      symptoms___3: '1',
      symptoms___4: '0',
      pain: '65',
      notes: 'Line 1\nLine "2", with comma',
      health_complete: '1',
    },
    visitRow(id, 1, {
      visit_date: '2024-05-06',
      visit_start: '2024-05-06 09:30',
      visit_type: '3',
      consent: '0',
      visit_complete: '0',
    }),
    visitRow(id, 2, {
      visit_date: '2024-06-07',
      visit_type: '2',
      consent: '1',
      visit_complete: '2',
    }),
  ];
}

/** fputcsv's quoting (§2.3 "CSV formatting"), for data we send. */
const csvCell = (v: unknown) =>
  /[,"\s\\]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v);
const csvOf = (rows: readonly Record<string, unknown>[]) =>
  [EXPORT_COLUMNS, ...rows.map((r) => EXPORT_COLUMNS.map((c) => r[c]))]
    .map((cells) => `${cells.map(csvCell).join(',')}\n`)
    .join('');

/** Import Records (§2.4). Each test removes the records it made. */
export function recordsWriteSuite(target: Target) {
  const api = client(target);
  const { made, importJson, exportRows, exportOne } = scratchRecords(api);

  describe('Import Records: round trips of every field type (§2.4, §2.2)', () => {
    it('imports JSON rows, main and repeating, and exports them unchanged', async () => {
      const rows = roundTrip('901');
      const r = await importJson(rows);
      expect([r.status, r.contentType, r.text]).toEqual([200, CT.json, '{"count": 1}']);
      expect(await exportRows('901')).toEqual(rows);
    });

    it('imports CSV and exports the same CSV', async () => {
      made.add('902');
      const csv = csvOf(roundTrip('902'));
      const r = await api.call('imp_records', { format: 'csv', data: csv, returnFormat: 'csv' });
      expect([r.status, r.contentType, r.text]).toEqual([200, CT.csv, '1']);
      const back = await api.call('exp_records', { format: 'csv', records: ['902'] });
      expect(back.text).toBe(csv);
    });

    it('reads CSV with a tab or semicolon delimiter (§2.4 csvDelimiter)', async () => {
      made.add('924').add('925');
      const tab = 'record_id\tnotes\n924\t"a;b, c"\n';
      await api.call('imp_records', { format: 'csv', data: tab, csvDelimiter: 'tab' });
      const semi = 'record_id;notes\n925;"a;b, c"\n';
      await api.call('imp_records', { format: 'csv', data: semi, csvDelimiter: ';' });
      const rows = await api.json('exp_records', { records: ['924', '925'], fields: ['notes'] });
      expect(rows.map((r) => r['notes'])).toEqual(['a;b, c', 'a;b, c']);
    });

    it('imports XML (CDATA and entities) and reads it back', async () => {
      made.add('903');
      const rows = roundTrip('903');
      const item = (row: Record<string, unknown>) =>
        `<item>${Object.entries(row)
          .map(([k, v]) =>
            k === 'notes'
              ? `<${k}><![CDATA[${v}]]></${k}>`
              : `<${k}>${String(v).replace("'", '&apos;')}</${k}>`,
          )
          .join('')}</item>`;
      const data = `${XML_HEAD}\n<records>${rows.map(item).join('')}</records>`;
      const r = await api.call('imp_records', { format: 'xml', data, returnFormat: 'xml' });
      expect(r.text).toBe(`${XML_HEAD}<count>1</count>`);
      expect(await exportRows('903')).toEqual(rows);
    });

    it('reads data as XML when no format is sent (§1.6)', async () => {
      made.add('912');
      const r = await api.call('imp_records', {
        data: '<records><item><record_id>912</record_id><first_name>Xena</first_name></item></records>',
        returnFormat: 'json',
      });
      expect(r.text).toBe('{"count": 1}');
      expect((await exportOne('912', { fields: ['first_name'] }))?.['first_name']).toBe('Xena');
    });

    it('imports EAV rows, one per checked option, repeat keys included', async () => {
      made.add('910');
      const data = [
        { record: '910', field_name: 'age', value: '40' },
        { record: '910', field_name: 'symptoms', value: '2' },
        { record: '910', field_name: 'symptoms', value: '4' },
        {
          record: '910',
          redcap_repeat_instrument: 'visit',
          redcap_repeat_instance: '2',
          field_name: 'visit_type',
          value: '3',
        },
      ];
      const r = await api.call('imp_records', {
        format: 'json',
        type: 'eav',
        data: JSON.stringify(data),
        returnFormat: 'json',
      });
      expect(r.text).toBe('{"count": 1}');
      const rows = await exportRows('910', { fields: ['age', 'symptoms', 'visit_type'] });
      const repeat = { redcap_repeat_instrument: '', redcap_repeat_instance: '' };
      expect(rows).toEqual([
        {
          record_id: '910',
          ...repeat,
          age: '40',
          symptoms___1: '0',
          symptoms___2: '1',
          symptoms___3: '0',
          symptoms___4: '1',
          visit_type: '',
        },
        {
          record_id: '910',
          redcap_repeat_instrument: 'visit',
          redcap_repeat_instance: 2,
          age: '',
          symptoms___1: '',
          symptoms___2: '',
          symptoms___3: '',
          symptoms___4: '',
          visit_type: '3',
        },
      ]);
    });

    it('appends an instance for redcap_repeat_instance = new', async () => {
      await importJson([
        { record_id: '923', first_name: 'Nia' },
        {
          record_id: '923',
          redcap_repeat_instrument: 'visit',
          redcap_repeat_instance: 'new',
          visit_type: '1',
        },
        {
          record_id: '923',
          redcap_repeat_instrument: 'visit',
          redcap_repeat_instance: 'new',
          visit_type: '2',
        },
      ]);
      const rows = await exportRows('923', { fields: ['visit_type'] });
      expect(rows.map((r) => [r['redcap_repeat_instance'], r['visit_type']])).toEqual([
        ['', ''],
        [1, '1'],
        [2, '2'],
      ]);
    });

    it('skips file-upload columns: only Import a File writes them (§2.16)', async () => {
      // REDCap's saveData() skips File Upload fields unless told otherwise (skipFileUploadFields).
      const r = await importJson([
        {
          record_id: '926',
          redcap_repeat_instrument: 'visit',
          redcap_repeat_instance: '1',
          visit_type: '1',
          consent_file: 'x.pdf',
        },
      ]);
      expect(r.text).toBe('{"count": 1}');
      const rows = await exportRows('926', { forms: ['visit'] });
      expect(rows[1]).toMatchObject({ visit_type: '1', consent_file: '' });
    });

    it('reads dates in the dateFormat sent and stores them Y-M-D', async () => {
      await importJson([{ record_id: '911', dob: '02/03/2001' }], { dateFormat: 'MDY' });
      expect((await exportOne('911', { fields: ['dob'] }))?.['dob']).toBe('2001-02-03');
      await importJson([{ record_id: '911', dob: '04/05/2002' }], { dateFormat: 'DMY' });
      expect((await exportOne('911', { fields: ['dob'] }))?.['dob']).toBe('2002-05-04');
    });

    it('marks forms that got data Incomplete; others stay never-saved', async () => {
      await importJson([
        { record_id: '913', height: '170' },
        {
          record_id: '913',
          redcap_repeat_instrument: 'visit',
          redcap_repeat_instance: '1',
          consent: '1',
        },
      ]);
      const rows = await exportRows('913', {
        fields: ['demographics_complete', 'health_complete', 'visit_complete'],
        exportBlankForGrayFormStatus: true,
      });
      expect(
        rows.map((r) => [r['demographics_complete'], r['health_complete'], r['visit_complete']]),
      ).toEqual([
        ['0', '0', ''],
        ['', '', '0'],
      ]);
    });
  });
}
