import { describe, expect, it } from 'vitest';
import { ALICE_LONGITUDINAL_TOKEN, ALICE_TOKEN } from '../../mocks/fixtures/index.ts';
import { createMockRedcap, type MockRedcap } from '../../mocks/redcap.ts';
import { sendPairs, type Pairs } from './redcap-error.ts';

/**
 * The `data` of Import Records read in each format (§2.4: JSON cells, CSV rows, XML, EAV folded
 * into rows), and the records Export Records selects (§2.3: `records`, filterLogic,
 * dateRangeBegin/End against the log; classic record n was created on 2024-01-15 + 4(n−1) days
 * at 10:2(n−1)), as a client sees them.
 */
const DEFAULT_400 =
  'There were errors with your request. If you are sending data, then it might be due to the data being misformatted.';
const JSON_400 =
  'The data being imported is not formatted correctly. PHP error from JSON decoder: Syntax error. The JSON must be in an array, as in [{ ... }].';

async function lastDetails(redcap: MockRedcap, token: string) {
  const { text } = await sendPairs(redcap, [
    ['token', token],
    ['content', 'log'],
    ['format', 'json'],
  ]);
  return (JSON.parse(text) as Record<string, string>[])[0]!['details'];
}

describe('Import Records: reading data', () => {
  it.each<[string, string, string, Pairs, number, string, string]>([
    // name, format, data, extra, status, body, newest log details
    [
      'JSON null/false blank, true 1, a number as text',
      'json',
      '[{"record_id":"1","first_name":null,"last_name":false,"smoker":true,"age":7}]',
      [['overwriteBehavior', 'overwrite']],
      200,
      '{"count": 1}',
      "first_name = '', last_name = '', smoker = '1', age = '7'",
    ],
    [
      'a JSON object cell',
      'json',
      '[{"record_id":"1","first_name":{"a":1}}]',
      [],
      400,
      JSON.stringify({ error: DEFAULT_400 }),
      "record_id = '24'",
    ],
    [
      'a JSON list cell',
      'json',
      '[{"record_id":"1","first_name":[1]}]',
      [],
      400,
      JSON.stringify({ error: DEFAULT_400 }),
      "record_id = '24'",
    ],
    [
      'a bare JSON object',
      'json',
      '{"record_id":"1"}',
      [],
      400,
      JSON.stringify({ error: JSON_400 }),
      "record_id = '24'",
    ],
    [
      'a JSON number row',
      'json',
      '[1]',
      [],
      400,
      JSON.stringify({ error: JSON_400 }),
      "record_id = '24'",
    ],
    [
      'a JSON null row',
      'json',
      '[null]',
      [],
      400,
      JSON.stringify({ error: JSON_400 }),
      "record_id = '24'",
    ],
    [
      'a JSON list row',
      'json',
      '[[1]]',
      [],
      400,
      JSON.stringify({ error: JSON_400 }),
      "record_id = '24'",
    ],
    [
      'broken JSON',
      'json',
      '[{"record_id":"1"',
      [],
      400,
      JSON.stringify({ error: JSON_400 }),
      "record_id = '24'",
    ],
    [
      'a CSV row longer than its header',
      'csv',
      'record_id,first_name\n1,A,extra',
      [],
      400,
      `ERROR: ${DEFAULT_400}`,
      "record_id = '24'",
    ],
    [
      'a CSV row shorter than its header',
      'csv',
      'record_id,first_name,last_name\n1,Q',
      [],
      200,
      '1',
      "first_name = 'Q'",
    ],
    [
      'blank CSV lines skipped',
      'csv',
      'record_id,first_name\n\n1,Z\n,\n',
      [],
      200,
      '1',
      "first_name = 'Z'",
    ],
    ['a CSV header alone', 'csv', 'record_id,first_name\n', [], 200, '0', "record_id = '24'"],
    [
      'CSV with another delimiter',
      'csv',
      'record_id;first_name\n1;Q',
      [['csvDelimiter', ';']],
      200,
      '1',
      "first_name = 'Q'",
    ],
    [
      'CSV header names trimmed',
      'csv',
      ' record_id , first_name \n1,Q',
      [],
      200,
      '1',
      "first_name = 'Q'",
    ],
    [
      'XML',
      'xml',
      '<records><item><record_id>1</record_id><first_name>X</first_name></item></records>',
      [],
      200,
      '<?xml version="1.0" encoding="UTF-8" ?><count>1</count>',
      "first_name = 'X'",
    ],
    [
      'broken XML',
      'xml',
      '<records><item>',
      [],
      400,
      `<?xml version="1.0" encoding="UTF-8" ?>\n<hash><error>${DEFAULT_400}</error></hash>`,
      "record_id = '24'",
    ],
    [
      'EAV: a checkbox row checks its option, the id row is skipped',
      'csv',
      'record,field_name,value\n1,first_name,E\n1,symptoms,3\n1,record_id,1\n',
      [['type', 'eav']],
      200,
      '1',
      "first_name = 'E', symptoms(3) = checked",
    ],
    [
      'EAV: repeat keys make their own row',
      'csv',
      'record,field_name,value,redcap_repeat_instrument,redcap_repeat_instance\n1,visit_type,2,visit,1\n1,consent,0,visit,1\n1,first_name,E,,\n',
      [['type', 'eav']],
      200,
      '1',
      "visit_type = '2', consent = '0', first_name = 'E'",
    ],
    [
      'EAV: a repeating field without its keys',
      'csv',
      'record,field_name,value\n1,first_name,E\n1,visit_type,2\n',
      [['type', 'eav']],
      400,
      'ERROR: "1","visit_type","2","visit_type is on the repeating instrument visit, so its row needs redcap_repeat_instrument = visit"',
      "record_id = '24'",
    ],
    [
      'EAV: an instance alone is kept',
      'csv',
      'record,field_name,value,redcap_repeat_instance\n1,first_name,E,2\n',
      [['type', 'eav']],
      400,
      'ERROR: "1","redcap_repeat_instance","2","The project has no repeating events, so an instance needs a redcap_repeat_instrument"\n"1","first_name","E","first_name is not on a repeating instrument, so it belongs on a row without redcap_repeat_instrument"',
      "record_id = '24'",
    ],
  ])('%s', async (_, format, data, extra, status, body, details) => {
    const redcap = createMockRedcap();
    const answer = await sendPairs(redcap, [
      ['token', ALICE_TOKEN],
      ['content', 'record'],
      ['format', format],
      ['data', data],
      ...extra,
    ]);
    expect([answer.status, answer.text]).toEqual([status, body]);
    expect(await lastDetails(redcap, ALICE_TOKEN)).toBe(details);
  });

  it('EAV on a longitudinal project: one row per record and event', async () => {
    const redcap = createMockRedcap();
    const answer = await sendPairs(redcap, [
      ['token', ALICE_LONGITUDINAL_TOKEN],
      ['content', 'record'],
      ['format', 'csv'],
      ['type', 'eav'],
      [
        'data',
        'record,field_name,value,redcap_event_name\n1,age,40,baseline_arm_1\n1,sbp,100,week_4_arm_1\n1,symptoms,2,week_4_arm_1\n',
      ],
    ]);
    expect([answer.status, answer.text]).toEqual([200, '1']);
    expect(await lastDetails(redcap, ALICE_LONGITUDINAL_TOKEN)).toBe(
      "age = '40', sbp = '100', symptoms(2) = checked",
    );
  });
});

async function ids(token: string, extra: Pairs) {
  const answer = await sendPairs(createMockRedcap(), [
    ['token', token],
    ['content', 'record'],
    ['format', 'json'],
    ['fields', 'record_id'],
    ...extra,
  ]);
  if (answer.status !== 200) return [answer.status, answer.text];
  return [
    ...new Set((JSON.parse(answer.text) as Record<string, string>[]).map((r) => r['record_id'])),
  ];
}

describe('Export Records: which records', () => {
  it.each<[string, Pairs, unknown[]]>([
    ['records with quotes, unknown ones skipped', [['records', "'1',2,'x'"]], ['1', '2']],
    ['begin at a minute', [['dateRangeBegin', '2024-04-12 10:44']], ['23', '24']],
    ['begin one second later', [['dateRangeBegin', '2024-04-12 10:44:01']], ['24']],
    ['begin on a day', [['dateRangeBegin', '2024-04-12']], ['23', '24']],
    ['begin with spaces', [['dateRangeBegin', ' 2024-04-12 ']], ['23', '24']],
    ['end on a day: its last second', [['dateRangeEnd', '2024-01-19']], ['1', '2']],
    ['end at a minute: its last second', [['dateRangeEnd', '2024-01-19 10:01']], ['1']],
    ['end at the minute of a creation', [['dateRangeEnd', '2024-01-19 10:02']], ['1', '2']],
    ['end at a second', [['dateRangeEnd', '2024-01-19 10:01:59']], ['1']],
    ['end at the second of a creation', [['dateRangeEnd', '2024-01-19 10:02:00']], ['1', '2']],
    [
      'T and slashes',
      [
        ['dateRangeBegin', '2024-01-19T10:02'],
        ['dateRangeEnd', '2024/01/23'],
      ],
      ['2', '3'],
    ],
    [
      'a blank bound is none',
      [
        ['dateRangeBegin', ' '],
        ['dateRangeEnd', ''],
        ['records', '1,2'],
      ],
      ['1', '2'],
    ],
    [
      'a short day',
      [['dateRangeBegin', '2024-04-1']],
      [
        400,
        JSON.stringify({
          error: 'The value of the parameter "dateRangeBegin" is not a valid date-time',
        }),
      ],
    ],
    [
      'a short hour',
      [['dateRangeEnd', '2024-04-12 1:00']],
      [
        400,
        JSON.stringify({
          error: 'The value of the parameter "dateRangeEnd" is not a valid date-time',
        }),
      ],
    ],
    [
      'a short second',
      [['dateRangeEnd', '2024-04-12 10:00:0']],
      [
        400,
        JSON.stringify({
          error: 'The value of the parameter "dateRangeEnd" is not a valid date-time',
        }),
      ],
    ],
    [
      'text before',
      [['dateRangeEnd', 'x2024-04-12']],
      [
        400,
        JSON.stringify({
          error: 'The value of the parameter "dateRangeEnd" is not a valid date-time',
        }),
      ],
    ],
    [
      'text after',
      [['dateRangeEnd', '2024-04-12x']],
      [
        400,
        JSON.stringify({
          error: 'The value of the parameter "dateRangeEnd" is not a valid date-time',
        }),
      ],
    ],
    [
      'a filter on a repeat instance',
      [['filterLogic', '[visit_type] = 3']],
      ['1', '2', '4', '9', '16', '18'],
    ],
    [
      'a filter on an instance and the main row together',
      [['filterLogic', '[visit_type] = 3 and [sex] = 0']],
      ['1', '4', '16', '18'],
    ],
    [
      'a blank filter is none',
      [
        ['filterLogic', '  '],
        ['records', '1,2'],
      ],
      ['1', '2'],
    ],
  ])('classic: %s', async (_, extra, want) => {
    expect(await ids(ALICE_TOKEN, extra)).toEqual(want);
  });

  it.each<[string, Pairs, unknown[]]>([
    ['a filter on one event', [['filterLogic', '[baseline_arm_1][age] > 50']], ['2', '6', '8']],
    ['an event row: its instance 1', [['filterLogic', '[unscheduled_arm_1][sbp] = 135']], ['1']],
    ['each row on its own', [['filterLogic', '[sbp] >= 145']], ['4']],
  ])('longitudinal: %s', async (_, extra, want) => {
    expect(await ids(ALICE_LONGITUDINAL_TOKEN, extra)).toEqual(want);
  });
});

describe('Export Records: a bound at a minute reaches its last second', () => {
  it.each<[string, Pairs, string[]]>([
    ['end at the minute', [['dateRangeEnd', '2025-01-01 10:00']], ['30']],
    ['end one second before', [['dateRangeEnd', '2025-01-01 10:00:29']], []],
    ['begin at the minute', [['dateRangeBegin', '2025-01-01 10:00']], ['30']],
    ['begin one second after', [['dateRangeBegin', '2025-01-01 10:00:31']], []],
  ])('record 30, created at 10:00:30: %s', async (_, extra, want) => {
    const redcap = createMockRedcap({ now: () => new Date(2025, 0, 1, 10, 0, 30) });
    const made = await sendPairs(redcap, [
      ['token', ALICE_TOKEN],
      ['content', 'record'],
      ['format', 'json'],
      ['data', '[{"record_id":"30","first_name":"T"}]'],
    ]);
    expect(made.status).toBe(200);
    const answer = await sendPairs(redcap, [
      ['token', ALICE_TOKEN],
      ['content', 'record'],
      ['format', 'json'],
      ['fields', 'record_id'],
      ['records', '30'],
      ...extra,
    ]);
    const rows = JSON.parse(answer.text) as Record<string, string>[];
    expect([answer.status, rows.map((r) => r['record_id'])]).toEqual([200, want]);
  });
});
