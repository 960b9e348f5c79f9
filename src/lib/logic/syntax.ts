import { LogicSyntaxError, parseLogic } from './parse.ts';

/**
 * What REDCap would refuse in a logic text, said where to fix it: unbalanced `[ ]`, `( )` and
 * quotes; habits from other languages (`==` is only advice); any other syntax error of the
 * shared parser. Small on purpose: the form's validation uses it at once, while completion and
 * the name check (src/lib/project/logic-assist.ts) load later.
 */

export interface LogicProblem {
  readonly from: number;
  readonly to: number;
  readonly message: string;
  /** `error`: REDCap refuses the logic (400); `warning`: advice, the request still goes. */
  readonly severity: 'error' | 'warning';
}

/** Where quoted values and [names] are: a copy of the text with their insides blanked. */
export function mask(text: string, brackets: boolean): string {
  let out = '';
  let quote: string | null = null;
  let inBracket = false;
  for (const ch of text) {
    if (quote !== null) {
      if (ch === quote) {
        quote = null;
        out += ch;
      } else out += ' '.repeat(ch.length);
    } else if (inBracket) {
      if (ch === ']') {
        inBracket = false;
        out += ch;
      } else out += brackets ? ' '.repeat(ch.length) : ch;
    } else {
      if (ch === "'" || ch === '"') quote = ch;
      else if (ch === '[') inBracket = true;
      out += ch;
    }
  }
  return out;
}

/** Unbalanced [ ], ( ) and quotes, each at the character to fix. */
function balance(text: string): LogicProblem[] {
  const problems: LogicProblem[] = [];
  const parens: number[] = [];
  let quote: number | null = null;
  let bracket: number | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote !== null) {
      if (ch === text[quote]) quote = null;
      continue;
    }
    if (bracket !== null) {
      if (ch === ']') bracket = null;
      else if (ch === '[') {
        problems.push({
          from: bracket,
          to: bracket + 1,
          message: 'This [ is not closed by ]',
          severity: 'error',
        });
        bracket = i;
      }
      continue;
    }
    if (ch === "'" || ch === '"') quote = i;
    else if (ch === '[') bracket = i;
    else if (ch === ']') {
      problems.push({
        from: i,
        to: i + 1,
        message: 'This ] has no [ before it',
        severity: 'error',
      });
    } else if (ch === '(') parens.push(i);
    else if (ch === ')') {
      if (parens.length === 0) {
        problems.push({
          from: i,
          to: i + 1,
          message: 'This ) has no ( before it',
          severity: 'error',
        });
      } else parens.pop();
    }
  }
  if (bracket !== null) {
    problems.push({
      from: bracket,
      to: bracket + 1,
      message: 'This [ is not closed by ]',
      severity: 'error',
    });
  }
  if (quote !== null) {
    const q = text[quote]!;
    problems.push({
      from: quote,
      to: text.length,
      message: `This quoted value is not closed: end it with ${q}`,
      severity: 'error',
    });
  }
  for (const p of parens) {
    problems.push({ from: p, to: p + 1, message: 'This ( is not closed by )', severity: 'error' });
  }
  return problems;
}

/** Habits from other languages, on the text outside quotes and brackets. */
const HINTS: readonly {
  readonly pattern: RegExp;
  readonly message: string;
  readonly severity: LogicProblem['severity'];
}[] = [
  { pattern: /==/g, message: 'REDCap compares with a single =, not ==', severity: 'warning' },
  { pattern: /&&/g, message: 'REDCap writes and, not &&', severity: 'error' },
  { pattern: /\|\|/g, message: 'REDCap writes or, not ||', severity: 'error' },
  {
    pattern: /!(?!=)/g,
    message: 'REDCap has no !: write not(…), or <> for "not equal"',
    severity: 'error',
  },
  { pattern: /=>/g, message: 'Write >= for "greater or equal", not =>', severity: 'error' },
  { pattern: /=</g, message: 'Write <= for "less or equal", not =<', severity: 'error' },
  {
    pattern: /\bnot\s+like\b|\blike\b/gi,
    message:
      "LIKE is SQL, not REDCap logic: use contains([field], 'text'), starts_with or ends_with (not_contain for NOT LIKE)",
    severity: 'error',
  },
  {
    pattern: /\bis\s+not\s+null\b/gi,
    message: "IS NOT NULL is SQL: REDCap writes [field] <> ''",
    severity: 'error',
  },
  {
    pattern: /\bis\s+null\b/gi,
    message: "IS NULL is SQL: REDCap writes a blank as [field] = ''",
    severity: 'error',
  },
  {
    pattern: /\b(?:not\s+)?in\s*\(/gi,
    message: "IN (…) is SQL: REDCap writes [field] = 'a' or [field] = 'b'",
    severity: 'error',
  },
];

function hints(text: string): LogicProblem[] {
  const masked = mask(text, true);
  const problems: LogicProblem[] = [];
  // Characters already explained by an earlier hint: linear, however many hints there are.
  const taken = new Uint8Array(masked.length);
  for (const { pattern, message, severity } of HINTS) {
    for (const m of masked.matchAll(pattern)) {
      const from = m.index;
      const to = from + m[0].length;
      if (taken.subarray(from, to).includes(1)) continue;
      taken.fill(1, from, to);
      problems.push({ from, to, message, severity });
    }
  }
  return problems;
}

/**
 * Balance, habits and the parser's syntax error, sorted by position. A parser error already
 * explained by a habit (`&&`, SQL…) is not repeated.
 */
export function syntaxProblems(text: string): LogicProblem[] {
  if (text.trim() === '') return [];
  const structural = balance(text);
  const habits = hints(text);
  const problems = [...structural, ...habits];
  if (structural.length === 0) {
    try {
      parseLogic(text);
    } catch (error) {
      if (!(error instanceof LogicSyntaxError)) throw error;
      const p = error.position;
      const explained = habits.some((h) => h.severity === 'error' && p >= h.from && p <= h.to);
      if (!explained) {
        problems.push({
          from: p,
          to: Math.min(p + 1, text.length),
          message: error.detail,
          severity: 'error',
        });
      }
    }
  }
  return problems.sort(byPosition);
}

export function byPosition(a: LogicProblem, b: LogicProblem): number {
  return a.from - b.from || a.to - b.to;
}

/** The first reason REDCap would refuse the logic, or null (advice does not count). */
export function logicSyntaxError(text: string): string | null {
  return syntaxProblems(text).find((p) => p.severity === 'error')?.message ?? null;
}
