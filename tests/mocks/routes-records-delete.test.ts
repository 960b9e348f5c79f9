import { describe, expect, it } from 'vitest';
import { ALICE_LONGITUDINAL_TOKEN, ALICE_TOKEN } from '../../mocks/fixtures/index.ts';
import { createMockRedcap } from '../../mocks/redcap.ts';
import { sendPairs, type Pairs } from './redcap-error.ts';

/**
 * Delete Records (§2.5) on the classic and the longitudinal demo, as a client sees it: the
 * answer, the newest log line, and the rows of the record left. Longitudinal record 1 has
 * baseline, week 4, unscheduled instances 1 and 2 (a repeating event) and follow-up rows;
 * record 5 only a baseline row.
 */
const DEFAULT_400 = JSON.stringify({
  error:
    'There were errors with your request. If you are sending data, then it might be due to the data being misformatted.',
});
const notDeleted = (...reasons: string[]) =>
  JSON.stringify({
    error: `One or more of the records provided are either do not exist in this project or not valid with selected params. Note: No records were deleted. Records that do not exist: ${reasons.join(', ')}`,
  });

async function run(token: string, record: string, pairs: Pairs) {
  const redcap = createMockRedcap();
  const answer = await sendPairs(redcap, [
    ['token', token],
    ['content', 'record'],
    ['action', 'delete'],
    ['returnFormat', 'json'],
    ...pairs,
  ]);
  const log = await sendPairs(redcap, [
    ['token', token],
    ['content', 'log'],
    ['format', 'json'],
  ]);
  const newest = (JSON.parse(log.text) as Record<string, string>[])[0];
  const rows = await sendPairs(redcap, [
    ['token', token],
    ['content', 'record'],
    ['format', 'csv'],
    // A form status: a repeat instance's row needs one of its own columns.
    ['fields', token === ALICE_TOKEN ? 'record_id,visit_complete' : 'record_id'],
    ['records', record],
  ]);
  return {
    answer: [answer.status, answer.text],
    log: newest?.['action']?.includes('record') ? `${newest['action']} | ${newest['details']}` : '',
    rows: rows.text
      .split('\n')
      .slice(1)
      .filter(Boolean)
      .map((line) =>
        line
          .split(',')
          .slice(1, token === ALICE_TOKEN ? 3 : 4)
          .join(','),
      ),
  };
}

const CLASSIC_1 = [',', 'visit,1', 'visit,2'];

describe('Delete Records, classic', () => {
  it.each<[string, Pairs, unknown[], string, string[]]>([
    [
      'records as a plain string',
      [['records', '1']],
      [400, DEFAULT_400],
      'Create record 24',
      CLASSIC_1,
    ],
    ['no record named', [['records[0]', '']], [400, DEFAULT_400], 'Create record 24', CLASSIC_1],
    [
      'records that do not exist',
      [
        ['records[0]', '98'],
        ['records[1]', '1'],
        ['records[2]', '99'],
      ],
      [
        400,
        JSON.stringify({
          error:
            'One or more of the records provided cannot be deleted because they do not exist in the project. The following records do not exist: 98, 99',
        }),
      ],
      'Create record 24',
      CLASSIC_1,
    ],
    [
      'an unknown instrument',
      [
        ['records[0]', '1'],
        ['records[1]', '2'],
        ['instrument', 'nope'],
      ],
      [400, notDeleted('1: Invalid instrument.', '2: Invalid instrument.')],
      'Create record 24',
      CLASSIC_1,
    ],
    [
      'a record named twice',
      [
        ['records[0]', '1'],
        ['records[1]', '1'],
      ],
      [200, '1'],
      "Delete record (API) 1 | record_id = '1'",
      [],
    ],
    [
      'a form',
      [
        ['records[0]', '1'],
        ['instrument', 'health'],
      ],
      [200, '1'],
      'Update record (API) 1 | Delete all record data for single form (health)',
      CLASSIC_1,
    ],
    [
      'a repeat instance',
      [
        ['records[0]', '1'],
        ['instrument', 'visit'],
        ['repeat_instance', '2'],
      ],
      [200, '1'],
      'Update record (API) 1 | Delete all record data for single form (visit) [instance = 2]',
      [',', 'visit,1'],
    ],
    [
      'instance 1 by default',
      [
        ['records[0]', '1'],
        ['instrument', 'visit'],
      ],
      [200, '1'],
      'Update record (API) 1 | Delete all record data for single form (visit)',
      [',', 'visit,2'],
    ],
    [
      'an instance that is not there',
      [
        ['records[0]', '1'],
        ['instrument', 'visit'],
        ['repeat_instance', '3'],
      ],
      [200, '0'],
      'Create record 24',
      CLASSIC_1,
    ],
  ])('%s', async (_, pairs, answer, log, rows) => {
    const result = await run(ALICE_TOKEN, '1', pairs);
    expect(result.answer).toEqual(answer);
    expect(result.log.startsWith(log)).toBe(true);
    expect(result.rows).toEqual(rows);
  });
});

const LONG_1 = [
  'baseline_arm_1,,',
  'week_4_arm_1,,',
  'unscheduled_arm_1,,1',
  'unscheduled_arm_1,,2',
  'follow_up_arm_1,,',
];

describe('Delete Records, longitudinal', () => {
  it.each<[string, string, Pairs, unknown[], string, string[]]>([
    [
      'an unknown arm',
      '1',
      [
        ['records[0]', '1'],
        ['arm', '3'],
      ],
      [400, JSON.stringify({ error: 'The arm provided is not correct for the project.' })],
      '',
      LONG_1,
    ],
    [
      'a record not in the arm',
      '1',
      [
        ['records[0]', '1'],
        ['records[1]', '9'],
        ['arm', '2'],
      ],
      [400, notDeleted('1: Record does not exists.')],
      '',
      LONG_1,
    ],
    [
      'an unknown event',
      '1',
      [
        ['records[0]', '1'],
        ['event', 'nope'],
      ],
      [400, notDeleted('1: Invalid Unique Event Name.')],
      '',
      LONG_1,
    ],
    [
      'an event outside the arm',
      '1',
      [
        ['records[0]', '1'],
        ['arm', '1'],
        ['event', 'baseline_arm_2'],
      ],
      [400, notDeleted('1: Invalid Unique Event Name.')],
      '',
      LONG_1,
    ],
    [
      'an instrument without an event',
      '1',
      [
        ['records[0]', '1'],
        ['instrument', 'vitals'],
      ],
      [400, notDeleted('1: Event is mandatory for longitudinal project.')],
      '',
      LONG_1,
    ],
    [
      'an unknown instrument on an event',
      '1',
      [
        ['records[0]', '1'],
        ['event', 'week_4_arm_1'],
        ['instrument', 'nope'],
      ],
      [400, notDeleted('1: Invalid instrument.')],
      '',
      LONG_1,
    ],
    [
      'the whole record',
      '1',
      [['records[0]', '1']],
      [200, '1'],
      "Delete record (API) 1 | record_id = '1'",
      [],
    ],
    [
      'an arm',
      '1',
      [
        ['records[0]', '1'],
        ['arm', '1'],
      ],
      [200, '1'],
      "Delete record (API) 1 | record_id = '1' [arm = 1]",
      [],
    ],
    [
      'an event',
      '1',
      [
        ['records[0]', '1'],
        ['event', 'week_4_arm_1'],
      ],
      [200, '1'],
      "Delete record (API) 1 | record_id = '1' [event = week_4_arm_1]",
      ['baseline_arm_1,,', 'unscheduled_arm_1,,1', 'unscheduled_arm_1,,2', 'follow_up_arm_1,,'],
    ],
    [
      'an event within its arm',
      '1',
      [
        ['records[0]', '1'],
        ['arm', '1'],
        ['event', 'week_4_arm_1'],
      ],
      [200, '1'],
      "Delete record (API) 1 | record_id = '1' [event = week_4_arm_1]",
      ['baseline_arm_1,,', 'unscheduled_arm_1,,1', 'unscheduled_arm_1,,2', 'follow_up_arm_1,,'],
    ],
    [
      'instance 2 of a repeating event',
      '1',
      [
        ['records[0]', '1'],
        ['event', 'unscheduled_arm_1'],
        ['repeat_instance', '2'],
      ],
      [200, '1'],
      "Delete record (API) 1 | record_id = '1' [event = unscheduled_arm_1] [instance = 2]",
      ['baseline_arm_1,,', 'week_4_arm_1,,', 'unscheduled_arm_1,,1', 'follow_up_arm_1,,'],
    ],
    [
      'instance 1 of a repeating event',
      '1',
      [
        ['records[0]', '1'],
        ['event', 'unscheduled_arm_1'],
        ['repeat_instance', '1'],
      ],
      [200, '1'],
      "Delete record (API) 1 | record_id = '1' [event = unscheduled_arm_1]",
      ['baseline_arm_1,,', 'week_4_arm_1,,', 'unscheduled_arm_1,,2', 'follow_up_arm_1,,'],
    ],
    [
      'every instance of a repeating event',
      '1',
      [
        ['records[0]', '1'],
        ['event', 'unscheduled_arm_1'],
      ],
      [200, '1'],
      "Delete record (API) 1 | record_id = '1' [event = unscheduled_arm_1]",
      ['baseline_arm_1,,', 'week_4_arm_1,,', 'follow_up_arm_1,,'],
    ],
    [
      'a form on an event',
      '1',
      [
        ['records[0]', '1'],
        ['event', 'week_4_arm_1'],
        ['instrument', 'vitals'],
      ],
      [200, '1'],
      'Update record (API) 1 | Delete all record data for single form (vitals) [event = week_4_arm_1]',
      LONG_1,
    ],
    [
      'a form on instance 2 of a repeating event',
      '1',
      [
        ['records[0]', '1'],
        ['event', 'unscheduled_arm_1'],
        ['instrument', 'adverse_events'],
        ['repeat_instance', '2'],
      ],
      [200, '1'],
      'Update record (API) 1 | Delete all record data for single form (adverse_events) [event = unscheduled_arm_1] [instance = 2]',
      LONG_1,
    ],
    [
      'a form not on the event',
      '1',
      [
        ['records[0]', '1'],
        ['event', 'follow_up_arm_1'],
        ['instrument', 'vitals'],
      ],
      [200, '0'],
      '',
      LONG_1,
    ],
    [
      "a record's only event: the record is gone",
      '5',
      [
        ['records[0]', '5'],
        ['event', 'baseline_arm_1'],
      ],
      [200, '1'],
      "Delete record (API) 5 | record_id = '5' [event = baseline_arm_1]",
      [],
    ],
    [
      'an event the record does not have',
      '5',
      [
        ['records[0]', '5'],
        ['event', 'week_4_arm_1'],
      ],
      [200, '0'],
      '',
      ['baseline_arm_1,,'],
    ],
  ])('%s', async (_, record, pairs, answer, log, rows) => {
    const result = await run(ALICE_LONGITUDINAL_TOKEN, record, pairs);
    expect(result.answer).toEqual(answer);
    expect(result.log).toBe(log);
    expect(result.rows).toEqual(rows);
  });
});
