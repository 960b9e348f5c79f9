import { describe, expect, it } from 'vitest';
import { INSTRUMENTS, METADATA } from '../../mocks/fixtures/classic-demo-dictionary.ts';
import { longitudinalDemoProject } from '../../mocks/fixtures/longitudinal-demo.ts';
import { checkLogic, complete, logicSyntaxError } from '../../src/lib/project/logic-assist.ts';
import { buildProjectModel } from '../../src/lib/project/model.ts';

const classic = buildProjectModel({
  info: { is_longitudinal: 0 },
  metadata: METADATA,
  instruments: INSTRUMENTS,
});
const long = longitudinalDemoProject();
const longitudinal = buildProjectModel({
  info: { is_longitudinal: 1 },
  metadata: long.metadata,
  instruments: long.instruments,
  events: long.events,
  mappings: long.formEvents,
});

/** Completion with the cursor at `|`. */
function at(textWithCursor: string, model = classic) {
  const cursor = textWithCursor.indexOf('|');
  const text = textWithCursor.replace('|', '');
  return { text, result: complete(text, cursor, model) };
}

function apply(textWithCursor: string, label: string, model = classic): string {
  const { text, result } = at(textWithCursor, model);
  const item = result?.items.find((i) => i.label === label);
  if (!result || !item) throw new Error(`no ${label} in ${JSON.stringify(result?.items)}`);
  return text.slice(0, result.from) + item.insert + text.slice(result.to);
}

describe('complete', () => {
  it('offers every data field after [, checkboxes as field(code), then form statuses', () => {
    const labels = at('[|').result!.items.map((i) => i.label);
    expect(labels.slice(0, 5)).toEqual(['record_id', 'first_name', 'last_name', 'dob', 'sex']);
    expect(labels).toContain('symptoms(1)');
    expect(labels).toContain('symptoms(4)');
    expect(labels).not.toContain('symptoms');
    expect(labels).not.toContain('visit_intro'); // descriptive
    expect(labels.slice(-3)).toEqual([
      'demographics_complete',
      'health_complete',
      'visit_complete',
    ]);
    const sym = at('[|').result!.items.find((i) => i.label === 'symptoms(2)');
    expect(sym).toMatchObject({
      insert: 'symptoms(2)]',
      detail: 'Symptoms in the last week: Cough',
    });
  });

  it('narrows by what is typed (prefix first, then anywhere, labels too) and replaces it', () => {
    const labels = at('[we|').result!.items.map((i) => i.label);
    expect(labels[0]).toBe('weight');
    expect(at('[ag|').result!.items[0]!.label).toBe('age');
    expect(at('[fever|').result!.items.map((i) => i.label)).toEqual(['symptoms(1)']);
    expect(apply('[ag| > 3', 'age')).toBe('[age] > 3');
    expect(apply('[ag|] > 3', 'age')).toBe('[age] > 3');
    expect(apply('[a|ge] > 3', 'age')).toBe('[age] > 3');
  });

  it('offers events first, then fields, in a longitudinal project; fields only after [event]', () => {
    const items = at('[|', longitudinal).result!.items;
    expect(items[0]).toMatchObject({
      kind: 'event',
      label: 'baseline_arm_1',
      insert: 'baseline_arm_1]',
      detail: 'Baseline (Arm 1)',
    });
    expect(items.filter((i) => i.kind === 'event')).toHaveLength(7);
    expect(items.findIndex((i) => i.kind === 'field')).toBe(7);
    const after = at('[baseline_arm_1][|', longitudinal).result!.items;
    expect(after.every((i) => i.kind === 'field')).toBe(true);
    expect(after.map((i) => i.label)).toContain('weight');
    expect(apply('[week|', 'week_4_arm_1', longitudinal)).toBe('[week_4_arm_1]');
  });

  it('offers after [event] only the fields of the forms designated for that event', () => {
    // follow_up_arm_1 collects only `completion`; week_4_arm_1 vitals and adverse_events.
    const followUp = at('[follow_up_arm_1][|', longitudinal).result!.items.map((i) => i.label);
    expect(followUp).toContain('completion_date');
    expect(followUp).toContain('completion_complete');
    expect(followUp).not.toContain('weight');
    expect(followUp).not.toContain('vitals_complete');
    const week4 = at('[week_4_arm_1][|', longitudinal).result!.items.map((i) => i.label);
    expect(week4).toContain('weight');
    expect(week4).toContain('ae_serious');
    expect(week4).not.toContain('completion_date');
    // An unknown event narrows nothing.
    expect(at('[nowhere][|', longitudinal).result!.items.map((i) => i.label)).toContain('weight');
  });

  it('offers a field’s codes in quotes with labels after = or <>', () => {
    const items = at('[sex] = |').result!.items;
    expect(items).toEqual([
      { label: "'0'", insert: "'0'", detail: 'Female', kind: 'choice' },
      { label: "'1'", insert: "'1'", detail: 'Male', kind: 'choice' },
    ]);
    expect(apply('[visit_type] <> |', "'3'")).toBe("[visit_type] <> '3'");
    expect(apply("[visit_type]='|", "'2'")).toBe("[visit_type]='2'");
    expect(apply('[smoker] = "|" and [age] > 1', '"1"')).toBe('[smoker] = "1" and [age] > 1');
    expect(at('[smoker] = |').result!.items.map((i) => i.detail)).toEqual(['Yes', 'No']);
    expect(at('[symptoms(2)] = |').result!.items.map((i) => i.detail)).toEqual([
      'Checked',
      'Unchecked',
    ]);
    expect(at("[visit_type] = 'fol|").result!.items.map((i) => i.insert)).toEqual(["'3'"]);
    expect(at('[age] = |').result).toBeNull();
  });

  it('offers functions after letters, not inside quotes or after a name', () => {
    const items = at('date|').result!.items;
    expect(items).toEqual([
      expect.objectContaining({ label: 'datediff()', insert: 'datediff(', kind: 'function' }),
    ]);
    expect(at('[age] > 1 and is|').result!.items.map((i) => i.label)).toEqual([
      'isnumber()',
      'isinteger()',
      'isblankormissingcode()',
    ]);
    expect(at("[notes] = 'dat|'").result).toBeNull();
    expect(at('[age] > 1 and|').result).toBeNull();
    expect(at('|').result).toBeNull();
  });
});

describe('checkLogic', () => {
  const messages = (text: string, model = classic) =>
    checkLogic(text, model).map((p) => [p.from, p.severity, p.message]);

  it('finds nothing wrong with good logic, double or single quotes alike', () => {
    expect(checkLogic(`[age] > 30 and [sex] = "1" or [symptoms(2)] = '1'`, classic)).toEqual([]);
    expect(checkLogic(`datediff([dob], 'today', 'y') >= 18`, classic)).toEqual([]);
    expect(checkLogic('', classic)).toEqual([]);
    expect(checkLogic("[baseline_arm_1][group] = '2' and [weight] > 80", longitudinal)).toEqual([]);
  });

  it.each([
    ['[age > 3', 0, 'This [ is not closed by ]'],
    ['age] > 3', 3, 'This ] has no [ before it'],
    ['([age] > 3', 0, 'This ( is not closed by )'],
    ['[age] > 3)', 9, 'This ) has no ( before it'],
    ["[sex] = '1", 8, "This quoted value is not closed: end it with '"],
    ['[sex] = "1', 8, 'This quoted value is not closed: end it with "'],
  ])('balance: %j', (text, from, message) => {
    expect(messages(text)).toEqual([[from, 'error', message]]);
  });

  it.each([
    ["[sex] == '1'", 6, 'warning', 'REDCap compares with a single =, not =='],
    ["[age] > 3 && [sex] = '1'", 10, 'error', 'REDCap writes and, not &&'],
    ["[age] > 3 || [sex] = '1'", 10, 'error', 'REDCap writes or, not ||'],
    ["!([sex] = '1')", 0, 'error', 'REDCap has no !: write not(…), or <> for "not equal"'],
    ['[age] => 3', 6, 'error', 'Write >= for "greater or equal", not =>'],
    ["[notes] LIKE '%cough%'", 8, 'error', 'LIKE is SQL'],
    ["[notes] not like '%cough%'", 8, 'error', 'LIKE is SQL'],
    ['[email] IS NULL', 8, 'error', "IS NULL is SQL: REDCap writes a blank as [field] = ''"],
    ['[email] is not null', 8, 'error', "IS NOT NULL is SQL: REDCap writes [field] <> ''"],
    ["[sex] IN ('0', '1')", 6, 'error', 'IN (…) is SQL'],
  ])('habit: %j', (text, from, severity, message) => {
    const problems = checkLogic(text, classic);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ from, severity });
    expect(problems[0]!.message).toContain(message);
  });

  it('does not mistake quoted text for operators or SQL', () => {
    expect(checkLogic(`[notes] = 'like && || ! == is null in ('`, classic)).toEqual([]);
  });

  it('reports other syntax errors from the parser, at their position', () => {
    expect(messages('[age] > ')).toEqual([
      [8, 'error', 'Expected a [field] or a value, found the end of the logic'],
    ]);
    expect(messages('sqrt([age]) > 1')).toEqual([
      [0, 'error', 'The function sqrt() is not supported here'],
    ]);
    expect(logicSyntaxError('[age] 30')).toMatch(/^Expected a comparison/);
    expect(logicSyntaxError("[agee] == '1'")).toBeNull();
  });

  it('names unknown fields and events with a suggestion', () => {
    expect(messages('[agee] > 30')).toEqual([
      [0, 'warning', '`agee` is not a field in this project; did you mean `age`?'],
    ]);
    expect(messages('[zzz] > 30')).toEqual([
      [0, 'warning', '`zzz` is not a field in this project'],
    ]);
    expect(messages('[visit_intro] = 1')).toEqual([
      [0, 'warning', '`visit_intro` is a descriptive field: it holds no data'],
    ]);
    expect(messages("[baseline_arm1][group] = '1'", longitudinal)).toEqual([
      [
        0,
        'warning',
        '`baseline_arm1` is not an event in this project; did you mean `baseline_arm_1`?',
      ],
    ]);
    expect(messages("[event_1][age] = '1'")).toEqual([
      [0, 'warning', 'This project is not longitudinal, so `event_1` cannot be an event'],
    ]);
    expect(messages('[follow_up_arm_1][weight] > 80', longitudinal)).toEqual([
      [
        17,
        'warning',
        '`weight` is not collected in `follow_up_arm_1`: its form `vitals` is not designated for that event',
      ],
    ]);
    expect(messages('[follow_up_arm_1][vitals_complete] = 2', longitudinal)).toHaveLength(1);
    expect(messages('[follow_up_arm_1][completion_complete] = 2', longitudinal)).toEqual([]);
    expect(messages("[baseline_arm_1] = '1'", longitudinal)).toEqual([
      [
        0,
        'warning',
        '`baseline_arm_1` is an event: follow it with a field, e.g. [baseline_arm_1][field]',
      ],
    ]);
  });

  it('checks checkbox options and the codes compared to', () => {
    expect(messages("[symptoms] = '1'")).toEqual([
      [
        0,
        'warning',
        '[symptoms] is a checkbox: name one option, e.g. [symptoms(1)] (1 (Fever), 2 (Cough), 3 (Headache), 4 (Fatigue))',
      ],
    ]);
    expect(messages("[symptoms(7)] = '1'")).toEqual([
      [
        0,
        'warning',
        '`7` is not an option of [symptoms]: 1 (Fever), 2 (Cough), 3 (Headache), 4 (Fatigue)',
      ],
    ]);
    expect(messages("[sex(1)] = '1'")).toEqual([
      [0, 'warning', '[sex] is not a checkbox, so it takes no (1)'],
    ]);
    expect(messages("[sex] = '3'")).toEqual([
      [8, 'warning', '`3` is not a code of [sex]: 0 (Female), 1 (Male)'],
    ]);
    expect(messages('[sex] <> 3')).toEqual([
      [9, 'warning', '`3` is not a code of [sex]: 0 (Female), 1 (Male)'],
    ]);
    expect(messages("[sex] = ''")).toEqual([]);
  });

  it('skips the name check without a model, and sorts problems by position', () => {
    expect(checkLogic('[agee] > 30', null)).toEqual([]);
    const problems = checkLogic('[agee] > 3 && [sexx] = 1', classic);
    expect(problems.map((p) => p.from)).toEqual([0, 11, 14]);
  });
});
