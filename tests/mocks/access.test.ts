import { describe, expect, it } from 'vitest';
import { ALICE_TOKEN, DAVE_TOKEN } from '../../mocks/fixtures/index.ts';
import { createMockRedcap, type MockRedcap } from '../../mocks/redcap.ts';

/** DAGs, users and roles without msw (§2.15, §2.23, §2.24): state the conformance suite undoes. */

async function post(redcap: MockRedcap, fields: Record<string, string>) {
  const response = await redcap.handle({
    method: 'POST',
    url: 'http://mock.test/api/',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new TextEncoder().encode(new URLSearchParams(fields).toString()),
  });
  return { status: response.status, text: String(response.body) };
}

const ids = async (redcap: MockRedcap, token: string) => {
  const r = await post(redcap, { token, content: 'record', format: 'json', fields: 'record_id' });
  return (JSON.parse(r.text) as { record_id: string }[]).map((row) => row.record_id);
};

describe('Switch DAG (§2.15)', () => {
  it('moves alice into site_b (the catalog example) and back to no DAG', async () => {
    const redcap = createMockRedcap();
    const sw = (dag: string) =>
      post(redcap, { token: ALICE_TOKEN, content: 'dag', action: 'switch', dag, format: 'json' });
    expect(await sw('site_b')).toEqual({ status: 200, text: '1' });
    expect(await ids(redcap, ALICE_TOKEN)).toEqual(['6', '7', '8']);
    expect(
      (await post(redcap, { token: ALICE_TOKEN, content: 'dag', format: 'json' })).status,
    ).toBe(403);
    expect(await sw('')).toEqual({ status: 200, text: '1' });
    expect(await ids(redcap, ALICE_TOKEN)).toHaveLength(24);
  });

  it('does not let dave leave his DAG, nor name an unknown one', async () => {
    const redcap = createMockRedcap();
    const sw = (dag: string) =>
      post(redcap, { token: DAVE_TOKEN, content: 'dag', action: 'switch', dag, format: 'json' });
    expect(await sw('')).toEqual({
      status: 400,
      text: '{"error":"You may not leave your data access group with the DAG Switcher"}',
    });
    expect((await sw('site_z')).status).toBe(400);
  });
});

describe('Delete DAGs (§2.15)', () => {
  it('leaves the DAG’s records and users in no DAG', async () => {
    const redcap = createMockRedcap();
    const del = { token: ALICE_TOKEN, content: 'dag', action: 'delete', 'dags[0]': 'site_a' };
    expect(await post(redcap, { ...del, returnFormat: 'json' })).toEqual({
      status: 200,
      text: '1',
    });
    const project = redcap.store.projects[0]!;
    expect(project.records.filter((r) => r.dag === 'site_a')).toEqual([]);
    expect(project.users.find((u) => u.username === 'dave')!.data_access_group).toBe('');
    // dave now sees every record.
    expect(await ids(redcap, DAVE_TOKEN)).toHaveLength(24);
  });

  it('numbers new DAGs after the largest id ever given, from XML data', async () => {
    const redcap = createMockRedcap();
    const data =
      '<?xml version="1.0" encoding="UTF-8" ?><dags><item><data_access_group_name>Site C</data_access_group_name><unique_group_name></unique_group_name></item></dags>';
    const r = await post(redcap, {
      token: ALICE_TOKEN,
      content: 'dag',
      action: 'import',
      format: 'xml',
      data,
    });
    expect(r).toEqual({ status: 200, text: '1' });
    expect(redcap.store.projects[0]!.dags!.at(-1)).toEqual({
      data_access_group_id: 4,
      data_access_group_name: 'Site C',
      unique_group_name: 'site_c_2',
    });
  });
});

describe('users and roles (§2.23, §2.24)', () => {
  it('gives a new user no token, so the token list and the chooser leave them out', async () => {
    const redcap = createMockRedcap();
    const data =
      '<?xml version="1.0" encoding="UTF-8" ?><records><item><username>gina</username><forms>demographics:1,visit:2</forms></item></records>';
    const r = await post(redcap, { token: ALICE_TOKEN, content: 'user', format: 'xml', data });
    expect(r).toEqual({ status: 200, text: '1' });
    const gina = redcap.store.projects[0]!.users.at(-1)!;
    expect([gina.username, gina.token, gina.rights.forms]).toEqual([
      'gina',
      '',
      { demographics: 1, health: 0, visit: 2 },
    ]);
    expect(redcap.tokens().map((t) => t.username)).not.toContain('gina');
  });

  it('unassigns the members of a deleted role, who keep its rights', async () => {
    const redcap = createMockRedcap();
    const r = await post(redcap, {
      token: ALICE_TOKEN,
      content: 'userRole',
      action: 'delete',
      'roles[0]': 'U-2119C4Y87T',
      returnFormat: 'json',
    });
    expect(r).toEqual({ status: 200, text: '1' });
    const bob = redcap.store.projects[0]!.users.find((u) => u.username === 'bob')!;
    expect([bob.role, bob.rights.api_import, bob.rights.api_export]).toEqual(['', 0, 1]);
  });

  it('gives a user the rights of a role assigned to them', async () => {
    const redcap = createMockRedcap();
    const data = '[{"username":"dave","unique_role_name":"U-2119C4Y87T"}]';
    const r = await post(redcap, {
      token: ALICE_TOKEN,
      content: 'userRoleMapping',
      format: 'json',
      data,
    });
    expect(r).toEqual({ status: 200, text: '1' });
    const write = await post(redcap, {
      token: DAVE_TOKEN,
      content: 'record',
      format: 'json',
      data: '[{"record_id":"1"}]',
    });
    expect(write).toEqual({
      status: 403,
      text: '{"error":"You do not have API Import/Update privileges"}',
    });
  });
});
