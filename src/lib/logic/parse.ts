/**
 * A parser for REDCap logic as people write it in filterLogic (and branching logic):
 *
 *   [age] > 30 and ([sex] = '1' or [symptoms(2)] = '1')
 *   [baseline_arm_1][weight] <= 80.5
 *   datediff([dob], 'today', 'y') >= 18 and not(contains([notes], 'fever'))
 *
 * Fields `[f]`, `[event][f]`, checkbox options `[f(code)]`; comparisons `=` `<>` `!=` `<` `<=`
 * `>` `>=`; `and`, `or`, `not` (any case); arithmetic `+ - * / ^`; quoted strings, numbers,
 * `true`/`false`; parentheses; and the common functions of FUNCTIONS below. Anything else is a
 * LogicSyntaxError with a position. Framework-free: shared by the mock and the UI.
 */

export type CompareOp = '=' | '<>' | '<' | '<=' | '>' | '>=';
export type ArithOp = '+' | '-' | '*' | '/' | '^';

export interface FieldOperand {
  readonly kind: 'field';
  /** `[event][field]`: the unique event name, else null. */
  readonly event: string | null;
  readonly field: string;
  /** `[field(code)]`: a checkbox option code, else null. */
  readonly code: string | null;
}

export interface LiteralOperand {
  readonly kind: 'literal';
  readonly value: string;
  /** True for '…' or "…", false for a bare number. */
  readonly quoted: boolean;
}

export type LogicOperand = FieldOperand | LiteralOperand;

/** The functions the parser knows, with how many arguments each takes (max null: any). */
export const FUNCTIONS = {
  datediff: { min: 3, max: 5, signature: 'datediff([date1], [date2], "y|M|d|h|m|s", "ymd", true)' },
  contains: { min: 2, max: 2, signature: 'contains([field], "text")' },
  not_contain: { min: 2, max: 2, signature: 'not_contain([field], "text")' },
  starts_with: { min: 2, max: 2, signature: 'starts_with([field], "text")' },
  ends_with: { min: 2, max: 2, signature: 'ends_with([field], "text")' },
  if: { min: 3, max: 3, signature: 'if(condition, value if true, value if false)' },
  sum: { min: 1, max: null, signature: 'sum([a], [b], …)' },
  min: { min: 1, max: null, signature: 'min([a], [b], …)' },
  max: { min: 1, max: null, signature: 'max([a], [b], …)' },
  mean: { min: 1, max: null, signature: 'mean([a], [b], …)' },
  round: { min: 1, max: 2, signature: 'round(number, decimal places)' },
  roundup: { min: 1, max: 2, signature: 'roundup(number, decimal places)' },
  rounddown: { min: 1, max: 2, signature: 'rounddown(number, decimal places)' },
  abs: { min: 1, max: 1, signature: 'abs(number)' },
  isnumber: { min: 1, max: 1, signature: 'isnumber([field])' },
  isinteger: { min: 1, max: 1, signature: 'isinteger([field])' },
  isblankormissingcode: { min: 1, max: 1, signature: 'isblankormissingcode([field])' },
} as const satisfies Record<string, { min: number; max: number | null; signature: string }>;

export type LogicFunction = keyof typeof FUNCTIONS;

export function isLogicFunction(name: string): name is LogicFunction {
  return Object.hasOwn(FUNCTIONS, name);
}

export type LogicNode =
  | FieldOperand
  | LiteralOperand
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'and' | 'or'; readonly left: LogicNode; readonly right: LogicNode }
  | { readonly kind: 'not'; readonly operand: LogicNode }
  | { readonly kind: 'negate'; readonly operand: LogicNode }
  | {
      readonly kind: 'compare';
      readonly op: CompareOp;
      readonly left: LogicNode;
      readonly right: LogicNode;
    }
  | {
      readonly kind: 'arith';
      readonly op: ArithOp;
      readonly left: LogicNode;
      readonly right: LogicNode;
    }
  | { readonly kind: 'call'; readonly name: LogicFunction; readonly args: readonly LogicNode[] };

export class LogicSyntaxError extends Error {
  override readonly name = 'LogicSyntaxError';
  /** 0-based character offset in the logic text. */
  readonly position: number;
  /** The message without the position. */
  readonly detail: string;
  constructor(message: string, position: number) {
    super(`${message} (at character ${position + 1})`);
    this.position = position;
    this.detail = message;
  }
}

type Token =
  | { readonly t: 'ref'; readonly names: readonly string[]; readonly pos: number }
  | { readonly t: 'lit'; readonly value: string; readonly quoted: boolean; readonly pos: number }
  | { readonly t: 'op'; readonly op: CompareOp; readonly pos: number }
  | { readonly t: 'arith'; readonly op: ArithOp; readonly pos: number }
  | { readonly t: 'word'; readonly word: string; readonly pos: number }
  | { readonly t: 'and' | 'or' | 'not' | '(' | ')' | ','; readonly pos: number }
  | { readonly t: 'end'; readonly pos: number };

const OPS: readonly (readonly [string, CompareOp])[] = [
  ['<>', '<>'],
  ['!=', '<>'],
  ['<=', '<='],
  ['>=', '>='],
  ['==', '='],
  ['=', '='],
  ['<', '<'],
  ['>', '>'],
];

// Sticky: each matches at lastIndex, so the tokenizer never copies the rest of the text.
const NAME_IN_BRACKETS = /\[([^\][]*)\]/y;
const NUMBER = /(?:\d+(?:\.\d*)?|\.\d+)/y;
const WORD = /[A-Za-z_][A-Za-z0-9_]*/y;
const SPACE = /\s/;

function stickyAt(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
}

/**
 * How deep parentheses, function calls, `not` and signs may nest, and how deep the parsed
 * tree may grow (a chain of 10,000 `+` is 10,000 deep; `and`/`or` chains are balanced, so
 * 10,000 `and` terms stay about 14 deep). Beyond either, the logic is refused with a message
 * instead of overflowing the stack of the parser, the evaluator or the editor.
 */
export const MAX_LOGIC_NESTING = 100;
export const MAX_LOGIC_DEPTH = 500;
/**
 * How many parts (fields, values, operators, parentheses) a logic may have: 1,000 record ids
 * OR-ed together fit; 10,000 `and` terms do not, so one request cannot make the mock evaluate
 * millions of comparisons while every other client waits.
 */
export const MAX_LOGIC_TOKENS = 5000;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    if (tokens.length >= MAX_LOGIC_TOKENS) {
      throw new LogicSyntaxError(
        `The logic is too long: more than ${MAX_LOGIC_TOKENS.toLocaleString('en')} fields, values and operators`,
        i,
      );
    }
    const ch = text[i]!;
    if (SPACE.test(ch)) {
      i++;
      continue;
    }
    if (ch === '[') {
      const names: string[] = [];
      const start = i;
      let m: RegExpExecArray | null;
      while ((m = stickyAt(NAME_IN_BRACKETS, text, i))) {
        names.push(m[1]!.trim());
        i += m[0].length;
      }
      if (names.length === 0) throw new LogicSyntaxError('A [ is not closed by ]', start);
      if (names.length > 2) {
        throw new LogicSyntaxError('At most two names in brackets: [event][field]', start);
      }
      tokens.push({ t: 'ref', names, pos: start });
      continue;
    }
    if (ch === ']') throw new LogicSyntaxError('A ] without its [', i);
    if (ch === "'" || ch === '"') {
      const end = text.indexOf(ch, i + 1);
      if (end < 0) throw new LogicSyntaxError('A quoted value is not closed', i);
      tokens.push({ t: 'lit', value: text.slice(i + 1, end), quoted: true, pos: i });
      i = end + 1;
      continue;
    }
    if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ t: ch, pos: i });
      i++;
      continue;
    }
    if (text.startsWith('&&', i) || text.startsWith('||', i)) {
      const word = ch === '&' ? 'and' : 'or';
      throw new LogicSyntaxError(`REDCap writes "${word}", not "${text.slice(i, i + 2)}"`, i);
    }
    const op = OPS.find(([s]) => text.startsWith(s, i));
    if (op) {
      tokens.push({ t: 'op', op: op[1], pos: i });
      i += op[0].length;
      continue;
    }
    if ('+-*/^'.includes(ch)) {
      tokens.push({ t: 'arith', op: ch as ArithOp, pos: i });
      i++;
      continue;
    }
    const num = stickyAt(NUMBER, text, i);
    if (num) {
      tokens.push({ t: 'lit', value: num[0], quoted: false, pos: i });
      i += num[0].length;
      continue;
    }
    const word = stickyAt(WORD, text, i);
    if (word) {
      const lower = word[0].toLowerCase();
      if (lower === 'and' || lower === 'or' || lower === 'not') tokens.push({ t: lower, pos: i });
      else tokens.push({ t: 'word', word: word[0], pos: i });
      i += word[0].length;
      continue;
    }
    if (ch === '!') throw new LogicSyntaxError('REDCap writes not(…), not "!"', i);
    throw new LogicSyntaxError(`Unexpected character "${ch}"`, i);
  }
  tokens.push({ t: 'end', pos: text.length });
  return tokens;
}

const FIELD_NAME = /^[a-z][a-z0-9_]*$/;
const FIELD_WITH_CODE = /^([a-z][a-z0-9_]*)\(([^()]+)\)$/;

function fieldOperand(token: Extract<Token, { t: 'ref' }>): FieldOperand {
  const [first, second] = token.names;
  const event = second === undefined ? null : first!;
  const inner = second ?? first!;
  if (event !== null && !/^[a-z0-9_]+$/.test(event)) {
    throw new LogicSyntaxError(`"${event}" is not a unique event name`, token.pos);
  }
  const withCode = FIELD_WITH_CODE.exec(inner);
  if (withCode) return { kind: 'field', event, field: withCode[1]!, code: withCode[2]!.trim() };
  if (!FIELD_NAME.test(inner)) {
    throw new LogicSyntaxError(`"${inner}" is not a field name`, token.pos);
  }
  return { kind: 'field', event, field: inner, code: null };
}

function describe(token: Token): string {
  switch (token.t) {
    case 'end':
      return 'the end of the logic';
    case 'ref':
      return `[${token.names.join('][')}]`;
    case 'lit':
      return token.quoted ? 'a quoted value' : token.value;
    case 'op':
    case 'arith':
      return `"${token.op}"`;
    case 'word':
      return `"${token.word}"`;
    default:
      return `"${token.t}"`;
  }
}

const STARTS_VALUE = new Set(['ref', 'lit', 'word', '(', 'not']);

/** `a and b and c …` as a balanced tree: the same value, but log2(n) deep instead of n. */
function balanced(
  kind: 'and' | 'or',
  terms: readonly LogicNode[],
  from = 0,
  to = terms.length,
): LogicNode {
  if (to - from === 1) return terms[from]!;
  const mid = (from + to) >>> 1;
  return { kind, left: balanced(kind, terms, from, mid), right: balanced(kind, terms, mid, to) };
}

class Parser {
  private index = 0;
  private nesting = 0;
  private readonly tokens: readonly Token[];
  constructor(tokens: readonly Token[]) {
    this.tokens = tokens;
  }

  private peek(): Token {
    return this.tokens[this.index]!;
  }

  private next(): Token {
    return this.tokens[this.index++]!;
  }

  parse(): LogicNode {
    const node = this.or();
    const rest = this.peek();
    if (rest.t === 'end') return node;
    if (rest.t === ')') throw new LogicSyntaxError('A ) without its (', rest.pos);
    if (STARTS_VALUE.has(rest.t)) {
      throw new LogicSyntaxError(
        `Expected a comparison (=, <>, <, <=, >, >=), "and" or "or" before ${describe(rest)}`,
        rest.pos,
      );
    }
    throw new LogicSyntaxError('Unexpected text after the logic', rest.pos);
  }

  /** One level deeper (a parenthesis, a call, `not`, a sign, `^`), refused past the limit. */
  private nested<T>(at: Token, parse: () => T): T {
    if (++this.nesting > MAX_LOGIC_NESTING) {
      throw new LogicSyntaxError(
        `The logic nests parentheses, functions or "not" more than ${MAX_LOGIC_NESTING} levels deep`,
        at.pos,
      );
    }
    try {
      return parse();
    } finally {
      this.nesting--;
    }
  }

  private or(): LogicNode {
    const terms = [this.and()];
    while (this.peek().t === 'or') {
      this.next();
      terms.push(this.and());
    }
    return balanced('or', terms);
  }

  private and(): LogicNode {
    const terms = [this.not()];
    while (this.peek().t === 'and') {
      this.next();
      terms.push(this.not());
    }
    return balanced('and', terms);
  }

  private not(): LogicNode {
    const t = this.peek();
    if (t.t === 'not') {
      this.next();
      return { kind: 'not', operand: this.nested(t, () => this.not()) };
    }
    return this.comparison();
  }

  private comparison(): LogicNode {
    const left = this.additive();
    const op = this.peek();
    if (op.t !== 'op') return left;
    this.next();
    const right = this.additive();
    if (this.peek().t === 'op') {
      throw new LogicSyntaxError('Two comparisons in a row: join them with "and"', this.peek().pos);
    }
    return { kind: 'compare', op: op.op, left, right };
  }

  private additive(): LogicNode {
    let left = this.multiplicative();
    for (let t = this.peek(); t.t === 'arith' && (t.op === '+' || t.op === '-'); t = this.peek()) {
      this.next();
      left = { kind: 'arith', op: t.op, left, right: this.multiplicative() };
    }
    return left;
  }

  private multiplicative(): LogicNode {
    let left = this.power();
    for (let t = this.peek(); t.t === 'arith' && (t.op === '*' || t.op === '/'); t = this.peek()) {
      this.next();
      left = { kind: 'arith', op: t.op, left, right: this.power() };
    }
    return left;
  }

  private power(): LogicNode {
    const base = this.unary();
    const t = this.peek();
    if (t.t === 'arith' && t.op === '^') {
      this.next();
      return { kind: 'arith', op: '^', left: base, right: this.nested(t, () => this.power()) };
    }
    return base;
  }

  private unary(): LogicNode {
    const t = this.peek();
    if (t.t === 'arith' && (t.op === '-' || t.op === '+')) {
      this.next();
      const operand = this.nested(t, () => this.unary());
      if (t.op === '+') return operand;
      if (operand.kind === 'literal' && !operand.quoted && !operand.value.startsWith('-')) {
        return { kind: 'literal', value: `-${operand.value}`, quoted: false };
      }
      return { kind: 'negate', operand };
    }
    return this.primary();
  }

  private primary(): LogicNode {
    const token = this.next();
    switch (token.t) {
      case '(': {
        const inner = this.nested(token, () => this.or());
        const close = this.next();
        if (close.t !== ')') {
          throw new LogicSyntaxError(
            close.t === 'end' ? 'A ( is not closed by )' : `Expected ) before ${describe(close)}`,
            close.t === 'end' ? token.pos : close.pos,
          );
        }
        return inner;
      }
      case 'ref':
        return fieldOperand(token);
      case 'lit':
        return { kind: 'literal', value: token.value, quoted: token.quoted };
      case 'word':
        return this.word(token);
      default:
        throw new LogicSyntaxError(
          `Expected a [field] or a value, found ${describe(token)}`,
          token.pos,
        );
    }
  }

  private word(token: Extract<Token, { t: 'word' }>): LogicNode {
    const lower = token.word.toLowerCase();
    const isCall = this.peek().t === '(';
    if (!isCall && (lower === 'true' || lower === 'false')) {
      return { kind: 'boolean', value: lower === 'true' };
    }
    if (!isCall && (lower === 'today' || lower === 'now')) {
      throw new LogicSyntaxError(`Write ${lower} in quotes: '${lower}'`, token.pos);
    }
    if (!isCall) {
      throw new LogicSyntaxError(
        `Unexpected word "${token.word}" (field names go in brackets: [${token.word}])`,
        token.pos,
      );
    }
    if (!isLogicFunction(lower)) {
      throw new LogicSyntaxError(`The function ${token.word}() is not supported here`, token.pos);
    }
    const open = this.next();
    const args: LogicNode[] = [];
    if (this.peek().t !== ')') {
      for (;;) {
        args.push(this.nested(token, () => this.or()));
        if (this.peek().t !== ',') break;
        this.next();
      }
    }
    const close = this.next();
    if (close.t !== ')') {
      throw new LogicSyntaxError(
        close.t === 'end'
          ? `The ( of ${lower}( is not closed by )`
          : `Expected "," or ")" in ${lower}(…) before ${describe(close)}`,
        close.t === 'end' ? open.pos : close.pos,
      );
    }
    const { min, max, signature } = FUNCTIONS[lower];
    if (args.length < min || (max !== null && args.length > max)) {
      const count = max === null ? `at least ${min}` : min === max ? `${min}` : `${min} to ${max}`;
      throw new LogicSyntaxError(
        `${lower}() takes ${count} argument${max === 1 || (max === null && min === 1) ? '' : 's'}, found ${args.length}: ${signature}`,
        token.pos,
      );
    }
    return { kind: 'call', name: lower, args };
  }
}

/** A node's operands, left to right. */
function children(node: LogicNode): readonly LogicNode[] {
  switch (node.kind) {
    case 'field':
    case 'literal':
    case 'boolean':
      return [];
    case 'not':
    case 'negate':
      return [node.operand];
    case 'call':
      return node.args;
    default:
      return [node.left, node.right];
  }
}

/** The tree's depth, without recursion (a chain of 10,000 `+` is 10,000 deep). */
function depthOf(root: LogicNode): number {
  let deepest = 0;
  const stack: [LogicNode, number][] = [[root, 1]];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [node, depth] = top;
    if (depth > deepest) deepest = depth;
    for (const child of children(node)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** Parses REDCap logic; throws LogicSyntaxError with a position. */
export function parseLogic(text: string): LogicNode {
  if (text.trim() === '') throw new LogicSyntaxError('The logic is empty', 0);
  const node = new Parser(tokenize(text)).parse();
  if (depthOf(node) > MAX_LOGIC_DEPTH) {
    throw new LogicSyntaxError(
      `The logic is too deeply nested (more than ${MAX_LOGIC_DEPTH} levels of operators): split long chains of + - * / with parentheses`,
      0,
    );
  }
  return node;
}

/** Every [field] the logic refers to, in order of appearance (linear, without recursion). */
export function logicFields(root: LogicNode): FieldOperand[] {
  const out: FieldOperand[] = [];
  const stack: LogicNode[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.kind === 'field') out.push(node);
    else stack.push(...[...children(node)].reverse());
  }
  return out;
}
