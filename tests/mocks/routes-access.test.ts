import { describe, expect, it } from 'vitest';
import { BOB_TOKEN, CAROL_TOKEN, DAVE_TOKEN } from '../../mocks/fixtures/index.ts';
import type { MockRedcap } from '../../mocks/redcap.ts';
import { jsonError, lastLog, mockWith, post, XML_HEAD } from './routes-other-support.ts';

/**
 * Users, user roles, user-role assignments (§2.23, §2.24; mocks/routes/users.ts and
 * access-data.ts) as a client sees them: every refusal and every value. Found by mutation
 * testing (#19).
 */

const DEFAULT_400 =
  'There were errors with your request. If you are sending data, then it might be due to the data being misformatted.';
const JSON_SYNTAX =
  'The data being imported is not formatted correctly. PHP error from JSON decoder: Syntax error. The JSON must be in an array, as in [{ ... }].';

const EXPORT_ONLY = 'U-2119C4Y87T';
const DATA_ENTRY = 'U-7Q4M2K9X5B';

const USER_COLUMNS =
  'username,email,firstname,lastname,expiration,data_access_group,data_access_group_id,data_access_group_label,design,alerts,user_rights,data_access_groups,reports,stats_and_charts,manage_survey_participants,calendar,data_import_tool,data_comparison_tool,logging,email_logging,file_repository,data_quality_create,data_quality_execute,api_export,api_import,api_modules,mobile_app,mobile_app_download_data,record_create,record_rename,record_delete,lock_records_all_forms,lock_records,lock_records_customization';
const ROLE_COLUMNS =
  'unique_role_name,role_label,design,alerts,user_rights,data_access_groups,reports,stats_and_charts,manage_survey_participants,calendar,data_import_tool,data_comparison_tool,logging,email_logging,file_repository,data_quality_create,data_quality_execute,api_export,api_import,api_modules,mobile_app,mobile_app_download_data,record_create,record_rename,record_delete,lock_records_customization,lock_records,lock_records_all_forms';
const ALL_ONE = '"demographics:1,health:1,visit:1"';

type Json = Record<string, unknown>;

async function users(redcap: MockRedcap): Promise<Map<string, Json>> {
  const r = await post(redcap, { content: 'user' });
  expect(r.status).toBe(200);
  return new Map((JSON.parse(r.text) as Json[]).map((u) => [String(u['username']), u]));
}

async function roles(redcap: MockRedcap): Promise<Json[]> {
  const r = await post(redcap, { content: 'userRole' });
  expect(r.status).toBe(200);
  return JSON.parse(r.text) as Json[];
}

async function mappings(redcap: MockRedcap): Promise<string> {
  const r = await post(redcap, { content: 'userRoleMapping', format: 'csv' });
  expect(r.status).toBe(200);
  return r.text;
}

const importUsers = (redcap: MockRedcap, data: string, format = 'json') =>
  post(redcap, { content: 'user', action: 'import', format, data });
const importRoles = (redcap: MockRedcap, data: string, format = 'json') =>
  post(redcap, { content: 'userRole', action: 'import', format, data });
const importMappings = (redcap: MockRedcap, data: string, format = 'json') =>
  post(redcap, { content: 'userRoleMapping', action: 'import', format, data });
/** A CSV import answered in CSV. */
const importCsv = (redcap: MockRedcap, content: string, data: string) =>
  post(redcap, { content, action: 'import', format: 'csv', returnFormat: 'csv', data });

const withRandomization = () =>
  mockWith((seed) => {
    seed.projects[0]!.info.randomization_enabled = 1;
  });

describe('Export Users (§2.23)', () => {
  it('gives CSV rows with the DAG columns and the forms as form:level', async () => {
    const r = await post(mockWith(), { content: 'user', format: 'csv' });
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/^text\/csv/);
    expect(r.text.split('\n')).toEqual([
      `${USER_COLUMNS},forms,forms_export`,
      `alice,alice@example.org,Alice,Example,,,,,1,1,1,1,1,1,1,1,1,1,1,0,1,1,1,1,1,1,1,0,1,1,1,1,1,0,${ALL_ONE},${ALL_ONE}`,
      `bob,bob@example.org,Bob,Export,,,,,0,1,0,0,1,1,1,1,1,1,1,0,1,1,1,1,0,1,1,0,0,0,0,1,1,0,${ALL_ONE},${ALL_ONE}`,
      `carol,carol@example.org,Carol,Entry,,,,,0,1,0,0,1,1,1,1,1,1,1,0,1,1,1,0,1,1,1,0,1,1,1,1,1,0,${ALL_ONE},${ALL_ONE}`,
      `dave,dave@example.org,Dave,Site,,site_a,1,"Site A",1,1,1,1,1,1,1,1,1,1,1,0,1,1,1,1,1,1,1,0,1,1,1,1,1,0,${ALL_ONE},${ALL_ONE}`,
      `erin,erin@example.org,Erin,Former,2024-06-30,,,,1,1,1,1,1,1,1,1,1,1,1,0,1,1,1,1,1,1,1,0,1,1,1,1,1,0,${ALL_ONE},${ALL_ONE}`,
      '',
    ]);
  });

  it('gives JSON numbers, forms as objects, and the DAG id as text', async () => {
    const all = await users(mockWith());
    expect(all.get('dave')).toMatchObject({
      data_access_group: 'site_a',
      data_access_group_id: '1',
      data_access_group_label: 'Site A',
      design: 1,
      user_rights: 1,
      email_logging: 0,
      forms: { demographics: 1, health: 1, visit: 1 },
      forms_export: { demographics: 1, health: 1, visit: 1 },
    });
    expect(all.get('alice')).toMatchObject({
      data_access_group: '',
      data_access_group_id: '',
      data_access_group_label: '',
    });
    expect(Object.keys(all.get('alice')!).join(',')).toBe(`${USER_COLUMNS},forms,forms_export`);
  });

  it('gives XML for format=odm and logs the export', async () => {
    const redcap = mockWith();
    const r = await post(redcap, { content: 'user', format: 'odm' });
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/^text\/xml/);
    expect(r.text.startsWith(`${XML_HEAD}\n<records>\n<item><username><![CDATA[alice]]>`)).toBe(
      true,
    );
    expect(r.text).toContain(
      '<forms><![CDATA[demographics:1,health:1,visit:1]]></forms><forms_export><![CDATA[demographics:1,health:1,visit:1]]></forms_export></item>',
    );
    expect(await lastLog(redcap)).toMatchObject({
      action: 'Manage/Design ',
      details: 'Export users (API)',
    });
  });

  it('adds the randomization rights only when randomization is on', async () => {
    const r = await post(withRandomization(), { content: 'user', format: 'csv' });
    expect(r.text.split('\n')[0]).toBe(
      `${USER_COLUMNS},random_setup,random_dashboard,random_perform,forms,forms_export`,
    );
  });

  it('needs the User Rights right (bob: 403)', async () => {
    const r = await post(mockWith(), { token: BOB_TOKEN, content: 'user' });
    expect(r).toMatchObject({
      status: 403,
      text: jsonError('You do not have User Rights privileges'),
    });
  });
});

describe('Export User Roles (§2.24)', () => {
  it('gives CSV rows with the locking rights in the roles order', async () => {
    const r = await post(mockWith(), { content: 'userRole', format: 'csv' });
    expect(r.status).toBe(200);
    expect(r.text.split('\n')).toEqual([
      `${ROLE_COLUMNS},forms,forms_export`,
      `${EXPORT_ONLY},"Export only",0,1,0,0,1,1,1,1,1,1,1,0,1,1,1,1,0,1,1,0,0,0,0,0,1,1,${ALL_ONE},${ALL_ONE}`,
      `${DATA_ENTRY},"Data entry",0,1,0,0,1,1,1,1,1,1,1,0,1,1,1,0,1,1,1,0,1,1,1,0,1,1,${ALL_ONE},${ALL_ONE}`,
      '',
    ]);
  });

  it('gives rights as text in JSON, forms as numbers', async () => {
    const [first] = await roles(mockWith());
    expect(first).toMatchObject({
      unique_role_name: EXPORT_ONLY,
      role_label: 'Export only',
      design: '0',
      alerts: '1',
      lock_records: '1',
      forms: { demographics: 1, health: 1, visit: 1 },
    });
    expect(Object.keys(first!).join(',')).toBe(`${ROLE_COLUMNS},forms,forms_export`);
  });

  it('puts the randomization rights after the others when randomization is on', async () => {
    const r = await post(withRandomization(), { content: 'userRole', format: 'csv' });
    expect(r.text.split('\n')[0]).toBe(
      `${ROLE_COLUMNS},random_setup,random_dashboard,random_perform,forms,forms_export`,
    );
  });

  it('gives XML for format=odm and logs the export', async () => {
    const redcap = mockWith();
    const r = await post(redcap, { content: 'userRole', format: 'odm' });
    expect(r.status).toBe(200);
    expect(r.text).toContain(
      `<item><unique_role_name><![CDATA[${EXPORT_ONLY}]]></unique_role_name><role_label><![CDATA[Export only]]></role_label><design><![CDATA[0]]></design>`,
    );
    expect(await lastLog(redcap)).toMatchObject({
      action: 'Manage/Design ',
      details: 'Export user roles (API)',
    });
  });
});

describe('Export User-Role Assignments (§2.24)', () => {
  it('gives each user with role and DAG, blank when none (also a user without a role field)', async () => {
    const redcap = mockWith((seed) => {
      delete (seed.projects[0]!.users[4] as { role?: string }).role;
    });
    expect(await mappings(redcap)).toBe(
      `username,unique_role_name,data_access_group\nalice,,\nbob,${EXPORT_ONLY},\ncarol,${DATA_ENTRY},\ndave,,site_a\nerin,,\n`,
    );
    expect(await lastLog(redcap)).toMatchObject({
      action: 'Manage/Design ',
      details: 'Export user-role assignments (API)',
    });
  });

  it('gives XML for format=odm', async () => {
    const r = await post(mockWith(), { content: 'userRoleMapping', format: 'odm' });
    expect(r.status).toBe(200);
    expect(r.text).toContain(
      '<item><username><![CDATA[dave]]></username><unique_role_name></unique_role_name><data_access_group><![CDATA[site_a]]></data_access_group></item>',
    );
  });
});

describe('Import Users: rights values (§2.23)', () => {
  // [column, value, accepted → the value Export Users gives, or the problem]
  it.each([
    ['design', '0', 0],
    ['design', '1', 1],
    ['design', '00', 0],
    ['design', ' 1 ', 1],
    ['design', '2', 'the value of "design" must be a whole number from 0 to 1'],
    ['design', '-1', 'the value of "design" must be a whole number from 0 to 1'],
    ['design', 'x1', 'the value of "design" must be a whole number from 0 to 1'],
    ['design', '1x', 'the value of "design" must be a whole number from 0 to 1'],
    ['design', '', 'the value of "design" must be a whole number from 0 to 1'],
    ['user_rights', '2', 2],
    ['user_rights', '3', 'the value of "user_rights" must be a whole number from 0 to 2'],
    ['lock_records', '2', 2],
    ['lock_records', '10', 'the value of "lock_records" must be a whole number from 0 to 2'],
    ['record_delete', '0', 0],
  ])('%s=%j → %j', async (column, value, expected) => {
    const redcap = mockWith();
    const before = (await users(redcap)).get('bob');
    const r = await importUsers(redcap, JSON.stringify([{ username: 'bob', [column]: value }]));
    if (typeof expected === 'number') {
      expect(r).toMatchObject({ status: 200, text: '1' });
      expect((await users(redcap)).get('bob')![column]).toBe(expected);
    } else {
      expect(r).toMatchObject({ status: 400, text: jsonError(`User "bob": ${expected}`) });
      expect((await users(redcap)).get('bob')).toEqual(before);
    }
  });

  it.each([
    ['0', { demographics: 0, health: 0, visit: 0 }],
    ['3', { demographics: 3, health: 3, visit: 3 }],
    [' 2 ', { demographics: 2, health: 2, visit: 2 }],
  ])('data_export=%j sets every forms_export to %j', async (value, expected) => {
    const redcap = mockWith();
    const r = await importUsers(redcap, JSON.stringify([{ username: 'bob', data_export: value }]));
    expect(r).toMatchObject({ status: 200, text: '1' });
    expect((await users(redcap)).get('bob')!['forms_export']).toEqual(expected);
  });

  it.each(['4', 'x3', '3x', '', '-1'])('data_export=%j is refused', async (value) => {
    const redcap = mockWith();
    const r = await importUsers(redcap, JSON.stringify([{ username: 'bob', data_export: value }]));
    expect(r).toMatchObject({
      status: 400,
      text: jsonError('User "bob": the value of "data_export" must be 0, 1, 2 or 3'),
    });
  });

  it.each([
    ['forms', 'demographics:2,health:0', { demographics: 2, health: 0, visit: 1 }],
    ['forms', 'demographics : 3 , , health:0,', { demographics: 3, health: 0, visit: 1 }],
    ['forms_export', 'visit:2', { demographics: 1, health: 1, visit: 2 }],
    ['forms_export', ' ', { demographics: 1, health: 1, visit: 1 }],
  ])('%s=%j → %j', async (column, value, expected) => {
    const redcap = mockWith();
    const r = await importUsers(redcap, JSON.stringify([{ username: 'bob', [column]: value }]));
    expect(r).toMatchObject({ status: 200, text: '1' });
    const bob = (await users(redcap)).get('bob')!;
    expect(bob[column]).toEqual(expected);
    // The other one is untouched.
    expect(bob[column === 'forms' ? 'forms_export' : 'forms']).toEqual({
      demographics: 1,
      health: 1,
      visit: 1,
    });
  });

  it.each([
    ['forms', 'nope:1', '"nope" in "forms" is not an instrument of the project'],
    ['forms', ':1', '"" in "forms" is not an instrument of the project'],
    ['forms_export', 'health:4', 'the level of "health" in "forms_export" must be 0, 1, 2 or 3'],
    ['forms', 'health:x1', 'the level of "health" in "forms" must be 0, 1, 2 or 3'],
    ['forms', 'health:1x', 'the level of "health" in "forms" must be 0, 1, 2 or 3'],
    ['forms', 'health', 'the level of "health" in "forms" must be 0, 1, 2 or 3'],
  ])('%s=%j is refused: %s', async (column, value, problem) => {
    const redcap = mockWith();
    const r = await importUsers(redcap, JSON.stringify([{ username: 'bob', [column]: value }]));
    expect(r).toMatchObject({ status: 400, text: jsonError(`User "bob": ${problem}`) });
  });

  it('takes forms as a JSON object (PyCap), and refuses a list there', async () => {
    const redcap = mockWith();
    const ok = await importUsers(
      redcap,
      JSON.stringify([{ username: 'bob', forms: { health: 2, visit: 0 } }]),
    );
    expect(ok).toMatchObject({ status: 200, text: '1' });
    expect((await users(redcap)).get('bob')!['forms']).toEqual({
      demographics: 1,
      health: 2,
      visit: 0,
    });
    const list = await importUsers(redcap, JSON.stringify([{ username: 'bob', forms: ['x'] }]));
    expect(list).toMatchObject({ status: 400, text: jsonError(DEFAULT_400) });
    const none = await importUsers(
      redcap,
      JSON.stringify([{ username: 'bob', forms: { visit: 3 }, forms_export: null }]),
    );
    expect(none).toMatchObject({ status: 200, text: '1' });
    expect((await users(redcap)).get('bob')!['forms']).toEqual({
      demographics: 1,
      health: 2,
      visit: 3,
    });
  });

  it('reads the same forms pairs from CSV', async () => {
    const redcap = mockWith();
    const r = await importUsers(redcap, 'username,forms\nbob,"health:3,visit:2"\n', 'csv');
    expect(r).toMatchObject({ status: 200, text: '1' });
    expect((await users(redcap)).get('bob')!['forms']).toEqual({
      demographics: 1,
      health: 3,
      visit: 2,
    });
  });

  it('takes the randomization rights only when randomization is on', async () => {
    const data = JSON.stringify([{ username: 'bob', random_setup: '0', random_perform: '1' }]);
    const off = await importUsers(mockWith(), data);
    expect(off).toMatchObject({
      status: 400,
      text: jsonError('User "bob": unknown attributes random_setup, random_perform'),
    });
    const redcap = withRandomization();
    expect(await importUsers(redcap, data)).toMatchObject({ status: 200, text: '1' });
    expect((await users(redcap)).get('bob')).toMatchObject({
      random_setup: 0,
      random_perform: 1,
    });
  });
});

describe('Import Users: rows (§2.23)', () => {
  it('adds a new user with blank details and no rights but those given', async () => {
    const redcap = mockWith();
    const r = await importUsers(redcap, JSON.stringify([{ username: 'zed', design: '1' }]));
    expect(r).toMatchObject({ status: 200, text: '1' });
    expect(await lastLog(redcap)).toMatchObject({
      action: 'Manage/Design ',
      details: 'Import users (API)',
    });
    const zed = (await users(redcap)).get('zed')!;
    expect(zed).toMatchObject({
      username: 'zed',
      email: '',
      firstname: '',
      lastname: '',
      expiration: '',
      data_access_group: '',
      design: 1,
      user_rights: 0,
      api_export: 0,
      forms: { demographics: 0, health: 0, visit: 0 },
      forms_export: { demographics: 0, health: 0, visit: 0 },
    });
    expect(await mappings(redcap)).toContain('\nzed,,\n');
  });

  it('changes only the columns a row gives, for the user it names (trimmed)', async () => {
    const redcap = mockWith();
    const r = await importUsers(
      redcap,
      JSON.stringify([{ username: ' bob ', firstname: 'Robert', design: ' 1' }]),
    );
    expect(r).toMatchObject({ status: 200, text: '1' });
    const all = await users(redcap);
    expect(all.size).toBe(5);
    expect(all.get('bob')).toMatchObject({
      email: 'bob@example.org',
      firstname: 'Robert',
      lastname: 'Export',
      expiration: '',
      design: 1,
      api_import: 0,
    });
    expect(all.get('carol')).toMatchObject({ firstname: 'Carol', design: 0 });
  });

  it('sets e-mail, names, expiration and DAG; blank clears them', async () => {
    const redcap = mockWith();
    const set = await importUsers(
      redcap,
      'username,email,firstname,lastname,expiration,data_access_group\nbob,b@x.org,B,X,2030-01-31,site_b\ndave,,,,,\n',
      'csv',
    );
    expect(set).toMatchObject({ status: 200, text: '2' });
    const all = await users(redcap);
    expect(all.get('bob')).toMatchObject({
      email: 'b@x.org',
      firstname: 'B',
      lastname: 'X',
      expiration: '2030-01-31',
      data_access_group: 'site_b',
      data_access_group_id: '2',
      data_access_group_label: 'Site B',
    });
    expect(all.get('dave')).toMatchObject({
      email: '',
      firstname: '',
      lastname: '',
      expiration: '',
      data_access_group: '',
    });
  });

  it('keeps expiration and DAG when the row has no such column', async () => {
    const redcap = mockWith();
    const r = await importUsers(
      redcap,
      JSON.stringify([
        { username: 'erin', email: 'e@x.org' },
        { username: 'dave', lastname: 'Z' },
      ]),
    );
    expect(r).toMatchObject({ status: 200, text: '2' });
    const all = await users(redcap);
    expect(all.get('erin')).toMatchObject({ expiration: '2024-06-30', email: 'e@x.org' });
    expect(all.get('dave')).toMatchObject({ data_access_group: 'site_a', lastname: 'Z' });
  });

  it.each([
    ['2025-1-31', '"expiration" must be YYYY-MM-DD or blank'],
    ['x2025-01-31', '"expiration" must be YYYY-MM-DD or blank'],
    ['2025-01-31x', '"expiration" must be YYYY-MM-DD or blank'],
    ['25-01-31', '"expiration" must be YYYY-MM-DD or blank'],
  ])('expiration=%j is refused', async (expiration, problem) => {
    const redcap = mockWith();
    const r = await importUsers(redcap, JSON.stringify([{ username: 'bob', expiration }]));
    expect(r).toMatchObject({ status: 400, text: jsonError(`User "bob": ${problem}`) });
  });

  it('refuses an unknown DAG', async () => {
    const r = await importUsers(
      mockWith(),
      JSON.stringify([{ username: 'bob', data_access_group: 'site_z' }]),
    );
    expect(r).toMatchObject({
      status: 400,
      text: jsonError(`User "bob": the data access group 'site_z' does not exist`),
    });
  });

  it('lists every problem of every row, in order, and changes nothing', async () => {
    const redcap = mockWith();
    const r = await importCsv(
      redcap,
      'user',
      'username,forms,data_export,expiration,data_access_group,bogus,other\nbob,"nope:1,health:4",5,2024-1-1,site_z,1,\ncarol,,,,,,\nzed,,1,,,,\n',
    );
    expect(r.status).toBe(400);
    expect(r.type).toMatch(/^text\/csv/);
    expect(r.text).toBe(
      [
        'ERROR: User "bob": unknown attributes bogus, other',
        'User "bob": "expiration" must be YYYY-MM-DD or blank',
        `User "bob": the data access group 'site_z' does not exist`,
        'User "bob": "nope" in "forms" is not an instrument of the project',
        'User "bob": the level of "health" in "forms" must be 0, 1, 2 or 3',
        'User "bob": the value of "data_export" must be 0, 1, 2 or 3',
        'User "carol": unknown attributes bogus, other',
        'User "carol": the value of "data_export" must be 0, 1, 2 or 3',
        'User "zed": unknown attributes bogus, other',
      ].join('\n'),
    );
    const all = await users(redcap);
    expect([...all.keys()]).toEqual(['alice', 'bob', 'carol', 'dave', 'erin']);
    expect(all.get('bob')).toMatchObject({ data_access_group: '', forms: { health: 1 } });
  });

  it('refuses a row without a username even when the others are fine', async () => {
    const redcap = mockWith();
    const r = await importUsers(
      redcap,
      JSON.stringify([{ username: 'bob', design: '1' }, { email: 'x@y.org' }]),
    );
    expect(r).toMatchObject({ status: 400, text: jsonError('Each row needs a username') });
    expect((await users(redcap)).get('bob')!['design']).toBe(0);
  });

  it.each([
    ['[]', DEFAULT_400],
    ['[1]', JSON_SYNTAX],
    ['[["bob"]]', JSON_SYNTAX],
    ['{"username":"bob"}', JSON_SYNTAX],
  ])('data=%s → %s', async (data, message) => {
    const r = await importUsers(mockWith(), data);
    expect(r).toMatchObject({ status: 400, text: jsonError(message) });
  });

  it('answers the count in returnFormat', async () => {
    const r = await post(mockWith(), {
      content: 'user',
      action: 'import',
      format: 'csv',
      returnFormat: 'xml',
      data: 'username\nbob\ncarol\n',
    });
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/^text\/xml/);
    expect(r.text).toBe('2');
  });

  it('refuses format=odm', async () => {
    const r = await importUsers(mockWith(), '<x/>', 'odm');
    expect(r).toMatchObject({
      status: 400,
      text: jsonError('The mock REDCap does not support format=odm yet; use json, csv or xml.'),
    });
  });
});

describe('Delete Users (§2.23)', () => {
  it('deletes the named users and logs it', async () => {
    const redcap = mockWith();
    const r = await post(redcap, {
      content: 'user',
      action: 'delete',
      'users[0]': 'bob',
      'users[1]': 'erin',
    });
    expect(r).toMatchObject({ status: 200, text: '2' });
    expect(await lastLog(redcap)).toMatchObject({
      action: 'Manage/Design ',
      details: 'Delete users (API)',
    });
    expect([...(await users(redcap)).keys()]).toEqual(['alice', 'carol', 'dave']);
  });

  it('refuses an unknown user and deletes nobody', async () => {
    const redcap = mockWith();
    const r = await post(redcap, {
      content: 'user',
      action: 'delete',
      'users[0]': 'bob',
      'users[1]': 'zed',
    });
    expect(r.status).toBe(400);
    expect((await users(redcap)).size).toBe(5);
  });
});

describe('Import User Roles (§2.24)', () => {
  it('adds a role with a new name, the label and only the rights given', async () => {
    const redcap = mockWith();
    const r = await importRoles(redcap, 'role_label,design\nNew,1\n', 'csv');
    expect(r).toMatchObject({ status: 200, text: '1' });
    expect(await lastLog(redcap)).toMatchObject({
      action: 'Manage/Design ',
      details: 'Import user roles (API)',
    });
    const all = await roles(redcap);
    expect(all).toHaveLength(3);
    expect(all[2]).toMatchObject({
      unique_role_name: 'U-0003NP5B83',
      role_label: 'New',
      design: '1',
      alerts: '0',
      forms: { demographics: 0, health: 0, visit: 0 },
    });
  });

  it('gives two new roles two names', async () => {
    const redcap = mockWith();
    const r = await importRoles(
      redcap,
      JSON.stringify([{ role_label: 'A' }, { unique_role_name: '', role_label: 'B' }]),
    );
    expect(r).toMatchObject({ status: 200, text: '2' });
    const names = (await roles(redcap)).map(
      (x) => `${String(x['unique_role_name'])}:${String(x['role_label'])}`,
    );
    expect(names).toEqual([
      `${EXPORT_ONLY}:Export only`,
      `${DATA_ENTRY}:Data entry`,
      'U-0003NP5B83:A',
      expect.stringMatching(/^U-[0-9A-Z]{10}:B$/),
    ]);
    expect(new Set(names.map((n) => n.slice(0, 12))).size).toBe(4);
  });

  it("changes an existing role's label and rights, and its members' rights", async () => {
    const redcap = mockWith();
    const r = await importRoles(
      redcap,
      JSON.stringify([{ unique_role_name: EXPORT_ONLY, role_label: 'Readers', design: '1' }]),
    );
    expect(r).toMatchObject({ status: 200, text: '1' });
    expect((await roles(redcap))[0]).toMatchObject({
      role_label: 'Readers',
      design: '1',
      alerts: '1',
    });
    const all = await users(redcap);
    expect(all.get('bob')).toMatchObject({ design: 1, api_import: 0 });
    expect(all.get('carol')!['design']).toBe(0);
  });

  it('keeps the label when the row gives it blank or not at all', async () => {
    const redcap = mockWith();
    const r = await importRoles(
      redcap,
      JSON.stringify([
        { unique_role_name: EXPORT_ONLY, role_label: '', design: '1' },
        { unique_role_name: DATA_ENTRY, design: '1' },
      ]),
    );
    expect(r).toMatchObject({ status: 200, text: '2' });
    expect((await roles(redcap)).map((x) => x['role_label'])).toEqual([
      'Export only',
      'Data entry',
    ]);
  });

  it('lists every problem and changes nothing', async () => {
    const redcap = mockWith();
    const r = await importCsv(
      redcap,
      'userRole',
      'unique_role_name,role_label,design,bogus\nU-NOPE,X,1,1\n,,1,\n,New,1,\n' +
        `${DATA_ENTRY},,5,\n`,
    );
    expect(r.status).toBe(400);
    expect(r.text).toBe(
      [
        'ERROR: Role "U-NOPE": unknown attributes bogus',
        'Role "U-NOPE": no such role in the project',
        'New role "": unknown attributes bogus',
        'New role "": a new role needs a role_label',
        'New role "New": unknown attributes bogus',
        `Role "${DATA_ENTRY}": unknown attributes bogus`,
        `Role "${DATA_ENTRY}": the value of "design" must be a whole number from 0 to 1`,
      ].join('\n'),
    );
    expect(await roles(redcap)).toHaveLength(2);
  });

  it('skips a generated name that is taken', async () => {
    const redcap = mockWith((seed) => {
      const p = seed.projects[0]!;
      p.roles![1]!.unique_role_name = 'U-0003NP5B83';
      p.users.find((u) => u.username === 'carol')!.role = 'U-0003NP5B83';
    });
    expect(await importRoles(redcap, JSON.stringify([{ role_label: 'C' }]))).toMatchObject({
      status: 200,
      text: '1',
    });
    expect((await roles(redcap)).map((x) => x['unique_role_name'])).toEqual([
      EXPORT_ONLY,
      'U-0003NP5B83',
      'U-0004VLJ2YS',
    ]);
  });

  it('takes forms and forms_export, and names every unknown column', async () => {
    const redcap = mockWith();
    const ok = await importRoles(
      redcap,
      JSON.stringify([
        { unique_role_name: EXPORT_ONLY, forms: { health: 2 }, forms_export: 'visit:3' },
      ]),
    );
    expect(ok).toMatchObject({ status: 200, text: '1' });
    expect((await roles(redcap))[0]).toMatchObject({
      forms: { demographics: 1, health: 2, visit: 1 },
      forms_export: { demographics: 1, health: 1, visit: 3 },
    });
    const bad = await importRoles(
      redcap,
      JSON.stringify([{ unique_role_name: EXPORT_ONLY, x: '1', data_export: '1' }]),
    );
    expect(bad).toMatchObject({
      status: 400,
      text: jsonError(`Role "${EXPORT_ONLY}": unknown attributes x, data_export`),
    });
  });

  it('refuses a new role without a label, alone', async () => {
    const redcap = mockWith();
    const r = await importRoles(redcap, JSON.stringify([{ design: '1' }]));
    expect(r).toMatchObject({
      status: 400,
      text: jsonError('New role "": a new role needs a role_label'),
    });
    const unknown = await importRoles(redcap, JSON.stringify([{ unique_role_name: 'U-NOPE' }]));
    expect(unknown).toMatchObject({
      status: 400,
      text: jsonError('Role "U-NOPE": no such role in the project'),
    });
    expect(await roles(redcap)).toHaveLength(2);
  });

  it('refuses no rows, and the randomization rights when randomization is off', async () => {
    expect(await importRoles(mockWith(), '[]')).toMatchObject({
      status: 400,
      text: jsonError(DEFAULT_400),
    });
    const data = JSON.stringify([{ unique_role_name: EXPORT_ONLY, random_perform: '1' }]);
    expect(await importRoles(mockWith(), data)).toMatchObject({
      status: 400,
      text: jsonError(`Role "${EXPORT_ONLY}": unknown attributes random_perform`),
    });
    const redcap = withRandomization();
    expect(await importRoles(redcap, data)).toMatchObject({ status: 200, text: '1' });
    expect((await roles(redcap))[0]).toMatchObject({ random_perform: '1' });
  });
});

describe('Delete User Roles (§2.24)', () => {
  it('deletes the role; its members leave it and keep its rights, others keep theirs', async () => {
    const redcap = mockWith();
    const r = await post(redcap, {
      content: 'userRole',
      action: 'delete',
      'roles[0]': EXPORT_ONLY,
    });
    expect(r).toMatchObject({ status: 200, text: '1' });
    expect(await lastLog(redcap)).toMatchObject({
      action: 'Manage/Design ',
      details: 'Delete user roles (API)',
    });
    expect((await roles(redcap)).map((x) => x['unique_role_name'])).toEqual([DATA_ENTRY]);
    expect(await mappings(redcap)).toBe(
      `username,unique_role_name,data_access_group\nalice,,\nbob,,\ncarol,${DATA_ENTRY},\ndave,,site_a\nerin,,\n`,
    );
    expect((await users(redcap)).get('bob')).toMatchObject({ api_import: 0, design: 0 });
  });

  it('refuses an unknown role and deletes none', async () => {
    const redcap = mockWith();
    const r = await post(redcap, {
      content: 'userRole',
      action: 'delete',
      'roles[0]': EXPORT_ONLY,
      'roles[1]': 'U-NOPE',
    });
    expect(r.status).toBe(400);
    expect(await roles(redcap)).toHaveLength(2);
  });
});

describe('Import User-Role Assignments (§2.24)', () => {
  it('assigns a role (its rights come with it) and unassigns (rights kept)', async () => {
    const redcap = mockWith();
    const r = await importMappings(
      redcap,
      JSON.stringify([
        { username: 'erin', unique_role_name: EXPORT_ONLY },
        { username: ' bob ', unique_role_name: '' },
        { username: 'carol' },
      ]),
    );
    expect(r).toMatchObject({ status: 200, text: '3' });
    expect(await lastLog(redcap)).toMatchObject({
      action: 'Manage/Design ',
      details: 'Import user-role assignments (API)',
    });
    expect(await mappings(redcap)).toBe(
      `username,unique_role_name,data_access_group\nalice,,\nbob,,\ncarol,,\ndave,,site_a\nerin,${EXPORT_ONLY},\n`,
    );
    const all = await users(redcap);
    expect(all.get('bob')).toMatchObject({ api_import: 0 });
    expect(all.get('carol')).toMatchObject({ api_export: 0, api_import: 1 });
    expect(all.get('erin')).toMatchObject({ api_import: 0, design: 0, record_delete: 0 });
  });

  it('refuses an unknown user or role and assigns nothing', async () => {
    const redcap = mockWith();
    const r = await importCsv(
      redcap,
      'userRoleMapping',
      'username,unique_role_name\nzed,U-NOPE\nbob,\ncarol,' + `${EXPORT_ONLY}\n`,
    );
    expect(r.status).toBe(400);
    expect(r.text).toBe(
      "ERROR: The user 'zed' is not a user of the project\nThe role 'U-NOPE' does not exist",
    );
    expect(await mappings(redcap)).toContain(`\nbob,${EXPORT_ONLY},\ncarol,${DATA_ENTRY},\n`);
  });

  it.each([
    [[{ username: 'zed' }], "The user 'zed' is not a user of the project"],
    [[{ unique_role_name: EXPORT_ONLY }], "The user '' is not a user of the project"],
    [[{ username: 'bob', unique_role_name: 'U-NOPE' }], "The role 'U-NOPE' does not exist"],
  ])('%j → %s', async (rows, message) => {
    const redcap = mockWith();
    const r = await importMappings(redcap, JSON.stringify(rows));
    expect(r).toMatchObject({ status: 400, text: jsonError(message) });
  });

  it('refuses no rows', async () => {
    expect(await importMappings(mockWith(), '[]')).toMatchObject({
      status: 400,
      text: jsonError(DEFAULT_400),
    });
  });
});

describe('who may use them', () => {
  it('refuses a user without User Rights on every method (403)', async () => {
    const redcap = mockWith();
    const cases: Record<string, string>[] = [
      { token: BOB_TOKEN, content: 'userRole' },
      { token: BOB_TOKEN, content: 'userRoleMapping' },
      { token: CAROL_TOKEN, content: 'user', action: 'import', data: '[{"username":"bob"}]' },
      { token: CAROL_TOKEN, content: 'userRole', action: 'import', data: '[{"role_label":"x"}]' },
      {
        token: CAROL_TOKEN,
        content: 'userRoleMapping',
        action: 'import',
        data: '[{"username":"bob"}]',
      },
      { token: CAROL_TOKEN, content: 'user', action: 'delete', 'users[0]': 'bob' },
      { token: CAROL_TOKEN, content: 'userRole', action: 'delete', 'roles[0]': EXPORT_ONLY },
    ];
    for (const fields of cases) {
      const r = await post(redcap, fields);
      expect(r).toMatchObject({
        status: 403,
        text: jsonError('You do not have User Rights privileges'),
      });
    }
    // dave has the right (in a DAG): users are not DAG methods.
    expect((await post(redcap, { token: DAVE_TOKEN, content: 'user' })).status).toBe(200);
  });
});
