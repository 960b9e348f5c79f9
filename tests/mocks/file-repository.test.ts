import { describe, expect, it } from 'vitest';
import { ALICE_TOKEN, seedData } from '../../mocks/fixtures/index.ts';
import { createMockRedcap, type MockRedcap } from '../../mocks/redcap.ts';
import { withRights } from '../../mocks/store/rights.ts';

/**
 * File Repository writes that the API cannot undo (Create Folder), and users the fixture does not
 * have, on fresh mocks (redcap-api.md §2.17; 403 and create-folder error texts are the mock's,
 * mocks/README.md).
 */

async function post(redcap: MockRedcap, fields: Record<string, string>) {
  const response = await redcap.handle({
    method: 'POST',
    url: 'http://mock.test/api/',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new TextEncoder().encode(new URLSearchParams(fields).toString()),
  });
  return { status: response.status, text: String(response.body) };
}

const repo = (action: string, extra: Record<string, string> = {}, token = ALICE_TOKEN) => ({
  token,
  content: 'fileRepository',
  action,
  format: 'json',
  returnFormat: 'json',
  ...extra,
});

const FORMS = ['demographics', 'health', 'visit'];
const NO_REPO = 'E0000000000000000000000000000011';
const SITE_B = 'E0000000000000000000000000000012';

function withUsers() {
  const data = seedData();
  const project = data.projects[0]!;
  const alice = project.users[0]!;
  project.users.push(
    {
      ...alice,
      username: 'norepo',
      token: NO_REPO,
      rights: withRights(FORMS, { file_repository: 0 }),
    },
    { ...alice, username: 'siteb', token: SITE_B, data_access_group: 'site_b' },
  );
  return createMockRedcap({ seed: data });
}

describe('File Repository on a fresh mock (§2.17)', () => {
  it('creates folders: [{"folder_id": N}] in JSON, a number; CSV and XML too', async () => {
    const redcap = createMockRedcap();
    expect(await post(redcap, repo('createFolder', { name: 'Minutes' }))).toEqual({
      status: 200,
      text: '[{"folder_id":15}]',
    });
    expect(
      await post(
        redcap,
        repo('createFolder', { name: 'Minutes 2', folder_id: '12', format: 'csv' }),
      ),
    ).toEqual({ status: 200, text: 'folder_id\n16\n' });
    const top = await post(redcap, repo('list'));
    expect(JSON.parse(top.text)).toEqual([
      { folder_id: 12, name: 'Consent templates' },
      { folder_id: 15, name: 'Minutes' },
      { folder_id: 13, name: 'Site A documents' },
      { doc_id: 57, name: 'study-protocol.txt' },
    ]);
    const inner = await post(redcap, repo('list', { folder_id: '12' }));
    expect(JSON.parse(inner.text).slice(0, 2)).toEqual([
      { folder_id: 14, name: 'Archive' },
      { folder_id: 16, name: 'Minutes 2' },
    ]);
  });

  it('refuses a missing or too long name, an unknown parent, DAG or role', async () => {
    const redcap = createMockRedcap();
    const err = (message: string) => ({ status: 400, text: JSON.stringify({ error: message }) });
    expect(await post(redcap, repo('createFolder'))).toEqual(
      err("The parameter 'name' is missing"),
    );
    expect(await post(redcap, repo('createFolder', { name: 'x'.repeat(151) }))).toEqual(
      err("The parameter 'name' cannot exceed 150 characters"),
    );
    expect(await post(redcap, repo('createFolder', { name: 'A', folder_id: '99' }))).toEqual(
      err(
        'The File Repository folder folder_id=99 does not exist or else you do not have permission to that folder because it is DAG-restricted or Role-restricted.',
      ),
    );
    expect(await post(redcap, repo('createFolder', { name: 'A', dag_id: '99' }))).toEqual(
      err('The dag_id 99 is not a valid data access group'),
    );
    expect(await post(redcap, repo('createFolder', { name: 'A', role_id: 'x' }))).toEqual(
      err('The role_id x is not a valid user role'),
    );
  });

  it('answers 403 without the File Repository right', async () => {
    const redcap = withUsers();
    for (const action of ['list', 'createFolder', 'export', 'import', 'delete']) {
      expect(await post(redcap, repo(action, { name: 'A', doc_id: '57' }, NO_REPO))).toEqual({
        status: 403,
        text: '{"error":"You do not have File Repository privileges"}',
      });
    }
  });

  it('hides a folder restricted to another DAG, and the files in it', async () => {
    const redcap = withUsers();
    const top = await post(redcap, repo('list', {}, SITE_B));
    expect(JSON.parse(top.text)).toEqual([
      { folder_id: 12, name: 'Consent templates' },
      { doc_id: 57, name: 'study-protocol.txt' },
    ]);
    expect((await post(redcap, repo('list', { folder_id: '13' }, SITE_B))).status).toBe(400);
  });

  it('deletes a file for good: it is gone from the list and from export', async () => {
    const redcap = createMockRedcap();
    expect(await post(redcap, repo('delete', { doc_id: '57' }))).toEqual({ status: 200, text: '' });
    expect(JSON.parse((await post(redcap, repo('list'))).text)).toHaveLength(2);
    expect(await post(redcap, repo('export', { doc_id: '57' }))).toEqual({
      status: 400,
      text: '{"error":"The file doc_id=57 does not exist in the File Repository"}',
    });
  });
});
