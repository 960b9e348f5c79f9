import { formStatusName, recordIdField, type DataColumn } from './dictionary.ts';
import type { DataSlot, ProjectData, StoredRecord } from './types.ts';

/** Record storage: ordering, lookup, and reading/writing one column of a slot. */

const natural = new Intl.Collator('en', { numeric: true, sensitivity: 'variant' });

/** REDCap's record order (§3.4): numeric ids numerically, others in natural order. */
export function compareRecordIds(a: string, b: string): number {
  const na = /^\d+$/.test(a);
  const nb = /^\d+$/.test(b);
  if (na && nb) return Number(a) - Number(b) || a.localeCompare(b);
  return natural.compare(a, b);
}

export function sortedRecords(project: ProjectData): StoredRecord[] {
  return [...project.records].sort((a, b) => compareRecordIds(a.id, b.id));
}

export function findRecord(project: ProjectData, id: string): StoredRecord | undefined {
  return project.records.find((r) => r.id === id);
}

export function emptySlot(): DataSlot {
  return { event: null, repeatInstrument: null, instance: null, values: {}, checked: {} };
}

/** The slot of a classic project's record (no event, not a repeat instance). */
export function mainSlot(record: StoredRecord): DataSlot {
  let slot = record.slots.find(
    (s) => s.event === null && s.repeatInstrument === null && s.instance === null,
  );
  if (!slot) record.slots.unshift((slot = emptySlot()));
  return slot;
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
  return true;
}

/** Auto-numbering (§3.4): the largest numeric record id plus one, or 1. */
export function nextRecordId(project: ProjectData, taken: Iterable<string> = []): string {
  let max = 0;
  for (const id of [...project.records.map((r) => r.id), ...taken]) {
    if (/^\d+$/.test(id)) max = Math.max(max, Number(id));
  }
  return String(max + 1);
}

/**
 * A column's stored raw value: '' for blank, '1'/'0' for a checkbox option, and undefined for
 * the status of a form that was never saved (REDCap's gray status).
 */
export function readColumn(slot: DataSlot, column: DataColumn): string | undefined {
  switch (column.kind) {
    case 'value':
      return slot.values[column.field.field_name] ?? '';
    case 'checkbox':
      return (slot.checked[column.field.field_name] ?? []).includes(column.choice.code) ? '1' : '0';
    case 'status':
      return slot.values[column.name];
  }
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
    const codes = slot.checked[name] ?? [];
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
  const before = slot.values[key] ?? '';
  if (before === value && (value !== '' || !(key in slot.values))) return null;
  if (value === '') delete slot.values[key];
  else slot.values[key] = value;
  return `${key} = '${value}'`;
}

/** Erases one form's values and status (the record id stays). True if anything was stored. */
export function clearForm(
  project: ProjectData,
  record: StoredRecord,
  form: string,
  fieldNames: readonly string[],
): boolean {
  const idField = recordIdField(project);
  let changed = false;
  for (const slot of record.slots) {
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
  }
  return changed;
}
