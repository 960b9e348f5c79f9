import { describe, expect, it } from 'vitest';
import { ALICE_TOKEN, seedData } from '../../mocks/fixtures/index.ts';
import { createMockRedcap, type MockRedcap } from '../../mocks/redcap.ts';
import { sendPairs, type Pairs } from './redcap-error.ts';

/**
 * Import Records on the classic demo (§2.4, §2.14): a new repeat instance whose only data is one
 * ticked box. The box gives the form its status, so the instance holds one value and one ticked
 * box and is kept (an instance with nothing in it is dropped). This seed makes `health`, which has
 * the `symptoms` checkbox, a repeating form.
 */
function mock(): MockRedcap {
  const seed = seedData();
  const project = seed.projects.find((p) => p.slug === 'classic-demo')!;
  project.repeating.push({ event_name: '', form_name: 'health', custom_form_label: '' });
  return createMockRedcap({ seed });
}

const send = (redcap: MockRedcap, pairs: Pairs) =>
  sendPairs(redcap, [['token', ALICE_TOKEN], ...pairs]);

describe('Import Records: a repeat instance with only a ticked box', () => {
  it.each<[string, string, string[]]>([
    ['1', 'ticked', ['1,health,3,1,0,0,0,0']],
    ['0', 'unticked: nothing saved', []],
  ])('symptoms___1 = %s (%s)', async (value, _, rows) => {
    const redcap = mock();
    const answer = await send(redcap, [
      ['content', 'record'],
      ['format', 'json'],
      [
        'data',
        JSON.stringify([
          {
            record_id: '1',
            redcap_repeat_instrument: 'health',
            redcap_repeat_instance: '3',
            symptoms___1: value,
          },
        ]),
      ],
    ]);
    expect([answer.status, answer.text]).toEqual([200, '{"count": 1}']);
    const exported = await send(redcap, [
      ['content', 'record'],
      ['format', 'csv'],
      ['records', '1'],
      ['fields', 'record_id,symptoms,health_complete'],
    ]);
    const lines = exported.text.split('\n').filter(Boolean);
    expect(lines.filter((l) => l.includes(',health,3,'))).toEqual(rows);
  });
});
