import { describe, expect, it } from 'vitest';
import { ALICE_TOKEN } from '../../mocks/fixtures/index.ts';
import { createMockRedcap, type MockRedcap } from '../../mocks/redcap.ts';
import { sendPairs, type Pairs } from './redcap-error.ts';

/**
 * Import Records on the classic demo (§2.4, §1.8), as a client sees it: which rows are
 * refused and with which line, where accepted rows land (main row, repeat instance), the form
 * statuses a write gives, and the log line it leaves. Record 1 has visit instances 1 and 2;
 * the next record name is 25.
 */
type Row = Record<string, string>;

const send = (redcap: MockRedcap, pairs: Pairs) =>
  sendPairs(redcap, [['token', ALICE_TOKEN], ...pairs]);

const importRows = (redcap: MockRedcap, rows: readonly Row[], extra: Pairs = []) =>
  send(redcap, [
    ['content', 'record'],
    ['format', 'json'],
    ['data', JSON.stringify(rows)],
    ...extra,
  ]);

/** Export Records as CSV rows of the named records (the whole row, gray statuses blank). */
async function exported(redcap: MockRedcap, ...records: string[]) {
  const { text } = await send(redcap, [
    ['content', 'record'],
    ['format', 'json'],
    ['exportBlankForGrayFormStatus', 'true'],
    ...records.map((r, i): [string, string] => [`records[${i}]`, r]),
  ]);
  return JSON.parse(text) as Row[];
}

/** The newest log line: its action and details. */
async function lastLog(redcap: MockRedcap) {
  const { text } = await send(redcap, [
    ['content', 'log'],
    ['format', 'json'],
  ]);
  const [row] = JSON.parse(text) as Row[];
  return `${row!['action']} | ${row!['details']}`;
}

const error = (message: string) => JSON.stringify({ error: message });
const unknown = (...names: string[]) =>
  error(
    `The following fields were not found in the project as real data fields: ${names.join(', ')}`,
  );

describe('Import Records (classic): refusals, whole and exact', () => {
  it.each<[string, Row[], string]>([
    [
      'unknown fields, listed once each',
      [
        { record_id: '1', foo: 'x', bar: 'y' },
        { record_id: '2', foo: 'z' },
      ],
      unknown('foo', 'bar'),
    ],
    [
      'a bare _timestamp is not a survey column',
      [{ record_id: '1', _timestamp: 'x' }],
      unknown('_timestamp'),
    ],
    [
      '_return_code alone neither',
      [{ record_id: '1', _return_code: 'x' }],
      unknown('_return_code'),
    ],
    [
      'the survey identifier is matched whole (prefix)',
      [{ record_id: '1', xredcap_survey_identifier: 'x' }],
      unknown('xredcap_survey_identifier'),
    ],
    [
      'the survey identifier is matched whole (suffix)',
      [{ record_id: '1', redcap_survey_identifierx: 'x' }],
      unknown('redcap_survey_identifierx'),
    ],
    [
      'a timestamp is matched at the end',
      [{ record_id: '1', demographics_timestampx: 'x' }],
      unknown('demographics_timestampx'),
    ],
    [
      'a return code is matched at the end',
      [{ record_id: '1', demographics_return_codex: 'x' }],
      unknown('demographics_return_codex'),
    ],
    [
      'a blank record id',
      [{ record_id: '  ', first_name: 'A' }],
      error('The record id, record_id, cannot be empty'),
    ],
    ['no record id', [{ first_name: 'A' }], error('The record id, record_id, cannot be empty')],
    [
      'a record name with #',
      [{ record_id: 'a#b', first_name: 'A' }],
      error(
        'The record name (a#b) cannot contain a plus sign (+), ampersand (&), pound sign (#), or apostrophe.',
      ),
    ],
    [
      'an instance without an instrument',
      [{ record_id: '1', redcap_repeat_instance: '2' }],
      error(
        '"1","redcap_repeat_instance","2","The project has no repeating events, so an instance needs a redcap_repeat_instrument"',
      ),
    ],
    [
      'a form that does not repeat',
      [{ record_id: '1', redcap_repeat_instrument: 'health', redcap_repeat_instance: '1' }],
      error('"1","redcap_repeat_instrument","health","health is not a repeating instrument"'),
    ],
    [
      'instance 0',
      [{ record_id: '1', redcap_repeat_instrument: 'visit', redcap_repeat_instance: '0' }],
      error(
        '"1","redcap_repeat_instance","0","The value must be a whole number from 1 to 32767, or new"',
      ),
    ],
    [
      'instance x',
      [{ record_id: '1', redcap_repeat_instrument: 'visit', redcap_repeat_instance: 'x' }],
      error(
        '"1","redcap_repeat_instance","x","The value must be a whole number from 1 to 32767, or new"',
      ),
    ],
    [
      'an instrument without an instance',
      [{ record_id: '1', redcap_repeat_instrument: 'visit', visit_date: '2020-01-01' }],
      error(
        '"1","redcap_repeat_instance","","The value must be a whole number from 1 to 32767, or new"',
      ),
    ],
    [
      'a repeating field on the main row',
      [{ record_id: '1', visit_date: '2020-01-01' }],
      error(
        '"1","visit_date","2020-01-01","visit_date is on the repeating instrument visit, so its row needs redcap_repeat_instrument = visit"',
      ),
    ],
    [
      'a main-row field on a repeat row',
      [
        {
          record_id: '1',
          redcap_repeat_instrument: 'visit',
          redcap_repeat_instance: '1',
          first_name: 'A',
        },
      ],
      error(
        '"1","first_name","A","first_name is not on a repeating instrument, so it belongs on a row without redcap_repeat_instrument"',
      ),
    ],
    [
      'every problem of every row, one line each',
      [
        { record_id: '1', age: 'x' },
        { record_id: '2', age: 'y', sex: '9' },
      ],
      error(
        '"1","age","x","The value is not a valid integer for age"\n"2","age","y","The value is not a valid integer for age"\n"2","sex","9","The value is not a valid category for sex"',
      ),
    ],
  ])('%s', async (_, rows, body) => {
    const redcap = createMockRedcap();
    const before = await exported(redcap, '1', '2');
    const answer = await importRows(redcap, rows);
    expect([answer.status, answer.text]).toEqual([400, body]);
    expect(await exported(redcap, '1', '2')).toEqual(before);
  });
});

describe('Import Records (classic): what a later import sees', () => {
  it.each<[string, Row[], Row, string]>([
    [
      'an emptied new instance does not count for new',
      [
        {
          record_id: '1',
          redcap_repeat_instrument: 'visit',
          redcap_repeat_instance: '5',
          visit_date: '',
        },
      ],
      {
        record_id: '1',
        redcap_repeat_instrument: 'visit',
        redcap_repeat_instance: 'new',
        visit_type: '2',
      },
      "Update record (API) 1 | [instance = 3], visit_type = '2', visit_complete = '0'",
    ],
    [
      "a later main-row write gives no status to the id's form",
      [
        {
          record_id: '30',
          redcap_repeat_instrument: 'visit',
          redcap_repeat_instance: '1',
          visit_type: '1',
        },
      ],
      { record_id: '30', height: '170' },
      "Update record (API) 30 | height = '170', health_complete = '0'",
    ],
    [
      'a 0 that is not a checkbox is a value',
      [],
      { record_id: '30', smoker: '0' },
      "Create record (API) 30 | record_id = '30', smoker = '0', demographics_complete = '0', health_complete = '0'",
    ],
  ])('%s', async (_, first, second, log) => {
    const redcap = createMockRedcap();
    if (first.length > 0) expect((await importRows(redcap, first)).status).toBe(200);
    const answer = await importRows(redcap, [second]);
    expect([answer.status, answer.text]).toEqual([200, '{"count": 1}']);
    expect(await lastLog(redcap)).toBe(log);
  });
});

describe('Import Records (classic): what is saved, and the log line', () => {
  it.each<[string, Row[], Pairs, string, string]>([
    // name, rows, extra params, answer, newest log line
    [
      'survey pseudo-fields are dropped silently',
      [
        {
          record_id: '1',
          redcap_survey_identifier: 'x',
          demographics_timestamp: 'y',
          demographics_return_code: 'z',
          first_name: 'Ada',
        },
      ],
      [],
      '{"count": 1}',
      'Update record (API) 1 | ',
    ],
    [
      "another row's blank cell is no problem",
      [{ record_id: '1', visit_date: '' }],
      [],
      '{"count": 1}',
      'Update record (API) 1 | ',
    ],
    [
      'a file field is skipped, even on the wrong row',
      [{ record_id: '1', consent_file: 'x.txt' }],
      [],
      '{"count": 1}',
      'Update record (API) 1 | ',
    ],
    [
      'a change on the main row',
      [{ record_id: '1', first_name: 'Augusta' }],
      [],
      '{"count": 1}',
      "Update record (API) 1 | first_name = 'Augusta'",
    ],
    [
      'instance 1 is not named',
      [
        {
          record_id: '1',
          redcap_repeat_instrument: 'visit',
          redcap_repeat_instance: '1',
          visit_type: '2',
        },
      ],
      [],
      '{"count": 1}',
      "Update record (API) 1 | visit_type = '2'",
    ],
    [
      'instance new appends after the last',
      [
        {
          record_id: '1',
          redcap_repeat_instrument: 'visit',
          redcap_repeat_instance: 'new',
          visit_type: '2',
        },
      ],
      [],
      '{"count": 1}',
      "Update record (API) 1 | [instance = 3], visit_type = '2', visit_complete = '0'",
    ],
    [
      'an instance sent with spaces',
      [
        {
          record_id: '1',
          redcap_repeat_instrument: ' visit ',
          redcap_repeat_instance: ' 2 ',
          visit_type: '2',
        },
      ],
      [],
      '{"count": 1}',
      "Update record (API) 1 | [instance = 2], visit_type = '2'",
    ],
    [
      'a new record: its id, its values, Incomplete on the forms written',
      [{ record_id: '30', height: '170' }],
      [],
      '{"count": 1}',
      "Create record (API) 30 | record_id = '30', height = '170', demographics_complete = '0', health_complete = '0'",
    ],
    [
      'a status sent is kept',
      [{ record_id: '30', height: '170', health_complete: '2' }],
      [],
      '{"count": 1}',
      "Create record (API) 30 | record_id = '30', height = '170', health_complete = '2', demographics_complete = '0'",
    ],
    [
      'an unchecked box gives no status',
      [
        {
          record_id: '1',
          redcap_repeat_instrument: 'visit',
          redcap_repeat_instance: '7',
          consent: '',
        },
        { record_id: '30', symptoms___1: '0' },
      ],
      [],
      '{"count": 2}',
      "Create record (API) 30 | record_id = '30', demographics_complete = '0'",
    ],
    [
      'a status alone gives no other status',
      [{ record_id: '30', health_complete: '1' }],
      [],
      '{"count": 1}',
      "Create record (API) 30 | record_id = '30', health_complete = '1', demographics_complete = '0'",
    ],
    [
      'a new record on a repeat row only',
      [
        {
          record_id: '30',
          redcap_repeat_instrument: 'visit',
          redcap_repeat_instance: '2',
          visit_type: '1',
        },
      ],
      [],
      '{"count": 1}',
      "Create record (API) 30 | record_id = '30', [instance = 2], visit_type = '1', visit_complete = '0'",
    ],
    [
      'rows of one record make one log line',
      [
        { record_id: '1', first_name: 'A' },
        { record_id: '1', last_name: 'B' },
      ],
      [],
      '{"count": 1}',
      "Update record (API) 1 | first_name = 'A', last_name = 'B'",
    ],
    [
      'forceAutoNumber renames each record once, in order',
      [
        { record_id: 'a', first_name: 'A' },
        { record_id: 'b', first_name: 'B' },
        { record_id: 'a', last_name: 'C' },
      ],
      [
        ['forceAutoNumber', 'true'],
        ['returnContent', 'auto_ids'],
      ],
      '["25,a","26,b"]',
      "Create record (API) 26 | record_id = '26', first_name = 'B', demographics_complete = '0'",
    ],
    [
      'forceAutoNumber with ids: the new ids',
      [{ record_id: 'a', first_name: 'A' }],
      [
        ['forceAutoNumber', 'true'],
        ['returnContent', 'ids'],
      ],
      '["25"]',
      "Create record (API) 25 | record_id = '25', first_name = 'A', demographics_complete = '0'",
    ],
  ])('%s', async (_, rows, extra, answer, log) => {
    const redcap = createMockRedcap();
    const result = await importRows(redcap, rows, extra);
    expect([result.status, result.text]).toEqual([200, answer]);
    expect(await lastLog(redcap)).toBe(log);
  });

  it('keeps the main row and instances where they belong, and drops an empty new instance', async () => {
    const redcap = createMockRedcap();
    const answer = await importRows(redcap, [
      { record_id: '30', first_name: 'New', symptoms___2: '1' },
      {
        record_id: '30',
        redcap_repeat_instrument: 'visit',
        redcap_repeat_instance: '1',
        visit_date: '2024-01-01',
      },
      {
        record_id: '30',
        redcap_repeat_instrument: 'visit',
        redcap_repeat_instance: '2',
        visit_date: '',
      },
    ]);
    expect([answer.status, answer.text]).toEqual([200, '{"count": 1}']);
    const rows = await exported(redcap, '30');
    expect(
      rows.map((r) => [
        r['redcap_repeat_instrument'],
        r['redcap_repeat_instance'],
        r['first_name'],
        r['symptoms___2'],
        r['visit_date'],
        r['demographics_complete'],
        r['health_complete'],
        r['visit_complete'],
      ]),
    ).toEqual([
      ['', '', 'New', '1', '', '0', '0', ''],
      ['visit', 1, '', '', '2024-01-01', '', '', '0'],
    ]);
  });

  it.each([
    ['normal', 'Ada'],
    ['overwrite', ''],
  ])('a blank cell on its own row with overwriteBehavior=%s leaves %j', async (behavior, left) => {
    const redcap = createMockRedcap();
    const answer = await importRows(
      redcap,
      [{ record_id: '1', first_name: '' }],
      [['overwriteBehavior', behavior]],
    );
    expect([answer.status, answer.text]).toEqual([200, '{"count": 1}']);
    const [main] = await exported(redcap, '1');
    expect(main!['first_name']).toBe(left);
  });

  it('an instance emptied by overwrite is gone', async () => {
    const redcap = createMockRedcap();
    const blank = {
      visit_date: '',
      visit_start: '',
      visit_type: '',
      consent: '',
      visit_complete: '',
    };
    const answer = await importRows(
      redcap,
      [
        {
          record_id: '1',
          redcap_repeat_instrument: 'visit',
          redcap_repeat_instance: '2',
          ...blank,
        },
      ],
      [['overwriteBehavior', 'overwrite']],
    );
    expect([answer.status, answer.text]).toEqual([200, '{"count": 1}']);
    const rows = await exported(redcap, '1');
    expect(rows.map((r) => r['redcap_repeat_instance'])).toEqual(['', 1]);
  });
});
