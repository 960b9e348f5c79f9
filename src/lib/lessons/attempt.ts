import { readCsv } from '../csv/csv.ts';
import type { CallAnswer, CallEvent, CheckResult, LessonEvent } from './types.ts';

/* Helpers for lesson checks: pure functions over what the learner did. */

export const pass = (message: string): CheckResult => ({ pass: true, message });
export const notYet = (hint: string): CheckResult => ({ pass: false, hint });

/** The learner's calls of a method that got an answer, oldest first. */
export function callsOf(
  events: readonly LessonEvent[],
  methodId: string,
): (CallEvent & { readonly answer: CallAnswer })[] {
  return events.filter(
    (event): event is CallEvent & { readonly answer: CallAnswer } =>
      event.kind === 'call' && event.methodId === methodId && event.answer !== null,
  );
}

/** The last text typed into a lesson's box of that name, trimmed; '' when none. */
export function inputOf(events: readonly LessonEvent[], name: string): string {
  let text = '';
  for (const event of events) if (event.kind === 'input' && event.name === name) text = event.text;
  return text.trim();
}

/** A parameter's value as a list of non-empty strings (arrays, or one string). */
export function listParam(values: CallEvent['values'], name: string): string[] {
  const value = values[name];
  if (Array.isArray(value))
    return (value as unknown[]).filter((v): v is string => typeof v === 'string' && v !== '');
  return typeof value === 'string' && value !== '' ? [value] : [];
}

/** A parameter's value as a string ('' when absent or not text). */
export function textParam(values: CallEvent['values'], name: string): string {
  const value = values[name];
  return typeof value === 'string' ? value : '';
}

/** Rows of a data answer: column names in order, and each row's cells by column name. */
export interface Table {
  readonly columns: readonly string[];
  readonly rows: readonly ReadonlyMap<string, string>[];
}

/**
 * An export's answer (flat JSON or CSV) read as a table; null when it is neither (XML, a file,
 * an error, broken text). Names come from the answer: rows are Maps, never plain objects.
 */
export function tableOf(answer: CallAnswer): Table | null {
  if (answer.status !== 200 || answer.body === null) return null;
  if (answer.contentType.includes('json')) return jsonTable(answer.body);
  if (answer.contentType.includes('csv')) return csvTable(answer.body);
  return null;
}

function jsonTable(body: string): Table | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed)) return null;
  const columns: string[] = [];
  const seen = new Set<string>();
  const rows: Map<string, string>[] = [];
  for (const item of parsed as unknown[]) {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return null;
    const row = new Map<string, string>();
    for (const [name, value] of Object.entries(item)) {
      if (!seen.has(name)) {
        seen.add(name);
        columns.push(name);
      }
      row.set(name, value === null || value === undefined ? '' : String(value));
    }
    rows.push(row);
  }
  return { columns, rows };
}

function csvTable(body: string): Table | null {
  let cells: string[][];
  try {
    cells = readCsv(body);
  } catch {
    return null;
  }
  const [header, ...lines] = cells.filter((line) => !(line.length === 1 && line[0] === ''));
  if (!header) return null;
  const rows = lines.map(
    (line) => new Map(header.map((name, i) => [name, line[i] ?? ''] as const)),
  );
  return { columns: header, rows };
}

/** The distinct values of a column, in order of first appearance. */
export function distinct(table: Table, column: string): string[] {
  const found = new Set<string>();
  for (const row of table.rows) {
    const value = row.get(column);
    if (value !== undefined) found.add(value);
  }
  return [...found];
}

/** Whether two lists hold the same strings, whatever their order. */
export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((item) => right.has(item));
}
