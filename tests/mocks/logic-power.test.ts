import { describe, expect, it } from 'vitest';
import { ALICE_TOKEN } from '../../mocks/fixtures/index.ts';
import { classicDemoProject } from '../../mocks/fixtures/classic-demo.ts';
import { compileFilter } from '../../mocks/store/logic.ts';
import { createMockRedcap } from '../../mocks/redcap.ts';
import type { DataSlot } from '../../mocks/store/types.ts';

/** `^` groups to the right in filterLogic, as in REDCap: 2^3^2 is 2^9 = 512, not 8^2 = 64. */

const row = (values: Record<string, string>): DataSlot => ({
  event: null,
  repeatInstrument: null,
  instance: null,
  values,
  checked: {},
});

describe('filterLogic evaluator: ^ is right-associative', () => {
  const project = classicDemoProject();
  it.each([
    ['2^3^2 = 512', true],
    ['2^3^2 = 64', false],
    ['(2^3)^2 = 64', true],
    ['[age]^2^1 = 9', true],
    ['2^[age]^2 = 512', true],
  ])('%s is %s', (logic, expected) => {
    expect(compileFilter(logic, project)(row({ age: '3' }))).toBe(expected);
  });
});

describe('Export Records with a filterLogic using 2^3^2', () => {
  async function exportIds(filterLogic: string): Promise<{ status: number; ids: string[] }> {
    const response = await createMockRedcap().handle({
      method: 'POST',
      url: 'http://mock.test/api/',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new TextEncoder().encode(
        new URLSearchParams({
          token: ALICE_TOKEN,
          content: 'record',
          action: 'export',
          format: 'json',
          type: 'flat',
          'fields[0]': 'record_id',
          filterLogic,
        }).toString(),
      ),
    });
    const rows = JSON.parse(String(response.body)) as { record_id: string }[];
    return { status: response.status, ids: rows.map((r) => r.record_id) };
  }

  it('keeps the rows where 2^3^2 = 512 holds, and none where 2^3^2 = 64', async () => {
    expect(await exportIds("2^3^2 = 512 and [record_id] = '1'")).toEqual({
      status: 200,
      ids: ['1'],
    });
    expect(await exportIds('2^3^2 = 64')).toEqual({ status: 200, ids: [] });
  });
});
