import { describe, expect, it } from 'vitest';
import { classicDemoProject } from '../../mocks/fixtures/classic-demo.ts';
import { longitudinalDemoProject } from '../../mocks/fixtures/longitudinal-demo.ts';
import { compileFilter, evaluate } from '../../mocks/store/logic.ts';
import { ApiError } from '../../mocks/store/errors.ts';
import type { DataSlot } from '../../mocks/store/types.ts';
import { parseLogic } from '../../src/lib/logic/parse.ts';

/**
 * The filterLogic evaluator's values, as tables: what each expression gives on a row (issue #19's
 * mutation survivors). '' is REDCap's blank (and its NaN).
 */

const project = classicDemoProject();
const NOW = new Date(Date.UTC(2026, 0, 15, 12, 30, 0));

function row(
  values: Record<string, string> = {},
  checked: Record<string, string[]> = {},
): DataSlot {
  return { event: null, repeatInstrument: null, instance: null, values, checked };
}

/** The value of an expression on a row, without the precomputed status names. */
const value = (logic: string, values: Record<string, string> = {}) =>
  evaluate(parseLogic(logic), { row: row(values), project, now: NOW, missingCodes: new Set() });

function refusal(logic: string, p = project): string {
  try {
    compileFilter(logic, p, { now: () => NOW });
  } catch (error) {
    if (error instanceof ApiError) return `${error.status} ${error.message}`;
    throw error;
  }
  return 'accepted';
}

describe('truthiness, text and numbers of computed values', () => {
  it.each([
    ["if(1-1, 'y', 'n')", 'n'],
    ["if(2-1, 'y', 'n')", 'y'],
    ["if((0-1)^0.5, 'y', 'n')", 'n'], // NaN is false
    ["if(1/0, 'y', 'n')", 'n'], // division by zero is blank
    ["if('0', 'y', 'n')", 'n'],
    ["if('', 'y', 'n')", 'n'],
    ["if('a', 'y', 'n')", 'y'],
    ["if(1=1, 'y', 'n')", 'y'],
    ["if(1=2, 'y', 'n')", 'n'],
    ["if([age], 'y', 'n')", 'n'],
  ])('%s gives %j', (logic, expected) => {
    expect(value(logic)).toBe(expected);
  });

  it.each([
    ['(1=1) = 1', true],
    ["(1=1) = '1'", true],
    ['(1=2) = 0', true],
    ["(1=2) = ''", false],
    ['(1=1) + 1 = 2', true],
    ['(1=2) + 1 = 1', true],
    ["2^2000 = ''", true], // infinity prints blank
    ["(0-1)^0.5 = ''", true],
    ['1/(2^2000) = 0', true],
    ["1/0 = ''", true],
    ["'a' + 1 = ''", true],
    ["'a' ^ 0 = ''", true], // a blank stays blank even where NaN ** 0 would be 1
    ["2 ^ 'a' = ''", true],
    ['(2+3) * 2 = 10', true],
  ])('%s is %s', (logic, expected) => {
    expect(value(logic)).toBe(expected);
  });
});

describe('comparisons: every operator below, at and above, as numbers and as text', () => {
  const cases: [string, string, string, boolean][] = [];
  const expect3 = (op: string, lt: boolean, eq: boolean, gt: boolean) => {
    cases.push([op, '1', '2', lt], [op, '2', '2', eq], [op, '10', '2', gt]);
    cases.push([op, "'a'", "'b'", lt], [op, "'b'", "'b'", eq], [op, "'c'", "'b'", gt]);
  };
  expect3('<', true, false, false);
  expect3('<=', true, true, false);
  expect3('>', false, false, true);
  expect3('>=', false, true, true);
  expect3('=', false, true, false);
  expect3('<>', true, false, true);
  it.each(cases)('%s: %s against %s is %s', (op, left, right, expected) => {
    expect(value(`${left} ${op} ${right}`)).toBe(expected);
  });

  it.each(['<', '<=', '>', '>='])('a blank on the right is not ordered: 5 %s [age]', (op) => {
    expect(value(`5 ${op} [age]`)).toBe(false);
    expect(value(`'a' ${op} [age]`)).toBe(false);
  });
});

describe('fields', () => {
  it('a form never saved reads as Incomplete without the precomputed status names', () => {
    expect(value("[demographics_complete] = '0'")).toBe(true);
    expect(value("[demographics_complete] = '2'", { demographics_complete: '2' })).toBe(true);
  });

  it('an event field with no lookup reads blank', () => {
    const filter = compileFilter("[baseline_arm_1][weight] = ''", longitudinalDemoProject());
    expect(filter(row({ weight: '3' }))).toBe(true);
  });

  it('refuses a descriptive field and a code on a form status', () => {
    const p = structuredClone(project);
    const first = p.metadata[1]!;
    p.metadata.push({ ...first, field_name: 'intro', field_type: 'descriptive' });
    expect(refusal("[intro] = ''", p)).toMatch(/^400 .*\[intro\] is not a field of this project/);
    expect(refusal('[demographics_complete(1)] = 1')).toMatch(/^400 .*is not a checkbox/);
  });

  it("reads 'today' from the real clock when none is given", () => {
    expect(compileFilter("datediff('today', 'today', 'd') = 0", project)(row())).toBe(true);
  });
});

describe('datediff', () => {
  it.each([
    ["datediff(' 2024-01-01 ', ' 2024-01-02 ', ' d ')", 1],
    ["datediff(' today ', '2026-01-16', 'd')", 1],
    ["datediff('2024/01/01', '2024/01/03', 'd')", 2],
    ["datediff('24-01-02', '24-01-03', 'd', 'ymd')", 1],
    ["datediff('01-03-2024', '01-02-2024', 'd', 'mdy')", 1],
    ["datediff('01-02-2024', '01-03-2024', 'd', ' MDY ')", 1],
    ["datediff('01-02-2024', '01-03-2024', 'd', 'xyz')", ''],
    ["datediff('2024-12-01', '2024-12-31', 'd')", 30],
    ["datediff('2024-13-01', '2024-01-01', 'd')", ''],
    ["datediff('2024-00-01', '2024-01-01', 'd')", ''],
    ["datediff('2024-01-00', '2024-01-01', 'd')", ''],
    ["datediff('2024-01-32', '2024-01-01', 'd')", ''],
    ["datediff('2024-01-31', '2024-01-01', 'd')", 30],
    ["datediff('2024-01-01 00:00:00', '2024-01-01 00:00:30', 's')", 30],
    ["datediff('2024-01-01 00:00', '2024-01-01 01:02', 'm')", 62],
    ["datediff('2024-01-01 00:00:00', '2024-01-01 00:00:30', 's', 'ymd', true)", 30],
    ["datediff('2024-01-01 01:00', '2024-01-02 00:00', 'h')", 23],
    ["datediff('2024-01-01', '2024-01-02 12:00', 'd')", 1.5],
    ["datediff('2024-01-03', '2024-01-01', 'd', 'ymd', true)", -2],
    ["datediff('2024-01-03', '2024-01-01', 'd', 'ymd', 'true')", -2],
    ["datediff('2024-01-03', '2024-01-01', 'd', 'ymd', '1')", -2],
    ["datediff('2024-01-03', '2024-01-01', 'd', 'ymd', 'false')", 2],
    ["datediff('2024-01-03', '2024-01-01', 'd', 'ymd', 'FALSE')", 2],
    ["datediff('2024-01-03', '2024-01-01', 'd', 'ymd', false)", 2],
    ["datediff('2024-01-03', '2024-01-01', 'd', 'ymd', '0')", 2],
    ["datediff('2024-01-03', '2024-01-01', 'd', 'ymd', '')", 2],
    ["datediff('2024-01-03', '2024-01-01', 'd', true)", -2],
    ["datediff('2024-01-03', '2024-01-01', 'd', false)", 2],
  ])('%s gives %j', (logic, expected) => {
    expect(value(logic)).toBe(expected);
  });
});

describe('functions', () => {
  it.each([
    ["contains('Abc', 'B')", true],
    ["contains('strasse', 'ß')", false],
    ["not_contain('abc', 'x')", true],
    ["not_contain('abc', 'B')", false],
    ["starts_with('Abc', 'a')", true],
    ["starts_with('Abc', 'b')", false],
    ["ends_with('Abc', 'C')", true],
    ['round(2.5)', 3],
    ['round(1.234, 2)', 1.23],
    ['round(1.005, 2)', 1.01],
    ['roundup(1.21, 1)', 1.3],
    ['rounddown(1.29, 1)', 1.2],
    ["round('x')", ''],
    ["round(1.5, 'x')", ''],
    ['abs(0-3)', 3],
    ["abs('x')", ''],
    ["isinteger('-5')", true],
    ["isinteger('+5')", true],
    ["isinteger('a1')", false],
    ["isinteger('1.5')", false],
    ["isnumber(' 1e3 ')", true],
    ["sum(1, '', 2)", 3],
    ["sum(1, 'a')", ''],
    ["mean(1, 2, '')", 1.5],
    ['min(3, 1, 2)', 1],
    ['max(3, 1, 2)', 3],
    ["sum('', '')", ''],
    ['-(1+0)', -1],
    ['-([age])', ''],
  ])('%s gives %j', (logic, expected) => {
    expect(value(logic)).toBe(expected);
  });
});
