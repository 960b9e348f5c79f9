import {
  columnsByName,
  formOf,
  formStatusName,
  recordIdField,
  type DataColumn,
} from './dictionary.ts';
import {
  EVENT_COLUMN,
  findEvent,
  formsOfEvent,
  orderedEvents,
  repeatingEvents,
  repeatingFormsOn,
} from './longitudinal.ts';
import { own, recordIndex, writeColumn } from './records.ts';
import type { Cells, DataSlot, ProjectData, StoredRecord } from './types.ts';
import { isRepeatInstance, MAX_REPEAT_INSTANCE, recordNameProblem } from './names.ts';
import { finishImport, holdsValue, type ImportOptions, type ImportResult } from './import.ts';
import { checkCell, type DateFormat } from './values.ts';
import { badRequest } from './errors.ts';

/**
 * Import Records on a longitudinal project (§2.4): a row lands on its record × event × repeat
 * instance; only the forms designated for an event (§2.11) take data there; a repeating
 * event's rows carry their instance (§2.14).
 */
const INSTRUMENT = 'redcap_repeat_instrument';
const INSTANCE = 'redcap_repeat_instance';
const RESERVED = /^(redcap_survey_identifier|.+_timestamp|.+_return_code)$/;

interface Target {
  readonly id: string;
  readonly event: string;
  readonly form: string | null;
  readonly instance: number | 'new' | null;
  readonly values: [DataColumn, string][];
}

const line = (id: string, name: string, value: string, reason: string) =>
  `"${id}","${name}","${value}","${reason}"`;

function checkRows(project: ProjectData, rows: readonly Cells[], dateFormat: DateFormat): Target[] {
  const idField = recordIdField(project);
  const byName = columnsByName(project);
  const system = new Set([EVENT_COLUMN, INSTRUMENT, INSTANCE]);
  const unknown = new Set<string>();
  for (const cells of rows) {
    for (const [name] of cells) if (!byName.has(name) && !system.has(name)) unknown.add(name);
  }
  if (unknown.size > 0) {
    throw badRequest(
      `The following fields were not found in the project as real data fields: ${[...unknown].join(', ')}`,
    );
  }
  const get = (cells: Cells, key: string) => cells.find(([n]) => n === key)?.[1].trim() ?? '';
  // §1.8: event names first (verified pattern), then everything else.
  const badEvents = new Set<string>();
  for (const cells of rows) {
    const event = get(cells, EVENT_COLUMN);
    if (get(cells, idField) === '') throw badRequest(`The record id, ${idField}, cannot be empty`);
    if (event === '') throw badRequest('The record event name cannot be empty');
    if (!findEvent(project, event)) badEvents.add(event);
  }
  if (badEvents.size > 0) {
    throw badRequest(
      `The following values of redcap_event_name are invalid: ${[...badEvents].join(', ')}`,
    );
  }
  const repeatingEventSet = repeatingEvents(project);
  const problems: string[] = [];
  const targets = rows.map((cells): Target => {
    const id = get(cells, idField);
    const nameProblem = recordNameProblem(id);
    if (nameProblem) throw badRequest(nameProblem);
    const event = get(cells, EVENT_COLUMN);
    const designated = new Set(formsOfEvent(project, event));
    const repeatingHere = repeatingFormsOn(project, event);
    const instrument = get(cells, INSTRUMENT);
    const rawInstance = get(cells, INSTANCE);
    let form: string | null = null;
    let instance: number | 'new' | null = null;
    if (instrument !== '') {
      if (!repeatingHere.has(instrument)) {
        problems.push(
          line(
            id,
            INSTRUMENT,
            instrument,
            `${instrument} is not a repeating instrument on the event ${event}`,
          ),
        );
      }
      form = instrument;
    }
    if (instrument !== '' || repeatingEventSet.has(event)) {
      // A repeating event's rows without an instance are its instance 1 (the mock's choice).
      const raw = rawInstance === '' ? '1' : rawInstance;
      if (raw !== 'new' && !isRepeatInstance(raw)) {
        problems.push(
          line(
            id,
            INSTANCE,
            rawInstance,
            `The value must be a whole number from 1 to ${MAX_REPEAT_INSTANCE}, or new`,
          ),
        );
      }
      instance = raw === 'new' ? 'new' : Number(raw);
    } else if (rawInstance !== '') {
      problems.push(
        line(
          id,
          INSTANCE,
          rawInstance,
          `The event ${event} does not repeat, so an instance needs a redcap_repeat_instrument`,
        ),
      );
    }
    const values: [DataColumn, string][] = [];
    for (const [name, raw] of cells) {
      if (name === idField || system.has(name)) continue;
      const column = byName.get(name)!;
      if (column.kind === 'value' && column.field.field_type === 'file') continue;
      const owner = formOf(column);
      if (raw === '') {
        if (designated.has(owner) && (repeatingHere.has(owner) ? owner : null) === form) {
          values.push([column, '']);
        }
        continue;
      }
      if (!designated.has(owner)) {
        problems.push(
          line(
            id,
            name,
            raw,
            `The instrument ${owner} is not designated for this event (${event})`,
          ),
        );
        continue;
      }
      const home = repeatingHere.has(owner) ? owner : null;
      if (home !== form) {
        problems.push(
          line(
            id,
            name,
            raw,
            home === null
              ? `${name} does not repeat on ${event}, so it belongs on a row without redcap_repeat_instrument`
              : `${name} repeats on ${event}, so its row needs redcap_repeat_instrument = ${home}`,
          ),
        );
        continue;
      }
      const result = checkCell(column, raw, dateFormat);
      if ('reason' in result) problems.push(line(id, name, raw, result.reason));
      else values.push([column, result.value]);
    }
    return { id, event, form, instance, values };
  });
  if (problems.length > 0) throw badRequest(problems.join('\n'));
  return targets;
}

function findSlot(
  record: StoredRecord,
  event: string,
  form: string | null,
  instance: number | null,
): DataSlot | undefined {
  return record.slots.find(
    (s) => s.event === event && s.repeatInstrument === form && s.instance === instance,
  );
}

function lastInstanceOn(record: StoredRecord, event: string, form: string | null): number {
  let max = 0;
  for (const s of record.slots) {
    if (s.event === event && s.repeatInstrument === form) max = Math.max(max, s.instance ?? 0);
  }
  return max;
}

/** Import Records on a longitudinal project: every row checked, then all saved or nothing. */
export function importLongitudinalRows(
  project: ProjectData,
  input: readonly Cells[],
  options: ImportOptions,
): ImportResult {
  // REDCap writes a row without redcap_event_name into the project's first event.
  const first = orderedEvents(project)[0]?.unique_event_name ?? '';
  const rows = input.map((cells) => {
    const kept = cells.filter(([name]) => !RESERVED.test(name));
    const event = kept.find(([name]) => name === EVENT_COLUMN);
    if (!event) return [...kept, [EVENT_COLUMN, first] as Cells[number]];
    return event[1].trim() === ''
      ? kept.map((c): Cells[number] => (c === event ? [EVENT_COLUMN, first] : c))
      : kept;
  });
  const targets = checkRows(project, rows, options.dateFormat);
  const idField = recordIdField(project);
  let next = 0;
  if (options.forceAutoNumber) {
    for (const r of project.records) if (/^\d+$/.test(r.id)) next = Math.max(next, Number(r.id));
    next++;
  }
  const finalId = new Map<string, string>();
  for (const { id } of targets) {
    if (!finalId.has(id)) finalId.set(id, options.forceAutoNumber ? String(next++) : id);
  }
  const index = recordIndex(project);
  const changes = new Map<string, { created: boolean; details: string[] }>();
  for (const t of targets) {
    const id = finalId.get(t.id)!;
    let record = index.get(id);
    let entry = changes.get(id);
    if (!entry) changes.set(id, (entry = { created: !record, details: [] }));
    if (!record) {
      record = { id, dag: '', slots: [] };
      project.records.push(record);
      index.set(id, record);
      entry.details.push(`${idField} = '${id}'`);
    }
    const instance =
      t.instance === 'new' ? lastInstanceOn(record, t.event, t.form) + 1 : t.instance;
    let slot = findSlot(record, t.event, t.form, instance);
    const fresh = !slot;
    if (!slot) {
      slot = { event: t.event, repeatInstrument: t.form, instance, values: {}, checked: {} };
      if (t.form === null && !record.slots.some((s) => s.event === t.event)) {
        slot.values[idField] = id;
      }
      record.slots.push(slot);
    }
    if (instance !== null && instance > 1) entry.details.push(`[instance = ${instance}]`);
    const touched = new Set<string>();
    for (const [column, value] of t.values) {
      const change = writeColumn(slot, column, value, options.overwrite);
      if (change) entry.details.push(change);
      // Blank cells and unchecked boxes are no value: the form stays gray (no status).
      if (holdsValue(column, value)) touched.add(formOf(column));
    }
    for (const form of touched) {
      const status = formStatusName(form);
      if (own(slot.values, status) === undefined) {
        slot.values[status] = '0';
        entry.details.push(`${status} = '0'`);
      }
    }
    const empty = Object.keys(slot.values).length + Object.keys(slot.checked).length === 0;
    if (fresh && empty) record.slots.splice(record.slots.indexOf(slot), 1);
    if (record.slots.length === 0) {
      // A new record that wrote nothing still exists (REDCap saves its id on the event).
      record.slots.push({
        event: t.event,
        repeatInstrument: null,
        instance: t.form === null ? instance : null,
        values: { [idField]: id },
        checked: {},
      });
    }
  }
  return finishImport(changes, finalId, options);
}
