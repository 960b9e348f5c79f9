import { describe, expect, it } from 'vitest';
import { ALICE_LONGITUDINAL_TOKEN, ALICE_TOKEN, DAVE_TOKEN } from '../../mocks/fixtures/index.ts';
import { createMockRedcap } from '../../mocks/redcap.ts';
import { sendPairs, type Pairs } from './redcap-error.ts';

/**
 * `redcap_data_access_group` on import and export (§2.3, §2.4, §3.3), and Export Records'
 * survey columns (§2.3 exportSurveyFields), as a client sees them. Records 1–5 are in site_a,
 * 6 in site_b; dave is a site_a user. The health survey has responses for records 1
 * (completed), 2 (started, not completed), 4, 5 and 7.
 */
type Row = Record<string, string>;
const DAG_HEAD =
  'record_id,redcap_repeat_instrument,redcap_repeat_instance,redcap_data_access_group';

async function importAs(token: string, rows: Row[], extra: Pairs = []) {
  const redcap = createMockRedcap();
  const answer = await sendPairs(redcap, [
    ['token', token],
    ['content', 'record'],
    ['format', 'json'],
    ['data', JSON.stringify(rows)],
    ...extra,
  ]);
  const groups = await sendPairs(redcap, [
    ['token', ALICE_TOKEN],
    ['content', 'record'],
    ['format', 'csv'],
    ['fields', 'record_id'],
    ['records', '1,6,25,30'],
    ['exportDataAccessGroups', 'true'],
  ]);
  return [answer.status, answer.text, groups.text];
}

describe('Import Records: redcap_data_access_group', () => {
  it.each<[string, string, Row[], Pairs, number, string, string]>([
    [
      "a DAG user cannot write another group's records (each named once)",
      DAVE_TOKEN,
      [
        { record_id: '6', first_name: 'x' },
        { record_id: '1', first_name: 'y' },
        { record_id: '6', last_name: 'x' },
      ],
      [],
      400,
      JSON.stringify({
        error:
          'You cannot modify the following records because they belong to another Data Access Group: 6',
      }),
      '1,,,site_a\n6,,,site_b\n',
    ],
    [
      "a DAG user's new record goes into their group, whatever the column says",
      DAVE_TOKEN,
      [{ record_id: '30', first_name: 'x', redcap_data_access_group: 'site_b' }],
      [],
      200,
      '{"count": 1}',
      '1,,,site_a\n6,,,site_b\n30,,,site_a\n',
    ],
    [
      'a DAG user with forceAutoNumber makes a new record of any name',
      DAVE_TOKEN,
      [{ record_id: '6', first_name: 'x' }],
      [['forceAutoNumber', 'true']],
      200,
      '{"count": 1}',
      '1,,,site_a\n6,,,site_b\n25,,,site_a\n',
    ],
    [
      'unknown groups, each once',
      ALICE_TOKEN,
      [
        { record_id: '1', redcap_data_access_group: 'nope' },
        { record_id: '6', redcap_data_access_group: 'nope' },
        { record_id: '7', redcap_data_access_group: 'nah' },
      ],
      [],
      400,
      JSON.stringify({
        error: 'The following values of redcap_data_access_group are invalid: nope, nah',
      }),
      '1,,,site_a\n6,,,site_b\n',
    ],
    [
      'a group moves a record; a blank one does not',
      ALICE_TOKEN,
      [
        { record_id: '1', redcap_data_access_group: 'site_b' },
        { record_id: '6', redcap_data_access_group: '' },
      ],
      [],
      200,
      '{"count": 2}',
      '1,,,site_b\n6,,,site_b\n',
    ],
    [
      'with overwrite a blank one takes the record out of its group',
      ALICE_TOKEN,
      [
        { record_id: '1', redcap_data_access_group: ' site_b ' },
        { record_id: '6', redcap_data_access_group: '' },
      ],
      [['overwriteBehavior', 'overwrite']],
      200,
      '{"count": 2}',
      '1,,,site_b\n6,,,\n',
    ],
    [
      'a renamed new record gets the group',
      ALICE_TOKEN,
      [{ record_id: 'a', first_name: 'q', redcap_data_access_group: 'site_b' }],
      [['forceAutoNumber', 'true']],
      200,
      '{"count": 1}',
      '1,,,site_a\n6,,,site_b\n25,,,site_b\n',
    ],
    [
      'no column, no group',
      ALICE_TOKEN,
      [{ record_id: '30', first_name: 'q' }],
      [],
      200,
      '{"count": 1}',
      '1,,,site_a\n6,,,site_b\n30,,,\n',
    ],
  ])('%s', async (_, token, rows, extra, status, body, groups) => {
    expect(await importAs(token, rows, extra)).toEqual([status, body, `${DAG_HEAD}\n${groups}`]);
  });
});

describe('Export Records: DAG and survey columns', () => {
  it.each<[string, string, Pairs, string]>([
    [
      'DAG then survey identifier after the repeat columns, the timestamp before the first health column',
      ALICE_TOKEN,
      [
        ['records', '1,2,3,6'],
        ['fields', 'record_id,first_name,height,health_complete'],
        ['exportSurveyFields', 'true'],
        ['exportDataAccessGroups', 'true'],
      ],
      `${DAG_HEAD},redcap_survey_identifier,first_name,health_timestamp,height,health_complete\n1,,,site_a,,Ada,"2024-01-15 09:42:10",165,2\n2,,,site_a,,Alan,"[not completed]",180,1\n3,,,site_a,,Grace,,160.5,0\n6,,,site_b,,Barbara,,,0\n`,
    ],
    [
      'survey columns without the id, label headers, blank on repeat rows',
      ALICE_TOKEN,
      [
        ['records', '1,2'],
        ['fields', 'height,visit_date'],
        ['exportSurveyFields', 'true'],
        ['rawOrLabelHeaders', 'label'],
      ],
      '"Survey Identifier","Survey Timestamp","Height (cm)","Visit date"\n,"2024-01-15 09:42:10",165,\n,,,2024-01-15\n,,,2024-04-15\n,"[not completed]",180,\n,,,2024-01-16\n,,,2024-04-20\n',
    ],
    [
      'a status alone brings its timestamp',
      ALICE_TOKEN,
      [
        ['records', '1'],
        ['fields', 'record_id,health_complete'],
        ['exportSurveyFields', 'true'],
      ],
      'record_id,redcap_repeat_instrument,redcap_repeat_instance,redcap_survey_identifier,health_timestamp,health_complete\n1,,,,"2024-01-15 09:42:10",2\n',
    ],
    [
      'no survey form exported: the identifier only',
      ALICE_TOKEN,
      [
        ['records', '1'],
        ['fields', 'record_id,first_name'],
        ['exportSurveyFields', 'true'],
      ],
      'record_id,redcap_repeat_instrument,redcap_repeat_instance,redcap_survey_identifier,first_name\n1,,,,Ada\n',
    ],
    [
      'DAG labels and label headers',
      ALICE_TOKEN,
      [
        ['records', '1,6'],
        ['fields', 'record_id,first_name'],
        ['exportDataAccessGroups', 'true'],
        ['rawOrLabel', 'label'],
        ['rawOrLabelHeaders', 'label'],
      ],
      '"Record ID","Repeat Instrument","Repeat Instance","Data Access Group","First name"\n1,,,"Site A",Ada\n6,,,"Site B",Barbara\n',
    ],
    [
      'a DAG user gets no DAG column, and only their records',
      DAVE_TOKEN,
      [
        ['records', '1,6'],
        ['fields', 'record_id,first_name'],
        ['exportDataAccessGroups', 'true'],
      ],
      'record_id,redcap_repeat_instrument,redcap_repeat_instance,first_name\n1,,,Ada\n',
    ],
    [
      'EAV has neither',
      ALICE_TOKEN,
      [
        ['records', '1'],
        ['fields', 'record_id,first_name'],
        ['type', 'eav'],
        ['exportDataAccessGroups', 'true'],
        ['exportSurveyFields', 'true'],
      ],
      'record,redcap_repeat_instrument,redcap_repeat_instance,field_name,value\n1,,,record_id,1\n1,,,first_name,Ada\n',
    ],
    [
      'longitudinal: no survey columns, and no DAG column without groups',
      ALICE_LONGITUDINAL_TOKEN,
      [
        ['records', '1'],
        ['fields', 'record_id,age'],
        ['exportSurveyFields', 'true'],
        ['exportDataAccessGroups', 'true'],
      ],
      'record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,age\n1,baseline_arm_1,,,34\n1,week_4_arm_1,,,\n1,unscheduled_arm_1,,1,\n1,unscheduled_arm_1,,2,\n1,follow_up_arm_1,,,\n',
    ],
  ])('%s', async (_, token, extra, body) => {
    const answer = await sendPairs(createMockRedcap(), [
      ['token', token],
      ['content', 'record'],
      ['format', 'csv'],
      ...extra,
    ]);
    expect([answer.status, answer.text]).toEqual([200, body]);
  });
});
