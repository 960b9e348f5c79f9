import { describe, expect, it } from 'vitest';
import { ALICE_LONGITUDINAL_TOKEN, ALICE_TOKEN, seedData } from '../../mocks/fixtures/index.ts';
import { createMockRedcap, requestBaseUrl, type MockRedcap } from '../../mocks/redcap.ts';
import { REPEAT_INSTANCE_MESSAGE } from '../../mocks/store/names.ts';
import { noRights } from '../../mocks/store/access.ts';
import { withRights } from '../../mocks/store/rights.ts';
import type { MockRedcapData, ProjectData } from '../../mocks/store/types.ts';

/**
 * Reports (§2.20) and surveys (§2.22) in setups the seed does not have: rights taken away,
 * Save & Return Later or the Survey Queue off, a repeating survey, a report whose field was
 * removed. Texts are the mock's (mocks/README.md).
 */

const FORMS = ['demographics', 'health', 'visit'];
const TOKEN_B = 'F00DF00DF00DF00DF00DF00DF00DF00D';

async function post(
  redcap: MockRedcap,
  fields: Record<string, string>,
  url = 'http://mock.test/api/',
) {
  const response = await redcap.handle({
    method: 'POST',
    url,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new TextEncoder().encode(
      new URLSearchParams({ returnFormat: 'json', ...fields }).toString(),
    ),
  });
  return { status: response.status, text: String(response.body) };
}

const err = (status: number, message: string) => ({
  status,
  text: JSON.stringify({ error: message }),
});

function seed(change: (classic: ProjectData) => void): MockRedcapData {
  const data = seedData();
  change(data.projects[0]!);
  return data;
}

describe('requestBaseUrl', () => {
  it('is the origin and the path before api/', () => {
    expect(requestBaseUrl('https://redcap.example.edu/redcap/api/')).toBe(
      'https://redcap.example.edu/redcap/',
    );
    expect(requestBaseUrl('http://127.0.0.1:8787/api/?x=1')).toBe('http://127.0.0.1:8787/');
    expect(requestBaseUrl('http://host/api')).toBe('http://host/');
    expect(requestBaseUrl('not a url')).toBe('');
  });
});

describe('survey methods off the seed (§2.22)', () => {
  it('need Manage Survey Participants (403)', async () => {
    const redcap = createMockRedcap({
      seed: seed((p) => {
        p.users.push({
          ...p.users[0]!,
          username: 'frank',
          token: TOKEN_B,
          rights: withRights(FORMS, { manage_survey_participants: 0 }),
        });
      }),
    });
    for (const content of [
      'surveyLink',
      'surveyAccessCode',
      'surveyReturnCode',
      'surveyQueueLink',
      'participantList',
    ]) {
      expect(
        await post(redcap, { token: TOKEN_B, content, record: '1', instrument: 'health' }),
      ).toEqual(
        err(
          403,
          'The API request cannot complete because currently you do not have "Manage Survey Participants" privileges, which are required for this operation.',
        ),
      );
    }
    // API Export comes first.
    const noExport = createMockRedcap({
      seed: seed((p) => {
        p.users.push({ ...p.users[0]!, username: 'gina', token: TOKEN_B, rights: noRights(FORMS) });
      }),
    });
    expect(
      await post(noExport, {
        token: TOKEN_B,
        content: 'surveyLink',
        record: '1',
        instrument: 'health',
      }),
    ).toEqual(err(403, 'You do not have API Export privileges'));
  });

  it('refuse a return code without Save & Return Later and a queue link without the queue', async () => {
    const redcap = createMockRedcap({
      seed: seed((p) => {
        p.surveys!.surveys[0]!.saveAndReturn = false;
        p.surveys!.queue = false;
      }),
    });
    const base = { token: ALICE_TOKEN, record: '1', instrument: 'health' };
    expect(await post(redcap, { ...base, content: 'surveyReturnCode' })).toEqual(
      err(400, "The 'Save & Return Later' feature has not been enabled for this survey"),
    );
    expect(await post(redcap, { ...base, content: 'surveyQueueLink' })).toEqual(
      err(
        400,
        'The Survey Queue has not been enabled in this project. You will need to enable the Survey Queue before using this method.',
      ),
    );
    // The link still works; the participant list has no queue links.
    expect((await post(redcap, { ...base, content: 'surveyLink' })).status).toBe(200);
    const list = await post(redcap, { ...base, content: 'participantList', format: 'json' });
    const rows = JSON.parse(list.text) as { survey_queue_link: string }[];
    expect(new Set(rows.map((r) => r.survey_queue_link))).toEqual(new Set(['']));
  });

  it("check that the record exists before the instrument is read (REDCap's order)", async () => {
    const redcap = createMockRedcap();
    for (const content of ['surveyLink', 'surveyAccessCode', 'surveyReturnCode']) {
      expect(await post(redcap, { token: ALICE_TOKEN, content, record: '999' })).toEqual(
        err(400, 'The record "999" does not exist'),
      );
    }
  });

  it('give a repeating survey one link per instance, up to the next new one', async () => {
    const redcap = createMockRedcap({
      seed: seed((p) => {
        p.surveys!.surveys.push({ form: 'visit', title: 'Visit', saveAndReturn: true });
      }),
    });
    // Record 4 has visit instances 1–3 (fixtures/classic-demo.ts).
    const link = (instance: string) =>
      post(redcap, {
        token: ALICE_TOKEN,
        content: 'surveyLink',
        record: '4',
        instrument: 'visit',
        repeat_instance: instance,
      });
    const links = await Promise.all(['1', '2', '3', '4'].map(link));
    expect(links.map((l) => l.status)).toEqual([200, 200, 200, 200]);
    expect(new Set(links.map((l) => l.text)).size).toBe(4);
    expect(await link('5')).toEqual(
      err(
        400,
        `The record '4' has no instance 5 of the repeating survey "visit" and it is not the next one.`,
      ),
    );
    // Not a whole number from 1 up: refused, never read as instance 1 (issue #18).
    expect(await link('x')).toEqual(err(400, REPEAT_INSTANCE_MESSAGE));
    expect(await link('0')).toEqual(err(400, REPEAT_INSTANCE_MESSAGE));
  });

  it('keep a response with its record through a rename, and drop it with the record', async () => {
    const redcap = createMockRedcap();
    const status = async (record: string) => {
      const list = await post(redcap, {
        token: ALICE_TOKEN,
        content: 'participantList',
        instrument: 'health',
        format: 'json',
      });
      const rows = JSON.parse(list.text) as { record: string; response_status: number }[];
      return rows.find((r) => r.record === record)?.response_status;
    };
    expect(await status('1')).toBe(2);
    const renamed = await post(redcap, {
      token: ALICE_TOKEN,
      content: 'record',
      action: 'rename',
      record: '1',
      new_record_name: '101',
    });
    expect(renamed.text).toBe('1');
    expect([await status('1'), await status('101')]).toEqual([undefined, 2]);
    await post(redcap, {
      token: ALICE_TOKEN,
      content: 'record',
      action: 'delete',
      'records[0]': '101',
    });
    expect(redcap.store.projects[0]!.surveys!.responses.map((r) => r.record)).toEqual([
      '2',
      '4',
      '5',
      '7',
    ]);
  });

  it('are the same on every call and differ by project address', async () => {
    const redcap = createMockRedcap();
    const fields = { token: ALICE_TOKEN, content: 'surveyLink', record: '3', instrument: 'health' };
    const a = await post(redcap, fields, 'https://a.example/redcap/api/');
    const b = await post(redcap, fields, 'http://b.example:8080/api/');
    expect(a.text).toMatch(/^https:\/\/a\.example\/redcap\/surveys\/\?s=[A-Z0-9]{10}$/);
    expect(b.text).toBe(a.text.replace('https://a.example/redcap/', 'http://b.example:8080/'));
  });
});

describe('Export Reports off the seed (§2.20)', () => {
  it('answers "No Access" export rights with the §1.8 403', async () => {
    const redcap = createMockRedcap({
      seed: seed((p) => {
        p.users.push({
          ...p.users[0]!,
          username: 'hank',
          token: TOKEN_B,
          rights: withRights(FORMS, { forms_export: { demographics: 0, health: 0, visit: 0 } }),
        });
      }),
    });
    const r = await post(redcap, { token: TOKEN_B, content: 'report', report_id: '1' });
    expect(r).toEqual(
      err(
        403,
        'The API request cannot complete because currently you have "No Access" data export rights. Higher level data export rights are required for this operation.',
      ),
    );
  });

  it("exports the report's own column order, the record id first", async () => {
    const redcap = createMockRedcap({
      seed: seed((p) => {
        p.reports![1]!.fields = ['symptoms', 'health_complete', 'sex', 'record_id'];
      }),
    });
    const r = await post(redcap, {
      token: ALICE_TOKEN,
      content: 'report',
      report_id: '2',
      format: 'csv',
    });
    expect(r.text.split('\n').slice(0, 2)).toEqual([
      'record_id,redcap_repeat_instrument,redcap_repeat_instance,symptoms___1,symptoms___2,symptoms___3,symptoms___4,health_complete,sex',
      '2,,,0,0,0,0,1,1',
    ]);
  });

  it('drops a field the dictionary no longer has', async () => {
    const redcap = createMockRedcap({
      seed: seed((p) => {
        p.metadata = p.metadata.filter((f) => f.field_name !== 'email');
      }),
    });
    const r = await post(redcap, {
      token: ALICE_TOKEN,
      content: 'report',
      report_id: '1',
      format: 'csv',
    });
    expect(r.text.split('\n')[0]).toBe(
      'record_id,redcap_repeat_instrument,redcap_repeat_instance,first_name,last_name,demographics_complete',
    );
  });
});

describe('participant list on a longitudinal project (§2.22, issue #17)', () => {
  // The longitudinal demo with `vitals` a survey: designated on events of both arms; records
  // 1–8 are in arm 1, 9–12 in arm 2 (fixtures/longitudinal-demo.ts).
  function longitudinalSurvey(): MockRedcap {
    const data = seedData();
    const project = data.projects.find((p) => p.slug === 'longitudinal-demo')!;
    project.info.surveys_enabled = 1;
    project.surveys = {
      surveys: [{ form: 'vitals', title: 'Vitals', saveAndReturn: false }],
      queue: false,
      emailField: '',
      responses: [],
    };
    return createMockRedcap({ seed: data });
  }
  const list = (redcap: MockRedcap, fields: Record<string, string>) =>
    post(redcap, {
      token: ALICE_LONGITUDINAL_TOKEN,
      content: 'participantList',
      instrument: 'vitals',
      format: 'json',
      ...fields,
    });
  const records = async (redcap: MockRedcap, event: string) => {
    const answer = await list(redcap, { event });
    expect(answer.status).toBe(200);
    return (JSON.parse(answer.text) as { record: string }[]).map((r) => r.record);
  };

  it("holds only the records of the event's arm", async () => {
    const redcap = longitudinalSurvey();
    const arm1 = ['1', '2', '3', '4', '5', '6', '7', '8'];
    const arm2 = ['9', '10', '11', '12'];
    expect(await records(redcap, 'baseline_arm_1')).toEqual(arm1);
    expect(await records(redcap, 'week_4_arm_1')).toEqual(arm1);
    expect(await records(redcap, 'baseline_arm_2')).toEqual(arm2);
    expect(await records(redcap, 'final_arm_2')).toEqual(arm2);
  });

  it("takes a record that moved to the other arm into that arm's list", async () => {
    const redcap = longitudinalSurvey();
    const imported = await post(redcap, {
      token: ALICE_LONGITUDINAL_TOKEN,
      content: 'record',
      format: 'json',
      data: JSON.stringify([{ record_id: '5', redcap_event_name: 'week_4_arm_2', weight: '60' }]),
    });
    expect(imported.status).toBe(200);
    expect(await records(redcap, 'baseline_arm_2')).toEqual(['5', '9', '10', '11', '12']);
    expect(await records(redcap, 'baseline_arm_1')).toContain('5');
  });

  it("needs an existing event, in REDCap's words", async () => {
    const redcap = longitudinalSurvey();
    expect(await list(redcap, {})).toEqual(err(400, "The parameter 'event' is missing"));
    expect(await list(redcap, { event: 'nope_arm_1' })).toEqual(err(400, 'Invalid event'));
    // REDCap's participant list does not ask that the form be designated on the event.
    expect(await records(redcap, 'follow_up_arm_1')).toHaveLength(8);
  });

  it("gives links only on an event the form is designated on, in REDCap's words", async () => {
    const redcap = longitudinalSurvey();
    const link = (fields: Record<string, string>) =>
      post(redcap, {
        token: ALICE_LONGITUDINAL_TOKEN,
        content: 'surveyLink',
        record: '1',
        instrument: 'vitals',
        ...fields,
      });
    expect(await link({})).toEqual(err(400, "The parameter 'event' is missing"));
    expect(await link({ event: 'nope_arm_1' })).toEqual(err(400, 'Invalid event'));
    expect(await link({ event: 'follow_up_arm_1' })).toEqual(
      err(400, 'The instrument "vitals" has not been designated for the event "follow_up_arm_1"'),
    );
    expect((await link({ event: 'week_4_arm_1' })).status).toBe(200);
  });
});
