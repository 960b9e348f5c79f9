import { scalarField, type FormFields } from '../../src/lib/redcap/decode.ts';
import { compileFilter } from '../logic.ts';
import type { Row } from '../render.ts';
import {
  allDataColumns,
  fieldChoices,
  findField,
  formNames,
  FORM_STATUS_CHOICES,
  formStatusName,
  recordIdField,
  type DataColumn,
} from '../store/dictionary.ts';
import { mainSlot, readColumn, sortedRecords } from '../store/records.ts';
import type { DataSlot, ProjectData, StoredRecord } from '../store/types.ts';
import { invalidValues } from './params.ts';
import { badRequest } from './types.ts';

/** Export Records (§2.3): which columns, which records, and each cell's text. */

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
  const statusNames = new Map(formNames(project).map((f) => [formStatusName(f), f]));
  const unknownFields = fields.filter((f) => !findField(project, f) && !statusNames.has(f));
  if (unknownFields.length > 0) throw invalidValues('fields', unknownFields);
  const allForms = formNames(project);
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

function isNumberField(column: DataColumn): boolean {
  if (column.kind !== 'value') return false;
  const validation = column.field.text_validation_type_or_show_slider_number;
  return column.field.field_type === 'calc' || validation.startsWith('number');
}

/** One cell as exported: codes or labels, checkbox 0/1, status 0/1/2 (§2.3, §3.3). */
export function cellText(column: DataColumn, slot: DataSlot, options: CellOptions): string {
  const raw = readColumn(slot, column);
  switch (column.kind) {
    case 'checkbox':
      if (!options.label) return raw!;
      if (options.checkboxLabel) return raw === '1' ? column.choice.label : '';
      return raw === '1' ? 'Checked' : 'Unchecked';
    case 'status': {
      if (raw === undefined) return options.blankGray ? '' : options.label ? 'Incomplete' : '0';
      return options.label ? (FORM_STATUS_CHOICES.find((c) => c.code === raw)?.label ?? raw) : raw;
    }
    case 'value': {
      const value = raw!;
      if (value !== '' && options.label) {
        const choices = fieldChoices(column.field);
        const label = choices?.find((c) => c.code === value)?.label;
        if (label !== undefined) return label;
      }
      if (options.decimal && isNumberField(column)) {
        return value.replace(/[.,]/, options.decimal);
      }
      return value;
    }
  }
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

export function flatRows(
  records: readonly StoredRecord[],
  columns: readonly DataColumn[],
  options: CellOptions,
): Row[] {
  return records.map((record) => {
    const slot = mainSlot(record);
    return Object.fromEntries(columns.map((c) => [c.name, cellText(c, slot, options)]));
  });
}

/** EAV (§2.3): one row per stored non-blank value; a checked option is a row with its code. */
export function eavRows(
  records: readonly StoredRecord[],
  columns: readonly DataColumn[],
  options: CellOptions,
): Row[] {
  const rows: Row[] = [];
  for (const record of records) {
    const slot = mainSlot(record);
    for (const column of columns) {
      const raw = readColumn(slot, column);
      if (raw === undefined || raw === '' || (column.kind === 'checkbox' && raw === '0')) continue;
      const name = column.kind === 'status' ? column.name : column.field.field_name;
      const value =
        column.kind === 'checkbox'
          ? options.label
            ? column.choice.label
            : column.choice.code
          : cellText(column, slot, { ...options, checkboxLabel: false });
      rows.push({ record: record.id, field_name: name, value });
    }
  }
  return rows;
}

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?: (\d{2}:\d{2})(?::(\d{2}))?)?$/;

function rangeBound(fields: FormFields, name: string, end: boolean): string | null {
  const value = scalarField(fields, name)?.trim() ?? '';
  if (value === '') return null;
  const m = DATE_TIME.exec(value.replace('T', ' ').replace(/\//g, '-'));
  if (!m) throw badRequest(`The value of the parameter "${name}" is not a valid date-time`);
  const time = m[2] ? `${m[2]}:${m[3] ?? (end ? '59' : '00')}` : end ? '23:59:59' : '00:00:00';
  return `${m[1]} ${time}`;
}

/**
 * The records to export, in REDCap's order: `records` (unknown names skipped, single quotes
 * stripped), filterLogic (whole records), dateRangeBegin/End (created or modified, per log).
 */
export function selectRecords(
  project: ProjectData,
  fields: FormFields,
  records: readonly string[],
): StoredRecord[] {
  let selected = sortedRecords(project);
  if (records.length > 0) {
    const wanted = new Set(records.map((r) => r.replace(/'/g, '')));
    selected = selected.filter((r) => wanted.has(r.id));
  }
  const logic = scalarField(fields, 'filterLogic') ?? '';
  if (logic.trim() !== '') {
    const matches = compileFilter(logic, project);
    selected = selected.filter((r) => r.slots.some(matches));
  }
  const begin = rangeBound(fields, 'dateRangeBegin', false);
  const end = rangeBound(fields, 'dateRangeEnd', true);
  if (begin !== null || end !== null) {
    const from = begin ?? '2004-08-01 00:00:00';
    const to = end ?? '9999-12-31 23:59:59';
    const touched = new Set(
      project.log
        .filter((l) => l.record !== '' && l.timestamp >= from && l.timestamp <= to)
        .map((l) => l.record),
    );
    selected = selected.filter((r) => touched.has(r.id));
  }
  return selected;
}
