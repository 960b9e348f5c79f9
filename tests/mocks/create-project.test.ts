import { describe, expect, it } from 'vitest';
import { ALICE_SUPER_TOKEN, ALICE_TOKEN, FIXTURE_TOKENS } from '../../mocks/fixtures/index.ts';
import { createMockRedcap, type MockRedcap } from '../../mocks/redcap.ts';

/** Create Project (redcap-api.md §2.19) with alice's super token (§1.5); the mock's texts are in mocks/README.md. */

async function post(redcap: MockRedcap, fields: Record<string, string>) {
  const response = await redcap.handle({
    method: 'POST',
    url: 'http://mock.test/api/',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new TextEncoder().encode(new URLSearchParams(fields).toString()),
  });
  return {
    status: response.status,
    contentType: response.headers['content-type'],
    text: String(response.body),
  };
}

const create = (redcap: MockRedcap, data: string, extra: Record<string, string> = {}) =>
  post(redcap, {
    token: ALICE_SUPER_TOKEN,
    content: 'project',
    format: 'json',
    returnFormat: 'json',
    data,
    ...extra,
  });

describe('Create Project (§2.19)', () => {
  it('answers a new 32-hex token as plain text; the token works at once', async () => {
    const redcap = createMockRedcap();
    const r = await create(redcap, '[{"project_title":"Brand new","purpose":"0"}]');
    expect(r.status).toBe(200);
    expect(r.contentType).toBe('application/json; charset=utf-8');
    expect(r.text).toMatch(/^[0-9A-F]{32}$/);
    expect(FIXTURE_TOKENS.map((t) => t.token)).not.toContain(r.text);

    const info = await post(redcap, { token: r.text, content: 'project', format: 'json' });
    expect(info.status).toBe(200);
    expect(JSON.parse(info.text)).toMatchObject({
      project_id: 16,
      project_title: 'Brand new',
      purpose: 0,
      purpose_other: '',
      in_production: 0,
      is_longitudinal: 0,
      record_autonumbering_enabled: 0,
    });
    // REDCap's empty template: one instrument holding record_id.
    const instruments = await post(redcap, {
      token: r.text,
      content: 'instrument',
      format: 'json',
    });
    expect(instruments.text).toBe(
      '[{"instrument_name":"my_first_instrument","instrument_label":"My First Instrument"}]',
    );
    const records = await post(redcap, { token: r.text, content: 'record', format: 'json' });
    expect(records.text).toBe('[]');
    // The super token's user owns it.
    const users = await post(redcap, { token: r.text, content: 'user', format: 'json' });
    expect(JSON.parse(users.text)).toMatchObject([{ username: 'alice', design: 1, api_import: 1 }]);
    // alice's project token and records are untouched; reset forgets the new project.
    const old = await post(redcap, { token: ALICE_TOKEN, content: 'project', format: 'json' });
    expect(JSON.parse(old.text)).toMatchObject({ project_id: 14 });
    expect(redcap.tokens().map((t) => t.token)).toContain(r.text);
    redcap.reset();
    expect((await post(redcap, { token: r.text, content: 'version' })).status).toBe(403);
  });

  it('takes one bare object, CSV, purpose_other and the optional flags', async () => {
    const redcap = createMockRedcap();
    const data = JSON.stringify({
      project_title: 'Study',
      purpose: 2,
      purpose_other: '1,3',
      project_notes: 'notes',
      is_longitudinal: 1,
      surveys_enabled: 1,
      record_autonumbering_enabled: 1,
    });
    const r = await create(redcap, data);
    expect(r.status).toBe(200);
    const info = await post(redcap, { token: r.text, content: 'project', format: 'json' });
    expect(JSON.parse(info.text)).toMatchObject({
      project_title: 'Study',
      purpose: 2,
      purpose_other: '1,3',
      project_notes: 'notes',
      is_longitudinal: 1,
      surveys_enabled: 1,
      record_autonumbering_enabled: 1,
    });
    const events = await post(redcap, { token: r.text, content: 'event', format: 'json' });
    expect(JSON.parse(events.text)).toMatchObject([
      { event_name: 'Event 1', arm_num: 1, unique_event_name: 'event_1_arm_1' },
    ]);
    const csv = await post(redcap, {
      token: ALICE_SUPER_TOKEN,
      content: 'project',
      format: 'csv',
      data: 'project_title,purpose,purpose_other\n"Other, kind",1,Teaching\n',
    });
    expect(csv.status).toBe(200);
    expect(csv.contentType).toBe('text/csv; charset=utf-8');
    const second = await post(redcap, { token: csv.text, content: 'project', format: 'json' });
    expect(JSON.parse(second.text)).toMatchObject({
      project_id: 17,
      project_title: 'Other, kind',
      purpose: 1,
      purpose_other: 'Teaching',
    });
  });

  it('validates the row and creates nothing on error', async () => {
    const redcap = createMockRedcap();
    const cases: [string, string][] = [
      ['{"purpose":"0"}', 'The \\"project_title\\" of the new project is missing.'],
      [
        '{"project_title":"","purpose":"0"}',
        'The \\"project_title\\" of the new project is missing.',
      ],
      ['{"project_title":"T"}', 'The value of \\"purpose\\" must be 0, 1, 2, 3 or 4'],
      ['{"project_title":"T","purpose":"5"}', 'The value of \\"purpose\\" must be 0, 1, 2, 3 or 4'],
      [
        '{"project_title":"T","purpose":"1"}',
        'The \\"purpose_other\\" is required when \\"purpose\\" is 1 (Other) or 2 (Research).',
      ],
      [
        '{"project_title":"T","purpose":"0","is_longitudinal":"2"}',
        'The value of \\"is_longitudinal\\" must be 0 or 1',
      ],
      [
        '[{"project_title":"A","purpose":"0"},{"project_title":"B","purpose":"0"}]',
        'The \\"data\\" of Create Project must hold exactly one project.',
      ],
      ['[]', 'The \\"data\\" of Create Project must hold exactly one project.'],
    ];
    for (const [data, message] of cases) {
      expect(await create(redcap, data)).toEqual({
        status: 400,
        contentType: 'application/json; charset=utf-8',
        text: `{"error":"${message}"}`,
      });
    }
    const odm = await create(redcap, '{"project_title":"T","purpose":"0"}', { odm: '<ODM/>' });
    expect(odm.status).toBe(400);
    expect(redcap.store.projects).toHaveLength(3);
  });

  it("refuses a project token with data: 403, the mock's text (§1.5, §2.19)", async () => {
    const redcap = createMockRedcap();
    const r = await post(redcap, {
      token: ALICE_TOKEN,
      content: 'project',
      format: 'json',
      returnFormat: 'json',
      data: '{"project_title":"T","purpose":"0"}',
    });
    expect(r).toEqual({
      status: 403,
      contentType: 'application/json; charset=utf-8',
      text: '{"error":"Create Project needs a super API token (64 characters); a project token cannot create projects."}',
    });
    expect(redcap.store.projects).toHaveLength(3);
    // Without data a project token still exports its project information (§2.19).
    const info = await post(redcap, { token: ALICE_TOKEN, content: 'project', format: 'json' });
    expect(info.status).toBe(200);
    // The super token without data is not Export Project Info: 403 (§1.5).
    const bare = await post(redcap, {
      token: ALICE_SUPER_TOKEN,
      content: 'project',
      format: 'json',
    });
    expect(bare.status).toBe(403);
  });
});
