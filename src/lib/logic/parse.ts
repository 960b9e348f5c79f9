/**
 * A parser for a small subset of REDCap logic (the language of filterLogic and branching
 * logic): comparisons of fields and literals joined by `and`/`or`, with parentheses.
 *
 *   [age] > 30 and ([sex] = '1' or [symptoms(2)] = '1')
 *   [baseline_arm_1][weight] <= 80.5
 *
 * Functions (datediff, sum, if …), arithmetic and `not` are not part of the subset: they are
 * reported as syntax errors that say so. Framework-free: shared by the mock and the UI.
 */

export type CompareOp = '=' | '<>' | '<' | '<=' | '>' | '>=';

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

export type LogicNode =
  | { readonly kind: 'and' | 'or'; readonly left: LogicNode; readonly right: LogicNode }
  | {
      readonly kind: 'compare';
      readonly op: CompareOp;
      readonly left: LogicOperand;
      readonly right: LogicOperand;
    };

export class LogicSyntaxError extends Error {
  override readonly name = 'LogicSyntaxError';
  /** 0-based character offset in the logic text. */
  readonly position: number;
  constructor(message: string, position: number) {
    super(`${message} (at character ${position + 1})`);
    this.position = position;
  }
}

type Token =
  | { readonly t: 'ref'; readonly names: readonly string[]; readonly pos: number }
  | { readonly t: 'lit'; readonly value: string; readonly quoted: boolean; readonly pos: number }
  | { readonly t: 'op'; readonly op: CompareOp; readonly pos: number }
  | { readonly t: 'and' | 'or' | '(' | ')'; readonly pos: number }
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

const NAME_IN_BRACKETS = /^\[([^\]]*)\]/;
const NUMBER = /^-?(?:\d+(?:\.\d*)?|\.\d+)/;
const WORD = /^[A-Za-z_][A-Za-z0-9_]*/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const rest = text.slice(i);
    if (ch === '[') {
      const names: string[] = [];
      const start = i;
      let m: RegExpExecArray | null;
      while ((m = NAME_IN_BRACKETS.exec(text.slice(i)))) {
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
    if (ch === "'" || ch === '"') {
      const end = text.indexOf(ch, i + 1);
      if (end < 0) throw new LogicSyntaxError('A quoted value is not closed', i);
      tokens.push({ t: 'lit', value: text.slice(i + 1, end), quoted: true, pos: i });
      i = end + 1;
      continue;
    }
    if (ch === '(' || ch === ')') {
      tokens.push({ t: ch, pos: i });
      i++;
      continue;
    }
    const op = OPS.find(([s]) => rest.startsWith(s));
    if (op) {
      tokens.push({ t: 'op', op: op[1], pos: i });
      i += op[0].length;
      continue;
    }
    const num = NUMBER.exec(rest);
    if (num) {
      tokens.push({ t: 'lit', value: num[0], quoted: false, pos: i });
      i += num[0].length;
      continue;
    }
    const word = WORD.exec(rest);
    if (word) {
      const lower = word[0].toLowerCase();
      if (lower === 'and' || lower === 'or') {
        tokens.push({ t: lower, pos: i });
        i += word[0].length;
        continue;
      }
      const isCall = /^\s*\(/.test(rest.slice(word[0].length));
      throw new LogicSyntaxError(
        isCall
          ? `The function ${word[0]}() is not supported here`
          : `Unexpected word "${word[0]}" (field names go in brackets: [${word[0]}])`,
        i,
      );
    }
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

class Parser {
  private index = 0;
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
    if (rest.t !== 'end') throw new LogicSyntaxError('Unexpected text after the logic', rest.pos);
    return node;
  }

  private or(): LogicNode {
    let left = this.and();
    while (this.peek().t === 'or') {
      this.next();
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): LogicNode {
    let left = this.primary();
    while (this.peek().t === 'and') {
      this.next();
      left = { kind: 'and', left, right: this.primary() };
    }
    return left;
  }

  private primary(): LogicNode {
    const token = this.peek();
    if (token.t === '(') {
      this.next();
      const inner = this.or();
      const close = this.next();
      if (close.t !== ')') throw new LogicSyntaxError('A ( is not closed by )', close.pos);
      return inner;
    }
    const left = this.operand();
    const op = this.next();
    if (op.t !== 'op') {
      throw new LogicSyntaxError('Expected a comparison (=, <>, <, <=, >, >=)', op.pos);
    }
    return { kind: 'compare', op: op.op, left, right: this.operand() };
  }

  private operand(): LogicOperand {
    const token = this.next();
    if (token.t === 'ref') return fieldOperand(token);
    if (token.t === 'lit') return { kind: 'literal', value: token.value, quoted: token.quoted };
    const what = token.t === 'end' ? 'the end of the logic' : `"${token.t}"`;
    throw new LogicSyntaxError(`Expected a [field] or a value, found ${what}`, token.pos);
  }
}

/** Parses REDCap logic of the supported subset; throws LogicSyntaxError with a position. */
export function parseLogic(text: string): LogicNode {
  if (text.trim() === '') throw new LogicSyntaxError('The logic is empty', 0);
  return new Parser(tokenize(text)).parse();
}

/** Every [field] the logic refers to, in order of appearance. */
export function logicFields(node: LogicNode): FieldOperand[] {
  if (node.kind === 'compare') {
    return [node.left, node.right].filter((o): o is FieldOperand => o.kind === 'field');
  }
  return [...logicFields(node.left), ...logicFields(node.right)];
}
