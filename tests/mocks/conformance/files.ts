import { describe, expect, it } from 'vitest';
import { ALICE_TOKEN } from '../../../mocks/fixtures/index.ts';
import { client, CT, XML_HEAD, type Target } from './client.ts';
import { scratchRecords } from './scratch.ts';

/** A 1×1 PNG, the bytes of record 2's consent_file in the fixture. */
const PNG = Uint8Array.from(
  atob(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  ),
  (c) => c.charCodeAt(0),
);

const text = (s: string) => new TextEncoder().encode(s);

/** Export / Import / Delete a File (§2.16, §1.8 "Files"). */
export function filesSuite(target: Target) {
  const api = client(target);
  const { importJson, exportRows } = scratchRecords(api);
  const location = { field: 'consent_file', returnFormat: 'json' };
  const upload = (
    record: string,
    name: string,
    type: string,
    bytes: Uint8Array,
    extra: [string, string][] = [],
  ) =>
    api.multipart(
      [
        ['token', ALICE_TOKEN],
        ['content', 'file'],
        ['action', 'import'],
        ['record', record],
        ['field', 'consent_file'],
        ['returnFormat', 'json'],
        ...extra,
      ],
      [['file', name, type, bytes]],
    );

  describe('Export a File (§2.16)', () => {
    it('sends the bytes with Content-Type <mime>; name="<file>", text with a charset', async () => {
      const r = await api.call('exp_file', { record: '1', ...location });
      expect([r.status, r.contentType]).toEqual([
        200,
        'text/plain; name="consent-1.txt";charset=UTF-8',
      ]);
      expect(r.text).toBe('Consent signed by Ada Lovelace on 2024-01-15.\n');
      const png = await api.call('exp_file', { record: '2', ...location });
      expect([png.status, png.contentType]).toEqual([200, 'image/png; name="consent-2.png"']);
      expect(png.bytes).toEqual(PNG);
    });

    it('reads the instance named by repeat_instance (default 1)', async () => {
      const r = await api.call('exp_file', { record: '1', repeat_instance: '2', ...location });
      expect([r.status, r.text]).toEqual([
        400,
        '{"error":"There is no file to download for this record"}',
      ]);
    });

    it.each([
      ['99999', 'consent_file', 'json', '{"error":"The record \\"99999\\" does not exist"}'],
      [
        '1',
        'first_name',
        'csv',
        "ERROR: The field 'first_name' does not exist or is not a 'file' field",
      ],
      [
        '1',
        'nope',
        'xml',
        `${XML_HEAD}\n<hash><error>The field 'nope' does not exist or is not a 'file' field</error></hash>`,
      ],
      ['3', 'consent_file', 'json', '{"error":"There is no file to download for this record"}'],
    ])('record %s field %s → 400 in %s', async (record, field, returnFormat, body) => {
      const r = await api.call('exp_file', { record, field, returnFormat });
      expect([r.status, r.text]).toEqual([400, body]);
    });
  });

  describe('Import a File (§2.16)', () => {
    it('stores the upload: empty 200, then exported as uploaded, named in Export Records', async () => {
      await importJson([{ record_id: '940', first_name: 'Uma' }]);
      const r = await upload('940', 'scan.txt', 'text/plain', text('scanned\n'));
      expect([r.status, r.contentType, r.text]).toEqual([200, CT.json, '']);
      const back = await api.call('exp_file', { record: '940', ...location });
      expect([back.contentType, back.text]).toEqual([
        'text/plain; name="scan.txt";charset=UTF-8',
        'scanned\n',
      ]);
      // The file's repeating instrument gets an instance with status Incomplete.
      const rows = await exportRows('940', { forms: ['visit'] });
      expect(rows[1]).toMatchObject({
        redcap_repeat_instance: 1,
        consent_file: 'scan.txt',
        visit_complete: '0',
      });
    });

    it('replaces a file, drops apostrophes from its name, and writes the instance asked for', async () => {
      await importJson([{ record_id: '941' }]);
      await upload('941', 'first.txt', 'text/plain', text('1'));
      await upload('941', "o'brien.png", 'image/png', PNG);
      await upload('941', 'second-visit.txt', 'text/plain', text('2'), [['repeat_instance', '2']]);
      const one = await api.call('exp_file', { record: '941', ...location });
      expect([one.contentType, one.bytes]).toEqual(['image/png; name="obrien.png"', PNG]);
      const two = await api.call('exp_file', { record: '941', repeat_instance: '2', ...location });
      expect(two.text).toBe('2');
    });

    it('is sent by the catalog as multipart with the part named file', async () => {
      await importJson([{ record_id: '942' }]);
      const file = {
        kind: 'file',
        name: 'c.pdf',
        type: 'application/pdf',
        bytes: text('%PDF-1.4'),
      } as const;
      const r = await api.call('imp_file', { record: '942', file, ...location });
      expect([r.status, r.text]).toEqual([200, '']);
      const back = await api.call('exp_file', { record: '942', ...location });
      expect(back.contentType).toBe('application/pdf; name="c.pdf"');
    });

    it('keeps the file when the record is imported again with its file name (§2.4)', async () => {
      await importJson([{ record_id: '943' }]);
      await upload('943', 'keep.txt', 'text/plain', text('kept'));
      const rows = await exportRows('943');
      await importJson(rows, { overwriteBehavior: 'overwrite' });
      expect((await api.call('exp_file', { record: '943', ...location })).text).toBe('kept');
    });

    it('needs an existing record, a file field and a part named file', async () => {
      const missing = await upload('99999', 'a.txt', 'text/plain', text('a'));
      expect(JSON.parse(missing.text)).toEqual({
        error: "The record '99999' does not exist. It must exist to upload a file",
      });
      const noFile = await api.multipart([
        ['token', ALICE_TOKEN],
        ['content', 'file'],
        ['action', 'import'],
        ['record', '1'],
        ['field', 'consent_file'],
        ['returnFormat', 'json'],
      ]);
      expect([noFile.status, noFile.text]).toEqual([400, '{"error":"No valid file was uploaded"}']);
      const wrongPart = await api.multipart(
        [
          ['token', ALICE_TOKEN],
          ['content', 'file'],
          ['action', 'import'],
          ['record', '1'],
          ['field', 'consent_file'],
          ['returnFormat', 'csv'],
        ],
        [['upload', 'a.txt', 'text/plain', text('a')]],
      );
      expect([wrongPart.status, wrongPart.text]).toEqual([
        400,
        'ERROR: There was a problem with the uploaded file',
      ]);
      const r = await api.multipart(
        [
          ['token', ALICE_TOKEN],
          ['content', 'file'],
          ['action', 'import'],
          ['record', '1'],
          ['field', 'notes'],
          ['returnFormat', 'json'],
        ],
        [['file', 'a.txt', 'text/plain', text('a')]],
      );
      expect(JSON.parse(r.text)).toEqual({
        error: "The field 'notes' does not exist or is not a 'file' field",
      });
    });
  });

  describe('Delete a File (§2.16)', () => {
    it('removes the file: empty 200, the field blank, a second delete refused', async () => {
      await importJson([{ record_id: '944' }]);
      await upload('944', 'gone.txt', 'text/plain', text('x'));
      const r = await api.call('del_file', { record: '944', ...location });
      expect([r.status, r.contentType, r.text]).toEqual([200, CT.json, '']);
      const rows = await exportRows('944', { forms: ['visit'] });
      expect(rows[1]).toMatchObject({ consent_file: '', visit_complete: '0' });
      const again = await api.call('del_file', { record: '944', ...location });
      expect([again.status, again.text]).toEqual([
        400,
        '{"error":"There is no file to delete for this record"}',
      ]);
      const gone = await api.call('exp_file', { record: '944', ...location });
      expect(gone.text).toBe('{"error":"There is no file to download for this record"}');
    });

    it('answers a missing record or a non-file field with 400', async () => {
      const r = await api.call('del_file', { record: '99999', ...location });
      expect(JSON.parse(r.text)).toEqual({ error: "The record '99999' does not exist" });
      const f = await api.call('del_file', { record: '1', field: 'age', returnFormat: 'json' });
      expect(JSON.parse(f.text)).toEqual({
        error: "The field 'age' does not exist or is not a 'file' field",
      });
    });
  });
}
