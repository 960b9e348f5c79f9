import { describe, expect, it } from 'vitest';
import { ALICE_LONGITUDINAL_TOKEN, ALICE_TOKEN } from '../../mocks/fixtures/index.ts';
import { createMockRedcap } from '../../mocks/redcap.ts';
import { sendPairs, type Pairs } from './redcap-error.ts';

/**
 * Export Records (§2.3) as CSV, one option at a time: labels, checkbox labels, gray statuses,
 * the decimal character, label headers, `fields`/`forms`/`events` and their refusals, EAV.
 * Record 1 of the classic demo: Ada, sex 0, symptoms 1 and 2, height 165, weight 58.5, visit
 * instances 1 and 2; record 6 has health Incomplete and no visits.
 */
const HEAD = 'record_id,redcap_repeat_instrument,redcap_repeat_instance';

describe('Export Records, classic, CSV', () => {
  it.each<[string, Pairs, number, string]>([
    [
      'labels, checkboxes Checked/Unchecked, a slider raw',
      [
        ['records', '1'],
        ['fields', 'record_id,sex,symptoms,health_complete,height,consent_file,pain'],
        ['rawOrLabel', 'label'],
      ],
      200,
      `${HEAD},sex,height,symptoms___1,symptoms___2,symptoms___3,symptoms___4,pain,health_complete,consent_file\n1,,,Female,165,Checked,Checked,Unchecked,Unchecked,20,Complete,\n1,Visit,1,,,,,,,,,consent-1.txt\n`,
    ],
    [
      'checkbox labels',
      [
        ['records', '1'],
        ['fields', 'record_id,sex,symptoms,health_complete,height,consent_file'],
        ['rawOrLabel', 'label'],
        ['exportCheckboxLabel', 'true'],
      ],
      200,
      `${HEAD},sex,height,symptoms___1,symptoms___2,symptoms___3,symptoms___4,health_complete,consent_file\n1,,,Female,165,Fever,Cough,,,Complete,\n1,Visit,1,,,,,,,,consent-1.txt\n`,
    ],
    [
      'checkbox labels need label mode',
      [
        ['records', '1'],
        ['fields', 'record_id,symptoms'],
        ['exportCheckboxLabel', 'true'],
      ],
      200,
      `${HEAD},symptoms___1,symptoms___2,symptoms___3,symptoms___4\n1,,,1,1,0,0\n`,
    ],
    [
      'gray statuses blank',
      [
        ['records', '6'],
        ['fields', 'record_id,health_complete,visit_complete'],
        ['exportBlankForGrayFormStatus', 'true'],
      ],
      200,
      `${HEAD},health_complete,visit_complete\n6,,,,\n`,
    ],
    [
      'gray statuses as labels',
      [
        ['records', '6'],
        ['fields', 'record_id,health_complete,visit_complete'],
        ['rawOrLabel', 'label'],
      ],
      200,
      `${HEAD},health_complete,visit_complete\n6,,,Incomplete,\n`,
    ],
    [
      'gray statuses raw',
      [
        ['records', '6'],
        ['fields', 'record_id,health_complete,visit_complete'],
      ],
      200,
      `${HEAD},health_complete,visit_complete\n6,,,0,\n`,
    ],
    [
      'a decimal comma on number and calc fields only',
      [
        ['records', '1'],
        ['fields', 'record_id,height,bmi,weight,first_name'],
        ['decimalCharacter', ','],
      ],
      200,
      `${HEAD},first_name,height,weight,bmi\n1,,,Ada,165,"58,5","21,5"\n`,
    ],
    [
      'an unknown decimal character is ignored',
      [
        ['records', '1'],
        ['fields', 'record_id,height,bmi,weight,first_name'],
        ['decimalCharacter', 'x'],
      ],
      200,
      `${HEAD},first_name,height,weight,bmi\n1,,,Ada,165,58.5,21.5\n`,
    ],
    [
      'label headers',
      [
        ['records', '1'],
        ['fields', 'record_id,sex,symptoms'],
        ['rawOrLabelHeaders', 'label'],
      ],
      200,
      '"Record ID","Repeat Instrument","Repeat Instance",Sex,"Symptoms in the last week (choice=Fever)","Symptoms in the last week (choice=Cough)","Symptoms in the last week (choice=Headache)","Symptoms in the last week (choice=Fatigue)"\n1,,,0,1,1,0,0\n',
    ],
    [
      'only a descriptive field',
      [
        ['records', '1'],
        ['fields', 'visit_intro'],
      ],
      400,
      'ERROR: The variables provided in the parameter "fields" are not valid fields that contain data. This might happen if you only provided variables for Descriptive fields.',
    ],
    [
      'a descriptive field with another: no id column',
      [
        ['records', '1'],
        ['fields', 'visit_intro,sex'],
      ],
      200,
      'sex\n0\n',
    ],
    [
      'a form: its fields and status, no id column',
      [
        ['records', '1'],
        ['forms', 'visit'],
      ],
      200,
      'visit_date,visit_start,visit_type,consent,consent_file,visit_complete\n,,,,,\n2024-01-15,"2024-01-15 09:30",1,1,consent-1.txt,2\n2024-04-15,,3,1,,2\n',
    ],
    [
      'a status named in fields brings its form status only',
      [
        ['records', '1'],
        ['fields', 'record_id,visit_complete'],
      ],
      200,
      `${HEAD},visit_complete\n1,,,\n1,visit,1,2\n1,visit,2,2\n`,
    ],
    [
      'unknown fields',
      [
        ['fields', 'nope,nah'],
        ['forms', 'x'],
      ],
      400,
      `ERROR: The following values in the parameter "fields" are not valid: 'nope', 'nah'`,
    ],
    [
      'unknown forms',
      [['forms', 'demographics,x,y']],
      400,
      `ERROR: The following values in the parameter "forms" are not valid: 'x', 'y'`,
    ],
    [
      'EAV in label mode',
      [
        ['records', '1'],
        ['type', 'eav'],
        ['fields', 'record_id,sex,symptoms,visit_type'],
        ['rawOrLabel', 'label'],
      ],
      200,
      'record,redcap_repeat_instrument,redcap_repeat_instance,field_name,value\n1,,,record_id,1\n1,,,sex,Female\n1,,,symptoms,Fever\n1,,,symptoms,Cough\n1,Visit,1,visit_type,Screening\n1,Visit,2,visit_type,Follow-up\n',
    ],
    [
      'EAV raw, a status and a checkbox code',
      [
        ['records', '2'],
        ['type', 'eav'],
        ['fields', 'record_id,smoker,health_complete,visit_complete'],
      ],
      200,
      'record,redcap_repeat_instrument,redcap_repeat_instance,field_name,value\n2,,,record_id,2\n2,,,smoker,1\n2,,,health_complete,1\n2,visit,1,visit_complete,0\n2,visit,2,visit_complete,1\n',
    ],
    [
      'EAV with no record: an empty CSV',
      [
        ['records', 'nope'],
        ['type', 'eav'],
      ],
      200,
      '',
    ],
    ['flat with no record: an empty CSV', [['records', 'nope']], 200, ''],
  ])('%s', async (_, extra, status, body) => {
    const answer = await sendPairs(createMockRedcap(), [
      ['token', ALICE_TOKEN],
      ['content', 'record'],
      ['format', 'csv'],
      ...extra,
    ]);
    expect([answer.status, answer.text]).toEqual([status, body]);
  });

  it.each([
    ['json', '[]'],
    ['xml', '<?xml version="1.0" encoding="UTF-8" ?>\n<records>\n</records>'],
  ])('no record in %s: an empty list', async (format, body) => {
    for (const type of ['flat', 'eav']) {
      const answer = await sendPairs(createMockRedcap(), [
        ['token', ALICE_TOKEN],
        ['content', 'record'],
        ['format', format],
        ['type', type],
        ['records', 'nope'],
      ]);
      expect([answer.status, answer.text]).toEqual([200, body]);
    }
  });
});

describe('Export Records, longitudinal, CSV', () => {
  it.each<[string, Pairs, number, string]>([
    [
      'EAV labels: events with their arm, checked options by label',
      [
        ['records', '1'],
        ['type', 'eav'],
        ['fields', 'record_id,sbp,symptoms'],
        ['rawOrLabel', 'label'],
      ],
      200,
      'record,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,field_name,value\n1,"Baseline (Arm 1: Drug A)",,,record_id,1\n1,"Baseline (Arm 1: Drug A)",,,sbp,120\n1,"Baseline (Arm 1: Drug A)",,,symptoms,Fever\n1,"Week 4 (Arm 1: Drug A)",,,record_id,1\n1,"Week 4 (Arm 1: Drug A)",,,sbp,118\n1,"Unscheduled (Arm 1: Drug A)",,1,record_id,1\n1,"Unscheduled (Arm 1: Drug A)",,1,sbp,135\n1,"Unscheduled (Arm 1: Drug A)",,1,symptoms,Fever\n1,"Unscheduled (Arm 1: Drug A)",,1,symptoms,Cough\n1,"Unscheduled (Arm 1: Drug A)",,2,record_id,1\n1,"Follow-up (Arm 1: Drug A)",,,record_id,1\n',
    ],
    [
      'EAV raw: event names, checked codes',
      [
        ['records', '1'],
        ['type', 'eav'],
        ['fields', 'record_id,symptoms'],
        ['events', 'unscheduled_arm_1'],
      ],
      200,
      'record,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,field_name,value\n1,unscheduled_arm_1,,1,record_id,1\n1,unscheduled_arm_1,,1,symptoms,1\n1,unscheduled_arm_1,,1,symptoms,2\n1,unscheduled_arm_1,,2,record_id,1\n',
    ],
    [
      'flat labels on arm 2',
      [
        ['records', '9'],
        ['fields', 'record_id,sbp'],
        ['rawOrLabel', 'label'],
      ],
      200,
      'record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,sbp\n9,"Baseline (Arm 2: Drug B)",,,121\n9,"Week 4 (Arm 2: Drug B)",,,119\n9,"Final (Arm 2: Drug B)",,,118\n',
    ],
    [
      'flat, one event',
      [
        ['records', '1'],
        ['fields', 'record_id,sbp'],
        ['events', 'unscheduled_arm_1'],
      ],
      200,
      'record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,sbp\n1,unscheduled_arm_1,,1,135\n1,unscheduled_arm_1,,2,\n',
    ],
    [
      'unknown events',
      [
        ['records', '1'],
        ['events', 'nope,baseline_arm_1,nah'],
      ],
      400,
      `ERROR: The following values in the parameter "events" are not valid: 'nope', 'nah'`,
    ],
  ])('%s', async (_, extra, status, body) => {
    const answer = await sendPairs(createMockRedcap(), [
      ['token', ALICE_LONGITUDINAL_TOKEN],
      ['content', 'record'],
      ['format', 'csv'],
      ...extra,
    ]);
    expect([answer.status, answer.text]).toEqual([status, body]);
  });
});
