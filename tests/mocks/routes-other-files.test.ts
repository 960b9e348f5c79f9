import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { ALICE_LONGITUDINAL_TOKEN, ALICE_TOKEN } from '../../mocks/fixtures/index.ts';
import { createMockRedcap, type MockRedcap } from '../../mocks/redcap.ts';
import { withRights } from '../../mocks/store/rights.ts';
import type { MockRedcapData } from '../../mocks/store/types.ts';
import { connectMockRedcap } from '../../mocks/worker-client.ts';
import { serveMockRedcap } from '../../mocks/worker-host.ts';
import type { Endpoint } from '../../mocks/worker-protocol.ts';
import {
  jsonError,
  lastLog,
  mockWith,
  multipart,
  post,
  rawUpload,
  xmlError,
  type UploadPart,
} from './routes-other-support.ts';

/**
 * Edges of the File Repository (§2.17, mocks/routes/file-repository.ts) and of files attached
 * to records (§2.16, mocks/routes/files.ts) that the conformance suites do not visit, found by
 * mutation testing (issue #19). Through the mock's core, as a client sees them.
 */

const SITE_B = 'E0000000000000000000000000000012';
const SITE_A = 'E0000000000000000000000000000013';

/** The fixture plus siteb (in DAG site_b) and sitea (in site_a), alice's rights otherwise. */
function withDagUsers(data: MockRedcapData): void {
  const project = data.projects[0]!;
  const alice = project.users[0]!;
  project.users.push(
    { ...alice, username: 'siteb', token: SITE_B, data_access_group: 'site_b' },
    { ...alice, username: 'sitea', token: SITE_A, data_access_group: 'site_a' },
  );
}

const repo = (action: string, extra: Record<string, string> = {}) => ({
  content: 'fileRepository',
  action,
  ...extra,
});

const list = async (redcap: MockRedcap, extra: Record<string, string> = {}) => {
  const r = await post(redcap, repo('list', extra));
  expect(r.status).toBe(200);
  return JSON.parse(r.text) as unknown[];
};

const txt = (name: string, content = 'x'): UploadPart => ({ name, type: 'text/plain', content });

const FOLDER_400 = (id: string) =>
  `The File Repository folder folder_id=${id} does not exist or else you do not have permission to that folder because it is DAG-restricted or Role-restricted.`;

describe('Create a Folder (§2.17): names, parents, DAG and role', () => {
  it.each([
    ['', "The parameter 'name' is missing"],
    ['   ', "The parameter 'name' is missing"],
    ['x'.repeat(151), "The parameter 'name' cannot exceed 150 characters"],
    [` ${'x'.repeat(151)} `, "The parameter 'name' cannot exceed 150 characters"],
  ])('name %j → 400', async (name, message) => {
    const redcap = mockWith();
    expect(await post(redcap, repo('createFolder', { name }))).toMatchObject({
      status: 400,
      text: jsonError(message),
    });
    expect(await list(redcap)).toHaveLength(3);
  });

  it.each([
    ['x'.repeat(150), 'x'.repeat(150)],
    [`  ${'y'.repeat(150)}  `, 'y'.repeat(150)],
    ['  Minutes ', 'Minutes'],
  ])('name %j is kept trimmed (%j)', async (name, kept) => {
    const redcap = mockWith();
    expect(await post(redcap, repo('createFolder', { name }))).toMatchObject({
      status: 200,
      text: '[{"folder_id":15}]',
    });
    expect(await list(redcap)).toContainEqual({ folder_id: 15, name: kept });
  });

  it.each([
    ['dag_id', '9', 'The dag_id 9 is not a valid data access group'],
    ['dag_id', 'site_a', 'The dag_id site_a is not a valid data access group'],
    ['role_id', '0', 'The role_id 0 is not a valid user role'],
    ['role_id', '07', 'The role_id 07 is not a valid user role'],
    ['role_id', '3x', 'The role_id 3x is not a valid user role'],
    ['role_id', 'x3', 'The role_id x3 is not a valid user role'],
    ['role_id', '-3', 'The role_id -3 is not a valid user role'],
    ['folder_id', '99', FOLDER_400('99')],
    ['folder_id', 'x', FOLDER_400('x')],
  ])('%s=%s → 400, nothing created', async (param, value, message) => {
    const redcap = mockWith();
    const r = await post(redcap, repo('createFolder', { name: 'A', [param]: value }));
    expect(r).toMatchObject({ status: 400, text: jsonError(message) });
    expect(await list(redcap)).toHaveLength(3);
    // The folder id was not used up.
    expect((await post(redcap, repo('createFolder', { name: 'B' }))).text).toBe(
      '[{"folder_id":15}]',
    );
  });

  it('stores the trimmed parent, DAG and role, shown in the CSV list', async () => {
    const redcap = mockWith();
    const fields = { name: 'Minutes', folder_id: ' 12 ', dag_id: ' 2 ', role_id: ' 30 ' };
    expect((await post(redcap, repo('createFolder', fields))).status).toBe(200);
    const csv = await post(redcap, repo('list', { format: 'csv', folder_id: '12' }));
    expect(csv).toEqual({
      status: 200,
      type: 'text/csv; charset=utf-8',
      text: 'folder_id,doc_id,name,role,dag\n14,,Archive,,\n15,,Minutes,30,2\n,59,consent-template-v2.txt,,\n,58,consent-template-v10.txt,,\n',
    });
  });

  it.each([
    ['csv', 'text/csv; charset=utf-8', 'folder_id\n15\n'],
    [
      'xml',
      'text/xml; charset=utf-8',
      '<?xml version="1.0" encoding="UTF-8" ?>\n<records>\n<item><folder_id><![CDATA[15]]></folder_id></item>\n</records>',
    ],
    [
      'odm',
      'text/xml; charset=utf-8',
      '<?xml version="1.0" encoding="UTF-8" ?>\n<records>\n<item><folder_id><![CDATA[15]]></folder_id></item>\n</records>',
    ],
  ])('answers the new id in format %s', async (format, type, text) => {
    const redcap = mockWith();
    expect(await post(redcap, repo('createFolder', { name: 'M', format }))).toEqual({
      status: 200,
      type,
      text,
    });
  });

  it('logs the creation with the folder name', async () => {
    const redcap = mockWith();
    await post(redcap, repo('createFolder', { name: 'Minutes' }));
    expect(await lastLog(redcap)).toEqual({
      username: 'alice',
      action: 'Manage/Design ',
      details: 'Create folder in File Repository (API) (Minutes)',
      record: '',
    });
  });

  it('makes the repository of a project that has none', async () => {
    const redcap = mockWith((data) => {
      delete data.projects[0]!.fileRepository;
    });
    expect(await list(redcap)).toEqual([]);
    expect((await post(redcap, repo('createFolder', { name: 'First' }))).text).toBe(
      '[{"folder_id":1}]',
    );
    expect(await list(redcap)).toEqual([{ folder_id: 1, name: 'First' }]);
  });

  it('a project without a repository has no folder at all, not even "undefined"', async () => {
    const redcap = mockWith((data) => {
      delete data.projects[0]!.fileRepository;
    });
    expect(await post(redcap, repo('list', { folder_id: 'undefined' }))).toMatchObject({
      status: 400,
      text: jsonError(FOLDER_400('undefined')),
    });
  });
});

describe('Export a List of Files/Folders (§2.17): order, formats, DAGs', () => {
  it('sorts names naturally, case aside, then by code point', async () => {
    const redcap = mockWith((data) => {
      data.projects[0]!.fileRepository = {
        folders: ['b', 'a10', 'B', 'a9', 'A9'].map((name, i) => ({
          folder_id: i + 1,
          name,
          parent_folder_id: null,
          dag_id: null,
          role_id: null,
        })),
        files: [],
        nextFolderId: 6,
      };
    });
    expect(((await list(redcap)) as { name: string }[]).map((f) => f.name)).toEqual([
      'A9',
      'a9',
      'a10',
      'B',
      'b',
    ]);
  });

  it('sorts files by name too, and lists a file whose bytes are gone with a blank name', async () => {
    const redcap = mockWith((data) => {
      const project = data.projects[0]!;
      project.fileRepository!.files.push({ doc_id: 999, folder_id: 12 });
    });
    expect(await list(redcap, { folder_id: '12' })).toEqual([
      { folder_id: 14, name: 'Archive' },
      { doc_id: 999, name: '' },
      { doc_id: 59, name: 'consent-template-v2.txt' },
      { doc_id: 58, name: 'consent-template-v10.txt' },
    ]);
  });

  it.each(['xml', 'odm'])('answers XML for format=%s, blank cells included', async (format) => {
    const redcap = mockWith();
    const r = await post(redcap, repo('list', { format }));
    expect(r.status).toBe(200);
    expect(r.type).toBe('text/xml; charset=utf-8');
    expect(r.text).toBe(
      '<?xml version="1.0" encoding="UTF-8" ?>\n<records>\n' +
        '<item><folder_id><![CDATA[12]]></folder_id><doc_id></doc_id><name><![CDATA[Consent templates]]></name><role></role><dag></dag></item>\n' +
        '<item><folder_id><![CDATA[13]]></folder_id><doc_id></doc_id><name><![CDATA[Site A documents]]></name><role></role><dag><![CDATA[1]]></dag></item>\n' +
        '<item><folder_id></folder_id><doc_id><![CDATA[57]]></doc_id><name><![CDATA[study-protocol.txt]]></name><role></role><dag></dag></item>\n' +
        '</records>',
    );
  });

  it('shows a DAG folder to users of that DAG, not to others, and logs the listing', async () => {
    const redcap = mockWith(withDagUsers);
    const names = async (token: string) =>
      (JSON.parse((await post(redcap, { ...repo('list'), token })).text) as { name: string }[]).map(
        (f) => f.name,
      );
    expect(await names(SITE_A)).toEqual([
      'Consent templates',
      'Site A documents',
      'study-protocol.txt',
    ]);
    expect(await names(SITE_B)).toEqual(['Consent templates', 'study-protocol.txt']);
    expect(await post(redcap, { ...repo('list', { folder_id: '13' }), token: SITE_B })).toEqual({
      status: 400,
      type: 'application/json; charset=utf-8',
      text: jsonError(FOLDER_400('13')),
    });
    expect((await post(redcap, { ...repo('list', { folder_id: '13' }), token: SITE_A })).text).toBe(
      '[]',
    );
    expect(await lastLog(redcap)).toMatchObject({
      username: 'sitea',
      action: 'Manage/Design ',
      details: 'Export list of files from File Repository (API)',
    });
  });

  it('hides the subfolders restricted to another DAG inside an open folder', async () => {
    const redcap = mockWith(withDagUsers);
    await post(redcap, repo('createFolder', { name: 'Only B', folder_id: '12', dag_id: '2' }));
    const names = async (token: string) =>
      (
        JSON.parse((await post(redcap, { ...repo('list', { folder_id: '12' }), token })).text) as {
          name: string;
        }[]
      ).map((f) => f.name);
    expect((await names(SITE_A)).slice(0, 2)).toEqual(['Archive', 'consent-template-v2.txt']);
    expect((await names(SITE_B)).slice(0, 2)).toEqual(['Archive', 'Only B']);
  });
});

describe('File Repository edges: odd stores and inputs', () => {
  const noRepo = (data: MockRedcapData) => {
    delete data.projects[0]!.fileRepository;
  };

  it('a user in a DAG the project no longer has sees only unrestricted folders', async () => {
    const redcap = mockWith((data) => {
      withDagUsers(data);
      data.projects[0]!.users.find((u) => u.username === 'siteb')!.data_access_group = 'gone';
    });
    const r = await post(redcap, { ...repo('list'), token: SITE_B });
    expect(r.status).toBe(200);
    expect((JSON.parse(r.text) as { name: string }[]).map((f) => f.name)).toEqual([
      'Consent templates',
      'study-protocol.txt',
    ]);
  });

  it('a project without DAGs refuses every dag_id, even "undefined"', async () => {
    const redcap = mockWith((data) => {
      delete data.projects[0]!.dags;
    });
    expect(
      await post(redcap, repo('createFolder', { name: 'A', dag_id: 'undefined' })),
    ).toMatchObject({
      status: 400,
      text: jsonError('The dag_id undefined is not a valid data access group'),
    });
  });

  it.each(['3', '300'])(
    'role_id %s is a role; a folder without role or DAG lists blank',
    async (role) => {
      const redcap = mockWith();
      expect((await post(redcap, repo('createFolder', { name: 'R', role_id: role }))).status).toBe(
        200,
      );
      expect((await post(redcap, repo('createFolder', { name: 'S' }))).status).toBe(200);
      const csv = await post(redcap, repo('list', { format: 'csv' }));
      expect(csv.text.split('\n').slice(2, 4)).toEqual([`15,,R,${role},`, '16,,S,,']);
    },
  );

  it('an absent doc_id reads as blank in the error', async () => {
    const redcap = mockWith();
    expect(await post(redcap, repo('export'))).toMatchObject({
      status: 400,
      text: jsonError('The file doc_id= does not exist in the File Repository'),
    });
  });

  it.each([
    [
      ['b', 'B'],
      ['B', 'b'],
    ],
    [
      ['B', 'b'],
      ['B', 'b'],
    ],
    [
      ['same', 'same'],
      ['same', 'same'],
    ],
  ])('sorts %j as %j; equal names keep their order', async (names, sorted) => {
    const redcap = mockWith(noRepo);
    for (const name of names) await post(redcap, repo('createFolder', { name }));
    const listed = (await list(redcap)) as { folder_id: number; name: string }[];
    expect(listed.map((f) => f.name)).toEqual(sorted);
    if (names[0] === names[1]) expect(listed.map((f) => f.folder_id)).toEqual([1, 2]);
  });

  it("numbers uploads on from the project's next doc id, into a project without a repository", async () => {
    const redcap = mockWith(noRepo);
    expect((await multipart(redcap, repo('import'), [txt('one.txt', '1')])).status).toBe(200);
    expect((await multipart(redcap, repo('import'), [txt('two.txt', '2')])).status).toBe(200);
    expect(await list(redcap)).toEqual([
      { doc_id: 301, name: 'one.txt' },
      { doc_id: 302, name: 'two.txt' },
    ]);
    expect((await post(redcap, repo('export', { doc_id: '302' }))).text).toBe('2');
  });

  it('an upload whose file part has a blank name → 400, nothing stored', async () => {
    const redcap = mockWith();
    expect(await rawUpload(redcap, repo('import'), '')).toMatchObject({
      status: 400,
      text: jsonError('There was a problem with the uploaded file'),
    });
    expect(await list(redcap)).toHaveLength(3);
    expect(await rawUpload(redcap, repo('import'), 'a.txt')).toMatchObject({ status: 200 });
    expect(await list(redcap)).toHaveLength(4);
  });
});

describe('Export, Import and Delete a File in the File Repository (§2.17)', () => {
  it('exports a trimmed doc_id, logging it', async () => {
    const redcap = mockWith();
    const r = await post(redcap, repo('export', { doc_id: ' 57 ' }));
    expect(r).toEqual({
      status: 200,
      type: 'text/plain; name="study-protocol.txt";charset=UTF-8',
      text: 'Study protocol, version 2: enrol adults, one visit, consent first.\n',
    });
    expect(await lastLog(redcap)).toMatchObject({
      action: 'Manage/Design ',
      details: 'Download file from File Repository (API) (doc_id=57)',
    });
  });

  it.each([
    ['', 'The file doc_id= does not exist in the File Repository'],
    ['58x', 'The file doc_id=58x does not exist in the File Repository'],
    // Record 1's consent file is an edoc, not a repository file.
    ['1', 'The file doc_id=1 does not exist in the File Repository'],
  ])('doc_id %j → 400', async (docId, message) => {
    const redcap = mockWith();
    expect(await post(redcap, repo('export', { doc_id: docId }))).toMatchObject({
      status: 400,
      text: jsonError(message),
    });
    expect(await post(redcap, repo('delete', { doc_id: docId }))).toMatchObject({
      status: 400,
      text: jsonError(message),
    });
  });

  it('uploads (name without apostrophes, binary type kept) into a folder, then deletes', async () => {
    const redcap = mockWith();
    const png: UploadPart = { name: "it's.png", type: 'image/png', content: 'PNG' };
    expect(await multipart(redcap, repo('import', { folder_id: '14' }), [png])).toEqual({
      status: 200,
      type: 'application/json; charset=utf-8',
      text: '',
    });
    expect(await lastLog(redcap)).toMatchObject({
      action: 'Manage/Design ',
      details: 'Upload file to File Repository (API) (doc_id=301)',
    });
    expect(await list(redcap, { folder_id: '14' })).toEqual([{ doc_id: 301, name: 'its.png' }]);
    expect(await post(redcap, repo('export', { doc_id: '301' }))).toEqual({
      status: 200,
      type: 'image/png; name="its.png"',
      text: 'PNG',
    });
    expect(await post(redcap, repo('delete', { doc_id: '301', returnFormat: 'csv' }))).toEqual({
      status: 200,
      type: 'text/csv; charset=utf-8',
      text: '',
    });
    expect(await lastLog(redcap)).toMatchObject({
      action: 'Manage/Design ',
      details: 'Delete file from File Repository (API) (doc_id=301)',
    });
    expect(await list(redcap, { folder_id: '14' })).toEqual([]);
    // The other files are still there.
    expect(await list(redcap)).toHaveLength(3);
    expect((await post(redcap, repo('export', { doc_id: '57' }))).status).toBe(200);
    expect((await post(redcap, repo('export', { doc_id: '301' }))).status).toBe(400);
  });

  it.each([
    [[], 'No valid file was uploaded'],
    [[{ ...txt('a.txt'), part: 'other' }], 'There was a problem with the uploaded file'],
  ])('an upload without a part named file → 400 (%#)', async (files, message) => {
    const redcap = mockWith();
    const fields = { ...repo('import'), returnFormat: 'xml' };
    expect(await multipart(redcap, fields, files)).toEqual({
      status: 400,
      type: 'text/xml; charset=utf-8',
      text: xmlError(message),
    });
    expect(await list(redcap)).toHaveLength(3);
  });

  it('hides the files of a folder restricted to another DAG', async () => {
    const redcap = mockWith(withDagUsers);
    expect(
      (await multipart(redcap, repo('import', { folder_id: '13' }), [txt('a.txt')])).status,
    ).toBe(200);
    const b = { token: SITE_B, doc_id: '301' };
    const message = jsonError('The file doc_id=301 does not exist in the File Repository');
    expect(await post(redcap, { ...repo('export'), ...b })).toMatchObject({
      status: 400,
      text: message,
    });
    expect(await post(redcap, { ...repo('delete'), ...b })).toMatchObject({
      status: 400,
      text: message,
    });
    expect((await post(redcap, { ...repo('export'), ...b, token: SITE_A })).text).toBe('x');
    expect((await post(redcap, { ...repo('delete'), ...b, token: SITE_A })).status).toBe(200);
  });

  it('refuses users without the right, whatever else is fine', async () => {
    const redcap = mockWith((data) => {
      const project = data.projects[0]!;
      const forms = project.instruments.map((i) => i.instrument_name);
      project.users[0]!.rights = withRights(forms, { file_repository: 0 });
    });
    expect(await post(redcap, repo('createFolder', { name: 'A', format: 'csv' }))).toMatchObject({
      status: 403,
      text: jsonError('You do not have File Repository privileges'),
    });
  });
});

// ------------------------------------------------------------ files on records (§2.16)

/**
 * The classic demo plus `photo` (a file field of the non-repeating demographics form) and
 * `sig` (a signature file field of the repeating visit form).
 */
function withFileFields(data: MockRedcapData): void {
  const project = data.projects[0]!;
  const consent = project.metadata.find((f) => f.field_name === 'consent_file')!;
  const firstDemo = project.metadata.findIndex((f) => f.form_name === 'demographics');
  const base = { ...consent, section_header: '', branching_logic: '', field_note: '' };
  project.metadata.splice(firstDemo + 1, 0, {
    ...base,
    field_name: 'photo',
    form_name: 'demographics',
    field_label: 'Photo',
  });
  project.metadata.splice(project.metadata.indexOf(consent) + 1, 0, {
    ...base,
    field_name: 'sig',
    field_label: 'Signature',
    text_validation_type_or_show_slider_number: 'signature',
  });
}

const file = (action: string, extra: Record<string, string>) => ({
  content: 'file',
  action,
  ...extra,
});

type Row = Record<string, string | number>;

async function rowsOf(redcap: MockRedcap, record: string): Promise<Row[]> {
  const r = await post(redcap, { content: 'record', action: 'export', 'records[0]': record });
  return JSON.parse(r.text) as Row[];
}

describe('Export, Import and Delete a File (§2.16): edges', () => {
  it('a field off a repeating form ignores repeat_instance: the one row', async () => {
    const redcap = mockWith(withFileFields);
    const at = { record: '3', field: 'photo', repeat_instance: '4' };
    expect(await multipart(redcap, file('import', at), [txt('me.txt', 'me')])).toMatchObject({
      status: 200,
      text: '',
    });
    expect(await lastLog(redcap)).toEqual({
      username: 'alice',
      action: 'Upload document (API) 3',
      details: "photo = '301'",
      record: '3',
    });
    expect(await post(redcap, file('export', { record: '3', field: 'photo' }))).toEqual({
      status: 200,
      type: 'text/plain; name="me.txt";charset=UTF-8',
      text: 'me',
    });
    expect(await lastLog(redcap)).toEqual({
      username: 'alice',
      action: 'Manage/Design ',
      details: 'Download file (API)',
      record: '3',
    });
    const rows = await rowsOf(redcap, '3');
    // The classic row holds it; no repeating row was made, and demographics stays as it was.
    expect(rows.filter((r) => r['photo'] !== '')).toMatchObject([
      { redcap_repeat_instrument: '', photo: 'me.txt' },
    ]);
    expect(rows.length).toBe((await rowsOf(mockWith(withFileFields), '3')).length);
    expect(rows[0]!['demographics_complete']).toBe(
      (await rowsOf(mockWith(withFileFields), '3'))[0]!['demographics_complete'],
    );
    expect(await post(redcap, file('delete', at))).toMatchObject({ status: 200, text: '' });
    expect(await lastLog(redcap)).toEqual({
      username: 'alice',
      action: 'Delete uploaded document (API) 3',
      details: 'photo',
      record: '3',
    });
    expect((await rowsOf(redcap, '3')).filter((r) => r['photo'] !== '')).toEqual([]);
  });

  it('an upload to a new instance of a repeating form makes it, Incomplete', async () => {
    const redcap = mockWith();
    const at = { record: '3', field: 'consent_file', repeat_instance: '7' };
    expect((await multipart(redcap, file('import', at), [txt('c.txt')])).status).toBe(200);
    expect(
      (await rowsOf(redcap, '3')).find((r) => String(r['redcap_repeat_instance']) === '7'),
    ).toMatchObject({
      redcap_repeat_instrument: 'visit',
      consent_file: 'c.txt',
      visit_complete: '0',
    });
    expect((await post(redcap, file('export', at))).text).toBe('x');
    expect((await post(redcap, file('export', { ...at, repeat_instance: '1' }))).status).toBe(400);
  });

  it('an upload to an instance with a status keeps it', async () => {
    const redcap = mockWith();
    const before = (await rowsOf(redcap, '1')).find(
      (r) => String(r['redcap_repeat_instance']) === '1',
    )!;
    expect(before['visit_complete']).not.toBe('0');
    const at = { record: '1', field: 'consent_file', repeat_instance: '1' };
    expect((await multipart(redcap, file('import', at), [txt('c.txt')])).status).toBe(200);
    const after = (await rowsOf(redcap, '1')).find(
      (r) => String(r['redcap_repeat_instance']) === '1',
    )!;
    expect(after['visit_complete']).toBe(before['visit_complete']);
  });

  it('refuses a signature field on import, not on export or delete', async () => {
    const redcap = mockWith(withFileFields);
    const at = { record: '1', field: 'sig' };
    expect(await multipart(redcap, file('import', at), [txt('s.txt')])).toMatchObject({
      status: 400,
      text: jsonError(
        "The field 'sig' is a signature field, which cannot be imported using the API but can only be created using the web interface. However, it can be downloaded or deleted using the API.",
      ),
    });
    expect(await post(redcap, file('export', at))).toMatchObject({
      status: 400,
      text: jsonError('There is no file to download for this record'),
    });
    expect(await post(redcap, file('delete', at))).toMatchObject({
      status: 400,
      text: jsonError('There is no file to delete for this record'),
    });
  });

  it.each([
    ['export', '{"error":"The record \\"42\\" does not exist"}'],
    ['delete', `{"error":"The record '42' does not exist"}`],
  ])('%s on a missing record → 400 with REDCap’s quotes', async (action, text) => {
    const redcap = mockWith();
    expect(await post(redcap, file(action, { record: '42', field: 'consent_file' }))).toMatchObject(
      { status: 400, text },
    );
  });

  it('import on a missing record → 400, before the field is checked', async () => {
    const redcap = mockWith();
    const r = await multipart(redcap, file('import', { record: '42', field: 'nope' }), [
      txt('a.txt'),
    ]);
    expect(r).toMatchObject({
      status: 400,
      text: jsonError("The record '42' does not exist. It must exist to upload a file"),
    });
  });

  it('an upload whose file part has a blank name → 400, the record unchanged', async () => {
    const redcap = mockWith();
    const at = { record: '3', field: 'consent_file', repeat_instance: '7' };
    expect(await rawUpload(redcap, file('import', at), '')).toMatchObject({
      status: 400,
      text: jsonError('There was a problem with the uploaded file'),
    });
    expect(await post(redcap, file('export', at))).toMatchObject({ status: 400 });
  });

  it('refuses export to a user with No Access export rights', async () => {
    const redcap = mockWith((data) => {
      const project = data.projects[0]!;
      for (const form of Object.keys(project.users[0]!.rights.forms_export)) {
        project.users[0]!.rights.forms_export[form] = 0;
      }
    });
    expect(
      await post(redcap, file('export', { record: '1', field: 'consent_file' })),
    ).toMatchObject({
      status: 403,
      text: jsonError(
        'The API request cannot complete because currently you have "No Access" data export rights. Higher level data export rights are required for this operation.',
      ),
    });
  });
});

describe('stored files through the browser mock’s worker channel', () => {
  it.each([
    [{ content: 'fileRepository', action: 'export', doc_id: '57' }, 'Study protocol'],
    [{ content: 'file', action: 'export', record: '1', field: 'consent_file' }, 'Consent signed'],
  ])('sends a copy: the stored bytes survive the transfer (%j)', async (fields, start) => {
    const { port1, port2 } = new MessageChannel();
    try {
      serveMockRedcap(port1 as unknown as Endpoint, createMockRedcap());
      const client = connectMockRedcap(port2 as unknown as Endpoint);
      port1.start();
      port2.start();
      const ask = async () => {
        const body = new URLSearchParams({ token: ALICE_TOKEN, returnFormat: 'json', ...fields });
        const r = await client.handle({
          method: 'POST',
          url: 'http://mock.test/api/',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new TextEncoder().encode(body.toString()),
        });
        return [r.status, new TextDecoder().decode(r.body as Uint8Array).slice(0, start.length)];
      };
      expect(await ask()).toEqual([200, start]);
      expect(await ask()).toEqual([200, start]);
    } finally {
      port1.close();
      port2.close();
    }
  });
});

describe('files on records: more edges', () => {
  it.each([
    [{ field: 'consent_file' }, '{"error":"The record \\"\\" does not exist"}'],
    [{ record: '1' }, `{"error":"The field '' does not exist or is not a 'file' field"}`],
  ])('export without %j names the blank', async (fields, text) => {
    expect(await post(mockWith(), file('export', fields))).toMatchObject({ status: 400, text });
  });

  it('on a longitudinal project, an unknown field is a 400 about the field', async () => {
    const r = await post(mockWith(), {
      ...file('export', { record: '1', field: 'nope', event: 'baseline_arm_1' }),
      token: ALICE_LONGITUDINAL_TOKEN,
    });
    expect(r).toMatchObject({
      status: 400,
      text: `{"error":"The field 'nope' does not exist or is not a 'file' field"}`,
    });
  });

  it('numbers each upload with the next doc id', async () => {
    const redcap = mockWith(withFileFields);
    await multipart(redcap, file('import', { record: '3', field: 'photo' }), [txt('a.txt')]);
    await multipart(redcap, file('import', { record: '4', field: 'photo' }), [txt('b.txt')]);
    expect(await lastLog(redcap)).toMatchObject({ details: "photo = '302'", record: '4' });
  });

  it('an upload on a non-repeating form leaves its blank status blank', async () => {
    const redcap = mockWith((data) => {
      withFileFields(data);
      const record = data.projects[0]!.records.find((r) => r.id === '3')!;
      const main = record.slots.find((s) => s.repeatInstrument === null)!;
      delete main.values['demographics_complete'];
    });
    await multipart(redcap, file('import', { record: '3', field: 'photo' }), [txt('a.txt')]);
    const r = await post(redcap, {
      content: 'record',
      action: 'export',
      'records[0]': '3',
      exportBlankForGrayFormStatus: 'true',
    });
    expect((JSON.parse(r.text) as Row[])[0]).toMatchObject({
      photo: 'a.txt',
      demographics_complete: '',
    });
  });
});
