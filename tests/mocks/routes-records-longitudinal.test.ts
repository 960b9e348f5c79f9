import { describe, expect, it } from 'vitest';
import { ALICE_LONGITUDINAL_TOKEN, seedData } from '../../mocks/fixtures/index.ts';
import { createMockRedcap, type MockRedcap } from '../../mocks/redcap.ts';
import { sendPairs, type Pairs } from './redcap-error.ts';

/**
 * Import Records on the longitudinal demo (§2.4, §2.11, §2.14), as a client sees it. The demo's
 * `unscheduled_arm_1` repeats as a whole; this seed also makes adverse_events repeat on
 * week_4_arm_1 (record 1 has it there as a plain form, so it is moved to instance 1).
 */
type Row = Record<string, string>;

function mock(): MockRedcap {
  const seed = seedData();
  const project = seed.projects.find((p) => p.slug === 'longitudinal-demo')!;
  project.repeating.push({
    event_name: 'week_4_arm_1',
    form_name: 'adverse_events',
    custom_form_label: '',
  });
  const record = project.records.find((r) => r.id === '1')!;
  const week4 = record.slots.find((s) => s.event === 'week_4_arm_1')!;
  const moved: Record<string, string> = {};
  for (const name of ['ae_description', 'ae_serious', 'adverse_events_complete']) {
    moved[name] = week4.values[name]!;
    delete week4.values[name];
  }
  record.slots.push({
    event: 'week_4_arm_1',
    repeatInstrument: 'adverse_events',
    instance: 1,
    values: moved,
    checked: {},
  });
  return createMockRedcap({ seed });
}

const send = (redcap: MockRedcap, pairs: Pairs) =>
  sendPairs(redcap, [['token', ALICE_LONGITUDINAL_TOKEN], ...pairs]);

const importRows = (redcap: MockRedcap, rows: readonly Row[], extra: Pairs = []) =>
  send(redcap, [
    ['content', 'record'],
    ['format', 'json'],
    ['data', JSON.stringify(rows)],
    ...extra,
  ]);

/** The record's exported rows as CSV lines (event, repeat columns, then the values). */
async function csvOf(redcap: MockRedcap, record: string) {
  const { text } = await send(redcap, [
    ['content', 'record'],
    ['format', 'csv'],
    ['records', record],
  ]);
  return text.split('\n').slice(1).filter(Boolean);
}

async function lastLog(redcap: MockRedcap) {
  const { text } = await send(redcap, [
    ['content', 'log'],
    ['format', 'json'],
  ]);
  const [row] = JSON.parse(text) as Row[];
  return `${row!['action']} | ${row!['details']}`;
}

const error = (message: string) => JSON.stringify({ error: message });
const line = (id: string, name: string, value: string, reason: string) =>
  error(`"${id}","${name}","${value}","${reason}"`);

describe('Import Records (longitudinal): refusals, whole and exact', () => {
  it.each<[string, Row[], string]>([
    [
      'unknown fields',
      [{ record_id: '1', redcap_event_name: 'baseline_arm_1', foo: 'x', bar: '' }],
      error('The following fields were not found in the project as real data fields: foo, bar'),
    ],
    [
      'a blank record id',
      [{ record_id: ' ', redcap_event_name: 'baseline_arm_1' }],
      error('The record id, record_id, cannot be empty'),
    ],
    [
      'unknown events, each once',
      [
        { record_id: '1', redcap_event_name: 'nope' },
        { record_id: '2', redcap_event_name: 'nope' },
        { record_id: '3', redcap_event_name: 'nah' },
      ],
      error('The following values of redcap_event_name are invalid: nope, nah'),
    ],
    [
      'a record name with &',
      [{ record_id: 'a&b', redcap_event_name: 'baseline_arm_1' }],
      error(
        'The record name (a&b) cannot contain a plus sign (+), ampersand (&), pound sign (#), or apostrophe.',
      ),
    ],
    [
      'an instrument that does not repeat on the event',
      [
        {
          record_id: '1',
          redcap_event_name: 'baseline_arm_1',
          redcap_repeat_instrument: 'vitals',
          redcap_repeat_instance: '1',
        },
      ],
      line(
        '1',
        'redcap_repeat_instrument',
        'vitals',
        'vitals is not a repeating instrument on the event baseline_arm_1',
      ),
    ],
    [
      'a bad instance on a repeating event',
      [{ record_id: '1', redcap_event_name: 'unscheduled_arm_1', redcap_repeat_instance: 'x' }],
      line(
        '1',
        'redcap_repeat_instance',
        'x',
        'The value must be a whole number from 1 to 32767, or new',
      ),
    ],
    [
      'instance 0 of a repeating instrument',
      [
        {
          record_id: '1',
          redcap_event_name: 'week_4_arm_1',
          redcap_repeat_instrument: 'adverse_events',
          redcap_repeat_instance: '0',
        },
      ],
      line(
        '1',
        'redcap_repeat_instance',
        '0',
        'The value must be a whole number from 1 to 32767, or new',
      ),
    ],
    [
      'an instance on an event that does not repeat',
      [{ record_id: '1', redcap_event_name: 'baseline_arm_1', redcap_repeat_instance: '2' }],
      line(
        '1',
        'redcap_repeat_instance',
        '2',
        'The event baseline_arm_1 does not repeat, so an instance needs a redcap_repeat_instrument',
      ),
    ],
    [
      'a form not designated for the event',
      [{ record_id: '1', redcap_event_name: 'follow_up_arm_1', weight: '70' }],
      line(
        '1',
        'weight',
        '70',
        'The instrument vitals is not designated for this event (follow_up_arm_1)',
      ),
    ],
    [
      'a repeating form on the event row',
      [{ record_id: '1', redcap_event_name: 'week_4_arm_1', ae_description: 'x' }],
      line(
        '1',
        'ae_description',
        'x',
        'ae_description repeats on week_4_arm_1, so its row needs redcap_repeat_instrument = adverse_events',
      ),
    ],
    [
      'a plain form on a repeat row',
      [
        {
          record_id: '1',
          redcap_event_name: 'week_4_arm_1',
          redcap_repeat_instrument: 'adverse_events',
          redcap_repeat_instance: '1',
          weight: '70',
        },
      ],
      line(
        '1',
        'weight',
        '70',
        'weight does not repeat on week_4_arm_1, so it belongs on a row without redcap_repeat_instrument',
      ),
    ],
    [
      'a bad value',
      [{ record_id: '1', redcap_event_name: 'baseline_arm_1', age: 'x' }],
      line('1', 'age', 'x', 'The value is not a valid integer for age'),
    ],
  ])('%s', async (_, rows, body) => {
    const redcap = mock();
    const before = await csvOf(redcap, '1');
    const answer = await importRows(redcap, rows);
    expect([answer.status, answer.text]).toEqual([400, body]);
    expect(await csvOf(redcap, '1')).toEqual(before);
  });
});

describe('Import Records (longitudinal): where rows land, and the log line', () => {
  it.each<[string, Row[], Pairs, string, string]>([
    [
      'no event column: the first event',
      [{ record_id: '1', age: '35' }],
      [],
      '{"count": 1}',
      "Update record (API) 1 | age = '35'",
    ],
    [
      'a blank event: the first event',
      [{ record_id: '1', redcap_event_name: ' ', age: '35' }],
      [],
      '{"count": 1}',
      "Update record (API) 1 | age = '35'",
    ],
    [
      'a repeating event without an instance: instance 1',
      [{ record_id: '1', redcap_event_name: 'unscheduled_arm_1', sbp: '99' }],
      [],
      '{"count": 1}',
      "Update record (API) 1 | sbp = '99'",
    ],
    [
      'new on a repeating event: after the last',
      [
        {
          record_id: '1',
          redcap_event_name: 'unscheduled_arm_1',
          redcap_repeat_instance: 'new',
          sbp: '99',
        },
      ],
      [],
      '{"count": 1}',
      "Update record (API) 1 | [instance = 3], sbp = '99', vitals_complete = '0'",
    ],
    [
      'new on a repeating instrument: after the last',
      [
        {
          record_id: '1',
          redcap_event_name: 'week_4_arm_1',
          redcap_repeat_instrument: 'adverse_events',
          redcap_repeat_instance: 'new',
          ae_serious: '1',
        },
      ],
      [],
      '{"count": 1}',
      "Update record (API) 1 | [instance = 2], ae_serious = '1', adverse_events_complete = '0'",
    ],
    [
      'new on a repeating instrument of a record without one',
      [
        {
          record_id: '2',
          redcap_event_name: 'week_4_arm_1',
          redcap_repeat_instrument: 'adverse_events',
          redcap_repeat_instance: 'new',
          ae_serious: '1',
        },
      ],
      [],
      '{"count": 1}',
      "Update record (API) 2 | ae_serious = '1', adverse_events_complete = '0'",
    ],
    [
      'a status sent is kept',
      [
        {
          record_id: '1',
          redcap_event_name: 'follow_up_arm_1',
          withdrew: '1',
          completion_complete: '1',
        },
      ],
      [],
      '{"count": 1}',
      "Update record (API) 1 | withdrew = '1', completion_complete = '1'",
    ],
    [
      'an unchecked box gives no status',
      [{ record_id: '30', redcap_event_name: 'week_4_arm_1', symptoms___1: '0' }],
      [],
      '{"count": 1}',
      "Create record (API) 30 | record_id = '30'",
    ],
    [
      'a new record that writes nothing still exists',
      [{ record_id: '30', redcap_event_name: 'week_4_arm_1', ae_description: '' }],
      [],
      '{"count": 1}',
      "Create record (API) 30 | record_id = '30'",
    ],
    [
      'a new record on instance 3 of a repeating event',
      [
        {
          record_id: '30',
          redcap_event_name: 'unscheduled_arm_1',
          redcap_repeat_instance: '3',
          sbp: '1',
        },
      ],
      [],
      '{"count": 1}',
      "Create record (API) 30 | record_id = '30', [instance = 3], sbp = '1', vitals_complete = '0'",
    ],
    [
      'forceAutoNumber: after the largest number',
      [
        { record_id: 'a', redcap_event_name: 'baseline_arm_1', age: '3' },
        { record_id: 'b', age: '4' },
        { record_id: 'a', redcap_event_name: 'week_4_arm_1', weight: '5' },
      ],
      [
        ['forceAutoNumber', 'true'],
        ['returnContent', 'auto_ids'],
      ],
      '["13,a","14,b"]',
      "Create record (API) 14 | record_id = '14', age = '4', enrollment_complete = '0'",
    ],
  ])('%s', async (_, rows, extra, answer, log) => {
    const redcap = mock();
    const result = await importRows(redcap, rows, extra);
    expect([result.status, result.text]).toEqual([200, answer]);
    expect(await lastLog(redcap)).toBe(log);
  });

  it('writes each row to its event and instance, and nothing else', async () => {
    const redcap = mock();
    const before = await csvOf(redcap, '1');
    const answer = await importRows(redcap, [
      { record_id: '1', age: '35' },
      {
        record_id: '1',
        redcap_event_name: 'unscheduled_arm_1',
        redcap_repeat_instance: '2',
        sbp: '101',
      },
      {
        record_id: '1',
        redcap_event_name: 'week_4_arm_1',
        redcap_repeat_instrument: 'adverse_events',
        redcap_repeat_instance: '1',
        ae_serious: '1',
      },
      {
        record_id: '1',
        redcap_event_name: 'week_4_arm_1',
        redcap_repeat_instrument: 'adverse_events',
        redcap_repeat_instance: '4',
        ae_description: '',
      },
    ]);
    expect([answer.status, answer.text]).toEqual([200, '{"count": 1}']);
    const after = await csvOf(redcap, '1');
    expect(after).toEqual([
      '1,baseline_arm_1,,,2024-01-08,35,1,2,70.5,120,1,0,0,2,,,,,,',
      '1,week_4_arm_1,,,,,,,69.8,118,0,0,0,2,,,,,,',
      '1,week_4_arm_1,adverse_events,1,,,,,,,,,,,"Headache after dose",1,2,,,',
      '1,unscheduled_arm_1,,1,,,,,69.0,135,1,1,0,1,,,0,,,',
      '1,unscheduled_arm_1,,2,,,,,,101,0,0,0,0,"Fainted, ""briefly""",1,1,,,',
      '1,follow_up_arm_1,,,,,,,,,,,,,,,,2024-03-01,0,2',
    ]);
    expect(after).toHaveLength(before.length);
  });

  it.each([
    ['normal', '70.5'],
    ['overwrite', ''],
  ])(
    'a blank designated cell with overwriteBehavior=%s leaves %j; one on another event is ignored',
    async (behavior, left) => {
      const redcap = mock();
      const answer = await importRows(
        redcap,
        [
          { record_id: '1', redcap_event_name: 'baseline_arm_1', weight: '', completion_date: '' },
          { record_id: '1', redcap_event_name: 'week_4_arm_1', ae_description: '' },
        ],
        [['overwriteBehavior', behavior]],
      );
      expect([answer.status, answer.text]).toEqual([200, '{"count": 1}']);
      const { text } = await send(redcap, [
        ['content', 'record'],
        ['format', 'json'],
        ['records', '1'],
        ['fields', 'record_id,weight,completion_date,ae_description'],
        ['events', 'baseline_arm_1,follow_up_arm_1,week_4_arm_1'],
      ]);
      const rows = (JSON.parse(text) as Row[]).map((r) => [
        r['redcap_event_name'],
        r['redcap_repeat_instrument'],
        r['weight'],
        r['completion_date'],
        r['ae_description'],
      ]);
      expect(rows).toEqual([
        ['baseline_arm_1', '', left, '', ''],
        ['week_4_arm_1', '', '69.8', '', ''],
        ['week_4_arm_1', 'adverse_events', '', '', 'Headache after dose'],
        ['follow_up_arm_1', '', '', '2024-03-01', ''],
      ]);
    },
  );
});
