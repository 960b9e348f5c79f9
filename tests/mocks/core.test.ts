import { describe, expect, it } from 'vitest';
import {
  ALICE_LONGITUDINAL_TOKEN,
  ALICE_PRODUCTION_TOKEN,
  ALICE_TOKEN,
  BOB_TOKEN,
  CAROL_TOKEN,
  DAVE_TOKEN,
  ERIN_TOKEN,
  seedData,
} from '../../mocks/fixtures/index.ts';
import { createMockRedcap, type MockRedcap } from '../../mocks/redcap.ts';
import { withRights } from '../../mocks/store/rights.ts';
import type { MockRedcapData, UserRights } from '../../mocks/store/types.ts';

/** The pipeline without msw: rights (§1.8, §2.1 notes), expiry (§1.5), log (§1.12, §2.18). */

const FORMS = ['demographics', 'health', 'visit'];
const TOKENS = {
  exportOnly: 'E0000000000000000000000000000001',
  noExport: 'E0000000000000000000000000000002',
  noDelete: 'E0000000000000000000000000000003',
  noAccess: 'E0000000000000000000000000000004',
  expired: 'E0000000000000000000000000000005',
  noRename: 'E0000000000000000000000000000006',
  noDesign: 'E0000000000000000000000000000007',
  noLogging: 'E0000000000000000000000000000008',
};

function seedWithUsers(): MockRedcapData {
  const data = seedData();
  const project = data.projects[0]!;
  const user = (username: string, token: string, rights: Partial<UserRights>, expiration = '') =>
    project.users.push({
      ...project.users[0]!,
      username,
      token,
      expiration,
      rights: withRights(FORMS, rights),
    });
  user('erin', TOKENS.exportOnly, { api_import: 0 });
  user('nick', TOKENS.noExport, { api_export: 0 });
  user('dora', TOKENS.noDelete, { record_delete: 0 });
  user('nora', TOKENS.noAccess, { forms_export: { demographics: 0, health: 0, visit: 0 } });
  user('ex', TOKENS.expired, {}, '2020-01-01');
  user('rene', TOKENS.noRename, { record_rename: 0 });
  user('desi', TOKENS.noDesign, { design: 0 });
  user('lola', TOKENS.noLogging, { logging: 0 });
  return data;
}

async function post(redcap: MockRedcap, fields: Record<string, string>) {
  const response = await redcap.handle({
    method: 'POST',
    url: 'http://mock.test/api/',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new TextEncoder().encode(new URLSearchParams(fields).toString()),
  });
  return { status: response.status, text: String(response.body) };
}

const json = (token: string, fields: Record<string, string>) => ({
  token,
  format: 'json',
  returnFormat: 'json',
  ...fields,
});

describe('rights checks (§1.8)', () => {
  const redcap = createMockRedcap({ seed: seedWithUsers() });

  it('lets an export-only user export but not import or delete', async () => {
    expect((await post(redcap, json(TOKENS.exportOnly, { content: 'instrument' }))).status).toBe(
      200,
    );
    const data = '[{"record_id":"1"}]';
    expect(await post(redcap, json(TOKENS.exportOnly, { content: 'record', data }))).toEqual({
      status: 403,
      text: '{"error":"You do not have API Import/Update privileges"}',
    });
    const del = { content: 'record', action: 'delete', 'records[0]': '1' };
    expect(await post(redcap, json(TOKENS.exportOnly, del))).toEqual({
      status: 403,
      text: '{"error":"You do not have API Import/Update privileges"}',
    });
  });

  it('refuses exports without API Export, but still tells the version', async () => {
    for (const content of ['record', 'metadata', 'exportFieldNames', 'instrument', 'project']) {
      expect(await post(redcap, json(TOKENS.noExport, { content }))).toEqual({
        status: 403,
        text: '{"error":"You do not have API Export privileges"}',
      });
    }
    expect(await post(redcap, json(TOKENS.noExport, { content: 'version' }))).toEqual({
      status: 200,
      text: '14.5.10',
    });
  });

  it('refuses deletes without the Delete Record right', async () => {
    const del = { content: 'record', action: 'delete', 'records[0]': '1' };
    expect(await post(redcap, json(TOKENS.noDelete, del))).toEqual({
      status: 403,
      text: '{"error":"You do not have Delete Record privileges"}',
    });
  });

  it('refuses record exports when every form is "No Access" for export', async () => {
    expect(await post(redcap, json(TOKENS.noAccess, { content: 'record' }))).toEqual({
      status: 403,
      text: '{"error":"The API request cannot complete because currently you have \\"No Access\\" data export rights. Higher level data export rights are required for this operation."}',
    });
    expect((await post(redcap, json(TOKENS.noAccess, { content: 'metadata' }))).status).toBe(200);
  });

  it('refuses Rename Record without the Rename Record right (§1.8)', async () => {
    const rename = { content: 'record', action: 'rename', record: '1', new_record_name: '1a' };
    expect(await post(redcap, json(TOKENS.noRename, rename))).toEqual({
      status: 403,
      text: '{"error":"You do not have Rename Record privileges"}',
    });
  });

  it('refuses structure imports without Project Design, Export Logging without Logging', async () => {
    const design = '{"error":"You do not have Project Design and Setup privileges"}';
    for (const content of ['metadata', 'project_settings']) {
      const r = await post(redcap, json(TOKENS.noDesign, { content, data: '[{"a":"b"}]' }));
      expect(r).toEqual({ status: 403, text: design });
    }
    expect(await post(redcap, json(TOKENS.noLogging, { content: 'log' }))).toEqual({
      status: 403,
      text: '{"error":"You do not have Logging privileges"}',
    });
  });

  it('refuses file exports and PDFs when every form is "No Access" for export', async () => {
    const calls: Record<string, string>[] = [
      { content: 'file', action: 'export', record: '1', field: 'consent_file' },
      { content: 'pdf' },
    ];
    for (const fields of calls) {
      expect((await post(redcap, json(TOKENS.noAccess, fields))).status).toBe(403);
    }
  });

  it('refuses file deletes without the Delete Record right (§2.1 notes)', async () => {
    const del = { content: 'file', action: 'delete', record: '1', field: 'consent_file' };
    expect(await post(redcap, json(TOKENS.noDelete, del))).toEqual({
      status: 403,
      text: '{"error":"You do not have Delete Record privileges"}',
    });
  });

  it('tells an expired user since when (§1.5)', async () => {
    expect(await post(redcap, json(TOKENS.expired, { content: 'version' }))).toEqual({
      status: 403,
      text: '{"error":"You do not have API rights because your privileges have expired for this project as of 2020-01-01."}',
    });
  });
});

describe('tokens (§1.5)', () => {
  const redcap = createMockRedcap();

  it('accepts a known token in lower case', async () => {
    const r = await post(redcap, { token: ALICE_TOKEN.toLowerCase(), content: 'version' });
    expect(r).toEqual({ status: 200, text: '14.5.10' });
  });

  it('lists every project token of the data', () => {
    expect(redcap.tokens()).toEqual([
      {
        project: 'classic-demo',
        title: 'Classic demo (mock)',
        username: 'alice',
        token: ALICE_TOKEN,
      },
      ...(
        [
          ['bob', BOB_TOKEN],
          ['carol', CAROL_TOKEN],
          ['dave', DAVE_TOKEN],
          ['erin', ERIN_TOKEN],
        ] as const
      ).map(([username, token]) => ({
        project: 'classic-demo',
        title: 'Classic demo (mock)',
        username,
        token,
      })),
      {
        project: 'longitudinal-demo',
        title: 'Longitudinal demo (mock)',
        username: 'alice',
        token: ALICE_LONGITUDINAL_TOKEN,
      },
      {
        project: 'production-demo',
        title: 'Production demo (mock)',
        username: 'alice',
        token: ALICE_PRODUCTION_TOKEN,
      },
    ]);
  });
});

describe('the project log (§2.18)', () => {
  const now = new Date(2026, 0, 2, 3, 4, 5);
  const redcap = createMockRedcap({ now: () => now });
  const log = () => redcap.store.projects[0]!.log;

  it('logs a successful call in REDCap words, with (API)', async () => {
    await post(redcap, json(ALICE_TOKEN, { content: 'instrument' }));
    expect(log().at(-1)).toEqual({
      timestamp: '2026-01-02 03:04:05',
      username: 'alice',
      action: 'Manage/Design ',
      details: 'Export instruments (API)',
      record: '',
    });
  });

  it('marks Playground calls (API Playground)', async () => {
    await post(redcap, json(ALICE_TOKEN, { content: 'project', playground: '1' }));
    expect(log().at(-1)?.details).toBe('Export project information (API Playground)');
  });

  it('logs created and updated records, and not failed calls', async () => {
    const before = log().length;
    await post(redcap, json(ALICE_TOKEN, { content: 'record', data: '[{"record_id":"x"}]' }));
    await post(redcap, json(ALICE_TOKEN, { content: 'record', data: '[{"record_id":"1+"}]' }));
    await post(
      redcap,
      json(ALICE_TOKEN, { content: 'record', data: '[{"record_id":"x","age":"3"}]' }),
    );
    expect(
      log()
        .slice(before)
        .map((r) => [r.action, r.details, r.record]),
    ).toEqual([
      ['Create record (API) x', "record_id = 'x', demographics_complete = '0'", 'x'],
      ['Update record (API) x', "age = '3'", 'x'],
    ]);
  });

  it('forgets everything on reset', async () => {
    await post(redcap, json(ALICE_TOKEN, { content: 'record', data: '[{"record_id":"y"}]' }));
    redcap.reset();
    expect(log()).toEqual(seedData().projects[0]!.log);
    expect(redcap.store.projects[0]!.records.map((r) => r.id)).toHaveLength(24);
  });
});

describe('Import Metadata on the whole project (§2.9)', () => {
  const dictionary =
    '[{"field_name":"record_id","form_name":"demographics","field_type":"text","field_label":"ID"}]';

  it('is refused in production status', async () => {
    const seed = seedData();
    seed.projects[0]!.info.in_production = 1;
    const redcap = createMockRedcap({ seed });
    expect(
      await post(redcap, json(ALICE_TOKEN, { content: 'metadata', data: dictionary })),
    ).toEqual({
      status: 400,
      text: '{"error":"The data dictionary can only be imported while the project is in Development status"}',
    });
  });

  it('drops the repeating setup of a form that is gone, and the repeat columns with it', async () => {
    const redcap = createMockRedcap();
    const r = await post(redcap, json(ALICE_TOKEN, { content: 'metadata', data: dictionary }));
    expect(r).toEqual({ status: 200, text: '1' });
    expect(redcap.store.projects[0]!.info.has_repeating_instruments_or_events).toBe(0);
    const rows = await post(redcap, json(ALICE_TOKEN, { content: 'record', 'records[0]': '1' }));
    expect(rows.text).toBe('[{"record_id":"1","demographics_complete":"2"}]');
    expect(await post(redcap, json(ALICE_TOKEN, { content: 'repeatingFormsEvents' }))).toEqual({
      status: 200,
      text: '[]',
    });
  });
});
