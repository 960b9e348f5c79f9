import { describe, expect, it } from 'vitest';
import { classicDemoProject } from '../../mocks/fixtures/classic-demo.ts';
import { longitudinalDemoProject } from '../../mocks/fixtures/longitudinal-demo.ts';
import { compileFilter } from '../../mocks/store/logic.ts';
import { ApiError } from '../../mocks/store/errors.ts';
import type { DataSlot } from '../../mocks/store/types.ts';

/** The mock's evaluator of filterLogic, one REDCap rule at a time, on hand-made rows. */

const project = classicDemoProject();
const NOW = new Date(Date.UTC(2026, 0, 15, 12, 30, 0));

function row(values: Record<string, string>, checked: Record<string, string[]> = {}): DataSlot {
  return { event: null, repeatInstrument: null, instance: null, values, checked };
}

/** Whether the logic holds on a row with these values (clock fixed at 2026-01-15 12:30 UTC). */
function holds(logic: string, values: Record<string, string>, checked = {}): boolean {
  return compileFilter(logic, project, { now: () => NOW })(row(values, checked));
}

function refusal(logic: string, p = project): string {
  try {
    compileFilter(logic, p);
  } catch (error) {
    if (error instanceof ApiError) return `${error.status} ${error.message}`;
    throw error;
  }
  return 'accepted';
}

describe('filterLogic evaluator: blanks, numbers and text', () => {
  it("treats [x] = '' as blank and [x] <> '' as a value", () => {
    expect(holds("[age] = ''", {})).toBe(true);
    expect(holds("[age] = ''", { age: '3' })).toBe(false);
    expect(holds("[age] <> ''", { age: '3' })).toBe(true);
    expect(holds('[age] = ""', {})).toBe(true);
  });

  it('never orders a blank: <, <=, >, >= with a blank side are false', () => {
    for (const op of ['<', '<=', '>', '>=']) expect(holds(`[age] ${op} 30`, {})).toBe(false);
    expect(holds('[age] = 0', {})).toBe(false);
    expect(holds('[age] <> 0', {})).toBe(true);
  });

  it('compares numerically when both sides are numbers, else as text', () => {
    expect(holds("[age] = '07'", { age: '7' })).toBe(true);
    expect(holds('[age] > 9', { age: '10' })).toBe(true);
    expect(holds("[age] > '9'", { age: '10' })).toBe(true);
    expect(holds("[last_name] > 'b'", { last_name: 'c' })).toBe(true);
    expect(holds("[last_name] < '10'", { last_name: '9x' })).toBe(false);
    expect(holds("[last_name] = 'ada'", { last_name: 'Ada' })).toBe(false);
  });

  it('reads checkbox options as 1/0', () => {
    expect(holds("[symptoms(2)] = '1'", {}, { symptoms: ['2'] })).toBe(true);
    expect(holds('[symptoms(2)] = 0', {}, { symptoms: ['1'] })).toBe(true);
    expect(holds('[symptoms(2)] = 1', {})).toBe(false);
  });

  it('reads a form never saved as Incomplete (0)', () => {
    expect(holds('[health_complete] = 0', {})).toBe(true);
  });

  it('does arithmetic; a blank operand or a division by zero gives a blank', () => {
    expect(holds('[weight] / ([height] / 100) ^ 2 > 25', { weight: '90', height: '180' })).toBe(
      true,
    );
    expect(holds('[weight] / ([height] / 100) ^ 2 > 25', { weight: '70', height: '180' })).toBe(
      false,
    );
    expect(holds("[weight] + 1 = ''", {})).toBe(true);
    expect(holds("[weight] / 0 = ''", { weight: '3' })).toBe(true);
    expect(holds('-[weight] < -50', { weight: '60' })).toBe(true);
    expect(holds('2 + 3 * 4 = 14', {})).toBe(true);
  });

  it('combines with and/or/not (any case) and true/false', () => {
    expect(holds("[age] > 1 AND [sex] = '1'", { age: '5', sex: '1' })).toBe(true);
    expect(holds("[age] > 10 Or [sex] = '1'", { age: '5', sex: '0' })).toBe(false);
    expect(holds("not([sex] = '1')", { sex: '0' })).toBe(true);
    expect(holds("NOT [sex] = '1' and [age] = 5", { sex: '1', age: '5' })).toBe(false);
    expect(holds('true', {})).toBe(true);
    expect(holds('false or [age] = 5', { age: '5' })).toBe(true);
  });
});

describe('filterLogic evaluator: datediff', () => {
  const d = (a: string, b: string, rest: string) => `datediff('${a}', '${b}', ${rest})`;

  it('gives d2 − d1 in each unit, absolute unless signed', () => {
    expect(holds(`${d('2024-01-01', '2024-01-31', "'d'")} = 30`, {})).toBe(true);
    expect(holds(`${d('2024-01-31', '2024-01-01', "'d'")} = 30`, {})).toBe(true);
    expect(holds(`${d('2024-01-31', '2024-01-01', "'d', 'ymd', true")} = -30`, {})).toBe(true);
    expect(holds(`${d('2024-01-31', '2024-01-01', "'d', true")} = -30`, {})).toBe(true);
    expect(holds(`${d('2024-01-01 10:00', '2024-01-01 12:30', "'h'")} = 2.5`, {})).toBe(true);
    expect(holds(`${d('2024-01-01 10:00', '2024-01-01 12:30', "'m'")} = 150`, {})).toBe(true);
    expect(holds(`${d('2024-01-01 10:00:00', '2024-01-01 10:00:42', "'s'")} = 42`, {})).toBe(true);
    // A year is 365.2425 days and a month 30.44 days, as REDCap counts them.
    expect(
      holds(`round(${d('2000-01-01', '2024-01-01', "'y'")}, 9) = round(8766 / 365.2425, 9)`, {}),
    ).toBe(true);
    expect(
      holds(`round(${d('2024-01-01', '2024-03-01', "'M'")}, 9) = round(60 / 30.44, 9)`, {}),
    ).toBe(true);
    // Datetimes keep fractions of days; two dates give whole days.
    expect(holds(`${d('2024-01-01 00:00', '2024-01-01 12:00', "'d'")} = 0.5`, {})).toBe(true);
  });

  it("reads 'today' and 'now' from the clock, in any case", () => {
    expect(holds("datediff([dob], 'today', 'y') >= 18", { dob: '2008-01-15' })).toBe(true);
    expect(holds("datediff([dob], 'TODAY', 'y') >= 18", { dob: '2008-01-16' })).toBe(false);
    expect(holds("datediff('2026-01-15 12:00', \"now\", 'm') = 30", {})).toBe(true);
    expect(holds("datediff('today', '2026-01-20', 'd', true) = 5", {})).toBe(true);
  });

  it('reads mdy and dmy arguments; stored Y-M-D values stay Y-M-D', () => {
    expect(holds("datediff('01-02-2024', '01-03-2024', 'd', 'mdy') = 1", {})).toBe(true);
    expect(holds("datediff('01-02-2024', '01-03-2024', 'd', 'dmy') = 29", {})).toBe(true);
    expect(holds("datediff([dob], '2024-01-11', 'd', 'mdy') = 1", { dob: '2024-01-10' })).toBe(
      true,
    );
  });

  it('is blank for a blank date, a bad date or an unknown unit, so comparisons fail', () => {
    expect(holds("datediff([dob], 'today', 'y') > -1", {})).toBe(false);
    expect(holds("datediff([dob], 'today', 'y') = ''", {})).toBe(true);
    expect(holds("datediff('soon', 'today', 'd') > -1", {})).toBe(false);
    expect(holds("datediff('2024-01-01', 'today', 'w') > -1", {})).toBe(false);
  });
});

describe('filterLogic evaluator: other functions', () => {
  it('contains / not_contain / starts_with / ends_with ignore case', () => {
    expect(holds("contains([notes], 'COUGH')", { notes: 'Mild cough' })).toBe(true);
    expect(holds("contains([notes], 'fever')", { notes: 'Mild cough' })).toBe(false);
    expect(holds("not_contain([notes], 'fever')", { notes: 'Mild cough' })).toBe(true);
    expect(holds("not_contain([notes], 'fever')", {})).toBe(true);
    expect(holds("starts_with([email], 'ADA@')", { email: 'ada@x.org' })).toBe(true);
    expect(holds("ends_with([email], '.ORG')", { email: 'ada@x.org' })).toBe(true);
    expect(holds("ends_with([email], '.net')", { email: 'ada@x.org' })).toBe(false);
  });

  it('if picks a branch by the truth of its condition', () => {
    expect(holds("if([sex] = '1', [weight], 0) = 70", { sex: '1', weight: '70' })).toBe(true);
    expect(holds("if([sex] = '1', [weight], 0) = 0", { sex: '0', weight: '70' })).toBe(true);
    expect(holds("if([age], 'y', 'n') = 'n'", { age: '0' })).toBe(true);
  });

  it('sum / min / max / mean skip blanks and are blank with no numbers', () => {
    const v = { height: '180', weight: '70', age: '' };
    expect(holds('sum([height], [weight], [age]) = 250', v)).toBe(true);
    expect(holds('min([height], [weight], [age]) = 70', v)).toBe(true);
    expect(holds('max([height], [weight], [age]) = 180', v)).toBe(true);
    expect(holds('mean([height], [weight], [age]) = 125', v)).toBe(true);
    expect(holds("sum([age], [pain]) = ''", {})).toBe(true);
    expect(holds("sum([notes], 1) = ''", { notes: 'abc' })).toBe(true);
  });

  it('round / roundup / rounddown / abs', () => {
    expect(holds('round([bmi]) = 22', { bmi: '21.5' })).toBe(true);
    expect(holds('round([bmi], 1) = 21.6', { bmi: '21.56' })).toBe(true);
    expect(holds('round(1.005, 2) = 1.01', {})).toBe(true);
    expect(holds('roundup([bmi]) = 22', { bmi: '21.1' })).toBe(true);
    expect(holds('rounddown([bmi], 1) = 21.5', { bmi: '21.59' })).toBe(true);
    expect(holds('abs([age] - 40) = 2', { age: '38' })).toBe(true);
    expect(holds("abs([age]) = ''", {})).toBe(true);
  });

  it('isnumber / isinteger / isblankormissingcode', () => {
    expect(holds('isnumber([weight])', { weight: '58.5' })).toBe(true);
    expect(holds('isnumber([weight])', { weight: 'heavy' })).toBe(false);
    expect(holds('isnumber([weight])', {})).toBe(false);
    expect(holds('isinteger([weight])', { weight: '58' })).toBe(true);
    expect(holds('isinteger([weight])', { weight: '58.5' })).toBe(false);
    expect(holds('isblankormissingcode([email])', {})).toBe(true);
    expect(holds('isblankormissingcode([email])', { email: 'NA' })).toBe(false);
    const coded = classicDemoProject();
    coded.info.missing_data_codes = 'NA, Not applicable | UNK, Unknown';
    const filter = compileFilter('isblankormissingcode([email])', coded);
    expect(filter(row({ email: 'UNK' }))).toBe(true);
    expect(filter(row({ email: 'a@b.c' }))).toBe(false);
  });
});

describe('filterLogic evaluator: longitudinal and refusals', () => {
  it('reads [event][field] from the record’s row of that event', () => {
    const long = longitudinalDemoProject();
    const filter = compileFilter("[baseline_arm_1][group] = '2' and [weight] > 80", long);
    const baseline = { ...row({ group: '2', weight: '70' }), event: 'baseline_arm_1' };
    const week4 = { ...row({ weight: '81' }), event: 'week_4_arm_1' };
    const lookup = (e: string) => (e === 'baseline_arm_1' ? baseline : undefined);
    expect(filter(week4, lookup)).toBe(true);
    expect(filter(baseline, lookup)).toBe(false);
    expect(filter(week4, () => undefined)).toBe(false);
  });

  it.each([
    ['[age] >', /^400 .*filterLogic.*Expected a \[field\] or a value/],
    ['[agee] > 3', /^400 .*\[agee\] is not a field of this project/],
    ["[symptoms] = '1'", /^400 .*needs an option code/],
    ["[sex(1)] = '1'", /^400 .*is not a checkbox/],
    ["[baseline_arm_1][age] = '1'", /^400 .*not longitudinal/],
    ['sqrt([age]) > 1', /^400 .*sqrt\(\) is not supported/],
  ])('answers %j with 400', (logic, message) => {
    expect(refusal(logic)).toMatch(message);
  });

  it('accepts the functions on the longitudinal project too', () => {
    expect(refusal("datediff([enroll_date], 'today', 'd') > 1", longitudinalDemoProject())).toBe(
      'accepted',
    );
    expect(refusal("[nowhere_arm_9][age] = '1'", longitudinalDemoProject())).toMatch(
      /is not an event of this project/,
    );
  });
});
