import {
  logicFields,
  LogicSyntaxError,
  parseLogic,
  type LogicNode,
  type LogicOperand,
} from '../src/lib/logic/parse.ts';
import { badRequest } from './routes/types.ts';
import { findField, formNames, formStatusName } from './store/dictionary.ts';
import type { DataSlot, ProjectData } from './store/types.ts';

/**
 * Evaluates the logic subset of src/lib/logic against a record's values. REDCap compares
 * numerically when both sides are numbers, else as text; `<`, `<=`, `>`, `>=` with a blank
 * side are false (a blank is not smaller than anything).
 */

const NUMERIC = /^\s*-?(?:\d+(?:\.\d*)?|\.\d+)\s*$/;

function invalid(detail: string) {
  return badRequest(`The value of the parameter "filterLogic" is not valid: ${detail}`);
}

function checkFields(node: LogicNode, project: ProjectData): void {
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
    const isStatus = formNames(project).some((f) => formStatusName(f) === ref.field);
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

const NO_DATA: DataSlot = {
  event: null,
  repeatInstrument: null,
  instance: null,
  values: {},
  checked: {},
};

function operandValue(
  operand: LogicOperand,
  row: DataSlot,
  project: ProjectData,
  lookup?: EventLookup,
): string {
  if (operand.kind === 'literal') return operand.value;
  const slot = operand.event !== null ? (lookup?.(operand.event) ?? NO_DATA) : row;
  if (operand.code !== null) {
    return (slot.checked[operand.field] ?? []).includes(operand.code) ? '1' : '0';
  }
  const value = slot.values[operand.field];
  if (value !== undefined) return value;
  // A form never saved reads as Incomplete, as it exports.
  return formNames(project).some((f) => formStatusName(f) === operand.field) ? '0' : '';
}

function compare(op: string, a: string, b: string): boolean {
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

function evaluate(
  node: LogicNode,
  slot: DataSlot,
  project: ProjectData,
  lookup?: EventLookup,
): boolean {
  switch (node.kind) {
    case 'and':
      return (
        evaluate(node.left, slot, project, lookup) && evaluate(node.right, slot, project, lookup)
      );
    case 'or':
      return (
        evaluate(node.left, slot, project, lookup) || evaluate(node.right, slot, project, lookup)
      );
    case 'compare':
      return compare(
        node.op,
        operandValue(node.left, slot, project, lookup),
        operandValue(node.right, slot, project, lookup),
      );
  }
}

/** A record-level predicate for filterLogic; 400 for logic outside the subset. */
export function compileFilter(
  text: string,
  project: ProjectData,
): (slot: DataSlot, lookup?: EventLookup) => boolean {
  let node: LogicNode;
  try {
    node = parseLogic(text);
  } catch (error) {
    if (error instanceof LogicSyntaxError) throw invalid(error.message);
    throw error;
  }
  checkFields(node, project);
  return (slot, lookup) => evaluate(node, slot, project, lookup);
}
