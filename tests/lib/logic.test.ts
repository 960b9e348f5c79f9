import { describe, expect, it } from 'vitest';
import { logicFields, LogicSyntaxError, parseLogic } from '../../src/lib/logic/parse.ts';

describe('parseLogic (REDCap logic subset)', () => {
  it('parses a comparison of a field and a quoted value', () => {
    expect(parseLogic("[sex] = '1'")).toEqual({
      kind: 'compare',
      op: '=',
      left: { kind: 'field', event: null, field: 'sex', code: null },
      right: { kind: 'literal', value: '1', quoted: true },
    });
  });

  it('binds and tighter than or, and honours parentheses', () => {
    const node = parseLogic('[a] = 1 or [b] = 2 and [c] = 3');
    expect(node.kind).toBe('or');
    const grouped = parseLogic('([a] = 1 or [b] = 2) AND [c] = 3');
    expect(grouped.kind).toBe('and');
  });

  it('reads events, checkbox codes, != and numbers', () => {
    const node = parseLogic('[baseline_arm_1][symptoms(2)] != -1.5');
    expect(node).toMatchObject({
      op: '<>',
      left: { event: 'baseline_arm_1', field: 'symptoms', code: '2' },
      right: { value: '-1.5', quoted: false },
    });
    expect(logicFields(parseLogic('[a] > [b] or [c] = ""')).map((f) => f.field)).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it.each([
    ['', 'The logic is empty'],
    ['[age] >', 'Expected a [field] or a value'],
    ['[age] 30', 'Expected a comparison'],
    ["[sex] = '1", 'A quoted value is not closed'],
    ['([a] = 1', 'A ( is not closed by )'],
    ["datediff([dob], 'today', 'y') > 1", 'The function datediff() is not supported'],
    ['age > 1', 'field names go in brackets'],
    ['[a] = 1 [b] = 2', 'Unexpected text after the logic'],
  ])('refuses %j: %s', (text, message) => {
    expect(() => parseLogic(text)).toThrow(LogicSyntaxError);
    expect(() => parseLogic(text)).toThrow(message);
  });
});
