import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ALICE_LONGITUDINAL_TOKEN, ALICE_TOKEN } from '../../mocks/fixtures/index.ts';
import { createMockRedcap, type MockRedcap } from '../../mocks/redcap.ts';
import { REPEAT_INSTANCE_MESSAGE } from '../../mocks/store/names.ts';
import { isRedcapError, sendPairs, type Pairs } from './redcap-error.ts';

/**
 * Issue #18, item 7: a bad `repeat_instance` or record name is refused with a 400 before
 * anything changes; before, `-1`, `0` or `-7` read as instance 1 (and deleted it), a number past
 * 2^53 was rounded and a 20-digit instance accepted.
 */

const send = sendPairs;

/** The request is refused with `message` (json), and no project's data changed. */
async function expectRefused(redcap: MockRedcap, pairs: Pairs, message: string | RegExp) {
  const before = structuredClone(redcap.store.data.projects);
  const answer = await send(redcap, pairs);
  expect(answer.status).toBe(400);
  expect(isRedcapError(answer.type, answer.text)).toBe(true);
  const error = (JSON.parse(answer.text) as { error: string }).error;
  if (typeof message === 'string') expect(error).toBe(message);
  else expect(error).toMatch(message);
  expect(isDeepStrictEqual(before, redcap.store.data.projects)).toBe(true);
}

const BAD_INSTANCES = [
  '-1',
  '0',
  '-7',
  '00',
  '1.5',
  '1e3',
  ' -1 ',
  '+2',
  '0x10',
  '32768',
  '9007199254740993',
  '12345678901234567890',
  'abc',
];

/** A classic-demo record with a visit instance 1 holding a file (consent_file). */
function recordWithVisitFile(redcap: MockRedcap): string {
  const project = redcap.store.data.projects[0]!;
  const record = project.records.find((r) =>
    r.slots.some(
      (s) => s.repeatInstrument === 'visit' && s.instance === 1 && s.values['consent_file'],
    ),
  );
  if (!record) throw new Error('the classic demo has no visit file');
  return record.id;
}

const base = (content: string, extra: Pairs = []): Pairs => [
  ['token', ALICE_TOKEN],
  ['content', content],
  ['format', 'json'],
  ['returnFormat', 'json'],
  ...extra,
];

describe('repeat_instance outside 1…32767 is a 400 that changes nothing', () => {
  const redcap = createMockRedcap();
  const id = recordWithVisitFile(redcap);
  for (const bad of BAD_INSTANCES) {
    it(`Delete Records, repeat_instance=${JSON.stringify(bad)}`, async () => {
      await expectRefused(
        redcap,
        base('record', [
          ['action', 'delete'],
          ['records[]', id],
          ['instrument', 'visit'],
          ['repeat_instance', bad],
        ]),
        REPEAT_INSTANCE_MESSAGE,
      );
    });
    it(`Delete a File, repeat_instance=${JSON.stringify(bad)}`, async () => {
      await expectRefused(
        redcap,
        base('file', [
          ['action', 'delete'],
          ['record', id],
          ['field', 'consent_file'],
          ['repeat_instance', bad],
        ]),
        REPEAT_INSTANCE_MESSAGE,
      );
    });
    it(`Export a File, Export PDF and a Survey Link, repeat_instance=${JSON.stringify(bad)}`, async () => {
      const instance: Pairs = [['repeat_instance', bad]];
      for (const pairs of [
        base('file', [
          ['action', 'export'],
          ['record', id],
          ['field', 'consent_file'],
          ...instance,
        ]),
        base('pdf', [['record', id], ['instrument', 'visit'], ...instance]),
      ]) {
        await expectRefused(redcap, pairs, REPEAT_INSTANCE_MESSAGE);
      }
    });
    it(`Import Records, redcap_repeat_instance=${JSON.stringify(bad)}`, async () => {
      const data = JSON.stringify([
        {
          record_id: id,
          redcap_repeat_instrument: 'visit',
          redcap_repeat_instance: bad,
          visit_type: '1',
        },
      ]);
      await expectRefused(
        redcap,
        base('record', [
          ['action', 'import'],
          ['data', data],
        ]),
        /redcap_repeat_instance|whole number from 1 to 32767/,
      );
    });
  }

  it('a valid instance still works: repeat_instance=1 deletes that instance only', async () => {
    const fresh = createMockRedcap();
    const answer = await send(
      fresh,
      base('record', [
        ['action', 'delete'],
        ['records[]', id],
        ['instrument', 'visit'],
        ['repeat_instance', '1'],
      ]),
    );
    expect(answer).toMatchObject({ status: 200, text: '1' });
    const record = fresh.store.data.projects[0]!.records.find((r) => r.id === id)!;
    expect(record.slots.some((s) => s.repeatInstrument === 'visit' && s.instance === 1)).toBe(
      false,
    );
  });
});

describe('record names REDCap refuses', () => {
  const BAD_NAMES: readonly (readonly [string, string, RegExp])[] = [
    ['NUL', 'a\u0000b', /control characters/],
    ['a tab inside', 'a\tb', /control characters/],
    ['a line break inside', 'a\nb', /control characters/],
    ['DEL', 'a\u007fb', /control characters/],
    ['101 characters', 'r'.repeat(101), /longer than 100 characters/],
    ['a plus sign', 'a+b', /cannot contain a plus sign/],
  ];
  const redcap = createMockRedcap();
  for (const [what, name, message] of BAD_NAMES) {
    it(`Import Records (json, csv) refuses ${what}`, async () => {
      await expectRefused(
        redcap,
        base('record', [
          ['action', 'import'],
          ['data', JSON.stringify([{ record_id: name, first_name: 'X' }])],
        ]),
        message,
      );
      const csv = `record_id,first_name\n"${name.replace(/"/g, '""')}",X\n`;
      await expectRefused(
        redcap,
        [
          ...base('record', [
            ['action', 'import'],
            ['data', csv],
          ]).filter(([k]) => k !== 'format'),
          ['format', 'csv'],
        ],
        message,
      );
    });
    it(`Import Records in a longitudinal project refuses ${what}`, async () => {
      await expectRefused(
        redcap,
        [
          ['token', ALICE_LONGITUDINAL_TOKEN],
          ['content', 'record'],
          ['action', 'import'],
          ['format', 'json'],
          ['data', JSON.stringify([{ record_id: name, redcap_event_name: 'baseline_arm_1' }])],
        ],
        message,
      );
    });
    it(`Rename Record refuses ${what}`, async () => {
      const id = redcap.store.data.projects[0]!.records[0]!.id;
      await expectRefused(
        redcap,
        base('record', [
          ['action', 'rename'],
          ['record', id],
          ['new_record_name', name],
        ]),
        message,
      );
    });
  }

  it('a 100-character name is accepted', async () => {
    const fresh = createMockRedcap();
    const name = 'r'.repeat(100);
    const answer = await send(
      fresh,
      base('record', [
        ['action', 'import'],
        ['data', JSON.stringify([{ record_id: name, first_name: 'X' }])],
      ]),
    );
    expect(answer.status).toBe(200);
    expect(fresh.store.data.projects[0]!.records.some((r) => r.id === name)).toBe(true);
  });
});
