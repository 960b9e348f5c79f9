import { formStatusName, recordIdField, type DataColumn } from './dictionary.ts';
import { badRequest } from './errors.ts';
import { recordNameProblem } from './names.ts';
import type { DataSlot, ProjectData, StoredRecord } from './types.ts';

/** Record storage: ordering, lookup, slots, and reading/writing one column of a slot. */

const natural = new Intl.Collator('en', { numeric: true, sensitivity: 'variant' });
const DIGITS = /^\d+$/;

/** REDCap's record order (§3.4): numeric ids numerically, others in natural order. */
export function compareRecordIds(a: string, b: string): number {
  const na = DIGITS.test(a);
  const nb = DIGITS.test(b);
  if (na && nb) return Number(a) - Number(b) || a.localeCompare(b);
  return natural.compare(a, b);
}

export function sortedRecords(project: ProjectData): StoredRecord[] {
  // Keys computed once: sorting 10,000 records must not run 280,000 regular expressions.
  const keyed = project.records.map((record) => ({
    record,
    n: DIGITS.test(record.id) ? Number(record.id) : NaN,
  }));
  keyed.sort((a, b) =>
    !Number.isNaN(a.n) && !Number.isNaN(b.n)
      ? a.n - b.n || a.record.id.localeCompare(b.record.id)
      : natural.compare(a.record.id, b.record.id),
  );
  return keyed.map((k) => k.record);
}

export function findRecord(project: ProjectData, id: string): StoredRecord | undefined {
  return project.records.find((r) => r.id === id);
}

/** Records by id, for code that looks many up. */
export function recordIndex(project: ProjectData): Map<string, StoredRecord> {
  return new Map(project.records.map((r) => [r.id, r]));
}

export function emptySlot(
  repeatInstrument: string | null = null,
  instance: number | null = null,
): DataSlot {
  return { event: null, repeatInstrument, instance, values: {}, checked: {} };
}

/** The slot of a classic project's record (no event, not a repeat instance). */
export function mainSlot(record: StoredRecord): DataSlot {
  let slot = record.slots.find((s) => s.repeatInstrument === null && s.instance === null);
  if (!slot) record.slots.unshift((slot = emptySlot()));
  return slot;
}

/** One instance of a repeating instrument, if stored. */
export function findInstance(
  record: StoredRecord,
  form: string,
  instance: number,
): DataSlot | undefined {
  return record.slots.find((s) => s.repeatInstrument === form && s.instance === instance);
}

/** One instance of a repeating instrument, created empty if needed. */
export function instanceSlot(record: StoredRecord, form: string, instance: number): DataSlot {
  let slot = findInstance(record, form, instance);
  if (!slot) record.slots.push((slot = emptySlot(form, instance)));
  return slot;
}

/** The highest instance number of a form in a record (0 when none). */
export function lastInstance(record: StoredRecord, form: string): number {
  let max = 0;
  for (const s of record.slots) {
    if (s.repeatInstrument === form && s.instance !== null) max = Math.max(max, s.instance);
  }
  return max;
}

/**
 * A record's slots in export order (§3.4): the main slot first, then repeat instances by
 * instrument order and instance number.
 */
export function orderedSlots(record: StoredRecord, formOrder: readonly string[]): DataSlot[] {
  const main = mainSlot(record);
  if (record.slots.length === 1) return [main];
  const instances = record.slots.filter((s) => s !== main);
  instances.sort(
    (a, b) =>
      formOrder.indexOf(a.repeatInstrument ?? '') - formOrder.indexOf(b.repeatInstrument ?? '') ||
      (a.instance ?? 0) - (b.instance ?? 0),
  );
  return [main, ...instances];
}

export function createRecord(project: ProjectData, id: string): StoredRecord {
  const slot = emptySlot();
  slot.values[recordIdField(project)] = id;
  const record: StoredRecord = { id, dag: '', slots: [slot] };
  project.records.push(record);
  return record;
}

export function deleteRecord(project: ProjectData, id: string): boolean {
  const index = project.records.findIndex((r) => r.id === id);
  if (index < 0) return false;
  project.records.splice(index, 1);
  // Its survey responses go with it.
  const surveys = project.surveys;
  if (surveys) surveys.responses = surveys.responses.filter((r) => r.record !== id);
  return true;
}

/** Auto-numbering (§3.4): the largest numeric record id plus one, or 1. */
export function nextRecordId(project: ProjectData, taken: Iterable<string> = []): string {
  let max = 0;
  for (const r of project.records) if (DIGITS.test(r.id)) max = Math.max(max, Number(r.id));
  for (const id of taken) if (DIGITS.test(id)) max = Math.max(max, Number(id));
  return String(max + 1);
}

/** True when the slot stores something for the column (a checked box, a value, a status). */
export function hasStored(slot: DataSlot, column: DataColumn): boolean {
  if (column.kind === 'checkbox') {
    return own(slot.checked, column.field.field_name)?.includes(column.choice.code) ?? false;
  }
  const key = column.kind === 'status' ? column.name : column.field.field_name;
  return own(slot.values, key) !== undefined;
}

/**
 * Writes one imported cell. A blank is skipped unless `overwrite` (then it erases; a blank
 * checkbox option becomes unchecked). Returns a log phrase for a change, or null.
 */
export function writeColumn(
  slot: DataSlot,
  column: DataColumn,
  value: string,
  overwrite: boolean,
): string | null {
  if (value === '' && !overwrite) return null;
  if (column.kind === 'checkbox') {
    const name = column.field.field_name;
    const codes = own(slot.checked, name) ?? [];
    const was = codes.includes(column.choice.code);
    const now = value === '1';
    if (was === now) return null;
    const next = now
      ? [...codes, column.choice.code]
      : codes.filter((c) => c !== column.choice.code);
    if (next.length > 0) slot.checked[name] = next;
    else delete slot.checked[name];
    return `${name}(${column.choice.code}) = ${now ? 'checked' : 'unchecked'}`;
  }
  const key = column.kind === 'status' ? column.name : column.field.field_name;
  const before = own(slot.values, key) ?? '';
  if (before === value && (value !== '' || !(key in slot.values))) return null;
  if (value === '') delete slot.values[key];
  else slot.values[key] = value;
  return `${key} = '${value}'`;
}

/** Erases one form's values and status in a slot (the record id stays). True if anything was. */
export function clearForm(
  project: ProjectData,
  slot: DataSlot,
  form: string,
  fieldNames: readonly string[],
): boolean {
  const idField = recordIdField(project);
  let changed = false;
  for (const name of [...fieldNames, formStatusName(form)]) {
    if (name === idField) continue;
    if (name in slot.values) {
      delete slot.values[name];
      changed = true;
    }
    if (name in slot.checked) {
      delete slot.checked[name];
      changed = true;
    }
  }
  return changed;
}

/** Removes one repeat instance. True if it existed. */
export function deleteInstance(record: StoredRecord, form: string, instance: number): boolean {
  const slot = findInstance(record, form, instance);
  if (!slot) return false;
  record.slots.splice(record.slots.indexOf(slot), 1);
  return true;
}

/**
 * A slot's value or checked codes by field name, own keys only: `values['constructor']` of a
 * plain object is Object's constructor function, so a field named `constructor` (valid in
 * REDCap) would read as `function Object() { [native code] }`.
 */
export function own<T>(dict: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(dict, key) ? dict[key] : undefined;
}

/**
 * Rename Record (§2.6): the record, its survey responses and its log rows take the new name
 * (so dateRangeBegin/End and Export Logging still find it); REDCap's texts for a missing record,
 * a name it refuses and a name already taken.
 */
export function renameRecord(project: ProjectData, record: string, newName: string): void {
  const stored = findRecord(project, record);
  if (!stored) throw badRequest(`The record '${record}' does not exist`);
  const nameProblem = recordNameProblem(newName);
  if (nameProblem) throw badRequest(nameProblem);
  if (newName !== record && findRecord(project, newName)) {
    throw badRequest(`The record '${newName}' already exists`);
  }
  stored.id = newName;
  for (const response of project.surveys?.responses ?? []) {
    if (response.record === record) response.record = newName;
  }
  mainSlot(stored).values[recordIdField(project)] = newName;
  for (const row of project.log) if (row.record === record) row.record = newName;
}
