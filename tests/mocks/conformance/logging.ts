import { describe, expect, it } from 'vitest';
import { ALICE_TOKEN } from '../../../mocks/fixtures/index.ts';
import { client, CT, XML_HEAD, type Target } from './client.ts';
import { scratchRecords } from './scratch.ts';

const MINUTE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/;

/** Export Logging (§2.18): the project log, newest first, with its filters. */
export function loggingSuite(target: Target) {
  const api = client(target);
  const { importJson } = scratchRecords(api);
  const log = (params: Record<string, string>) => api.json('exp_logging', params);

  describe('Export Logging (§2.18)', () => {
    it('lists a record’s changes newest first: timestamp to the minute, user, action, details', async () => {
      await importJson([{ record_id: '950', first_name: 'Lou' }]);
      await importJson([{ record_id: '950', age: '41' }]);
      const rows = await log({ record: '950' });
      expect(rows.map((r) => Object.keys(r))).toEqual([
        ['timestamp', 'username', 'action', 'details', 'record'],
        ['timestamp', 'username', 'action', 'details', 'record'],
      ]);
      expect(rows.every((r) => MINUTE.test(r['timestamp']!))).toBe(true);
      expect(
        rows.map(({ username, action, details, record }) => ({
          username,
          action,
          details,
          record,
        })),
      ).toEqual([
        {
          username: 'alice',
          action: 'Update record (API) 950',
          details: "age = '41'",
          record: '950',
        },
        {
          username: 'alice',
          action: 'Create record (API) 950',
          details: "record_id = '950', first_name = 'Lou', demographics_complete = '0'",
          record: '950',
        },
      ]);
      const added = await log({ record: '950', logtype: 'record_add' });
      expect(added.map((r) => r['action'])).toEqual(['Create record (API) 950']);
      expect(await log({ record: '950', logtype: 'record_delete' })).toEqual([]);
    });

    it('logs exports as `Data Export (API) ` and design reads as `Manage/Design `, REDCap’s texts with their trailing space', async () => {
      await api.call('exp_records', { format: 'json', records: ['1'] });
      const [exported] = await log({ logtype: 'export' });
      expect(exported).toMatchObject({
        username: 'alice',
        action: 'Data Export (API) ',
        details: 'Export records (API)',
        record: '',
      });
      await api.call('exp_instr', { format: 'json' });
      const [manage] = await log({ logtype: 'manage' });
      expect(manage).toMatchObject({
        action: 'Manage/Design ',
        details: 'Export instruments (API)',
      });
      // Export Logging is logged once it has answered: the next call sees it first.
      const [logging, instruments] = await log({ logtype: 'manage' });
      expect([logging?.['details'], instruments?.['details']]).toEqual([
        'Export Logging (API)',
        'Export instruments (API)',
      ]);
    });

    it('filters by time, to the minute, both ends included', async () => {
      const rows = await log({
        beginTime: '2024-01-15 10:00',
        endTime: '2024-01-23 10:04',
        logtype: 'record_add',
      });
      expect(rows).toEqual([
        {
          timestamp: '2024-01-23 10:04',
          username: 'alice',
          action: 'Create record 3',
          details: "record_id = '3'",
          record: '3',
        },
        {
          timestamp: '2024-01-19 10:02',
          username: 'alice',
          action: 'Create record 2',
          details: "record_id = '2'",
          record: '2',
        },
        {
          timestamp: '2024-01-15 10:00',
          username: 'alice',
          action: 'Create record 1',
          details: "record_id = '1'",
          record: '1',
        },
      ]);
    });

    it('filters by user and answers in CSV and XML', async () => {
      expect(await log({ user: 'nobody' })).toEqual([]);
      const csv = await api.call('exp_logging', {
        format: 'csv',
        record: '1',
        logtype: 'record_add',
      });
      expect([csv.contentType, csv.text]).toEqual([
        CT.csv,
        `timestamp,username,action,details,record\n"2024-01-15 10:00",alice,"Create record 1","record_id = '1'",1\n`,
      ]);
      const xml = await api.call('exp_logging', { record: '2', logtype: 'record_add' });
      expect(xml.text).toBe(
        `${XML_HEAD}\n<records>\n<item><timestamp><![CDATA[2024-01-19 10:02]]></timestamp><username><![CDATA[alice]]></username><action><![CDATA[Create record 2]]></action><details><![CDATA[record_id = '2']]></details><record><![CDATA[2]]></record></item>\n</records>`,
      );
    });

    it('logs a file upload, download and delete against the record', async () => {
      await importJson([{ record_id: '951' }]);
      const file = {
        kind: 'file',
        name: 'l.txt',
        type: 'text/plain',
        bytes: new TextEncoder().encode('l'),
      } as const;
      await api.call('imp_file', { record: '951', field: 'consent_file', file });
      await api.call('exp_file', { record: '951', field: 'consent_file' });
      await api.call('del_file', { record: '951', field: 'consent_file' });
      const rows = await log({ record: '951' });
      expect(rows.slice(0, 3).map((r) => [r['action'], r['details']])).toEqual([
        ['Delete uploaded document (API) 951', 'consent_file'],
        ['Manage/Design ', 'Download file (API)'],
        ['Upload document (API) 951', expect.stringMatching(/^consent_file = '\d+'$/)],
      ]);
    });

    it('answers a bad time with 400', async () => {
      const r = await api.form([
        ['token', ALICE_TOKEN],
        ['content', 'log'],
        ['format', 'json'],
        ['beginTime', 'yesterday'],
      ]);
      expect([r.status, r.text]).toEqual([
        400,
        '{"error":"The value of the parameter \\"beginTime\\" is not a valid date-time"}',
      ]);
    });
  });
}
