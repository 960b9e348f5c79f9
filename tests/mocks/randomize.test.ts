import { describe, expect, it } from 'vitest';
import {
  ALICE_LONGITUDINAL_TOKEN,
  ALICE_TOKEN,
  BOB_TOKEN,
  DAVE_TOKEN,
  seedData,
} from '../../mocks/fixtures/index.ts';
import { createMockRedcap, type MockRedcap } from '../../mocks/redcap.ts';
import { withRights } from '../../mocks/store/rights.ts';

/**
 * Randomize Record (redcap-api.md §2.8): the classic demo's table 1 (target `sex`, six
 * allocations 0,1,1,0,0,1 with alternates R-001…R-006, records 1 and 2 already randomized);
 * error texts are the mock's (mocks/README.md).
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

const randomize = (redcap: MockRedcap, record: string, extra: Record<string, string> = {}) =>
  post(redcap, {
    token: ALICE_TOKEN,
    content: 'record',
    action: 'randomize',
    format: 'json',
    returnFormat: 'json',
    record,
    randomization_id: '1',
    ...extra,
  });

const err = (message: string) => ({ status: 400, text: JSON.stringify({ error: message }) });

describe('Randomize Record (§2.8)', () => {
  it('gives the next free allocation, writes the target field and logs it', async () => {
    const redcap = createMockRedcap();
    expect(await randomize(redcap, '24', { returnAlt: 'true' })).toEqual({
      status: 200,
      text: '{"randomization_id":1,"record":"24","target_field":"1","target_field_alt":"R-003"}',
    });
    expect(await randomize(redcap, '23')).toEqual({
      status: 200,
      text: '{"randomization_id":1,"record":"23","target_field":"0"}',
    });
    const rows = await post(redcap, {
      token: ALICE_TOKEN,
      content: 'record',
      format: 'json',
      'records[0]': '23',
      'fields[0]': 'record_id',
      'fields[1]': 'sex',
    });
    // The project has a repeating instrument, so the repeat columns come along (§3.3).
    expect(rows.text).toBe(
      '[{"record_id":"23","redcap_repeat_instrument":"","redcap_repeat_instance":"","sex":"0"}]',
    );
    const log = await post(redcap, { token: ALICE_TOKEN, content: 'log', format: 'json' });
    // Newest first: [0] is the export just above.
    expect(JSON.parse(log.text)[1]).toMatchObject({
      action: 'Randomize record (API) 23',
      details: "sex = '0'",
    });
    const csv = await randomize(redcap, '22', { format: 'csv' });
    expect(csv).toEqual({ status: 200, text: 'randomization_id,record,target_field\n1,22,0\n' });
  });

  it('refuses a randomized record, a missing record, an unknown table and an empty table', async () => {
    const redcap = createMockRedcap();
    expect(await randomize(redcap, '1')).toEqual(
      err('The record "1" has already been randomized (randomization_id 1).'),
    );
    expect(await randomize(redcap, '99')).toEqual(err('The record "99" does not exist.'));
    expect(await randomize(redcap, '3', { randomization_id: '2' })).toEqual(
      err('The randomization_id "2" is not valid.'),
    );
    expect(await randomize(redcap, '', {})).toEqual(err('The parameter "record" is missing.'));
    for (const record of ['3', '4', '5', '6']) {
      expect((await randomize(redcap, record)).status).toBe(200);
    }
    expect(await randomize(redcap, '7')).toEqual(
      err('The allocation table of randomization_id 1 has no free allocation left.'),
    );
  });

  it('needs API Import/Update and the Randomize right; DAG users see their records only', async () => {
    const redcap = createMockRedcap();
    expect(await randomize(redcap, '24', { token: BOB_TOKEN })).toEqual({
      status: 403,
      text: '{"error":"You do not have API Import/Update privileges"}',
    });
    // dave is in site_a (records 1–5).
    expect(await randomize(redcap, '24', { token: DAVE_TOKEN })).toEqual(
      err('The record "24" does not exist.'),
    );
    expect((await randomize(redcap, '3', { token: DAVE_TOKEN })).status).toBe(200);

    const data = seedData();
    const project = data.projects[0]!;
    project.users.push({
      ...project.users[0]!,
      username: 'norand',
      token: 'E0000000000000000000000000000009',
      rights: withRights(['demographics', 'health', 'visit'], { random_perform: 0 }),
    });
    const other = createMockRedcap({ seed: data });
    expect(await randomize(other, '24', { token: 'E0000000000000000000000000000009' })).toEqual({
      status: 403,
      text: '{"error":"You do not have Randomize privileges"}',
    });
  });

  it("answers the mock's 400 on the longitudinal demo", async () => {
    const redcap = createMockRedcap();
    const r = await randomize(redcap, '1', { token: ALICE_LONGITUDINAL_TOKEN });
    expect(r.status).toBe(400);
  });
});
