import { describe, expect, it } from 'vitest';
import {
  ALICE_TOKEN,
  BOB_TOKEN,
  CAROL_TOKEN,
  DAVE_TOKEN,
  ERIN_TOKEN,
} from '../../../mocks/fixtures/index.ts';
import { client, CT, DEFAULT_400, XML_HEAD, type Target } from './client.ts';

/**
 * DAGs (§2.15), users (§2.23), roles and role assignments (§2.24), DAG filtering of records
 * (§2.3), and the rights of the demo's users (§1.5, §1.8, §2.1 notes). Expected bodies are
 * written from those sections and the fixture (mocks/fixtures/classic-demo-access.ts); the
 * texts marked "mock's words" are documented in mocks/README.md. Every write is undone.
 */

const IN_DAG =
  'You do not have permission to use this method because you are assigned to a Data Access Group'; // mock's words
const EXPIRED =
  'You do not have API rights because your privileges have expired for this project as of 2024-06-30.';
const json = (message: string) => JSON.stringify({ error: message });

/** Rights of the Export only role (bob), in §2.23's key order, as numbers. */
const BOB_RIGHTS = {
  design: 0,
  alerts: 1,
  user_rights: 0,
  data_access_groups: 0,
  reports: 1,
  stats_and_charts: 1,
  manage_survey_participants: 1,
  calendar: 1,
  data_import_tool: 1,
  data_comparison_tool: 1,
  logging: 1,
  email_logging: 0,
  file_repository: 1,
  data_quality_create: 1,
  data_quality_execute: 1,
  api_export: 1,
  api_import: 0,
  api_modules: 1,
  mobile_app: 1,
  mobile_app_download_data: 0,
  record_create: 0,
  record_rename: 0,
  record_delete: 0,
  lock_records_all_forms: 1,
  lock_records: 1,
  lock_records_customization: 0,
};
const ALL_FORMS = { demographics: 1, health: 1, visit: 1 };
/** Rights values in Export User Roles' order (the locking rights moved after record_delete). */
const roleOrder = (rights: typeof BOB_RIGHTS) => {
  const { lock_records_all_forms, lock_records, lock_records_customization, ...rest } = rights;
  return [...Object.values(rest), lock_records_customization, lock_records, lock_records_all_forms];
};

export function accessSuite(target: Target) {
  const api = client(target);

  describe('Export DAGs (§2.15)', () => {
    it('lists the three DAGs in json (numeric id), csv and xml', async () => {
      const j = await api.call('exp_dags', { format: 'json' });
      expect([j.status, j.contentType, j.text]).toEqual([
        200,
        CT.json,
        '[{"data_access_group_name":"Site A","unique_group_name":"site_a","data_access_group_id":1},' +
          '{"data_access_group_name":"Site B","unique_group_name":"site_b","data_access_group_id":2},' +
          '{"data_access_group_name":"Site C","unique_group_name":"site_c","data_access_group_id":3}]',
      ]);
      const c = await api.call('exp_dags', { format: 'csv' });
      expect(c.text).toBe(
        'data_access_group_name,unique_group_name,data_access_group_id\n"Site A",site_a,1\n"Site B",site_b,2\n"Site C",site_c,3\n',
      );
      const x = await api.call('exp_dags', {});
      expect([x.contentType, x.text]).toEqual([
        CT.xml,
        `${XML_HEAD}\n<records>\n` +
          '<item><data_access_group_name><![CDATA[Site A]]></data_access_group_name><unique_group_name><![CDATA[site_a]]></unique_group_name><data_access_group_id><![CDATA[1]]></data_access_group_id></item>\n' +
          '<item><data_access_group_name><![CDATA[Site B]]></data_access_group_name><unique_group_name><![CDATA[site_b]]></unique_group_name><data_access_group_id><![CDATA[2]]></data_access_group_id></item>\n' +
          '<item><data_access_group_name><![CDATA[Site C]]></data_access_group_name><unique_group_name><![CDATA[site_c]]></unique_group_name><data_access_group_id><![CDATA[3]]></data_access_group_id></item>\n' +
          '</records>',
      ]);
    });
  });

  describe('Import and Delete DAGs (§2.15, §2.2 bare counts)', () => {
    it('creates a DAG from a blank unique name, renames one, and deletes the new one', async () => {
      const data =
        '[{"data_access_group_name":"Site D (Boston)","unique_group_name":""},{"data_access_group_name":"Site B renamed","unique_group_name":"site_b"}]';
      const r = await api.call('imp_dags', { format: 'json', data, returnFormat: 'json' });
      expect([r.status, r.contentType, r.text]).toEqual([200, CT.json, '2']);
      const dags = await api.json('exp_dags', {});
      expect(dags.slice(1)).toEqual([
        {
          data_access_group_name: 'Site B renamed',
          unique_group_name: 'site_b',
          data_access_group_id: 2,
        },
        { data_access_group_name: 'Site C', unique_group_name: 'site_c', data_access_group_id: 3 },
        {
          data_access_group_name: 'Site D (Boston)',
          unique_group_name: 'site_d_boston',
          data_access_group_id: 4,
        },
      ]);
      const back = await api.call('imp_dags', {
        format: 'csv',
        data: 'data_access_group_name,unique_group_name\n"Site B",site_b\n',
        returnFormat: 'csv',
      });
      expect([back.status, back.contentType, back.text]).toEqual([200, CT.csv, '1']);
      const del = await api.call('del_dags', { dags: ['site_d_boston'], returnFormat: 'xml' });
      expect([del.status, del.contentType, del.text]).toEqual([200, CT.xml, '1']);
      expect((await api.json('exp_dags', {})).map((d) => d['unique_group_name'])).toEqual([
        'site_a',
        'site_b',
        'site_c',
      ]);
    });

    it('exports, not imports, when data comes without action=import (§1.10)', async () => {
      const r = await api.form([
        ['token', ALICE_TOKEN],
        ['content', 'dag'],
        ['format', 'csv'],
        ['data', 'data_access_group_name,unique_group_name\n"Site Q",\n'],
      ]);
      expect([r.status, r.text.split('\n')[0]]).toEqual([
        200,
        'data_access_group_name,unique_group_name,data_access_group_id',
      ]);
      expect(await api.json('exp_dags', {})).toHaveLength(3);
    });

    it('refuses unknown unique names and a plain-string dags (mock’s words), changing nothing', async () => {
      const data = '[{"data_access_group_name":"X","unique_group_name":"nope"}]';
      const r = await api.call('imp_dags', { format: 'json', data, returnFormat: 'json' });
      expect([r.status, r.text]).toEqual([
        400,
        json("The unique_group_name 'nope' is not a data access group of the project"),
      ]);
      const del = await api.call('del_dags', { dags: ['nope'], returnFormat: 'json' });
      expect([del.status, del.text]).toEqual([
        400,
        json('The following values in the parameter "dags" are not valid: \'nope\''),
      ]);
      const plain = await api.form([
        ['token', ALICE_TOKEN],
        ['content', 'dag'],
        ['action', 'delete'],
        ['dags', 'site_a'],
        ['returnFormat', 'json'],
      ]);
      expect([plain.status, plain.text]).toEqual([400, json(DEFAULT_400)]);
      expect(await api.json('exp_dags', {})).toHaveLength(3);
    });
  });

  describe('User-DAG assignments (§2.15)', () => {
    it('exports every user with their DAG (blank: none) in json, csv and xml', async () => {
      const j = await api.call('exp_user_dag_maps', { format: 'json' });
      expect(j.text).toBe(
        '[{"username":"alice","redcap_data_access_group":""},{"username":"bob","redcap_data_access_group":""},' +
          '{"username":"carol","redcap_data_access_group":""},{"username":"dave","redcap_data_access_group":"site_a"},' +
          '{"username":"erin","redcap_data_access_group":""}]',
      );
      const c = await api.call('exp_user_dag_maps', { format: 'csv' });
      expect(c.text).toBe(
        'username,redcap_data_access_group\nalice,\nbob,\ncarol,\ndave,site_a\nerin,\n',
      );
      const x = await api.call('exp_user_dag_maps', { format: 'xml' });
      expect(x.text.split('\n').slice(0, 3)).toEqual([
        XML_HEAD,
        '<records>',
        '<item><username><![CDATA[alice]]></username><redcap_data_access_group></redcap_data_access_group></item>',
      ]);
    });

    it('imports assignments (bare count) and takes them back', async () => {
      const r = await api.call('imp_user_dag_maps', {
        format: 'csv',
        data: 'username,redcap_data_access_group\nerin,site_c\n',
        returnFormat: 'csv',
      });
      expect([r.status, r.text]).toEqual([200, '1']);
      expect(await api.json('exp_user_dag_maps', {})).toContainEqual({
        username: 'erin',
        redcap_data_access_group: 'site_c',
      });
      const back = await api.call('imp_user_dag_maps', {
        format: 'json',
        data: '[{"username":"erin","redcap_data_access_group":""}]',
        returnFormat: 'json',
      });
      expect([back.status, back.text]).toEqual([200, '1']);
      const bad = await api.call('imp_user_dag_maps', {
        format: 'json',
        data: '[{"username":"zed","redcap_data_access_group":"site_z"}]',
        returnFormat: 'json',
      });
      expect([bad.status, bad.text]).toEqual([
        400,
        json(
          "The user 'zed' is not a user of the project\nThe data access group 'site_z' does not exist",
        ),
      ]);
    });
  });

  describe('Switch DAG (§2.15) and DAG filtering of records (§2.3)', () => {
    const ids = async (token: string, params = {}) => {
      const r = await api.call(
        'exp_records',
        { format: 'json', fields: ['record_id'], ...params },
        token,
      );
      return (JSON.parse(r.text) as Record<string, string>[]).map((row) => row['record_id']);
    };

    it('gives dave (site_a) only site_a’s records, without the DAG column even when asked', async () => {
      expect(await ids(DAVE_TOKEN)).toEqual(['1', '2', '3', '4', '5']);
      const r = await api.call(
        'exp_records',
        { format: 'csv', fields: ['record_id', 'first_name'], exportDataAccessGroups: true },
        DAVE_TOKEN,
      );
      expect(r.text).toBe(
        'record_id,redcap_repeat_instrument,redcap_repeat_instance,first_name\n1,,,Ada\n2,,,Alan\n3,,,Grace\n4,,,Katherine\n5,,,Edsger\n',
      );
    });

    it('adds redcap_data_access_group after the repeat columns for alice (raw and label)', async () => {
      const r = await api.call('exp_records', {
        format: 'csv',
        records: ['1', '6', '9', '10'],
        fields: ['record_id', 'first_name'],
        exportDataAccessGroups: true,
      });
      expect(r.text).toBe(
        'record_id,redcap_repeat_instrument,redcap_repeat_instance,redcap_data_access_group,first_name\n' +
          '1,,,site_a,Ada\n6,,,site_b,Barbara\n9,,,site_c,John\n10,,,,Frances\n',
      );
      const label = await api.json('exp_records', {
        records: ['6'],
        fields: ['record_id'],
        exportDataAccessGroups: true,
        rawOrLabel: 'label',
      });
      expect(label).toEqual([
        {
          record_id: '6',
          redcap_repeat_instrument: '',
          redcap_repeat_instance: '',
          redcap_data_access_group: 'Site B',
        },
      ]);
      // Without the flag, nothing changes (alice's full exports stay as they were).
      expect(Object.keys((await api.json('exp_records', { records: ['1'] }))[0]!)).not.toContain(
        'redcap_data_access_group',
      );
    });

    it('switches dave into site_b (plain 1) and back; other DAGs are refused', async () => {
      const r = await api.call('switch_dag', { dag: 'site_b', returnFormat: 'json' }, DAVE_TOKEN);
      expect([r.status, r.contentType, r.text]).toEqual([200, CT.json, '1']);
      expect(await ids(DAVE_TOKEN)).toEqual(['6', '7', '8']);
      const no = await api.call('switch_dag', { dag: 'site_c', returnFormat: 'json' }, DAVE_TOKEN);
      expect([no.status, no.text]).toEqual([
        400,
        json("You may not switch into the data access group 'site_c'"),
      ]);
      const back = await api.call('switch_dag', { dag: 'site_a', returnFormat: 'csv' }, DAVE_TOKEN);
      expect([back.status, back.text]).toEqual([200, '1']);
      expect(await ids(DAVE_TOKEN)).toEqual(['1', '2', '3', '4', '5']);
    });

    it('puts dave’s new records in site_a; refuses other DAGs’ records; hides them from delete', async () => {
      const data =
        '[{"record_id":"dave-1","first_name":"Dee","redcap_data_access_group":"site_c"}]';
      const r = await api.call(
        'imp_records',
        { format: 'json', data, returnFormat: 'json' },
        DAVE_TOKEN,
      );
      expect([r.status, r.text]).toEqual([200, '{"count": 1}']);
      const row = await api.json('exp_records', {
        records: ['dave-1'],
        fields: ['record_id'],
        exportDataAccessGroups: true,
      });
      expect(row[0]!['redcap_data_access_group']).toBe('site_a');
      expect(await ids(DAVE_TOKEN)).toEqual(['1', '2', '3', '4', '5', 'dave-1']);
      const del = await api.call('del_records', { records: ['dave-1'] }, DAVE_TOKEN);
      expect(del.status).toBe(200);

      const foreign = await api.call(
        'imp_records',
        { format: 'json', data: '[{"record_id":"9","first_name":"X"}]', returnFormat: 'json' },
        DAVE_TOKEN,
      );
      expect([foreign.status, foreign.text]).toEqual([
        400,
        json(
          'You cannot modify the following records because they belong to another Data Access Group: 9',
        ), // mock's words
      ]);
      const hidden = await api.call(
        'del_records',
        { records: ['9'], returnFormat: 'json' },
        DAVE_TOKEN,
      );
      expect([hidden.status, hidden.text]).toEqual([
        400,
        json(
          'One or more of the records provided cannot be deleted because they do not exist in the project. The following records do not exist: 9',
        ),
      ]);
    });

    it('assigns records from redcap_data_access_group on import; refuses unknown groups', async () => {
      const data = 'record_id,redcap_data_access_group,first_name\nalice-1,site_b,Al\n';
      const r = await api.call('imp_records', { format: 'csv', data, returnFormat: 'csv' });
      expect([r.status, r.text]).toEqual([200, '1']);
      expect(await ids(DAVE_TOKEN)).not.toContain('alice-1');
      const row = await api.json('exp_records', {
        records: ['alice-1'],
        fields: ['record_id'],
        exportDataAccessGroups: true,
      });
      expect(row[0]!['redcap_data_access_group']).toBe('site_b');
      await api.call('del_records', { records: ['alice-1'] });
      const bad = await api.call('imp_records', {
        format: 'json',
        data: '[{"record_id":"alice-2","redcap_data_access_group":"site_z"}]',
        returnFormat: 'json',
      });
      expect([bad.status, bad.text]).toEqual([
        400,
        json('The following values of redcap_data_access_group are invalid: site_z'), // mock's words
      ]);
    });
  });

  describe('Users (§2.23)', () => {
    it('exports users with the keys in §2.23’s order and rights as JSON numbers', async () => {
      const users = await api.json<Record<string, unknown>[]>('exp_users', {});
      expect(users.map((u) => u['username'])).toEqual(['alice', 'bob', 'carol', 'dave', 'erin']);
      const bob = users[1]!;
      expect(Object.keys(bob)).toEqual([
        'username',
        'email',
        'firstname',
        'lastname',
        'expiration',
        'data_access_group',
        'data_access_group_id',
        'data_access_group_label',
        ...Object.keys(BOB_RIGHTS),
        'forms',
        'forms_export',
      ]);
      expect(bob).toEqual({
        username: 'bob',
        email: 'bob@example.org',
        firstname: 'Bob',
        lastname: 'Export',
        expiration: '',
        data_access_group: '',
        data_access_group_id: '',
        data_access_group_label: '',
        ...BOB_RIGHTS,
        forms: ALL_FORMS,
        forms_export: ALL_FORMS,
      });
      expect(users[3]).toMatchObject({
        username: 'dave',
        data_access_group: 'site_a',
        data_access_group_id: '1',
        data_access_group_label: 'Site A',
      });
      expect(users[4]).toMatchObject({ username: 'erin', expiration: '2024-06-30' });
    });

    it('writes forms as form:level strings in CSV and XML', async () => {
      const c = await api.call('exp_users', { format: 'csv' });
      const [header, , bob] = c.text.split('\n');
      expect(header).toBe(
        `username,email,firstname,lastname,expiration,data_access_group,data_access_group_id,data_access_group_label,${Object.keys(BOB_RIGHTS).join(',')},forms,forms_export`,
      );
      expect(bob).toBe(
        `bob,bob@example.org,Bob,Export,,,,,${Object.values(BOB_RIGHTS).join(',')},"demographics:1,health:1,visit:1","demographics:1,health:1,visit:1"`,
      );
      const x = await api.call('exp_users', { format: 'xml' });
      expect(x.text).toContain(
        '<forms><![CDATA[demographics:1,health:1,visit:1]]></forms><forms_export><![CDATA[demographics:1,health:1,visit:1]]></forms_export></item>',
      );
    });

    it('adds a user (JSON forms object, no token), updates one (CSV), deletes them', async () => {
      const data = JSON.stringify([
        {
          username: 'frank',
          email: 'frank@example.org',
          api_export: '1',
          forms: { demographics: 2 },
          forms_export: { demographics: 1, health: 0 },
        },
      ]);
      const r = await api.call('imp_users', { format: 'json', data, returnFormat: 'json' });
      expect([r.status, r.text]).toEqual([200, '1']);
      let frank = (await api.json<Record<string, unknown>[]>('exp_users', {})).at(-1)!;
      expect(frank).toMatchObject({
        username: 'frank',
        email: 'frank@example.org',
        design: 0,
        api_export: 1,
        api_import: 0,
        forms: { demographics: 2, health: 0, visit: 0 },
        forms_export: { demographics: 1, health: 0, visit: 0 },
      });
      const csv = await api.call('imp_users', {
        format: 'csv',
        data: 'username,firstname,forms\nfrank,Frank,"visit:3"\n',
        returnFormat: 'csv',
      });
      expect([csv.status, csv.text]).toEqual([200, '1']);
      frank = (await api.json<Record<string, unknown>[]>('exp_users', {})).at(-1)!;
      expect(frank).toMatchObject({
        firstname: 'Frank',
        email: 'frank@example.org',
        forms: { demographics: 2, health: 0, visit: 3 },
      });
      const del = await api.call('del_users', { users: ['frank'], returnFormat: 'json' });
      expect([del.status, del.text]).toEqual([200, '1']);
      expect((await api.json('exp_users', {})).map((u) => u['username'])).toEqual([
        'alice',
        'bob',
        'carol',
        'dave',
        'erin',
      ]);
    });

    it('refuses bad rows and unknown users (mock’s words), changing nothing', async () => {
      const data = '[{"username":"bob","design":"7","forms":{"nope":1}}]';
      const r = await api.call('imp_users', { format: 'json', data, returnFormat: 'json' });
      expect([r.status, r.text]).toEqual([
        400,
        json(
          'User "bob": the value of "design" must be a whole number from 0 to 1\nUser "bob": "nope" in "forms" is not an instrument of the project',
        ),
      ]);
      const del = await api.call('del_users', { users: ['zed'], returnFormat: 'json' });
      expect([del.status, del.text]).toEqual([
        400,
        json('The following values in the parameter "users" are not valid: \'zed\''),
      ]);
      expect((await api.json<Record<string, unknown>[]>('exp_users', {}))[1]).toMatchObject({
        design: 0,
      });
    });
  });

  describe('User roles and assignments (§2.24)', () => {
    it('exports roles with rights as strings, forms as numbers, in REDCap’s key order', async () => {
      const roles = await api.json<Record<string, unknown>[]>('exp_user_roles', {});
      const text = (o: Record<string, number>) =>
        Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v)]));
      expect(roles[0]).toEqual({
        unique_role_name: 'U-2119C4Y87T',
        role_label: 'Export only',
        ...text(BOB_RIGHTS),
        forms: ALL_FORMS,
        forms_export: ALL_FORMS,
      });
      // PyCap's export_user_roles doctest (a real server): the locking rights after
      // record_delete, lock_records_customization first.
      const keys = Object.keys(roles[0]!);
      expect(keys.slice(0, 3)).toEqual(['unique_role_name', 'role_label', 'design']);
      expect(keys.slice(keys.indexOf('record_delete'), keys.indexOf('record_delete') + 4)).toEqual([
        'record_delete',
        'lock_records_customization',
        'lock_records',
        'lock_records_all_forms',
      ]);
      expect(roles[1]).toMatchObject({
        unique_role_name: 'U-7Q4M2K9X5B',
        role_label: 'Data entry',
        api_export: '0',
        api_import: '1',
      });
      const c = await api.call('exp_user_roles', { format: 'csv' });
      expect(c.text.split('\n')[1]).toBe(
        `U-2119C4Y87T,"Export only",${roleOrder(BOB_RIGHTS).join(',')},"demographics:1,health:1,visit:1","demographics:1,health:1,visit:1"`,
      );
    });

    it('writes roles and assignments in XML, forms as form:level text', async () => {
      const roles = await api.call('exp_user_roles', { format: 'xml' });
      expect([roles.contentType, roles.text.split('\n').slice(0, 2)]).toEqual([
        CT.xml,
        [XML_HEAD, '<records>'],
      ]);
      expect(roles.text).toContain(
        '<item><unique_role_name><![CDATA[U-2119C4Y87T]]></unique_role_name><role_label><![CDATA[Export only]]></role_label><design><![CDATA[0]]></design><alerts><![CDATA[1]]></alerts>',
      );
      expect(roles.text).toContain(
        '<forms><![CDATA[demographics:1,health:1,visit:1]]></forms><forms_export><![CDATA[demographics:1,health:1,visit:1]]></forms_export></item>',
      );
      const maps = await api.call('exp_user_role_maps', { format: 'xml' });
      expect(maps.text.split('\n').slice(3, 5)).toEqual([
        '<item><username><![CDATA[bob]]></username><unique_role_name><![CDATA[U-2119C4Y87T]]></unique_role_name><data_access_group></data_access_group></item>',
        '<item><username><![CDATA[carol]]></username><unique_role_name><![CDATA[U-7Q4M2K9X5B]]></unique_role_name><data_access_group></data_access_group></item>',
      ]);
    });

    it('creates a role, updates it, and deletes it (bare counts)', async () => {
      const data = '[{"unique_role_name":"","role_label":"Temp role","record_create":"1"}]';
      const r = await api.call('imp_user_roles', { format: 'json', data, returnFormat: 'json' });
      expect([r.status, r.text]).toEqual([200, '1']);
      const made = (await api.json<Record<string, string>[]>('exp_user_roles', {})).at(-1)!;
      expect(made['unique_role_name']).toMatch(/^U-[0-9A-Z]{10}$/);
      expect(made).toMatchObject({ role_label: 'Temp role', record_create: '1', design: '0' });
      const name = made['unique_role_name']!;
      const up = await api.call('imp_user_roles', {
        format: 'csv',
        data: `unique_role_name,role_label,design\n${name},"Temp role 2",1\n`,
        returnFormat: 'csv',
      });
      expect([up.status, up.text]).toEqual([200, '1']);
      expect((await api.json('exp_user_roles', {})).at(-1)).toMatchObject({
        role_label: 'Temp role 2',
        design: '1',
      });
      const del = await api.call('del_user_roles', { roles: [name], returnFormat: 'json' });
      expect([del.status, del.text]).toEqual([200, '1']);
      expect(await api.json('exp_user_roles', {})).toHaveLength(2);
    });

    it('gives a role’s members its rights: carol exports once Data entry may', async () => {
      const set = (v: string) =>
        api.call('imp_user_roles', {
          format: 'json',
          data: `[{"unique_role_name":"U-7Q4M2K9X5B","api_export":"${v}"}]`,
          returnFormat: 'json',
        });
      expect((await set('1')).text).toBe('1');
      expect((await api.call('exp_instr', { format: 'json' }, CAROL_TOKEN)).status).toBe(200);
      expect((await set('0')).text).toBe('1');
      expect((await api.call('exp_instr', { format: 'json' }, CAROL_TOKEN)).status).toBe(403);
    });

    it('exports assignments in json and csv, imports them (bare count)', async () => {
      const j = await api.call('exp_user_role_maps', { format: 'json' });
      expect(j.text).toBe(
        '[{"username":"alice","unique_role_name":"","data_access_group":""},' +
          '{"username":"bob","unique_role_name":"U-2119C4Y87T","data_access_group":""},' +
          '{"username":"carol","unique_role_name":"U-7Q4M2K9X5B","data_access_group":""},' +
          '{"username":"dave","unique_role_name":"","data_access_group":"site_a"},' +
          '{"username":"erin","unique_role_name":"","data_access_group":""}]',
      );
      const c = await api.call('exp_user_role_maps', { format: 'csv' });
      expect(c.text).toBe(
        'username,unique_role_name,data_access_group\nalice,,\nbob,U-2119C4Y87T,\ncarol,U-7Q4M2K9X5B,\ndave,,site_a\nerin,,\n',
      );
      const r = await api.call('imp_user_role_maps', {
        format: 'json',
        data: '[{"username":"erin","unique_role_name":"U-2119C4Y87T"}]',
        returnFormat: 'json',
      });
      expect([r.status, r.text]).toEqual([200, '1']);
      expect(await api.json('exp_user_role_maps', {})).toContainEqual({
        username: 'erin',
        unique_role_name: 'U-2119C4Y87T',
        data_access_group: '',
      });
      const back = await api.call('imp_user_role_maps', {
        format: 'csv',
        data: 'username,unique_role_name\nerin,\n',
        returnFormat: 'csv',
      });
      expect([back.status, back.text]).toEqual([200, '1']);
    });
  });

  describe('rights of the demo users (§1.5, §1.8, §2.1 notes)', () => {
    // An allowed import/delete gets past the rights checks to a harmless 400.
    const NOT_FOUND =
      'The following fields were not found in the project as real data fields: nope';
    const NO_RECORD =
      'One or more of the records provided cannot be deleted because they do not exist in the project. The following records do not exist: no-such';
    const cases: [string, string, [number, string][]][] = [
      [
        'alice',
        ALICE_TOKEN,
        [
          [200, ''],
          [400, NOT_FOUND],
          [400, NO_RECORD],
          [200, ''],
        ],
      ],
      [
        'bob',
        BOB_TOKEN,
        [
          [200, ''],
          [403, 'You do not have API Import/Update privileges'],
          [403, 'You do not have API Import/Update privileges'],
          [403, 'You do not have Data Access Groups privileges'], // mock's words
        ],
      ],
      [
        'carol',
        CAROL_TOKEN,
        [
          [403, 'You do not have API Export privileges'],
          [400, NOT_FOUND],
          [400, NO_RECORD],
          [403, 'You do not have API Export privileges'],
        ],
      ],
      [
        'dave',
        DAVE_TOKEN,
        [
          [200, ''],
          [400, NOT_FOUND],
          [400, NO_RECORD],
          [403, IN_DAG],
        ],
      ],
      [
        'erin',
        ERIN_TOKEN,
        [
          [403, EXPIRED],
          [403, EXPIRED],
          [403, EXPIRED],
          [403, EXPIRED],
        ],
      ],
    ];
    it.each(cases)('%s: export, import, delete, DAG method', async (_name, token, expected) => {
      const replies = [
        await api.call('exp_records', { format: 'json', fields: ['record_id'] }, token),
        await api.call(
          'imp_records',
          { format: 'json', data: '[{"record_id":"1","nope":"x"}]', returnFormat: 'json' },
          token,
        ),
        await api.call('del_records', { records: ['no-such'], returnFormat: 'json' }, token),
        await api.call('exp_dags', { format: 'json' }, token),
      ];
      expect(
        replies.map((r) => [
          r.status,
          r.status === 200 ? '' : (JSON.parse(r.text) as { error: string }).error,
        ]),
      ).toEqual(expected);
    });

    it('refuses user and role methods without User Rights (mock’s words)', async () => {
      for (const id of ['exp_users', 'exp_user_roles', 'exp_user_role_maps'] as const) {
        const r = await api.call(id, { format: 'json' }, BOB_TOKEN);
        expect([id, r.status, r.text]).toEqual([
          id,
          403,
          json('You do not have User Rights privileges'),
        ]);
      }
    });

    it('refuses every DAG method but Switch DAG to a user in a DAG', async () => {
      const calls = [
        api.call('exp_dags', { format: 'json' }, DAVE_TOKEN),
        api.call('imp_dags', { format: 'json', data: '[]' }, DAVE_TOKEN),
        api.call('del_dags', { dags: ['site_c'], returnFormat: 'json' }, DAVE_TOKEN),
        api.call('exp_user_dag_maps', { format: 'json' }, DAVE_TOKEN),
        api.call('imp_user_dag_maps', { format: 'json', data: '[]' }, DAVE_TOKEN),
      ];
      for (const r of await Promise.all(calls))
        expect([r.status, r.text]).toEqual([403, json(IN_DAG)]);
    });
  });
}
