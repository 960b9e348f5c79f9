import { describe, expect, it } from 'vitest';
import { FUNCTIONS, logicFields, LogicSyntaxError, parseLogic } from '../../src/lib/logic/parse.ts';

describe('parseLogic (REDCap logic)', () => {
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

  it('reads and/or/not in any case', () => {
    expect(parseLogic('[a] = 1 Or [b] = 2').kind).toBe('or');
    expect(parseLogic('NOT [a] = 1').kind).toBe('not');
    expect(parseLogic('[a] = 1 AnD not([b] = 2)')).toMatchObject({
      kind: 'and',
      right: { kind: 'not', operand: { kind: 'compare' } },
    });
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

  it('reads arithmetic with REDCap precedence (^ before * / before + -)', () => {
    expect(parseLogic('[w] / ([h] / 100) ^ 2 > 25')).toMatchObject({
      kind: 'compare',
      left: {
        kind: 'arith',
        op: '/',
        left: { field: 'w' },
        right: { kind: 'arith', op: '^', left: { kind: 'arith', op: '/' } },
      },
    });
    expect(parseLogic('1 + 2 * 3 = 7')).toMatchObject({
      left: { op: '+', right: { op: '*' } },
    });
    expect(parseLogic('-[a] < 0')).toMatchObject({ left: { kind: 'negate' } });
  });

  it('reads datediff with two to five arguments, today/now and a signed flag', () => {
    expect(parseLogic("datediff([dob], 'today', 'y') >= 18")).toMatchObject({
      left: {
        kind: 'call',
        name: 'datediff',
        args: [
          { kind: 'field', field: 'dob' },
          { kind: 'literal', value: 'today' },
          { kind: 'literal', value: 'y' },
        ],
      },
    });
    expect(parseLogic('DateDiff([a], "now", "h", "mdy", true) < 2')).toMatchObject({
      left: {
        name: 'datediff',
        args: [{}, {}, {}, { value: 'mdy' }, { kind: 'boolean', value: true }],
      },
    });
  });

  it.each([
    ["contains([notes], 'cough')", 'contains'],
    ["not_contain([notes], 'cough')", 'not_contain'],
    ["starts_with([email], 'ada')", 'starts_with'],
    ["ends_with([email], '.org')", 'ends_with'],
    ["if([sex] = '1', [weight], 0) > 70", 'if'],
    ['sum([a], [b], 3) > 1', 'sum'],
    ['min([a], [b]) > 1', 'min'],
    ['max([a], [b]) > 1', 'max'],
    ['mean([a], [b]) > 1', 'mean'],
    ['round([a], 1) = 2.5', 'round'],
    ['abs([a] - [b]) < 3', 'abs'],
    ['isnumber([a])', 'isnumber'],
    ['isinteger([a])', 'isinteger'],
    ['isblankormissingcode([a])', 'isblankormissingcode'],
  ])('reads %s', (text, name) => {
    const node = parseLogic(text);
    const call = node.kind === 'call' ? node : node.kind === 'compare' ? node.left : null;
    expect(call).toMatchObject({ kind: 'call', name });
    expect(Object.keys(FUNCTIONS)).toContain(name);
  });

  it('lists the fields inside function calls and not()', () => {
    const node = parseLogic("not(contains([notes], 'x')) and if([a] = 1, [b], [c]) > sum([d])");
    expect(logicFields(node).map((f) => f.field)).toEqual(['notes', 'a', 'b', 'c', 'd']);
  });

  it.each([
    ['', 'The logic is empty', 0],
    ['[age] >', 'Expected a [field] or a value, found the end of the logic', 7],
    ['[age] 30', 'Expected a comparison', 6],
    ["[sex] = '1", 'A quoted value is not closed', 8],
    ['([a] = 1', 'A ( is not closed by )', 0],
    ['[a] = 1)', 'A ) without its (', 7],
    ['[a = 1', 'A [ is not closed by ]', 0],
    ['a] = 1', 'A ] without its [', 1],
    ['[a]] = 1', 'A ] without its [', 3],
    ['sqrt([a]) > 1', 'The function sqrt() is not supported', 0],
    ["datediff([dob], 'y') > 1", 'datediff() takes 3 to 5 arguments, found 2', 0],
    ["contains([a], 'x', 'y')", 'contains() takes 2 arguments, found 3', 0],
    ['sum() > 1', 'sum() takes at least 1 argument, found 0', 0],
    ["contains([a] 'x')", 'Expected "," or ")" in contains(…)', 13],
    ['round([a], 1 > 2', 'The ( of round( is not closed by )', 5],
    ['age > 1', 'field names go in brackets: [age]', 0],
    ["datediff([dob], today, 'y') > 1", "Write today in quotes: 'today'", 16],
    ['[a] = 1 [b] = 2', 'Expected a comparison (=, <>, <, <=, >, >=), "and" or "or" before [b]', 8],
    ['[a] = 1 = 2', 'Two comparisons in a row', 8],
    ['[a] = 1 && [b] = 2', 'REDCap writes "and", not "&&"', 8],
    ['[a] = 1 || [b] = 2', 'REDCap writes "or", not "||"', 8],
    ['![a] = 1', 'REDCap writes not(…), not "!"', 0],
    ['[a] = 1 and', 'Expected a [field] or a value, found the end of the logic', 11],
    ['[a] = #', 'Unexpected character "#"', 6],
    ['[Age] = 1', '"Age" is not a field name', 0],
    ['[a][b][c] = 1', 'At most two names in brackets', 0],
  ])('refuses %j: %s', (text, message, position) => {
    let error: unknown;
    try {
      parseLogic(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LogicSyntaxError);
    expect((error as LogicSyntaxError).message).toContain(message);
    expect((error as LogicSyntaxError).position).toBe(position);
  });
});

describe('parseLogic: ^ is right-associative', () => {
  it('reads 2^3^2 as 2^(3^2), and a chain of three the same way', () => {
    const two = { kind: 'literal', value: '2' };
    const three = { kind: 'literal', value: '3' };
    expect(parseLogic('2^3^2 = 512')).toMatchObject({
      kind: 'compare',
      op: '=',
      left: { kind: 'arith', op: '^', left: two, right: { op: '^', left: three, right: two } },
      right: { kind: 'literal', value: '512' },
    });
    expect(parseLogic('[a] ^ [b] ^ [c] ^ 2 > 0')).toMatchObject({
      left: {
        op: '^',
        left: { field: 'a' },
        right: { op: '^', left: { field: 'b' }, right: { op: '^', left: { field: 'c' } } },
      },
    });
    // Parentheses still force the left grouping.
    expect(parseLogic('(2^3)^2 = 64')).toMatchObject({
      left: { op: '^', left: { op: '^', left: two, right: three }, right: two },
    });
  });
});
