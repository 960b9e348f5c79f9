import { describe, expect, it } from 'vitest';
import { ALICE_LONGITUDINAL_TOKEN, ALICE_TOKEN } from '../../mocks/fixtures/index.ts';
import { createMockRedcap } from '../../mocks/redcap.ts';
import type { DataColumn } from '../../mocks/store/dictionary.ts';
import type { MetadataRow } from '../../mocks/store/types.ts';
import { combineCheckboxColumns } from '../../mocks/wire/record-combine.ts';
import { getMethod } from '../../src/lib/methods/index.ts';
import { buildRedcapRequest } from '../../src/lib/redcap/request.ts';
import { sendPairs, type Pairs } from './redcap-error.ts';

/**
 * Export Records' combineCheckboxOptions (#25): sent as REDCap reads it (`true`/`false`; `1`
 * counts too), each checkbox one column named after the field with its checked options joined.
 * Record 1 of the classic demo has symptoms 1 (Fever) and 2 (Cough); record 6 none checked.
 */
const HEAD = 'record_id,redcap_repeat_instrument,redcap_repeat_instance';
const base: Pairs = [
  ['token', ALICE_TOKEN],
  ['content', 'record'],
  ['format', 'csv'],
  ['records[0]', '1'],
  ['records[1]', '6'],
  ['fields[0]', 'record_id'],
  ['fields[1]', 'symptoms'],
  ['fields[2]', 'age'],
];

async function csv(extra: Pairs): Promise<string> {
  const { status, text } = await sendPairs(createMockRedcap(), [...base, ...extra]);
  expect(status).toBe(200);
  return text;
}

describe('combineCheckboxOptions', () => {
  it('is an Export Records parameter, sent as true or false after exportBlankForGrayFormStatus', () => {
    const method = getMethod('exp_records');
    const built = buildRedcapRequest(
      method,
      { format: 'json', combineCheckboxOptions: true },
      { apiUrl: 'https://r.example/api/', token: 'T' },
    );
    expect(built.body).toContainEqual(['combineCheckboxOptions', 'true']);
    expect(Object.keys(method.params.shape).slice(-2)).toEqual([
      'combineCheckboxOptions',
      'returnFormat',
    ]);
  });

  it.each<[string, Pairs, string]>([
    [
      'not sent: one column per option',
      [],
      `${HEAD},age,symptoms___1,symptoms___2,symptoms___3,symptoms___4\n1,,,38,1,1,0,0\n6,,,`,
    ],
    [
      'false: one column per option',
      [['combineCheckboxOptions', 'false']],
      `${HEAD},age,symptoms___1,symptoms___2,symptoms___3,symptoms___4\n1,,,38,1,1,0,0\n`,
    ],
    [
      'true: the checked codes in one column',
      [['combineCheckboxOptions', 'true']],
      `${HEAD},age,symptoms\n1,,,38,"1,2"\n`,
    ],
    ['1 is true too', [['combineCheckboxOptions', '1']], `${HEAD},age,symptoms\n1,,,38,"1,2"\n`],
    [
      'labels: the checked labels',
      [
        ['combineCheckboxOptions', 'true'],
        ['rawOrLabel', 'label'],
      ],
      `${HEAD},age,symptoms\n1,,,38,"Fever, Cough"\n`,
    ],
    [
      'labels with exportCheckboxLabel: the same',
      [
        ['combineCheckboxOptions', 'true'],
        ['rawOrLabel', 'label'],
        ['exportCheckboxLabel', 'true'],
      ],
      `${HEAD},age,symptoms\n1,,,38,"Fever, Cough"\n`,
    ],
  ])('%s', async (_, extra, start) => {
    expect(await csv(extra)).toContain(start);
  });

  it('leaves a record with nothing checked blank, and label headers name the field', async () => {
    const text = await csv([
      ['combineCheckboxOptions', 'true'],
      ['rawOrLabelHeaders', 'label'],
    ]);
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe(
      '"Record ID","Repeat Instrument","Repeat Instance","Age (years)","Symptoms in the last week"',
    );
    expect(lines.find((l) => l.startsWith('6,'))).toMatch(/^6,,,\d*,$/);
  });

  it('in JSON too, and in a longitudinal project', async () => {
    const { text } = await sendPairs(createMockRedcap(), [
      ...base.map(([k, v]) => [k, k === 'format' ? 'json' : v] as const),
      ['combineCheckboxOptions', 'true'],
    ]);
    const rows = JSON.parse(text) as Record<string, string>[];
    expect(rows[0]).toMatchObject({ record_id: '1', symptoms: '1,2' });
    expect(Object.keys(rows[0]!).some((k) => k.startsWith('symptoms___'))).toBe(false);
    const longitudinal = await sendPairs(createMockRedcap(), [
      ['token', ALICE_LONGITUDINAL_TOKEN],
      ['content', 'record'],
      ['format', 'json'],
      ['combineCheckboxOptions', 'true'],
    ]);
    expect(longitudinal.status).toBe(200);
    expect(longitudinal.text).not.toContain('___');
  });
});

describe('combineCheckboxColumns', () => {
  const field = (name: string, label: string) =>
    ({ field_name: name, field_label: label }) as unknown as MetadataRow;
  const box = (name: string, code: string, label: string): DataColumn => ({
    kind: 'checkbox',
    name: `${name}___${code}`,
    field: field(name, name.toUpperCase()),
    choice: { code, label },
  });
  const columns = [
    box('a', '1', 'One'),
    box('a', '2', 'Two'),
    box('b', '1', 'Yes'),
    box('b', '2', 'No'),
  ];

  it('merges each field where it stands, with columns between and after kept in place', () => {
    const names = ['id', 'a___1', 'a___2', 'mid', 'b___1', 'b___2', 'end'];
    const headers = names.map((n) => `H ${n}`);
    const rows = [['1', '1', '0', 'm', '1', '1', 'e']];
    combineCheckboxColumns(names, rows, headers, columns, {
      label: false,
      checkboxLabel: false,
      blankGray: false,
      decimal: null,
    });
    expect(names).toEqual(['id', 'a', 'mid', 'b', 'end']);
    expect(headers).toEqual(['H id', 'A', 'H mid', 'B', 'H end']);
    expect(rows).toEqual([['1', '1', 'm', '1,2', 'e']]);
  });

  it('reads labels as checked only where they were written as checked', () => {
    const names = ['a___1', 'a___2', 'b___1', 'b___2'];
    const rows = [['Checked', 'Unchecked', 'Unchecked', 'Checked']];
    combineCheckboxColumns(names, rows, [...names], columns, {
      label: true,
      checkboxLabel: false,
      blankGray: false,
      decimal: null,
    });
    expect(rows).toEqual([['One', 'No']]);
  });
});
