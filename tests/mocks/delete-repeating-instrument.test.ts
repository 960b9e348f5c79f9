import { describe, expect, it } from 'vitest';
import { ALICE_LONGITUDINAL_TOKEN, seedData } from '../../mocks/fixtures/index.ts';
import { createMockRedcap, type MockRedcap } from '../../mocks/redcap.ts';
import type { DataSlot } from '../../mocks/store/types.ts';

/**
 * Delete Records (§2.5) of one instance of a repeating INSTRUMENT on an event of a longitudinal
 * project. The demo only has a repeating event, so this seed makes adverse_events repeat on
 * week_4_arm_1 and gives records 3 and 6 instances 1 and 2 of it there.
 */
const ae = (instance: number, description: string): DataSlot => ({
  event: 'week_4_arm_1',
  repeatInstrument: 'adverse_events',
  instance,
  values: { ae_description: description, ae_serious: '0', adverse_events_complete: '2' },
  checked: {},
});

function seeded(): MockRedcap {
  const seed = seedData();
  const project = seed.projects.find((p) => p.slug === 'longitudinal-demo')!;
  project.repeating.push({
    event_name: 'week_4_arm_1',
    form_name: 'adverse_events',
    custom_form_label: '',
  });
  for (const id of ['3', '6']) {
    const record = project.records.find((r) => r.id === id)!;
    // Record 6 had adverse_events on week 4 as a plain form: move it to instance 1.
    for (const slot of record.slots) {
      if (slot.event !== 'week_4_arm_1') continue;
      delete slot.values['ae_description'];
      delete slot.values['ae_serious'];
      delete slot.values['adverse_events_complete'];
    }
    record.slots.push(ae(1, `first of ${id}`), ae(2, `second of ${id}`));
  }
  return createMockRedcap({ seed });
}

async function post(redcap: MockRedcap, fields: Record<string, string>) {
  const response = await redcap.handle({
    method: 'POST',
    url: 'http://mock.test/api/',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new TextEncoder().encode(
      new URLSearchParams({
        token: ALICE_LONGITUDINAL_TOKEN,
        format: 'json',
        returnFormat: 'json',
        ...fields,
      }).toString(),
    ),
  });
  return { status: response.status, text: String(response.body) };
}

type Row = Record<string, string | number>;

/** The adverse_events instances left on week 4, per record, as a client exports them. */
async function instancesLeft(redcap: MockRedcap): Promise<string[]> {
  const { status, text } = await post(redcap, {
    content: 'record',
    action: 'export',
    type: 'flat',
    'records[0]': '3',
    'records[1]': '6',
    'events[0]': 'week_4_arm_1',
  });
  expect(status).toBe(200);
  return (JSON.parse(text) as Row[])
    .filter((row) => row['redcap_repeat_instrument'] === 'adverse_events')
    .map((row) => `${row['record_id']}#${row['redcap_repeat_instance']}: ${row['ae_description']}`);
}

describe('Delete Records of one repeating-instrument instance (longitudinal)', () => {
  it('starts with instances 1 and 2 on week 4 for records 3 and 6', async () => {
    expect(await instancesLeft(seeded())).toEqual([
      '3#1: first of 3',
      '3#2: second of 3',
      '6#1: first of 6',
      '6#2: second of 6',
    ]);
  });

  const cases: { repeat: Record<string, string>; records: string[]; left: string[] }[] = [
    {
      repeat: { repeat_instance: '2' },
      records: ['3'],
      left: ['3#1: first of 3', '6#1: first of 6', '6#2: second of 6'],
    },
    {
      repeat: { repeat_instance: '1' },
      records: ['3'],
      left: ['3#2: second of 3', '6#1: first of 6', '6#2: second of 6'],
    },
    // No repeat_instance: instance 1 (§2.5).
    {
      repeat: {},
      records: ['6'],
      left: ['3#1: first of 3', '3#2: second of 3', '6#2: second of 6'],
    },
    {
      repeat: { repeat_instance: '2' },
      records: ['3', '6'],
      left: ['3#1: first of 3', '6#1: first of 6'],
    },
  ];
  it.each(cases)(
    'repeat_instance $repeat on records $records deletes that instance only',
    async ({ repeat, records, left }) => {
      const redcap = seeded();
      const named = Object.fromEntries(records.map((id, i) => [`records[${i}]`, id]));
      expect(
        await post(redcap, {
          content: 'record',
          action: 'delete',
          ...named,
          event: 'week_4_arm_1',
          instrument: 'adverse_events',
          ...repeat,
        }),
      ).toEqual({ status: 200, text: String(records.length) });
      expect(await instancesLeft(redcap)).toEqual(left);
    },
  );

  it('keeps the week 4 vitals and the other events of the record', async () => {
    const redcap = seeded();
    const before = await post(redcap, { content: 'record', action: 'export', 'records[0]': '3' });
    await post(redcap, {
      content: 'record',
      action: 'delete',
      'records[0]': '3',
      event: 'week_4_arm_1',
      instrument: 'adverse_events',
      repeat_instance: '2',
    });
    const after = await post(redcap, { content: 'record', action: 'export', 'records[0]': '3' });
    const withoutSecond = (JSON.parse(before.text) as Row[]).filter(
      (row) =>
        !(
          row['redcap_repeat_instrument'] === 'adverse_events' &&
          row['redcap_repeat_instance'] === 2
        ),
    );
    expect(JSON.parse(after.text)).toEqual(withoutSecond);
    expect(withoutSecond.map((r) => r['redcap_event_name'])).toEqual([
      'baseline_arm_1',
      'week_4_arm_1',
      'week_4_arm_1',
    ]);
  });

  it('deletes nothing for an instance that does not exist', async () => {
    const redcap = seeded();
    const { status } = await post(redcap, {
      content: 'record',
      action: 'delete',
      'records[0]': '3',
      event: 'week_4_arm_1',
      instrument: 'adverse_events',
      repeat_instance: '3',
    });
    expect(status).toBe(200);
    expect(await instancesLeft(redcap)).toHaveLength(4);
  });
});
