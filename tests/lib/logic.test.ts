import { describe, expect, it } from 'vitest';
import {
  FUNCTIONS,
  logicFields,
  LogicSyntaxError,
  MAX_LOGIC_DEPTH,
  MAX_LOGIC_NESTING,
  MAX_LOGIC_TOKENS,
  parseLogic,
  type LogicNode,
} from '../../src/lib/logic/parse.ts';

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

/** The tree as one line: every kind, op, event, code and quote shows. */
function show(node: LogicNode): string {
  switch (node.kind) {
    case 'field':
      return `${node.event === null ? '' : `[${node.event}]`}[${node.field}${node.code === null ? '' : `(${node.code})`}]`;
    case 'literal':
      return node.quoted ? `'${node.value}'` : node.value;
    case 'boolean':
      return `#${String(node.value)}`;
    case 'not':
    case 'negate':
      return `(${node.kind} ${show(node.operand)})`;
    case 'call':
      return `${node.name}(${node.args.map(show).join(', ')})`;
    case 'compare':
    case 'arith':
      return `(${node.op} ${show(node.left)} ${show(node.right)})`;
    default:
      return `(${node.kind} ${show(node.left)} ${show(node.right)})`;
  }
}

describe('parseLogic: a table of trees', () => {
  it.each([
    ['[a] = 1', '(= [a] 1)'],
    ['[a] == 1', '(= [a] 1)'],
    ['[a]=1', '(= [a] 1)'],
    ['[a] <> 1', '(<> [a] 1)'],
    ['[a] != 1', '(<> [a] 1)'],
    ['[a] < 1', '(< [a] 1)'],
    ['[a] <= 1', '(<= [a] 1)'],
    ['[a] > 1', '(> [a] 1)'],
    ['[a] >= 1', '(>= [a] 1)'],
    ['[a]<=-1', '(<= [a] -1)'],
    ['[a]>=+1', '(>= [a] 1)'],
    ['[a]\t=\n1', '(= [a] 1)'],
    ['[ a ] = 1', '(= [a] 1)'],
    ["[ ev_1 ][f( 2 )] = '1'", "(= [ev_1][f(2)] '1')"],
    ['[1ev][f(a b)] = 1', '(= [1ev][f(a b)] 1)'],
    [`[a] = "it's"`, `(= [a] 'it's')`],
    [`[a] = ''`, `(= [a] '')`],
    ['[a] = 1.', '(= [a] 1.)'],
    ['[a] = .5', '(= [a] .5)'],
    ['[a] = 10.25', '(= [a] 10.25)'],
    ['1 - 2 - 3 = 0', '(= (- (- 1 2) 3) 0)'],
    ['8 / 4 / 2 = 1', '(= (/ (/ 8 4) 2) 1)'],
    ['2 * 3 + 4 = 10', '(= (+ (* 2 3) 4) 10)'],
    ['2 + 3 * 4 - 1 = 13', '(= (- (+ 2 (* 3 4)) 1) 13)'],
    ['2 * 3 / 4 * 5 = 1', '(= (* (/ (* 2 3) 4) 5) 1)'],
    ['--1 = 1', '(= (negate -1) 1)'],
    ["-'1' = 1", "(= (negate '1') 1)"],
    ['-(1) = -1', '(= -1 -1)'],
    ['-[a] = 1', '(= (negate [a]) 1)'],
    ['+[a] = 1', '(= [a] 1)'],
    ['-2^2 = 4', '(= (^ -2 2) 4)'],
    ['2^-1 = .5', '(= (^ 2 -1) .5)'],
    ['true', '#true'],
    ['FALSE', '#false'],
    ['True = [a]', '(= #true [a])'],
    ['[a] = 1 or [b] = 2 or [c] = 3', '(or (= [a] 1) (or (= [b] 2) (= [c] 3)))'],
    [
      '[a] = 1 or [b] = 2 or [c] = 3 or [d] = 4',
      '(or (or (= [a] 1) (= [b] 2)) (or (= [c] 3) (= [d] 4)))',
    ],
    ['[a] = 1 and [b] = 2 and [c] = 3', '(and (= [a] 1) (and (= [b] 2) (= [c] 3)))'],
    [
      '[a] = 1 or [b] = 2 and [c] = 3 or [d] = 4',
      '(or (= [a] 1) (or (and (= [b] 2) (= [c] 3)) (= [d] 4)))',
    ],
    ['not not [a] = 1', '(not (not (= [a] 1)))'],
    ['not [a] = 1 and [b] = 2', '(and (not (= [a] 1)) (= [b] 2))'],
    ['nOt([a] = 1) OR [b] = 2', '(or (not (= [a] 1)) (= [b] 2))'],
    ['if(1, 2, 3) = 2', '(= if(1, 2, 3) 2)'],
    ['ROUND([a]) = 1', '(= round([a]) 1)'],
    ['sum([a], [b] + 1, 2) > 0', '(> sum([a], (+ [b] 1), 2) 0)'],
    [
      "datediff([d], 'today', 'y', 'ymd', false) > 1",
      "(> datediff([d], 'today', 'y', 'ymd', #false) 1)",
    ],
  ])('%j → %s', (text, tree) => {
    expect(show(parseLogic(text))).toBe(tree);
  });

  it('lists fields with their events and codes, left to right', () => {
    const fields = logicFields(
      parseLogic("[e1][a(1)] = 1 and sum([b], -[e2][c]) > [d] or not(contains([e], 'x'))"),
    );
    expect(fields.map((f) => show(f))).toEqual(['[e1][a(1)]', '[b]', '[e2][c]', '[d]', '[e]']);
  });
});

describe('parseLogic: every refusal says what and where', () => {
  it.each([
    ['   ', 'The logic is empty', 0],
    ['[a] = 1 & 2', 'Unexpected character "&"', 8],
    ['[a] = 1 | 2', 'Unexpected character "|"', 8],
    ['[]', '"" is not a field name', 0],
    ['[a][] = 1', '"" is not a field name', 0],
    ['[][a] = 1', '"" is not a unique event name', 0],
    ['1 = [Ev][a]', '"Ev" is not a unique event name', 4],
    ['[ev-1][a] = 1', '"ev-1" is not a unique event name', 0],
    ['[a(] = 1', '"a(" is not a field name', 0],
    ['[a()] = 1', '"a()" is not a field name', 0],
    ['[A(1)] = 1', '"A(1)" is not a field name', 0],
    ['[a(1)x] = 1', '"a(1)x" is not a field name', 0],
    ['[1a] = 1', '"1a" is not a field name', 0],
    ['[a-b] = 1', '"a-b" is not a field name', 0],
    ['1 = [a] [', 'A [ is not closed by ]', 8],
    ["[a] = 'x' \"y", 'A quoted value is not closed', 10],
    ['[a] = (1', 'A ( is not closed by )', 6],
    ['(1 = 1 2', 'Expected ) before 2', 7],
    ["(1 = 1 'x'", 'Expected ) before a quoted value', 7],
    ['(1 = 1 [b]', 'Expected ) before [b]', 7],
    ['(1 = 1 [e][b]', 'Expected ) before [e][b]', 7],
    ['(1 = 1 foo', 'Expected ) before "foo"', 7],
    ['(1 = 1 (', 'Expected ) before "("', 7],
    ['(1 = 1 ,', 'Expected ) before ","', 7],
    ['[a] = 1 foo', 'Expected a comparison (=, <>, <, <=, >, >=), "and" or "or" before "foo"', 8],
    ['[a] = 1 (', 'Expected a comparison (=, <>, <, <=, >, >=), "and" or "or" before "("', 8],
    [
      "[a] = 1 'x'",
      'Expected a comparison (=, <>, <, <=, >, >=), "and" or "or" before a quoted value',
      8,
    ],
    ['[a] = 1 2', 'Expected a comparison (=, <>, <, <=, >, >=), "and" or "or" before 2', 8],
    ['[a] = 1 not', 'Expected a comparison (=, <>, <, <=, >, >=), "and" or "or" before "not"', 8],
    ['[a] = 1 ,', 'Unexpected text after the logic', 8],
    ['= 1', 'Expected a [field] or a value, found "="', 0],
    ['* 1', 'Expected a [field] or a value, found "*"', 0],
    [')', 'Expected a [field] or a value, found ")"', 0],
    ['[a] = and', 'Expected a [field] or a value, found "and"', 6],
    ['[a] = or', 'Expected a [field] or a value, found "or"', 6],
    ['sum([a],) > 1', 'Expected a [field] or a value, found ")"', 8],
    ['sum(,) > 1', 'Expected a [field] or a value, found ","', 4],
    ['NOW > 1', "Write now in quotes: 'now'", 0],
    ['1 < Today', "Write today in quotes: 'today'", 4],
    ['1 = foo', 'Unexpected word "foo" (field names go in brackets: [foo])', 4],
    ['True() = 1', 'The function True() is not supported here', 0],
    ['1 = constructor(1)', 'The function constructor() is not supported here', 4],
    ['1 = toString(1)', 'The function toString() is not supported here', 4],
    ['1 = abs()', 'abs() takes 1 argument, found 0: abs(number)', 4],
    ['abs(1, 2) = 1', 'abs() takes 1 argument, found 2: abs(number)', 0],
    ['contains([a]) = 1', 'contains() takes 2 arguments, found 1: contains([field], "text")', 0],
    [
      'round(1, 2, 3) = 1',
      'round() takes 1 to 2 arguments, found 3: round(number, decimal places)',
      0,
    ],
    [
      'if(1, 2) = 1',
      'if() takes 3 arguments, found 2: if(condition, value if true, value if false)',
      0,
    ],
    ['max() = 1', 'max() takes at least 1 argument, found 0: max([a], [b], …)', 0],
    ['contains([a], "x"', 'The ( of contains( is not closed by )', 8],
    ['contains([a], "x" 1', 'Expected "," or ")" in contains(…) before 1', 18],
    ['[a] < 1 > 2', 'Two comparisons in a row: join them with "and"', 8],
    ['[a] = 1 and [b] &&', 'REDCap writes "and", not "&&"', 16],
  ])('refuses %j: %s', (text, detail, position) => {
    let error: unknown;
    try {
      parseLogic(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LogicSyntaxError);
    const e = error as LogicSyntaxError;
    expect(e.name).toBe('LogicSyntaxError');
    expect(e.detail).toBe(detail);
    expect(e.message).toBe(`${detail} (at character ${position + 1})`);
    expect(e.position).toBe(position);
  });
});

describe('parseLogic: the limits, at each boundary', () => {
  const refusal = (text: string): LogicSyntaxError | null => {
    try {
      parseLogic(text);
      return null;
    } catch (e) {
      return e as LogicSyntaxError;
    }
  };

  it(`nests ${MAX_LOGIC_NESTING} parentheses, not one more`, () => {
    const n = MAX_LOGIC_NESTING;
    expect(refusal('('.repeat(n) + '1' + ')'.repeat(n) + ' = 1')).toBeNull();
    const e = refusal('('.repeat(n + 1) + '1' + ')'.repeat(n + 1) + ' = 1');
    expect(e?.detail).toBe(
      `The logic nests parentheses, functions or "not" more than ${n} levels deep`,
    );
    expect(e?.position).toBe(n);
  });

  it('counts not, signs, ^ and calls as nesting, and frees a level when it closes', () => {
    const n = MAX_LOGIC_NESTING;
    expect(refusal('not '.repeat(n) + '1')).toBeNull();
    expect(refusal('not '.repeat(n + 1) + '1')?.position).toBe(4 * n);
    expect(refusal('-'.repeat(n) + '1 = 1')).toBeNull();
    expect(refusal('-'.repeat(n + 1) + '1 = 1')?.position).toBe(n);
    expect(refusal('2' + '^2'.repeat(n) + ' = 1')).toBeNull();
    expect(refusal('2' + '^2'.repeat(n + 1) + ' = 1')?.position).toBe(2 * n + 1);
    expect(refusal('abs('.repeat(n) + '1' + ')'.repeat(n) + ' = 1')).toBeNull();
    expect(refusal('abs('.repeat(n + 1) + '1' + ')'.repeat(n + 1) + ' = 1')?.position).toBe(4 * n);
    // Side by side, not nested: each closes before the next opens.
    const side = Array.from(
      { length: 3 },
      () => '(' + '('.repeat(n - 1) + '1' + ')'.repeat(n),
    ).join(' + ');
    expect(refusal(side + ' = 1')).toBeNull();
  });

  it(`builds a tree ${MAX_LOGIC_DEPTH} deep, not one more`, () => {
    const chain = (k: number) => '1' + '+1'.repeat(k);
    // k additions and their left-most 1: k + 1 levels; the comparison adds one.
    expect(refusal(chain(MAX_LOGIC_DEPTH - 2) + ' = 1')).toBeNull();
    const e = refusal(chain(MAX_LOGIC_DEPTH - 1) + ' = 1');
    expect(e?.detail).toBe(
      `The logic is too deeply nested (more than ${MAX_LOGIC_DEPTH} levels of operators): split long chains of + - * / with parentheses`,
    );
    expect(e?.position).toBe(0);
    // The deepest branch is measured wherever it is, not only on the left.
    expect(refusal('1 = ' + chain(MAX_LOGIC_DEPTH - 2))).toBeNull();
    expect(refusal('1 = ' + chain(MAX_LOGIC_DEPTH - 1))?.detail).toBe(e?.detail);
    expect(refusal('sum(1, ' + chain(MAX_LOGIC_DEPTH - 1) + ', 2) = 1')?.detail).toBe(e?.detail);
  });

  it(`reads ${MAX_LOGIC_TOKENS} parts, not one more`, () => {
    // sum ( 1, then ",1" pairs, then ")": 4 + 2k parts.
    const sum = (k: number) => 'sum(1' + ',1'.repeat(k) + ')';
    const fits = (MAX_LOGIC_TOKENS - 4) / 2;
    expect(refusal(sum(fits))).toBeNull();
    const e = refusal(sum(fits + 1));
    expect(e?.detail).toBe('The logic is too long: more than 5,000 fields, values and operators');
    // The error points at the first part past the limit: the "," after 3 + 2 × 2498 parts.
    expect(e?.position).toBe(6 + 2 * fits);
  });
});
