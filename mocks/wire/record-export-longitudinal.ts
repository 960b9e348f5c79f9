import type { Cell } from './render.ts';
import {
  allDataColumns,
  formNames,
  formOf,
  recordIdField,
  type DataColumn,
} from '../store/dictionary.ts';
import {
  armsOf,
  EVENT_COLUMN,
  findEvent,
  formsOfEvent,
  orderedEvents,
  repeatingEvents,
  repeatingFormsOn,
} from '../store/longitudinal.ts';
import { hasStored } from '../store/records.ts';
import type { DataSlot, ProjectData, ProjectEvent, StoredRecord } from '../store/types.ts';
import {
  cellReader,
  headerLabel,
  REPEAT_COLUMNS,
  REPEAT_HEADER_LABELS,
  type CellOptions,
} from './record-export.ts';
import { invalidValues } from './params.ts';

/**
 * Export Records on a longitudinal project (§2.3): one row per record × event × repeat
 * instance, `redcap_event_name` after the record id, only the forms designated for an event
 * (§2.11), a repeating event's rows carrying their instance (§2.14).
 */

/** A record's slots of one event: the event's row(s) by instance, then instrument instances. */
export function slotsOfEvent(
  record: StoredRecord,
  event: string,
  formOrder: readonly string[],
): DataSlot[] {
  return record.slots
    .filter((s) => s.event === event)
    .sort(
      (a, b) =>
        (a.repeatInstrument === null ? -1 : formOrder.indexOf(a.repeatInstrument)) -
          (b.repeatInstrument === null ? -1 : formOrder.indexOf(b.repeatInstrument)) ||
        (a.instance ?? 0) - (b.instance ?? 0),
    );
}

/** The event's text in an export: its unique name, or in label mode its label (§2.3). */
function eventText(project: ProjectData, label: boolean): (e: ProjectEvent) => string {
  if (!label) return (e) => e.unique_event_name;
  const arms = armsOf(project);
  if (arms.length < 2) return (e) => e.event_name;
  return (e) =>
    `${e.event_name} (Arm ${e.arm_num}: ${arms.find((a) => a.arm_num === e.arm_num)?.name ?? ''})`;
}

/** Per event: which columns it shows on its own row, and on each repeating instrument's rows. */
function eventPlan(project: ProjectData, event: string, columns: readonly DataColumn[]) {
  const designated = new Set(formsOfEvent(project, event));
  const repeating = repeatingFormsOn(project, event);
  const home = columns.map((c): string | null | false => {
    const form = formOf(c);
    if (!designated.has(form)) return false;
    return repeating.has(form) ? form : null;
  });
  return { home, repeatingEvent: repeatingEvents(project).has(event) };
}

interface Walk {
  readonly record: StoredRecord;
  readonly event: ProjectEvent;
  readonly slot: DataSlot;
  /** Per column: shown on this row. */
  readonly shown: boolean[];
}

/** Every exported row of the records, in REDCap's order (§3.4). */
function* walk(
  project: ProjectData,
  records: readonly StoredRecord[],
  events: readonly ProjectEvent[],
  columns: readonly DataColumn[],
): Generator<Walk> {
  const forms = formNames(project);
  const idField = recordIdField(project);
  const plans = new Map(
    events.map((e) => [e.unique_event_name, eventPlan(project, e.unique_event_name, columns)]),
  );
  // Data left on an event by a form no longer designated there is not exported; an event row
  // holding only such data is not exported either (REDCap, issue #17).
  const everyColumn = allDataColumns(project).filter(
    (c) => c.kind === 'status' || c.field.field_name !== idField,
  );
  const formOfColumn = (c: DataColumn) => (c.kind === 'status' ? c.form : c.field.form_name);
  const onlyHidden = (slot: DataSlot, event: string): boolean => {
    const designated = new Set(formsOfEvent(project, event));
    let hidden = false;
    for (const c of everyColumn) {
      if (!hasStored(slot, c)) continue;
      if (designated.has(formOfColumn(c))) return false;
      hidden = true;
    }
    return hidden;
  };
  for (const record of records) {
    for (const event of events) {
      const plan = plans.get(event.unique_event_name)!;
      for (const slot of slotsOfEvent(record, event.unique_event_name, forms)) {
        const form = slot.repeatInstrument;
        const shown = columns.map(
          (c, i) =>
            (c.kind !== 'status' && c.field.field_name === idField) || plan.home[i] === form,
        );
        if (
          form !== null &&
          !columns.some((c, i) => shown[i] && plan.home[i] === form && hasStored(slot, c))
        ) {
          continue;
        }
        if (form === null && onlyHidden(slot, event.unique_event_name)) continue;
        yield { record, event, slot, shown };
      }
    }
  }
}

export function longitudinalFlatExport(
  project: ProjectData,
  records: readonly StoredRecord[],
  events: readonly ProjectEvent[],
  columns: readonly DataColumn[],
  options: CellOptions,
): { names: string[]; rows: Cell[][]; headers: string[] } {
  const docNames = new Map(project.edocs.map((d) => [String(d.doc_id), d.name]));
  const readers = columns.map((c) => cellReader(c, options, docNames));
  const withRepeat = project.repeating.length > 0;
  const labels = new Map(project.instruments.map((i) => [i.instrument_name, i.instrument_label]));
  const text = eventText(project, options.label);
  const [id, ...rest] = columns;
  const names = [
    id!.name,
    EVENT_COLUMN,
    ...(withRepeat ? REPEAT_COLUMNS : []),
    ...rest.map((c) => c.name),
  ];
  const headers = [
    headerLabel(id!),
    'Event Name',
    ...(withRepeat ? REPEAT_HEADER_LABELS : []),
    ...rest.map(headerLabel),
  ];
  const rows: Cell[][] = [];
  for (const { record, event, slot, shown } of walk(project, records, events, columns)) {
    const row: Cell[] = [record.id, text(event)];
    if (withRepeat) {
      const form = slot.repeatInstrument;
      row.push(
        form === null ? '' : options.label ? (labels.get(form) ?? form) : form,
        slot.instance ?? '',
      );
    }
    for (let i = 1; i < columns.length; i++) row.push(shown[i] ? readers[i]!(slot) : '');
    rows.push(row);
  }
  return { names, rows, headers };
}

export function longitudinalEavExport(
  project: ProjectData,
  records: readonly StoredRecord[],
  events: readonly ProjectEvent[],
  columns: readonly DataColumn[],
  options: CellOptions,
): { names: string[]; rows: Cell[][] } {
  const docNames = new Map(project.edocs.map((d) => [String(d.doc_id), d.name]));
  const readers = columns.map((c) => cellReader(c, { ...options, checkboxLabel: false }, docNames));
  const withRepeat = project.repeating.length > 0;
  const text = eventText(project, options.label);
  const idField = recordIdField(project);
  const names = [
    'record',
    EVENT_COLUMN,
    ...(withRepeat ? REPEAT_COLUMNS : []),
    'field_name',
    'value',
  ];
  const rows: Cell[][] = [];
  for (const { record, event, slot, shown } of walk(project, records, events, columns)) {
    const lead: Cell[] = [record.id, text(event)];
    if (withRepeat) lead.push(slot.repeatInstrument ?? '', slot.instance ?? '');
    columns.forEach((column, i) => {
      if (column.kind !== 'status' && column.field.field_name === idField) {
        if (slot.repeatInstrument === null) rows.push([...lead, idField, record.id]);
        return;
      }
      if (!shown[i] || !hasStored(slot, column)) return;
      const value =
        column.kind === 'checkbox'
          ? options.label
            ? column.choice.label
            : column.choice.code
          : readers[i]!(slot);
      const name = column.kind === 'status' ? column.name : column.field.field_name;
      rows.push([...lead, name, value]);
    });
  }
  return { names, rows };
}

/** The `events` filter of Export Records: unique event names (§2.3); unknown → 400. */
export function selectEvents(project: ProjectData, wanted: readonly string[]): ProjectEvent[] {
  const all = orderedEvents(project);
  if (wanted.length === 0) return all;
  const unknown = wanted.filter((w) => !findEvent(project, w));
  if (unknown.length > 0) {
    throw invalidValues('events', unknown);
  }
  return all.filter((e) => wanted.includes(e.unique_event_name));
}
