import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ALICE_LONGITUDINAL_TOKEN,
  ALICE_SUPER_TOKEN,
  ALICE_TOKEN,
} from '../../mocks/fixtures/index.ts';
import { createHandlers } from '../../mocks/handlers.ts';
import { NODE_MOCK_ADDRESS, setupMockServer } from '../../mocks/node.ts';
import { createMockRedcap } from '../../mocks/redcap.ts';
import type { FilePart, ParamValues } from '../../src/lib/methods/define-method.ts';
import { getMethod, METHODS, type MethodId } from '../../src/lib/methods/index.ts';
import { LONGITUDINAL_ONLY } from '../../src/lib/methods/longitudinal.ts';
import { encodeBody } from '../../src/lib/redcap/encode.ts';
import { buildRedcapRequest } from '../../src/lib/redcap/request.ts';
import { parseResponse, type ParsedResponse } from '../../src/lib/redcap/response.ts';

/**
 * The contract over the whole catalog (issue #5): every method's examples, built by
 * `buildRedcapRequest` and encoded as the app sends them, go through msw/node to a fresh mock
 * and come back as a successful `parseResponse`; and every destructive method changes the store
 * the way REDCap would, read back with export calls. A removed route (the "not implemented" 400)
 * or a write that does nothing fails here.
 */

const API_URL = 'https://redcap.contract.test/api/';
const { server } = setupMockServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterAll(() => server.close());
// A fresh mock per test: its handler goes in front of the shared server's.
beforeEach(() => server.use(...createHandlers(NODE_MOCK_ADDRESS, createMockRedcap())));
afterEach(() => server.resetHandlers());

function tokenFor(id: MethodId): string {
  if (id === 'imp_proj') return ALICE_SUPER_TOKEN;
  return LONGITUDINAL_ONLY.has(id) ? ALICE_LONGITUDINAL_TOKEN : ALICE_TOKEN;
}

interface Sent {
  readonly parsed: ParsedResponse;
  readonly bytes: Uint8Array;
}

async function send(id: MethodId, params: ParamValues, token = tokenFor(id)): Promise<Sent> {
  const request = buildRedcapRequest(getMethod(id), params, { apiUrl: API_URL, token });
  const { body, contentType } = encodeBody(request);
  const started = performance.now();
  const response = await fetch(request.url, {
    method: request.method,
    body,
    headers: contentType ? { 'content-type': contentType } : {},
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  const parsed = parseResponse({
    status: response.status,
    statusText: response.statusText,
    headers,
    bytes,
    timeMs: performance.now() - started,
  });
  return { parsed, bytes };
}

/** A successful JSON export, parsed. */
async function read<T = Record<string, unknown>[]>(
  id: MethodId,
  params: ParamValues = {},
  token = tokenFor(id),
): Promise<T> {
  const { parsed } = await send(id, { format: 'json', returnFormat: 'json', ...params }, token);
  expect([id, parsed.ok, parsed.error]).toEqual([id, true, null]);
  return JSON.parse(parsed.text!) as T;
}

const recordIds = async (token = ALICE_TOKEN) =>
  new Set(
    (await read('exp_records', { fields: ['record_id'] }, token)).map((r) =>
      String(r['record_id']),
    ),
  );
const example = (id: MethodId, i = 0): ParamValues => getMethod(id).examples[i]!;
const exampleData = (id: MethodId): string => String(example(id)['data']);

describe('the catalog against the mock: every example answers', () => {
  it('has 55 methods, each with at least one example', () => {
    expect(METHODS).toHaveLength(55);
    expect(METHODS.filter((m) => m.examples.length === 0).map((m) => m.id)).toEqual([]);
  });

  for (const method of METHODS) {
    for (const [i, params] of method.examples.entries()) {
      it(`${method.id} example ${i + 1}: built, sent, parsed as a success`, async () => {
        const { parsed } = await send(method.id, params);
        expect([method.id, parsed.status, parsed.ok, parsed.error]).toEqual([
          method.id,
          200,
          true,
          null,
        ]);
        // The answer is in the shape the catalog announces: a payload in format, a write
        // result in returnFormat.
        if (method.response.kind === 'format' && parsed.text !== '') {
          const format = String(params[method.destructive ? 'returnFormat' : 'format'] ?? 'xml');
          expect(parsed.format).toBe(format === 'odm' ? 'xml' : format);
        }
        if (method.response.kind === 'text') expect(parsed.format).not.toBe('binary');
      });
    }
  }
});

type Check = () => Promise<void>;

/**
 * For each destructive method: what REDCap's store looks like after the call, read back with
 * exports. The catalog example is sent unless `params` says otherwise (and why).
 */
const WRITES: Readonly<Record<string, Check>> = {
  async imp_arms() {
    // The example renames arms 1 and 2 to the names they have: add a rename to see it land.
    const data = JSON.stringify([
      ...JSON.parse(exampleData('imp_arms')),
      { arm_num: '2', name: 'Drug B (v2)' },
    ]);
    expect((await read('exp_arms'))[1]).toEqual({ arm_num: 2, name: 'Drug B' });
    await ok('imp_arms', { ...example('imp_arms'), data });
    expect(await read('exp_arms')).toEqual([
      { arm_num: 1, name: 'Drug A' },
      { arm_num: 2, name: 'Drug B (v2)' },
    ]);
  },
  async del_arms() {
    const before = await recordIds(ALICE_LONGITUDINAL_TOKEN);
    expect(before.has('1')).toBe(true);
    await ok('del_arms');
    expect(await read('exp_arms')).toEqual([{ arm_num: 2, name: 'Drug B' }]);
    // Arm 1's records (1–8) go with its events; arm 2's stay.
    expect([...(await recordIds(ALICE_LONGITUDINAL_TOKEN))]).toEqual(['9', '10', '11', '12']);
  },
  async imp_events() {
    const before = await read('exp_events');
    await ok('imp_events');
    const after = await read('exp_events');
    expect(after).toHaveLength(before.length + 1);
    expect(after.find((e) => e['unique_event_name'] === 'baseline_arm_1')).toMatchObject({
      custom_event_label: '[visit_date]',
    });
    const added = after.filter((e) => !before.some((b) => b['event_id'] === e['event_id']));
    expect(added).toEqual([expect.objectContaining({ event_name: 'Week 4', arm_num: 1 })]);
  },
  async del_events() {
    await ok('del_events');
    const events = await read('exp_events');
    expect(events.map((e) => e['unique_event_name'])).not.toContain('baseline_arm_1');
    expect(events).toHaveLength(6);
  },
  async imp_inst_event_maps() {
    // The catalog example replaces every mapping with its three rows.
    expect((await read('exp_inst_event_maps')).length).toBeGreaterThan(3);
    await ok('imp_inst_event_maps');
    expect(await read('exp_inst_event_maps')).toEqual([
      { arm_num: 1, unique_event_name: 'baseline_arm_1', form: 'enrollment' },
      { arm_num: 1, unique_event_name: 'baseline_arm_1', form: 'vitals' },
      { arm_num: 1, unique_event_name: 'follow_up_arm_1', form: 'completion' },
    ]);
  },
  async imp_dags() {
    const before = await read('exp_dags');
    await ok('imp_dags');
    const after = await read('exp_dags');
    expect(after).toHaveLength(before.length + 1);
    expect(after.find((d) => d['unique_group_name'] === 'site_a')).toMatchObject({
      data_access_group_name: 'Site A (Boston)',
    });
    expect(after.at(-1)).toMatchObject({
      data_access_group_name: 'Site C',
      data_access_group_id: 4,
    });
  },
  async del_dags() {
    await ok('del_dags');
    expect((await read('exp_dags')).map((d) => d['unique_group_name'])).toEqual([
      'site_a',
      'site_b',
    ]);
  },
  async switch_dag() {
    expect((await recordIds()).size).toBe(24);
    await ok('switch_dag');
    const alice = (await read('exp_users')).find((u) => u['username'] === 'alice');
    expect(alice).toMatchObject({ data_access_group: 'site_b' });
    expect([...(await recordIds())]).toEqual(['6', '7', '8']);
  },
  async imp_user_dag_maps() {
    await ok('imp_user_dag_maps');
    const users = await read('exp_users');
    expect(users.find((u) => u['username'] === 'alice')).toMatchObject({
      data_access_group: 'site_a',
    });
    expect(users.find((u) => u['username'] === 'bob')).toMatchObject({ data_access_group: '' });
    expect([...(await recordIds())]).toEqual(['1', '2', '3', '4', '5']);
  },
  async imp_file() {
    const file = example('imp_file')['file'] as FilePart;
    await ok('imp_file');
    const { parsed, bytes } = await send('exp_file', { record: '1', field: 'consent_file' });
    expect([parsed.ok, parsed.fileName]).toEqual([true, file.name]);
    expect(bytes).toEqual(file.bytes);
  },
  async del_file() {
    const params = { record: '1', field: 'consent_file', returnFormat: 'json' };
    expect((await send('exp_file', params)).parsed.fileName).toBe('consent-1.txt');
    await ok('del_file');
    expect((await send('exp_file', params)).parsed.error).toBe(
      'There is no file to download for this record',
    );
  },
  async create_folder_file_repo() {
    const { parsed } = await ok('create_folder_file_repo');
    const [{ folder_id }] = JSON.parse(parsed.text!) as [{ folder_id: number }];
    expect(await read('exp_list_file_repo')).toContainEqual({
      folder_id,
      name: 'Signed consent forms',
    });
  },
  async imp_file_repo() {
    const before = await read('exp_list_file_repo');
    await ok('imp_file_repo');
    const after = await read('exp_list_file_repo');
    expect(
      after.filter(
        (e) =>
          !before.some((b) => b['doc_id'] === e['doc_id'] && b['folder_id'] === e['folder_id']),
      ),
    ).toEqual([{ doc_id: 301, name: 'study-protocol-v2.pdf' }]);
    const { bytes } = await send('exp_file_repo', { doc_id: '301' });
    expect(bytes).toEqual((example('imp_file_repo')['file'] as FilePart).bytes);
  },
  async del_file_repo() {
    expect(await read('exp_list_file_repo')).toContainEqual({
      doc_id: 57,
      name: 'study-protocol.txt',
    });
    await ok('del_file_repo');
    expect((await read('exp_list_file_repo')).map((e) => e['doc_id'])).not.toContain(57);
    expect((await send('exp_file_repo', { doc_id: '57', returnFormat: 'json' })).parsed.ok).toBe(
      false,
    );
  },
  async imp_metadata() {
    const sent = (JSON.parse(exampleData('imp_metadata')) as { field_name: string }[]).map(
      (f) => f.field_name,
    );
    expect((await read('exp_metadata')).map((f) => f['field_name'])).not.toEqual(sent);
    await ok('imp_metadata');
    expect((await read('exp_metadata')).map((f) => f['field_name'])).toEqual(sent);
  },
  async imp_proj() {
    const { parsed } = await ok('imp_proj');
    const token = parsed.text!;
    expect(token).toMatch(/^[0-9A-F]{32}$/);
    const info = await read<Record<string, unknown>>('exp_proj', {}, token);
    expect(info).toMatchObject({
      project_title: 'API Practice Project',
      purpose: 0,
      project_notes: 'Created with the API',
      surveys_enabled: 1,
      record_autonumbering_enabled: 1,
    });
  },
  async imp_proj_sett() {
    await ok('imp_proj_sett');
    expect(await read<Record<string, unknown>>('exp_proj')).toMatchObject({
      project_title: 'Classic Demo',
      project_irb_number: 'IRB-2024-0117',
      project_pi_firstname: 'Grace',
      project_pi_lastname: 'Hopper',
    });
  },
  async rename_record() {
    await ok('rename_record');
    const ids = await recordIds();
    expect([ids.has('24'), ids.has('124')]).toEqual([false, true]);
    const [row] = await read('exp_records', { records: ['124'], fields: ['first_name'] });
    expect(row!['first_name']).toBe('Mary');
  },
  async randomize() {
    const sex = async () =>
      (await read('exp_records', { records: ['24'], fields: ['sex'] }))[0]!['sex'];
    expect(await sex()).toBe('0');
    const { parsed } = await ok('randomize');
    expect(JSON.parse(parsed.text!)).toMatchObject({ record: '24', target_field: '1' });
    expect(await sex()).toBe('1');
  },
  async imp_records() {
    expect((await recordIds()).has('101')).toBe(false);
    await ok('imp_records');
    const [row] = await read('exp_records', { records: ['101'], fields: ['first_name'] });
    expect(row!['first_name']).toBe('Ada "Countess" Lovelace');
    // The second example: forceAutoNumber gives the CSV row a new id (25), not record 1.
    const { parsed } = await ok('imp_records', example('imp_records', 1));
    expect(JSON.parse(parsed.text!)).toEqual(['102,1']);
    const [made] = await read('exp_records', { records: ['102'], fields: ['last_name', 'dob'] });
    expect(made).toMatchObject({ last_name: 'Hopper', dob: '1906-12-09' });
  },
  async del_records() {
    await ok('del_records');
    const ids = await recordIds();
    expect([ids.size, ids.has('19'), ids.has('20')]).toEqual([22, false, false]);
  },
  async imp_repeating_forms_events() {
    // The example writes the setup the demo already has: change its label to see it land.
    const data = exampleData('imp_repeating_forms_events').replace(
      '"[visit_date]"',
      '"Visit on [visit_date]"',
    );
    await ok('imp_repeating_forms_events', { ...example('imp_repeating_forms_events'), data });
    expect(await read('exp_repeating_forms_events')).toEqual([
      { form_name: 'visit', custom_form_label: 'Visit on [visit_date]' },
    ]);
  },
  async imp_users() {
    await ok('imp_users');
    const bob = (await read('exp_users')).find((u) => u['username'] === 'bob');
    expect(bob).toMatchObject({
      email: 'bob@example.edu',
      lastname: 'Smith',
      expiration: '2025-12-31',
      forms: { demographics: 1, health: 1, visit: 2 },
      forms_export: { demographics: 2, health: 1, visit: 1 },
    });
  },
  async del_users() {
    await ok('del_users');
    expect((await read('exp_users')).map((u) => u['username'])).not.toContain('bob');
  },
  async imp_user_roles() {
    const before = await read('exp_user_roles');
    await ok('imp_user_roles');
    const after = await read('exp_user_roles');
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)).toMatchObject({ role_label: 'Data entry', api_export: '0' });
    expect(String(after.at(-1)!['unique_role_name'])).toMatch(/^U-[0-9A-Z]{10}$/);
  },
  async del_user_roles() {
    await ok('del_user_roles');
    expect((await read('exp_user_roles')).map((r) => r['unique_role_name'])).not.toContain(
      'U-2119C4Y87T',
    );
  },
  async imp_user_role_maps() {
    const maps = await read('exp_user_role_maps');
    expect(maps.find((m) => m['username'] === 'alice')!['unique_role_name']).toBe('');
    await ok('imp_user_role_maps');
    // alice now has the Export only role: exports work, imports are refused (§2.24).
    expect((await recordIds()).size).toBe(24);
    const { parsed } = await send('imp_records', example('imp_records'));
    expect([parsed.status, parsed.error]).toEqual([
      403,
      'You do not have API Import/Update privileges',
    ]);
  },
};

/** A write that must succeed; the catalog example unless given. */
async function ok(id: MethodId, params: ParamValues = example(id)): Promise<Sent> {
  const sent = await send(id, params);
  expect([id, sent.parsed.status, sent.parsed.error]).toEqual([id, 200, null]);
  return sent;
}

describe('destructive methods change the store as REDCap does (read back with exports)', () => {
  it('has a check for every destructive method of the catalog, and for nothing else', () => {
    const destructive = METHODS.filter((m) => m.destructive).map((m) => m.id);
    expect(Object.keys(WRITES).sort()).toEqual([...destructive].sort());
  });

  for (const [id, check] of Object.entries(WRITES)) {
    it(`${id} (${getMethod(id as MethodId).label})`, check);
  }
});
