import { describe, expect, it } from 'vitest';
import { ALICE_LONGITUDINAL_TOKEN, seedData } from '../../mocks/fixtures/index.ts';
import { createMockRedcap, type MockRedcap } from '../../mocks/redcap.ts';
import type { MockRedcapData, ProjectData } from '../../mocks/store/types.ts';
import { jsonError, lastLog, mockWith, post, XML_HEAD } from './routes-other-support.ts';

/**
 * Survey links, codes and the participant list (§2.22, mocks/routes/surveys.ts) as a client
 * sees them: the exact values (REDCap keeps a participant's link and codes, so the mock gives
 * the same ones on every call), every refusal, the e-mail column. Found by mutation testing (#19).
 */

// The classic demo's `health` survey, record 1, at http://mock.test/ (stable, see above).
const LINK_1 = 'http://mock.test/surveys/?s=JEO6ASTNN3';
const ACCESS_1 = '4V9YFAD4O';
const RETURN_1 = 'KX22EJMB';
const QUEUE_1 = 'http://mock.test/surveys/?sq=5O0ZK11239';

const classic = (edit: (p: ProjectData) => void) => mockWith((seed) => edit(seed.projects[0]!));

const ask = (redcap: MockRedcap, fields: Record<string, string>) =>
  post(redcap, { instrument: 'health', record: '1', ...fields });

describe('survey link and codes (§2.22)', () => {
  it.each([
    ['surveyLink', LINK_1, 'Export survey link (API)'],
    ['surveyAccessCode', ACCESS_1, 'Export survey access code (API)'],
    ['surveyReturnCode', RETURN_1, 'Export survey return code (API)'],
    ['surveyQueueLink', QUEUE_1, 'Export survey queue link (API)'],
  ])('%s of record 1 is %s, logged on the record', async (content, value, details) => {
    const redcap = mockWith();
    expect(await ask(redcap, { content })).toMatchObject({ status: 200, text: value });
    expect(await lastLog(redcap)).toEqual({
      username: 'alice',
      action: 'Manage/Design ',
      details,
      record: '1',
    });
    // The same again, and with the parameters padded.
    expect(await ask(redcap, { content, record: ' 1 ', instrument: ' health ' })).toMatchObject({
      status: 200,
      text: value,
    });
  });

  it('differ by record, and ignore repeat_instance on a survey that does not repeat', async () => {
    const redcap = mockWith();
    const link2 = await ask(redcap, { content: 'surveyLink', record: '2' });
    expect(link2.text).toMatch(/^http:\/\/mock\.test\/surveys\/\?s=[A-Z0-9]{10}$/);
    expect(link2.text).not.toBe(LINK_1);
    expect(await ask(redcap, { content: 'surveyLink', repeat_instance: '7' })).toMatchObject({
      status: 200,
      text: LINK_1,
    });
    const code2 = await ask(redcap, { content: 'surveyReturnCode', record: '2' });
    expect(code2.text).toMatch(/^[A-Z0-9]{8}$/);
    expect(code2.text).not.toBe(RETURN_1);
  });

  it.each([
    [{ record: '' }, "The parameter 'record' is missing"],
    [{ record: '  ' }, "The parameter 'record' is missing"],
    [{ instrument: '' }, "The parameter 'instrument' is missing"],
    [{ instrument: 'nope' }, 'Invalid instrument'],
    [
      { instrument: 'demographics' },
      "The instrument 'demographics' has not been enabled as a survey",
    ],
  ])('surveyLink with %j → %s', async (fields, message) => {
    expect(await ask(mockWith(), { content: 'surveyLink', ...fields })).toMatchObject({
      status: 400,
      text: jsonError(message),
    });
  });

  it('words the return code refusal with double quotes', async () => {
    expect(
      await ask(mockWith(), { content: 'surveyReturnCode', instrument: 'demographics' }),
    ).toMatchObject({
      status: 400,
      text: jsonError('The instrument "demographics" has not been enabled as a survey'),
    });
  });

  it.each([
    'surveyLink',
    'surveyAccessCode',
    'surveyReturnCode',
    'surveyQueueLink',
    'participantList',
  ])('%s refuses a project with surveys off', async (content) => {
    const redcap = classic((p) => {
      p.info.surveys_enabled = 0;
    });
    expect(await ask(redcap, { content })).toMatchObject({
      status: 400,
      text: jsonError('Surveys are not enabled in this project.'),
    });
  });

  it('a project with surveys on but no survey settings has no survey and no queue', async () => {
    const redcap = classic((p) => {
      delete p.surveys;
    });
    expect(await ask(redcap, { content: 'surveyLink' })).toMatchObject({
      status: 400,
      text: jsonError("The instrument 'health' has not been enabled as a survey"),
    });
    expect(await ask(redcap, { content: 'surveyQueueLink' })).toMatchObject({
      status: 400,
      text: jsonError(
        'The Survey Queue has not been enabled in this project. You will need to enable the Survey Queue before using this method.',
      ),
    });
  });

  it('the queue link needs the record, and only the record', async () => {
    const redcap = mockWith();
    expect(await post(redcap, { content: 'surveyQueueLink' })).toMatchObject({
      status: 400,
      text: jsonError("The parameter 'record' is missing"),
    });
    expect(
      await post(redcap, { content: 'surveyQueueLink', record: '1', instrument: 'nope' }),
    ).toMatchObject({ status: 200, text: QUEUE_1 });
    expect(await post(redcap, { content: 'surveyQueueLink', record: '999' })).toMatchObject({
      status: 400,
      text: jsonError('The record "999" does not exist'),
    });
  });
});

describe('participant list (§2.22)', () => {
  const HEAD =
    'email,email_occurrence,identifier,record,invitation_sent_status,invitation_send_time,response_status,survey_access_code,survey_link,survey_queue_link';

  const list = async (redcap: MockRedcap, fields: Record<string, string> = {}) => {
    const r = await post(redcap, {
      content: 'participantList',
      instrument: 'health',
      format: 'csv',
      ...fields,
    });
    expect(r.status).toBe(200);
    return r.text.split('\n');
  };

  it('gives every record with its e-mail, response status, codes and links', async () => {
    const redcap = mockWith();
    expect((await list(redcap)).slice(0, 5)).toEqual([
      HEAD,
      `ada@example.org,1,,1,0,,2,${ACCESS_1},${LINK_1},${QUEUE_1}`,
      'alan@example.org,1,,2,0,,1,O5037UWR4,http://mock.test/surveys/?s=BF4PV9SZSF,http://mock.test/surveys/?sq=FMQYNE4UBN',
      'grace@example.com,1,,3,0,,0,V95FD48GH,http://mock.test/surveys/?s=ELCMLTB5WC,http://mock.test/surveys/?sq=507HALOD1Y',
      ',1,,4,0,,2,VUETT8F80,http://mock.test/surveys/?s=HTBYPQN2ZG,http://mock.test/surveys/?sq=07DJR2F7F5',
    ]);
    expect(await lastLog(redcap)).toEqual({
      username: 'alice',
      action: 'Manage/Design ',
      details: 'Export survey participant list (API)',
      record: '',
    });
  });

  it('gives the same codes and links as the single-participant methods', async () => {
    const redcap = mockWith();
    const rows = (await list(redcap)).slice(1, -1).map((line) => line.split(','));
    for (const record of ['2', '9', '24']) {
      const row = rows.find((r) => r[3] === record)!;
      expect((await ask(redcap, { content: 'surveyAccessCode', record })).text).toBe(row[7]);
      expect((await ask(redcap, { content: 'surveyLink', record })).text).toBe(row[8]);
      expect((await ask(redcap, { content: 'surveyQueueLink', record })).text).toBe(row[9]);
    }
  });

  it('counts each e-mail address: 1, 2, 3 … (blank e-mails stay 1)', async () => {
    const redcap = classic((p) => {
      const email = (id: string, value: string) => {
        p.records.find((r) => r.id === id)!.slots[0]!.values['email'] = value;
      };
      email('2', 'ada@example.org');
      email('3', 'ada@example.org');
      email('5', '');
      email('6', '');
    });
    const rows = (await list(redcap))
      .slice(1, 8)
      .map((line) => line.split(',').slice(0, 4).join(','));
    expect(rows).toEqual([
      'ada@example.org,1,,1',
      'ada@example.org,2,,2',
      'ada@example.org,3,,3',
      ',1,,4',
      ',1,,5',
      ',1,,6',
      'don@example.com,1,,7',
    ]);
  });

  it('takes the response of this survey and record only', async () => {
    const redcap = classic((p) => {
      p.surveys!.responses.push({ form: 'visit', record: '3', completed: '2024-01-01 00:00:00' });
      p.surveys!.responses.push({ form: 'health', record: '6', completed: '' });
    });
    const status = (await list(redcap))
      .slice(1, 8)
      .map((line) => `${line.split(',')[3]}:${line.split(',')[6]}`);
    expect(status).toEqual(['1:2', '2:1', '3:0', '4:2', '5:2', '6:1', '7:2']);
  });

  it('leaves e-mails blank without a participant e-mail field', async () => {
    const redcap = classic((p) => {
      p.surveys!.emailField = '';
    });
    const emails = (await list(redcap)).slice(1, -1).map((line) => line.split(',')[0]);
    expect(new Set(emails)).toEqual(new Set(['']));
    expect(emails).toHaveLength(24);
  });

  it('gives XML for format=odm, JSON numbers as text', async () => {
    const redcap = mockWith();
    const xml = await post(redcap, {
      content: 'participantList',
      instrument: 'health',
      format: 'odm',
    });
    expect(xml.status).toBe(200);
    expect(xml.type).toMatch(/^text\/xml/);
    expect(
      xml.text.startsWith(
        `${XML_HEAD}\n<records>\n<item><email><![CDATA[ada@example.org]]></email><email_occurrence><![CDATA[1]]></email_occurrence><identifier></identifier><record><![CDATA[1]]></record>`,
      ),
    ).toBe(true);
    const json = await post(redcap, {
      content: 'participantList',
      instrument: 'health',
      format: 'json',
    });
    expect((JSON.parse(json.text) as Record<string, unknown>[])[1]).toEqual({
      email: 'alan@example.org',
      email_occurrence: 1,
      identifier: '',
      record: '2',
      invitation_sent_status: 0,
      invitation_send_time: '',
      response_status: 1,
      survey_access_code: 'O5037UWR4',
      survey_link: 'http://mock.test/surveys/?s=BF4PV9SZSF',
      survey_queue_link: 'http://mock.test/surveys/?sq=FMQYNE4UBN',
    });
  });
});

describe('participant e-mails on a longitudinal project (§2.22)', () => {
  // `vitals` a survey with `weight` as the e-mail field: the first non-blank value on the
  // events of the list's arm.
  function longitudinal(edit?: (p: ProjectData) => void): MockRedcap {
    const data: MockRedcapData = seedData();
    const project = data.projects.find((p) => p.slug === 'longitudinal-demo')!;
    project.info.surveys_enabled = 1;
    project.surveys = {
      surveys: [{ form: 'vitals', title: 'Vitals', saveAndReturn: false }],
      queue: false,
      emailField: 'weight',
      responses: [],
    };
    edit?.(project);
    return createMockRedcap({ seed: data });
  }
  const emails = async (redcap: MockRedcap, event: string) => {
    const r = await post(redcap, {
      token: ALICE_LONGITUDINAL_TOKEN,
      content: 'participantList',
      instrument: 'vitals',
      event,
    });
    expect(r.status).toBe(200);
    return (JSON.parse(r.text) as { record: string; email: string }[]).map(
      (x) => `${x.record}:${x.email}`,
    );
  };

  it("takes the first non-blank value on the arm's events", async () => {
    const redcap = longitudinal((p) => {
      const one = p.records.find((r) => r.id === '1')!;
      // No weight on baseline at all, and record 9 none in its arm.
      delete one.slots.find((s) => s.event === 'baseline_arm_1')!.values['weight'];
      for (const slot of p.records.find((r) => r.id === '9')!.slots) slot.values['weight'] = '';
    });
    expect((await emails(redcap, 'baseline_arm_1')).slice(0, 2)).toEqual(['1:69.8', '2:82']);
    expect((await emails(redcap, ' baseline_arm_2 ')).slice(0, 2)).toEqual(['9:', '10:64.3']);
  });

  it("reads a record's e-mail only on the events of the list's arm", async () => {
    const redcap = longitudinal();
    const moved = await post(redcap, {
      token: ALICE_LONGITUDINAL_TOKEN,
      content: 'record',
      data: JSON.stringify([{ record_id: '2', redcap_event_name: 'week_4_arm_2', weight: '60' }]),
    });
    expect(moved.status).toBe(200);
    expect((await emails(redcap, 'final_arm_2')).slice(0, 2)).toEqual(['2:60', '9:72']);
    expect((await emails(redcap, 'baseline_arm_1'))[1]).toBe('2:82');
  });
});
