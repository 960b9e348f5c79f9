import { describe, expect, it } from 'vitest';
import { ALICE_TOKEN, BOB_TOKEN } from '../../../mocks/fixtures/index.ts';
import { client, CT, XML_HEAD, type Target } from './client.ts';

const FOLDER_400 = (id: string) =>
  `The File Repository folder folder_id=${id} does not exist or else you do not have permission to that folder because it is DAG-restricted or Role-restricted.`;

/**
 * The File Repository (redcap-api.md §2.17, §1.8 "File Repository") on the classic demo's
 * fixture (mocks/README.md): top level = folders 12 "Consent templates", 13 "Site A documents"
 * (DAG site_a) and the file 57 study-protocol.txt; folder 12 = folder 14 "Archive" and the files
 * 59 consent-template-v2.txt, 58 consent-template-v10.txt. Creating folders cannot be undone
 * through the API, so it is tested on a fresh mock (tests/mocks/file-repository.test.ts).
 */
export function fileRepositorySuite(target: Target) {
  const api = client(target);

  describe('Export a List of Files/Folders (§2.17)', () => {
    it('lists folders first, then files, each sorted naturally (JSON)', async () => {
      const top = await api.call('exp_list_file_repo', { format: 'json', returnFormat: 'json' });
      expect([top.status, top.contentType]).toEqual([200, CT.json]);
      expect(JSON.parse(top.text)).toEqual([
        { folder_id: 12, name: 'Consent templates' },
        { folder_id: 13, name: 'Site A documents' },
        { doc_id: 57, name: 'study-protocol.txt' },
      ]);
      const inner = await api.json('exp_list_file_repo', { folder_id: '12' });
      expect(inner).toEqual([
        { folder_id: 14, name: 'Archive' },
        { doc_id: 59, name: 'consent-template-v2.txt' },
        { doc_id: 58, name: 'consent-template-v10.txt' },
      ]);
      expect(await api.json('exp_list_file_repo', { folder_id: '14' })).toEqual([]);
    });

    it('answers CSV with the columns folder_id,doc_id,name,role,dag, blank where n/a', async () => {
      const r = await api.call('exp_list_file_repo', { format: 'csv', folder_id: '12' });
      expect([r.status, r.contentType]).toEqual([200, CT.csv]);
      expect(r.text).toBe(
        'folder_id,doc_id,name,role,dag\n14,,Archive,,\n,59,consent-template-v2.txt,,\n,58,consent-template-v10.txt,,\n',
      );
    });

    it.each([
      ['json', `{"error":"${FOLDER_400('999')}"}`],
      ['csv', `ERROR: ${FOLDER_400('999')}`],
      ['xml', `${XML_HEAD}\n<hash><error>${FOLDER_400('999')}</error></hash>`],
    ])('an unknown folder → the §1.8 400 (%s)', async (returnFormat, body) => {
      const r = await api.call('exp_list_file_repo', {
        format: 'json',
        folder_id: '999',
        returnFormat,
      });
      expect([r.status, r.text]).toEqual([400, body]);
    });
  });

  describe('Export a File from the File Repository (§2.17)', () => {
    it('sends the bytes with Content-Type <mime>; name="<file>"', async () => {
      const r = await api.call('exp_file_repo', { doc_id: '57', returnFormat: 'json' });
      expect([r.status, r.contentType]).toEqual([
        200,
        'text/plain; name="study-protocol.txt";charset=UTF-8',
      ]);
      expect(r.text).toBe('Study protocol, version 2: enrol adults, one visit, consent first.\n');
    });

    it('an unknown doc_id → 400 (the mock wording, mocks/README.md)', async () => {
      // doc 201 is a file attached to a record, not a repository file.
      for (const doc_id of ['999', '201']) {
        const r = await api.call('exp_file_repo', { doc_id, returnFormat: 'json' });
        expect([r.status, r.text]).toEqual([
          400,
          `{"error":"The file doc_id=${doc_id} does not exist in the File Repository"}`,
        ]);
      }
    });
  });

  describe('Import / Delete a File in the File Repository (§2.17, §2.2)', () => {
    const upload = (extra: [string, string][]) =>
      api.multipart(
        [
          ['token', ALICE_TOKEN],
          ['content', 'fileRepository'],
          ['action', 'import'],
          ['returnFormat', 'json'],
          ...extra,
        ],
        [['file', 'notes.txt', 'text/plain', new TextEncoder().encode('hello\n')]],
      );

    it('imports into a folder with an empty 200, lists it, exports it, deletes it', async () => {
      const r = await upload([['folder_id', '14']]);
      expect([r.status, r.text]).toEqual([200, '']);
      const listed = await api.json<{ doc_id: number; name: string }[]>('exp_list_file_repo', {
        folder_id: '14',
      });
      expect(listed.map((f) => f.name)).toEqual(['notes.txt']);
      const docId = String(listed[0]!.doc_id);
      const file = await api.call('exp_file_repo', { doc_id: docId, returnFormat: 'json' });
      expect([file.status, file.text]).toEqual([200, 'hello\n']);
      const del = await api.call('del_file_repo', { doc_id: docId, returnFormat: 'json' });
      expect([del.status, del.text]).toEqual([200, '']);
      expect(await api.json('exp_list_file_repo', { folder_id: '14' })).toEqual([]);
    });

    it('refuses an unknown folder before storing anything', async () => {
      const r = await upload([['folder_id', '999']]);
      expect([r.status, r.text]).toEqual([400, `{"error":"${FOLDER_400('999')}"}`]);
    });

    it('needs API Import/Update to upload or delete (bob is export-only)', async () => {
      const r = await api.call('del_file_repo', { doc_id: '57', returnFormat: 'json' }, BOB_TOKEN);
      expect([r.status, r.text]).toEqual([
        403,
        '{"error":"You do not have API Import/Update privileges"}',
      ]);
    });
  });
}
