import {
  columnsByName,
  findField,
  formNames,
  formOf,
  formStatusName,
  recordIdField,
  repeatingForms,
  type DataColumn,
} from './dictionary.ts';
import {
  createRecord,
  instanceSlot,
  lastInstance,
  mainSlot,
  nextRecordId,
  own,
  recordIndex,
  writeColumn,
} from './records.ts';
import type { ProjectData, Cells } from './types.ts';
import { isRepeatInstance, MAX_REPEAT_INSTANCE, recordNameProblem } from './names.ts';
import { checkCell, type DateFormat } from './values.ts';
import { badRequest } from './errors.ts';

/** Import Records (§2.4): checking every row, then saving all of them or nothing. */

/** Survey pseudo-fields: reserved names, dropped silently (§2.4). */
const RESERVED = /^(redcap_survey_identifier|.+_timestamp|.+_return_code)$/;
const INSTRUMENT = 'redcap_repeat_instrument';
const INSTANCE = 'redcap_repeat_instance';

export interface ImportOptions {
  readonly overwrite: boolean;
  readonly forceAutoNumber: boolean;
  readonly dateFormat: DateFormat;
  readonly apiTag: string;
  readonly log: (action: string, details: string, record: string) => void;
}

export interface ImportResult {
  /** Distinct record names, in the order first seen (after auto-numbering). */
  readonly ids: string[];
  /** `<new id>,<id sent>` per record, with forceAutoNumber. */
  readonly autoIds: string[];
}

/** A checked row: where it goes, and the cells it writes. */
interface CheckedRow {
  readonly id: string;
  /** The repeating instrument, or null for the record's main row. */
  readonly form: string | null;
  /** The instance number, or 'new' (append an instance, newer REDCap versions). */
  readonly instance: number | 'new' | null;
  readonly values: [DataColumn, string][];
}

function line(id: string, name: string, value: string, reason: string): string {
  return `"${id}","${name}","${value}","${reason}"`;
}

/** The row's repeat position, or problem lines (the line format of §1.8; the mock's words). */
function repeatPosition(
  id: string,
  instrument: string,
  instance: string,
  repeating: ReadonlySet<string>,
  problems: string[],
): Pick<CheckedRow, 'form' | 'instance'> {
  if (instrument === '' && instance === '') return { form: null, instance: null };
  if (instrument === '') {
    problems.push(
      line(
        id,
        INSTANCE,
        instance,
        'The project has no repeating events, so an instance needs a redcap_repeat_instrument',
      ),
    );
  } else if (!repeating.has(instrument)) {
    problems.push(line(id, INSTRUMENT, instrument, `${instrument} is not a repeating instrument`));
  }
  if (instance !== 'new' && !isRepeatInstance(instance)) {
    problems.push(
      line(
        id,
        INSTANCE,
        instance,
        `The value must be a whole number from 1 to ${MAX_REPEAT_INSTANCE}, or new`,
      ),
    );
  }
  return { form: instrument, instance: instance === 'new' ? 'new' : Number(instance) };
}

function checkRows(
  project: ProjectData,
  rows: readonly Cells[],
  dateFormat: DateFormat,
): CheckedRow[] {
  const idField = recordIdField(project);
  const byName = columnsByName(project);
  const repeating = repeatingForms(project);
  const unknown = new Set<string>();
  for (const cells of rows) {
    for (const [name] of cells) {
      if (!byName.has(name) && name !== INSTRUMENT && name !== INSTANCE) unknown.add(name);
    }
  }
  if (unknown.size > 0) {
    throw badRequest(
      `The following fields were not found in the project as real data fields: ${[...unknown].join(', ')}`,
    );
  }
  const problems: string[] = [];
  const checked = rows.map((cells): CheckedRow => {
    const get = (key: string) => cells.find(([n]) => n === key)?.[1].trim() ?? '';
    const id = get(idField);
    if (id === '') throw badRequest(`The record id, ${idField}, cannot be empty`);
    const nameProblem = recordNameProblem(id);
    if (nameProblem) throw badRequest(nameProblem);
    const position = repeatPosition(id, get(INSTRUMENT), get(INSTANCE), repeating, problems);
    const values: [DataColumn, string][] = [];
    for (const [name, raw] of cells) {
      if (name === idField || name === INSTRUMENT || name === INSTANCE) continue;
      const column = byName.get(name)!;
      // File fields are skipped: only Import a File writes them (REDCap's skipFileUploadFields).
      if (column.kind === 'value' && column.field.field_type === 'file') continue;
      const home = repeating.has(formOf(column)) ? formOf(column) : null;
      if (home !== position.form) {
        // Another row's column (a flat export's blank cells): blank is fine, data is not.
        if (raw === '') continue;
        const where =
          home === null
            ? `${name} is not on a repeating instrument, so it belongs on a row without redcap_repeat_instrument`
            : `${name} is on the repeating instrument ${home}, so its row needs redcap_repeat_instrument = ${home}`;
        problems.push(line(id, name, raw, where));
        continue;
      }
      if (raw === '') {
        values.push([column, '']);
        continue;
      }
      const result = checkCell(column, raw, dateFormat);
      if ('reason' in result) problems.push(line(id, name, raw, result.reason));
      else values.push([column, result.value]);
    }
    return { id, ...position, values };
  });
  if (problems.length > 0) throw badRequest(problems.join('\n'));
  return checked;
}

/** Checks every row, then saves them all; any problem → 400 and nothing saved. */
export function importRows(
  project: ProjectData,
  input: readonly Cells[],
  options: ImportOptions,
): ImportResult {
  const rows = input.map((cells) => cells.filter(([name]) => !RESERVED.test(name)));
  const checked = checkRows(project, rows, options.dateFormat);
  const idField = recordIdField(project);
  const idForm = findField(project, idField)!.form_name;
  const forms = formNames(project);

  const finalId = new Map<string, string>();
  let next = options.forceAutoNumber ? Number(nextRecordId(project)) : 0;
  for (const { id } of checked) {
    if (!finalId.has(id)) finalId.set(id, options.forceAutoNumber ? String(next++) : id);
  }
  const index = recordIndex(project);
  const changes = new Map<string, { created: boolean; details: string[] }>();
  for (const row of checked) {
    const id = finalId.get(row.id)!;
    let record = index.get(id);
    let entry = changes.get(id);
    if (!entry) changes.set(id, (entry = { created: !record, details: [] }));
    if (!record) {
      index.set(id, (record = createRecord(project, id)));
      entry.details.push(`${idField} = '${id}'`);
    }
    let slot = mainSlot(record);
    if (row.form !== null) {
      const instance = row.instance === 'new' ? lastInstance(record, row.form) + 1 : row.instance!;
      slot = instanceSlot(record, row.form, instance);
      if (instance > 1) entry.details.push(`[instance = ${instance}]`);
    }
    const touchedForms = new Set<string>();
    if (entry.created && row.form === null) touchedForms.add(idForm);
    for (const [column, value] of row.values) {
      const change = writeColumn(slot, column, value, options.overwrite);
      if (change) entry.details.push(change);
      // Blank cells and unchecked boxes are no value: the form stays gray (no status).
      if (holdsValue(column, value)) touchedForms.add(formOf(column));
    }
    // Saving data on a form gives it a status: Incomplete unless one was sent.
    for (const form of row.form === null ? forms : [row.form]) {
      const status = formStatusName(form);
      if (touchedForms.has(form) && own(slot.values, status) === undefined) {
        slot.values[status] = '0';
        entry.details.push(`${status} = '0'`);
      }
    }
    const empty = () => Object.keys(slot.values).length + Object.keys(slot.checked).length === 0;
    if (row.form !== null && empty()) record.slots.splice(record.slots.indexOf(slot), 1);
  }
  return finishImport(changes, finalId, options);
}

/**
 * After either importer: logs each record it created or updated (REDCap's "Create record" /
 * "Update record" with the changed values) and answers the ids, with `autoIds` as `new,sent`.
 */
export function finishImport(
  changes: ReadonlyMap<string, { readonly created: boolean; readonly details: readonly string[] }>,
  finalId: ReadonlyMap<string, string>,
  options: Pick<ImportOptions, 'log' | 'apiTag'>,
): ImportResult {
  for (const [id, entry] of changes) {
    const verb = entry.created ? 'Create record' : 'Update record';
    options.log(`${verb} ${options.apiTag} ${id}`, entry.details.join(', '), id);
  }
  return {
    ids: [...changes.keys()],
    autoIds: [...finalId].map(([sent, id]) => `${id},${sent}`),
  };
}

/** Whether a cell gives its form a status: a value other than blank, or a ticked box. */
export function holdsValue(column: DataColumn, value: string): boolean {
  if (column.kind === 'status' || value.trim() === '') return false;
  return column.kind !== 'checkbox' || value.trim() !== '0';
}
