import type { Cell } from './render.ts';
import {
  allDataColumns,
  fieldChoices,
  findField,
  formNames,
  formOf,
  FORM_STATUS_CHOICES,
  formStatusName,
  recordIdField,
  repeatingForms,
  type DataColumn,
} from '../store/dictionary.ts';
import { hasStored, orderedSlots, own } from '../store/records.ts';
import { dagsOf, findDag } from '../store/access.ts';
import type { DataSlot, ProjectData, ProjectUser, Report, StoredRecord } from '../store/types.ts';
import { invalidValues } from './params.ts';
import { badRequest } from './route.ts';

/** Export Records (§2.3): which columns and rows, and each cell's text. */

const ONLY_DESCRIPTIVE =
  'The variables provided in the parameter "fields" are not valid fields that contain data. This might happen if you only provided variables for Descriptive fields.';

/**
 * The export columns: all of them, or the record id plus the requested fields and the fields
 * of the requested forms, in dictionary order. A form's status column comes with the form, or
 * when `<form>_complete` is named in `fields`.
 */
export function selectColumns(
  project: ProjectData,
  fields: readonly string[],
  forms: readonly string[],
): DataColumn[] {
  const allForms = formNames(project);
  const statusNames = new Map(allForms.map((f) => [formStatusName(f), f]));
  const unknownFields = fields.filter((f) => !findField(project, f) && !statusNames.has(f));
  if (unknownFields.length > 0) throw invalidValues('fields', unknownFields);
  const unknownForms = forms.filter((f) => !allForms.includes(f));
  if (unknownForms.length > 0) throw invalidValues('forms', unknownForms);
  const all = allDataColumns(project);
  if (fields.length === 0 && forms.length === 0) return all;
  if (
    forms.length === 0 &&
    fields.every((f) => findField(project, f)?.field_type === 'descriptive')
  ) {
    throw badRequest(ONLY_DESCRIPTIVE);
  }
  const wantedFields = new Set(fields);
  const wantedForms = new Set(forms);
  for (const f of fields) if (statusNames.has(f)) wantedForms.add(statusNames.get(f)!);
  const idField = recordIdField(project);
  return all.filter((c) =>
    c.kind === 'status'
      ? wantedForms.has(c.form)
      : c.field.field_name === idField ||
        wantedFields.has(c.field.field_name) ||
        forms.includes(c.field.form_name),
  );
}

export interface CellOptions {
  readonly label: boolean;
  readonly checkboxLabel: boolean;
  readonly blankGray: boolean;
  readonly decimal: '.' | ',' | null;
}

type Reader = (slot: DataSlot) => string;

function isNumberField(column: DataColumn): boolean {
  if (column.kind !== 'value') return false;
  const validation = column.field.text_validation_type_or_show_slider_number;
  return column.field.field_type === 'calc' || validation.startsWith('number');
}

/**
 * One column's cell as exported, compiled once per export: codes or labels, checkbox 0/1,
 * status 0/1/2, a file field's file name (§2.3, §3.3).
 */
export function cellReader(
  column: DataColumn,
  options: CellOptions,
  docNames: ReadonlyMap<string, string>,
): Reader {
  if (column.kind === 'checkbox') {
    const { field_name: name } = column.field;
    const { code, label } = column.choice;
    const [yes, no] = !options.label
      ? ['1', '0']
      : options.checkboxLabel
        ? [label, '']
        : ['Checked', 'Unchecked'];
    return (slot) => (own(slot.checked, name)?.includes(code) ? yes : no);
  }
  if (column.kind === 'status') {
    const { name } = column;
    const gray = options.blankGray ? '' : options.label ? 'Incomplete' : '0';
    const labels = new Map(FORM_STATUS_CHOICES.map((c) => [c.code, c.label]));
    if (!options.label) return (slot) => own(slot.values, name) ?? gray;
    return (slot) => {
      const raw = own(slot.values, name);
      return raw === undefined ? gray : (labels.get(raw) ?? raw);
    };
  }
  const name = column.field.field_name;
  if (column.field.field_type === 'file') {
    return (slot) => {
      const id = own(slot.values, name);
      return id === undefined ? '' : (docNames.get(id) ?? '');
    };
  }
  const choices = options.label ? fieldChoices(column.field) : null;
  if (choices) {
    const labels = new Map(choices.map((c) => [c.code, c.label]));
    return (slot) => {
      const raw = own(slot.values, name);
      return raw === undefined ? '' : (labels.get(raw) ?? raw);
    };
  }
  const decimal = options.decimal;
  if (decimal && isNumberField(column)) {
    return (slot) => (own(slot.values, name) ?? '').replace(/[.,]/, decimal);
  }
  return (slot) => own(slot.values, name) ?? '';
}

/** CSV header text for rawOrLabelHeaders=label. */
export function headerLabel(column: DataColumn): string {
  switch (column.kind) {
    case 'value':
      return column.field.field_label;
    case 'checkbox':
      return `${column.field.field_label} (choice=${column.choice.label})`;
    case 'status':
      return 'Complete?';
  }
}

export const REPEAT_COLUMNS = ['redcap_repeat_instrument', 'redcap_repeat_instance'] as const;
export const REPEAT_HEADER_LABELS = ['Repeat Instrument', 'Repeat Instance'] as const;

/** How the rows of one export are cut: per column, its reader and its repeating form. */
interface Plan {
  readonly readers: Reader[];
  /** The repeating form a column lives on, or null for the record's main row. */
  readonly homes: (string | null)[];
  readonly repeating: ReadonlySet<string>;
  readonly instrumentText: (form: string) => string;
  readonly formOrder: readonly string[];
}

function plan(project: ProjectData, columns: readonly DataColumn[], options: CellOptions): Plan {
  const docNames = new Map(project.edocs.map((d) => [String(d.doc_id), d.name]));
  const repeating = repeatingForms(project);
  const labels = new Map(project.instruments.map((i) => [i.instrument_name, i.instrument_label]));
  return {
    readers: columns.map((c) => cellReader(c, options, docNames)),
    homes: columns.map((c) => (repeating.has(formOf(c)) ? formOf(c) : null)),
    repeating,
    instrumentText: options.label ? (f) => labels.get(f) ?? f : (f) => f,
    formOrder: formNames(project),
  };
}

/** A repeat instance gives a row when one of the exported columns has data in it. */
function instanceHasData(slot: DataSlot, columns: readonly DataColumn[], homes: Plan['homes']) {
  for (let i = 0; i < columns.length; i++) {
    if (homes[i] === slot.repeatInstrument && hasStored(slot, columns[i]!)) return true;
  }
  return false;
}

/**
 * Flat rows (§2.3): per record its main row, then one row per repeat instance that has data in
 * the exported columns. The record id leads every row; with repeating instruments,
 * `redcap_repeat_instrument` and `redcap_repeat_instance` (a number) follow. A row carries only
 * its own form's values: the others are blank, checkboxes and statuses included (§3.6).
 */
export function flatExport(
  project: ProjectData,
  records: readonly StoredRecord[],
  columns: readonly DataColumn[],
  options: CellOptions,
): { names: string[]; rows: Cell[][]; headers: string[] } {
  const p = plan(project, columns, options);
  const withRepeat = p.repeating.size > 0;
  const [id, ...rest] = columns;
  const names = [id!.name, ...(withRepeat ? REPEAT_COLUMNS : []), ...rest.map((c) => c.name)];
  const headers = [
    headerLabel(id!),
    ...(withRepeat ? REPEAT_HEADER_LABELS : []),
    ...rest.map(headerLabel),
  ];
  const width = columns.length;
  const rows: Cell[][] = [];
  for (const record of records) {
    for (const slot of orderedSlots(record, p.formOrder)) {
      const home = slot.repeatInstrument;
      if (home !== null && !instanceHasData(slot, columns, p.homes)) continue;
      const row: Cell[] = [record.id];
      if (withRepeat) {
        if (home === null) row.push('', '');
        else row.push(p.instrumentText(home), slot.instance ?? 1);
      }
      for (let i = 1; i < width; i++) row.push(p.homes[i] === home ? p.readers[i]!(slot) : '');
      rows.push(row);
    }
  }
  return { names, rows, headers };
}

/**
 * EAV (§2.3): one row per stored non-blank value, the record id included; a checked option is
 * a row with its code (its label in label mode). With repeating instruments the rows carry
 * `redcap_repeat_instrument` and `redcap_repeat_instance`.
 */
export function eavExport(
  project: ProjectData,
  records: readonly StoredRecord[],
  columns: readonly DataColumn[],
  options: CellOptions,
): { names: string[]; rows: Cell[][] } {
  const p = plan(project, columns, { ...options, checkboxLabel: false });
  const withRepeat = p.repeating.size > 0;
  const names = ['record', ...(withRepeat ? REPEAT_COLUMNS : []), 'field_name', 'value'];
  const idField = recordIdField(project);
  const rows: Cell[][] = [];
  for (const record of records) {
    for (const slot of orderedSlots(record, p.formOrder)) {
      const home = slot.repeatInstrument;
      const lead: Cell[] =
        !withRepeat || home === null
          ? [record.id, ...(withRepeat ? ['', ''] : [])]
          : [record.id, p.instrumentText(home), slot.instance ?? 1];
      columns.forEach((column, i) => {
        if (column.kind !== 'status' && column.field.field_name === idField) {
          if (home === null) rows.push([...lead, idField, record.id]);
          return;
        }
        if (p.homes[i] !== home || !hasStored(slot, column)) return;
        const value =
          column.kind === 'checkbox'
            ? options.label
              ? column.choice.label
              : column.choice.code
            : p.readers[i]!(slot);
        const name = column.kind === 'status' ? column.name : column.field.field_name;
        rows.push([...lead, name, value]);
      });
    }
  }
  return { names, rows };
}

/**
 * REDCap adds no column of its own to `fields`/`forms`: the record id comes only when it is
 * asked for (by name or with its form), and with it `redcap_event_name` and the repeat
 * columns (PyCap's Records._backfill_fields, which asks for the record id for that reason).
 */
export function idAsked(
  project: ProjectData,
  fields: readonly string[],
  forms: readonly string[],
): boolean {
  if (fields.length === 0 && forms.length === 0) return true;
  const idField = recordIdField(project);
  return fields.includes(idField) || forms.includes(findField(project, idField)!.form_name);
}

const ID_COLUMNS = new Set([
  'redcap_event_name',
  'redcap_repeat_instrument',
  'redcap_repeat_instance',
]);

export function dropIdColumns(
  project: ProjectData,
  names: string[],
  rows: Cell[][],
  headers: string[],
): void {
  const idField = recordIdField(project);
  const keep = names.map((n) => n !== idField && !ID_COLUMNS.has(n));
  const kept = <T>(cells: T[]) => cells.filter((_, i) => keep[i]);
  names.splice(0, names.length, ...kept(names));
  headers.splice(0, headers.length, ...kept(headers));
  for (const row of rows) row.splice(0, row.length, ...kept(row));
}

const DAG_COLUMN = 'redcap_data_access_group';

/** §2.3: ignored when the user is in a DAG or the project has none. */
export function withDagColumn(project: ProjectData, user: ProjectUser): boolean {
  return user.data_access_group === '' && dagsOf(project).length > 0;
}

/**
 * `redcap_data_access_group` after the record id, event and repeat columns (§2.3 column order):
 * the unique group name, or the DAG's label in label mode; on every row of the record.
 */
export function addDagColumn(
  project: ProjectData,
  names: string[],
  rows: Cell[][],
  headers: string[],
  label: boolean,
): void {
  const after = ['redcap_repeat_instance', 'redcap_event_name'].map((c) => names.indexOf(c));
  const at = Math.max(0, ...after) + 1;
  const text = new Map(
    project.records.map((r) => {
      const dag = findDag(project, r.dag);
      return [r.id, dag ? (label ? dag.data_access_group_name : dag.unique_group_name) : ''];
    }),
  );
  names.splice(at, 0, DAG_COLUMN);
  headers.splice(at, 0, 'Data Access Group');
  for (const row of rows) row.splice(at, 0, text.get(String(row[0])) ?? '');
}

/**
 * The report's columns in the report's order (a checkbox's options together, in choice order),
 * the record id first. Fields the dictionary no longer has drop out, as in REDCap's builder.
 */
export function reportColumns(project: ProjectData, report: Report): DataColumn[] {
  const statuses = new Set(formNames(project).map(formStatusName));
  const idField = recordIdField(project);
  const names = [
    idField,
    ...report.fields.filter((n) => n !== idField && (findField(project, n) || statuses.has(n))),
  ];
  const position = new Map(names.map((name, i) => [name, i]));
  const rank = (c: DataColumn) =>
    position.get(c.kind === 'status' ? c.name : c.field.field_name) ?? names.length;
  return selectColumns(project, names, []).sort((a, b) => rank(a) - rank(b));
}
