import { describe, expect, it } from 'vitest';
import { ALICE_LONGITUDINAL_TOKEN, ALICE_TOKEN } from '../../mocks/fixtures/index.ts';
import { createMockRedcap, type MockRedcap } from '../../mocks/redcap.ts';
import { sendPairs, type Pairs } from './redcap-error.ts';

/**
 * Import Records' answers (§2.2, §2.4) in each returnFormat, Rename Record (§2.6), and
 * Import/Export Repeating Instruments and Events (§2.14), as a client sees them.
 */
const send = (redcap: MockRedcap, pairs: Pairs, token = ALICE_TOKEN) =>
  sendPairs(redcap, [['token', token], ...pairs]);

const TWO = JSON.stringify([
  { record_id: '1', first_name: 'A' },
  { record_id: '2', first_name: 'B' },
]);
const XML = '<?xml version="1.0" encoding="UTF-8" ?>';

describe("Import Records' answer", () => {
  it.each<[string, Pairs, string]>([
    ['count, json', [], '{"count": 2}'],
    ['count, csv', [['returnFormat', 'csv']], '2'],
    ['count, xml', [['returnFormat', 'xml']], `${XML}<count>2</count>`],
    ['an unknown returnContent counts', [['returnContent', 'bogus']], '{"count": 2}'],
    ['ids, json', [['returnContent', 'ids']], '["1","2"]'],
    [
      'ids, csv',
      [
        ['returnContent', 'ids'],
        ['returnFormat', 'csv'],
      ],
      'id\n1\n2',
    ],
    [
      'ids, xml',
      [
        ['returnContent', 'ids'],
        ['returnFormat', 'xml'],
      ],
      `${XML}<ids><id>1</id><id>2</id></ids>`,
    ],
    ['auto_ids without forceAutoNumber counts', [['returnContent', 'auto_ids']], '{"count": 2}'],
    [
      'auto_ids, csv',
      [
        ['returnContent', 'auto_ids'],
        ['forceAutoNumber', 'true'],
        ['returnFormat', 'csv'],
      ],
      'id,original_id\n25,1\n26,2',
    ],
    [
      'auto_ids, xml',
      [
        ['returnContent', 'auto_ids'],
        ['forceAutoNumber', 'true'],
        ['returnFormat', 'xml'],
      ],
      `${XML}<ids><id>25,1</id><id>26,2</id></ids>`,
    ],
    ['nothing', [['returnContent', 'nothing']], ''],
    [
      'nothing, xml',
      [
        ['returnContent', 'nothing'],
        ['returnFormat', 'xml'],
      ],
      '',
    ],
    [
      'backgroundProcess, json',
      [
        ['backgroundProcess', 'true'],
        ['returnContent', 'ids'],
      ],
      '{"success":true}',
    ],
    [
      'backgroundProcess, csv',
      [
        ['backgroundProcess', '1'],
        ['returnFormat', 'csv'],
      ],
      'success\ntrue',
    ],
    [
      'backgroundProcess, xml',
      [
        ['backgroundProcess', 'true'],
        ['returnFormat', 'xml'],
      ],
      `${XML}<success>true</success>`,
    ],
  ])('%s', async (_, extra, body) => {
    const answer = await send(createMockRedcap(), [
      ['content', 'record'],
      ['format', 'json'],
      ['data', TWO],
      ...extra,
    ]);
    expect([answer.status, answer.text]).toEqual([200, body]);
  });

  it('forceAutoNumber without auto-numbering keeps the ids: auto_ids pairs each with itself', async () => {
    const redcap = createMockRedcap();
    const info = JSON.stringify({ record_autonumbering_enabled: 0 });
    const set = await send(redcap, [
      ['content', 'project_settings'],
      ['format', 'json'],
      ['data', info],
    ]);
    expect(set.status).toBe(200);
    const answer = await send(redcap, [
      ['content', 'record'],
      ['format', 'json'],
      ['data', TWO],
      ['forceAutoNumber', 'true'],
      ['returnContent', 'auto_ids'],
    ]);
    expect([answer.status, answer.text]).toEqual([200, '["1,1","2,2"]']);
  });
});

describe('Rename Record', () => {
  const rename = (redcap: MockRedcap, record: string, name: string) =>
    send(redcap, [
      ['content', 'record'],
      ['action', 'rename'],
      ['record', record],
      ['new_record_name', name],
      ['returnFormat', 'json'],
    ]);
  const error = (message: string) => JSON.stringify({ error: message });

  it.each([
    ['a blank record', ' ', 'x', error("The parameter 'record' is missing")],
    ['a blank new name', '1', '  ', error("The parameter 'new_record_name' is missing")],
    ['an unknown record', '99', 'x', error("The record '99' does not exist")],
    ['a name taken', '1', '2', error("The record '2' already exists")],
    [
      'a bad name',
      '1',
      "a'b",
      error(
        "The record name (a'b) cannot contain a plus sign (+), ampersand (&), pound sign (#), or apostrophe.",
      ),
    ],
  ])('refuses %s', async (_, record, name, body) => {
    const redcap = createMockRedcap();
    const answer = await rename(redcap, record, name);
    expect([answer.status, answer.text]).toEqual([400, body]);
  });

  it.each([
    ['to itself', '1', '1', '1'],
    ['trimmed', ' 1 ', ' z ', 'z'],
  ])('renames %s; the record, its id cell and its log follow', async (_, record, name, now) => {
    const redcap = createMockRedcap();
    const answer = await rename(redcap, record, name);
    expect([answer.status, answer.text]).toEqual([200, '1']);
    const { text } = await send(redcap, [
      ['content', 'record'],
      ['format', 'csv'],
      ['records', now],
      ['fields', 'record_id,first_name'],
    ]);
    expect(text).toBe(
      `record_id,redcap_repeat_instrument,redcap_repeat_instance,first_name\n${now},,,Ada\n`,
    );
    const log = await send(redcap, [
      ['content', 'log'],
      ['format', 'json'],
      ['record', now],
    ]);
    const rows = JSON.parse(log.text) as Record<string, string>[];
    expect(rows[0]).toMatchObject({
      action: `Rename Record (API) ${now}`,
      details: `old_record = '1', new_record = '${now}'`,
      record: now,
    });
    expect(rows.at(-1)).toMatchObject({ action: 'Create record 1', record: now });
  });
});

describe('Repeating Instruments and Events', () => {
  const put = (redcap: MockRedcap, rows: object[], token = ALICE_TOKEN) =>
    send(
      redcap,
      [
        ['content', 'repeatingFormsEvents'],
        ['format', 'json'],
        ['data', JSON.stringify(rows)],
      ],
      token,
    );
  const get = async (redcap: MockRedcap, token = ALICE_TOKEN) =>
    (
      await send(
        redcap,
        [
          ['content', 'repeatingFormsEvents'],
          ['format', 'csv'],
        ],
        token,
      )
    ).text;
  const flag = async (redcap: MockRedcap, token = ALICE_TOKEN) =>
    (
      JSON.parse(
        (
          await send(
            redcap,
            [
              ['content', 'project'],
              ['format', 'json'],
            ],
            token,
          )
        ).text,
      ) as Record<string, unknown>
    )['has_repeating_instruments_or_events'];

  it.each<[string, object[], string]>([
    [
      'classic: a repeated row, an event, an unknown form',
      [
        { form_name: 'health', custom_form_label: 'x' },
        { form_name: 'health' },
        { form_name: 'nope', event_name: 'e' },
      ],
      'Row 2: the row repeats an earlier one\nRow 3: event_name must be blank in a classic project\nRow 3: form_name "nope" is not an instrument',
    ],
    ['classic: a blank form', [{ form_name: '' }], 'Row 1: form_name "" is not an instrument'],
  ])('refuses %s, and keeps the setup', async (_, rows, message) => {
    const redcap = createMockRedcap();
    const answer = await put(redcap, rows);
    expect([answer.status, answer.text]).toEqual([400, JSON.stringify({ error: message })]);
    expect(await get(redcap)).toBe('form_name,custom_form_label\nvisit,[visit_date]\n');
  });

  it('classic: replaces the setup, answers the row count, and an empty one clears the flag', async () => {
    const redcap = createMockRedcap();
    const answer = await put(redcap, [
      { form_name: 'health', custom_form_label: '[height] cm' },
      { form_name: 'visit', event_name: '' },
    ]);
    expect([answer.status, answer.text]).toEqual([200, '2']);
    expect(await get(redcap)).toBe('form_name,custom_form_label\nhealth,[height] cm\nvisit,\n');
    expect(await flag(redcap)).toBe(1);
    const none = await put(redcap, []);
    expect([none.status, none.text]).toEqual([200, '0']);
    expect(await get(redcap)).toBe('form_name,custom_form_label\n');
    expect(await flag(redcap)).toBe(0);
  });

  it('longitudinal: refuses unknown events, undesignated forms, and whole-and-instrument events', async () => {
    const redcap = createMockRedcap();
    const answer = await put(
      redcap,
      [
        { event_name: 'nope', form_name: '' },
        { event_name: 'baseline_arm_1', form_name: 'completion' },
        { event_name: 'week_4_arm_1', form_name: '' },
        { event_name: 'week_4_arm_1', form_name: 'vitals' },
        { event_name: 'final_arm_2', form_name: 'vitals', custom_form_label: 'x' },
        { event_name: 'final_arm_2', form_name: '' },
        { event_name: 'final_arm_2', form_name: 'vitals' },
      ],
      ALICE_LONGITUDINAL_TOKEN,
    );
    const message = [
      'Row 1: event_name "nope" is not an event of this project',
      'Row 2: form_name "completion" is not designated for the event "baseline_arm_1"',
      'Row 4: the event "week_4_arm_1" cannot repeat as a whole and have repeating instruments',
      'Row 6: the event "final_arm_2" cannot repeat as a whole and have repeating instruments',
      'Row 7: the row repeats an earlier one',
    ].join('\n');
    expect([answer.status, answer.text]).toEqual([400, JSON.stringify({ error: message })]);
    expect(await get(redcap, ALICE_LONGITUDINAL_TOKEN)).toBe(
      'event_name,form_name,custom_form_label\nunscheduled_arm_1,,\n',
    );
  });

  it('longitudinal: instruments on one event, a whole event elsewhere (its label dropped)', async () => {
    const redcap = createMockRedcap();
    const answer = await put(
      redcap,
      [
        { event_name: 'week_4_arm_1', form_name: 'vitals', custom_form_label: 'L' },
        { event_name: 'week_4_arm_1', form_name: 'adverse_events' },
        { event_name: 'final_arm_2', form_name: '', custom_form_label: 'drop' },
      ],
      ALICE_LONGITUDINAL_TOKEN,
    );
    expect([answer.status, answer.text]).toEqual([200, '3']);
    expect(await get(redcap, ALICE_LONGITUDINAL_TOKEN)).toBe(
      'event_name,form_name,custom_form_label\nweek_4_arm_1,vitals,L\nweek_4_arm_1,adverse_events,\nfinal_arm_2,,\n',
    );
  });

  it('exports XML for format=odm', async () => {
    const redcap = createMockRedcap();
    const answer = await send(redcap, [
      ['content', 'repeatingFormsEvents'],
      ['format', 'odm'],
    ]);
    expect([answer.status, answer.type.split(';')[0], answer.text]).toEqual([
      200,
      'text/xml',
      `${XML}\n<records>\n<item><form_name><![CDATA[visit]]></form_name><custom_form_label><![CDATA[[visit_date]]]></custom_form_label></item>\n</records>`,
    ]);
  });
});
