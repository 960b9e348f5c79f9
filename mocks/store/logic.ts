import {
  logicFields,
  LogicSyntaxError,
  parseLogic,
  type CompareOp,
  type LogicFunction,
  type LogicNode,
} from '../../src/lib/logic/parse.ts';
import { badRequest } from './errors.ts';
import { findField, formNames, formStatusName } from './dictionary.ts';
import type { DataSlot, ProjectData } from './types.ts';

/**
 * Evaluates REDCap logic (src/lib/logic) against a record's values, with REDCap's semantics:
 *
 * - every field value is text; a blank is ''. `[x] = ''` is true for a blank, `[x] <> ''` for
 *   a value; `<`, `<=`, `>`, `>=` with a blank side are false (a blank is not smaller than
 *   anything);
 * - two sides that both read as numbers compare as numbers (`'07' = 7`), else as text;
 * - `[cb(code)]` is '1' when the option is checked, else '0';
 * - arithmetic and functions on a blank give a blank (REDCap's NaN), so the comparison fails;
 * - datediff(d1, d2, unit[, format][, signed]) is d2 − d1 (absolute unless signed) in seconds,
 *   minutes, hours, days (whole days between two dates), months of 30.44 days or years of
 *   365.2425 days, as REDCap computes it; 'today' and 'now' read the clock.
 */

type Value = string | number | boolean;

const NUMERIC = /^\s*[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?\s*$/;

function invalid(detail: string) {
  return badRequest(`The value of the parameter "filterLogic" is not valid: ${detail}`);
}

function checkFields(node: LogicNode, project: ProjectData): void {
  const statuses = statusNames(project);
  for (const ref of logicFields(node)) {
    if (ref.event !== null && project.info.is_longitudinal === 0) {
      throw invalid(`[${ref.event}] is not an event of this project (it is not longitudinal)`);
    }
    if (
      ref.event !== null &&
      !(project.events ?? []).some((e) => e.unique_event_name === ref.event)
    ) {
      throw invalid(`[${ref.event}] is not an event of this project`);
    }
    const isStatus = statuses.has(ref.field);
    const field = findField(project, ref.field);
    if (!isStatus && (!field || field.field_type === 'descriptive')) {
      throw invalid(`[${ref.field}] is not a field of this project`);
    }
    if (field?.field_type === 'checkbox' && ref.code === null) {
      throw invalid(`the checkbox [${ref.field}] needs an option code, e.g. [${ref.field}(1)]`);
    }
    if (ref.code !== null && field?.field_type !== 'checkbox') {
      throw invalid(`[${ref.field}] is not a checkbox, so it takes no (code)`);
    }
  }
}

/** A record's slot of an event, for `[event][field]` (longitudinal projects). */
export type EventLookup = (event: string) => DataSlot | undefined;

export interface LogicContext {
  readonly row: DataSlot;
  readonly project: ProjectData;
  readonly lookup?: EventLookup | undefined;
  /** The clock for 'today' and 'now'. */
  readonly now: Date;
  readonly missingCodes: ReadonlySet<string>;
  /** `<form>_complete` of every form: a form never saved reads as Incomplete ('0'). */
  readonly statusNames?: ReadonlySet<string>;
}

function statusNames(project: ProjectData): Set<string> {
  return new Set(formNames(project).map(formStatusName));
}

const NO_DATA: DataSlot = {
  event: null,
  repeatInstrument: null,
  instance: null,
  values: {},
  checked: {},
};

/** Text of a value as REDCap would print it; NaN and infinities are blank. */
function text(v: Value): string {
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  return v;
}

/** The number a value reads as, or NaN (blank and non-numeric text). */
function num(v: Value): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return NUMERIC.test(v) ? Number(v) : NaN;
}

/** PHP's truthiness, which REDCap's logic follows: '', '0', 0, NaN and false are false. */
export function truthy(v: Value): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0 && !Number.isNaN(v);
  return v !== '' && v !== '0';
}

function compare(op: CompareOp, left: Value, right: Value): boolean {
  const a = text(left);
  const b = text(right);
  const numeric = NUMERIC.test(a) && NUMERIC.test(b);
  if (op === '=' || op === '<>') {
    const equal = numeric ? Number(a) === Number(b) : a === b;
    return op === '=' ? equal : !equal;
  }
  if (a === '' || b === '') return false;
  const order = numeric ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0;
  switch (op) {
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    default:
      return order >= 0;
  }
}

function fieldValue(node: Extract<LogicNode, { kind: 'field' }>, ctx: LogicContext): string {
  const slot = node.event !== null ? (ctx.lookup?.(node.event) ?? NO_DATA) : ctx.row;
  // Own keys only: a field named `constructor` must not read Object.prototype.constructor.
  if (node.code !== null) {
    const checked = Object.hasOwn(slot.checked, node.field) ? slot.checked[node.field] : undefined;
    return (checked ?? []).includes(node.code) ? '1' : '0';
  }
  const value = Object.hasOwn(slot.values, node.field) ? slot.values[node.field] : undefined;
  if (value !== undefined) return value;
  // A form never saved reads as Incomplete, as it exports.
  return (ctx.statusNames ?? statusNames(ctx.project)).has(node.field) ? '0' : '';
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 'today' / 'now' as REDCap writes them (UTC), else the value. */
function dateArg(v: string, now: Date): string {
  const lower = v.trim().toLowerCase();
  const day = `${now.getUTCFullYear()}-${pad(now.getUTCMonth() + 1)}-${pad(now.getUTCDate())}`;
  if (lower === 'today') return day;
  if (lower === 'now') {
    return `${day} ${pad(now.getUTCHours())}:${pad(now.getUTCMinutes())}:${pad(now.getUTCSeconds())}`;
  }
  return v.trim();
}

const DATE = /^(\d{1,4})-(\d{1,2})-(\d{1,4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** Milliseconds since the epoch (UTC) of a date[time] in ymd / mdy / dmy, or NaN. */
function dateMillis(v: string, format: string): { ms: number; dateOnly: boolean } {
  const m = DATE.exec(v.replace(/\//g, '-'));
  if (!m) return { ms: NaN, dateOnly: true };
  const [a, b, c] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Stored values are always Y-M-D whatever the field's display format (§2.3).
  const ymd = m[1]!.length === 4 || format === 'ymd';
  const [y, mo, d] = ymd ? [a, b, c] : format === 'mdy' ? [c, a, b] : [c, b, a];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return { ms: NaN, dateOnly: true };
  const seconds = Number(m[4] ?? 0) * 3600 + Number(m[5] ?? 0) * 60 + Number(m[6] ?? 0);
  return { ms: Date.UTC(y, mo - 1, d) + seconds * 1000, dateOnly: m[4] === undefined };
}

const UNIT_SECONDS: Readonly<Record<string, number>> = {
  s: 1,
  m: 60,
  h: 3600,
  d: 86400,
  M: 2630016,
  y: 31556952,
};

function datediff(args: readonly Value[], now: Date): Value {
  const unit = text(args[2]!).trim();
  const perUnit = UNIT_SECONDS[unit];
  let format = 'ymd';
  let signed = false;
  if (args.length === 4 && typeof args[3] === 'boolean') signed = args[3];
  else if (args.length >= 4) format = text(args[3]!).trim().toLowerCase();
  if (args.length === 5) signed = truthy(args[4]!) && text(args[4]!).toLowerCase() !== 'false';
  if (format !== 'mdy' && format !== 'dmy') format = 'ymd';
  const first = dateArg(text(args[0]!), now);
  const second = dateArg(text(args[1]!), now);
  if (perUnit === undefined || first === '' || second === '') return '';
  const d1 = dateMillis(first, format);
  const d2 = dateMillis(second, format);
  if (Number.isNaN(d1.ms) || Number.isNaN(d2.ms)) return '';
  let seconds = (d2.ms - d1.ms) / 1000;
  if (!signed) seconds = Math.abs(seconds);
  const value = seconds / perUnit;
  return unit === 'd' && d1.dateOnly && d2.dateOnly ? Math.round(value) : value;
}

/** The numbers among the values; blanks are skipped, null when some value is not a number. */
function numbers(values: readonly Value[]): number[] | null {
  const out: number[] = [];
  for (const v of values) {
    if (text(v) === '') continue;
    const n = num(v);
    if (Number.isNaN(n)) return null;
    out.push(n);
  }
  return out;
}

function rounding(fn: (n: number) => number, args: readonly Value[]): Value {
  const n = num(args[0]!);
  const places = args.length > 1 ? num(args[1]!) : 0;
  if (Number.isNaN(n) || Number.isNaN(places)) return '';
  const scale = 10 ** Math.trunc(places);
  return fn(Number((n * scale).toPrecision(15))) / scale;
}

function call(name: LogicFunction, args: readonly Value[], ctx: LogicContext): Value {
  const lowerText = (i: number) => text(args[i]!).toLowerCase();
  switch (name) {
    case 'datediff':
      return datediff(args, ctx.now);
    case 'contains':
      return lowerText(0).includes(lowerText(1));
    case 'not_contain':
      return !lowerText(0).includes(lowerText(1));
    case 'starts_with':
      return lowerText(0).startsWith(lowerText(1));
    case 'ends_with':
      return lowerText(0).endsWith(lowerText(1));
    case 'if':
      return truthy(args[0]!) ? args[1]! : args[2]!;
    case 'sum':
    case 'min':
    case 'max':
    case 'mean': {
      const ns = numbers(args);
      if (ns === null || ns.length === 0) return '';
      if (name === 'sum') return ns.reduce((a, b) => a + b, 0);
      if (name === 'mean') return ns.reduce((a, b) => a + b, 0) / ns.length;
      return name === 'min' ? Math.min(...ns) : Math.max(...ns);
    }
    case 'round':
      return rounding(Math.round, args);
    case 'roundup':
      return rounding(Math.ceil, args);
    case 'rounddown':
      return rounding(Math.floor, args);
    case 'abs': {
      const n = num(args[0]!);
      return Number.isNaN(n) ? '' : Math.abs(n);
    }
    case 'isnumber':
      return NUMERIC.test(text(args[0]!));
    case 'isinteger':
      return /^\s*[-+]?\d+\s*$/.test(text(args[0]!));
    case 'isblankormissingcode': {
      const v = text(args[0]!);
      return v === '' || ctx.missingCodes.has(v);
    }
  }
}

function arith(op: string, left: Value, right: Value): Value {
  const a = num(left);
  const b = num(right);
  if (Number.isNaN(a) || Number.isNaN(b)) return '';
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return b === 0 ? '' : a / b;
    default:
      return a ** b;
  }
}

/** The value of a logic expression for one row. */
export function evaluate(node: LogicNode, ctx: LogicContext): Value {
  switch (node.kind) {
    case 'field':
      return fieldValue(node, ctx);
    case 'literal':
      return node.value;
    case 'boolean':
      return node.value;
    case 'and':
      return truthy(evaluate(node.left, ctx)) && truthy(evaluate(node.right, ctx));
    case 'or':
      return truthy(evaluate(node.left, ctx)) || truthy(evaluate(node.right, ctx));
    case 'not':
      return !truthy(evaluate(node.operand, ctx));
    case 'negate': {
      const n = num(evaluate(node.operand, ctx));
      return Number.isNaN(n) ? '' : -n;
    }
    case 'compare':
      return compare(node.op, evaluate(node.left, ctx), evaluate(node.right, ctx));
    case 'arith':
      return arith(node.op, evaluate(node.left, ctx), evaluate(node.right, ctx));
    case 'call':
      return call(
        node.name,
        node.args.map((a) => evaluate(a, ctx)),
        ctx,
      );
  }
}

/** The codes of the project's missing data codes ("NA, Not applicable | UNK, Unknown"). */
function missingCodes(project: ProjectData): Set<string> {
  return new Set(
    project.info.missing_data_codes
      .split(/\||\n/)
      .map((c) => c.split(',')[0]!.trim())
      .filter((c) => c !== ''),
  );
}

export interface FilterOptions {
  /** The clock for 'today' and 'now'; defaults to the current time. */
  readonly now?: () => Date;
}

/** A record-level predicate for filterLogic; 400 for logic that does not parse. */
export function compileFilter(
  text: string,
  project: ProjectData,
  options: FilterOptions = {},
): (slot: DataSlot, lookup?: EventLookup) => boolean {
  let node: LogicNode;
  try {
    node = parseLogic(text);
  } catch (error) {
    if (error instanceof LogicSyntaxError) throw invalid(error.message);
    throw error;
  }
  checkFields(node, project);
  const codes = missingCodes(project);
  const statuses = statusNames(project);
  const now = (options.now ?? (() => new Date()))();
  return (row, lookup) =>
    truthy(
      evaluate(node, { row, project, lookup, now, missingCodes: codes, statusNames: statuses }),
    );
}
