import { checkboxExportName } from '../../src/lib/choices/choices.ts';
import { readCsv } from '../../src/lib/csv/csv.ts';
import { isValidDateTime } from '../../src/lib/methods/shared-params.ts';
import { DEFAULT_400 } from '../render.ts';
import {
  columnByName,
  fieldChoices,
  findField,
  formNames,
  formStatusName,
  recordIdField,
  type DataColumn,
} from '../store/dictionary.ts';
import { createRecord, findRecord, mainSlot, nextRecordId, writeColumn } from '../store/records.ts';
import type { ProjectData } from '../store/types.ts';
import { readXmlRows } from '../xml.ts';
import { ApiError, badRequest } from './types.ts';

/** Import Records (§2.4): reading `data`, checking every cell, then saving all or nothing. */

export type Cells = [name: string, value: string][];

function jsonError(detail: string) {
  return badRequest(
    `The data being imported is not formatted correctly. PHP error from JSON decoder: ${detail}. The JSON must be in an array, as in [{ ... }].`,
  );
}

function jsonCell(value: unknown): string {
  if (value === null || value === undefined || value === false) return '';
  if (value === true) return '1';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw badRequest(DEFAULT_400);
}

/** The rows of `data` in its format, as ordered cells. */
export function readImportData(data: string, format: 'json' | 'csv' | 'xml', delimiter: string) {
  if (format === 'json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      throw jsonError('Syntax error');
    }
    if (!Array.isArray(parsed)) throw jsonError('Syntax error');
    return parsed.map((item): Cells => {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) {
        throw jsonError('Syntax error');
      }
      return Object.entries(item as Record<string, unknown>).map(([k, v]) => [k, jsonCell(v)]);
    });
  }
  try {
    if (format === 'xml') return readXmlRows(data);
    const [header, ...rows] = readCsv(data, delimiter).filter((r) => r.some((c) => c !== ''));
    if (!header) return [];
    return rows.map((row): Cells => {
      if (row.length > header.length) throw badRequest(DEFAULT_400);
      return header.map((name, i) => [name.trim(), row[i] ?? '']);
    });
  } catch (error) {
    if (!(error instanceof ApiError)) throw badRequest(DEFAULT_400);
    throw error;
  }
}

/** EAV rows (record, field_name, value) folded into flat rows, one per record. */
export function eavToFlat(project: ProjectData, rows: readonly Cells[]): Cells[] {
  const byRecord = new Map<string, Cells>();
  const idField = recordIdField(project);
  for (const cells of rows) {
    const get = (k: string) => cells.find(([n]) => n === k)?.[1] ?? '';
    const record = get('record');
    const name = get('field_name');
    const value = get('value');
    let flat = byRecord.get(record);
    if (!flat) byRecord.set(record, (flat = [[idField, record]]));
    const field = findField(project, name);
    if (field?.field_type === 'checkbox') {
      flat.push([checkboxExportName(name, value), '1']);
    } else if (name !== idField) {
      flat.push([name, value]);
    }
  }
  return [...byRecord.values()];
}

const RESERVED = /^(redcap_survey_identifier|.+_timestamp|.+_return_code)$/;

export type DateFormat = 'YMD' | 'MDY' | 'DMY';

function toYmd(value: string, dateFormat: DateFormat): string {
  if (dateFormat === 'YMD') return value;
  const m = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})(.*)$/.exec(value);
  if (!m) return value;
  const [a, b, year, rest] = [m[1]!, m[2]!, m[3]!, m[4]!];
  const [month, day] = dateFormat === 'MDY' ? [a, b] : [b, a];
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}${rest}`;
}

/** A cell's stored form, or the reason REDCap rejects it (§1.8 value validation). */
function checkCell(
  column: DataColumn,
  value: string,
  dateFormat: DateFormat,
): { value: string } | { reason: string } {
  const category = { reason: `The value is not a valid category for ${column.name}` };
  if (column.kind === 'checkbox') return value === '0' || value === '1' ? { value } : category;
  if (column.kind === 'status') return ['0', '1', '2'].includes(value) ? { value } : category;
  const choices = fieldChoices(column.field);
  if (choices) return choices.some((c) => c.code === value) ? { value } : category;
  const validation = column.field.text_validation_type_or_show_slider_number;
  const name = column.name;
  if (/^date(time)?(_seconds)?_(ymd|mdy|dmy)$/.test(validation)) {
    const ymd = toYmd(value.trim(), dateFormat);
    return isValidDateTime(ymd, validation.startsWith('datetime'))
      ? { value: ymd }
      : { reason: `The value is not a valid date for ${name}` };
  }
  if (validation === 'integer') {
    return /^[-+]?\d+$/.test(value.trim())
      ? { value: value.trim() }
      : { reason: `The value is not a valid integer for ${name}` };
  }
  if (validation.startsWith('number')) {
    return /^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(value.trim())
      ? { value: value.trim() }
      : { reason: `The value is not a valid number for ${name}` };
  }
  if (validation === 'email') {
    return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim())
      ? { value: value.trim() }
      : { reason: `The value is not a valid e-mail address for ${name}` };
  }
  return { value };
}

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

/** Checks every row, then saves them all; any problem → 400 and nothing saved. */
export function importRows(
  project: ProjectData,
  input: readonly Cells[],
  options: ImportOptions,
): ImportResult {
  const idField = recordIdField(project);
  const rows = input.map((cells) => cells.filter(([name]) => !RESERVED.test(name)));
  const unknown = [...new Set(rows.flatMap((cells) => cells.map(([n]) => n)))].filter(
    (name) => !columnByName(project, name),
  );
  if (unknown.length > 0) {
    throw badRequest(
      `The following fields were not found in the project as real data fields: ${unknown.join(', ')}`,
    );
  }
  const problems: string[] = [];
  const checked = rows.map((cells) => {
    const id = (cells.find(([n]) => n === idField)?.[1] ?? '').trim();
    if (id === '') throw badRequest(`The record id, ${idField}, cannot be empty`);
    if (/[+&#']/.test(id)) {
      throw badRequest(
        `The record name (${id}) cannot contain a plus sign (+), ampersand (&), pound sign (#), or apostrophe.`,
      );
    }
    const values: [DataColumn, string][] = [];
    for (const [name, raw] of cells) {
      if (name === idField) continue;
      const column = columnByName(project, name)!;
      if (raw === '') {
        values.push([column, '']);
        continue;
      }
      const result = checkCell(column, raw, options.dateFormat);
      if ('reason' in result) problems.push(`"${id}","${name}","${raw}","${result.reason}"`);
      else values.push([column, result.value]);
    }
    return { id, values };
  });
  if (problems.length > 0) throw badRequest(problems.join('\n'));

  const finalId = new Map<string, string>();
  for (const { id } of checked) {
    if (finalId.has(id)) continue;
    finalId.set(id, options.forceAutoNumber ? nextRecordId(project, finalId.values()) : id);
  }
  const changes = new Map<string, { created: boolean; details: string[] }>();
  for (const row of checked) {
    const id = finalId.get(row.id)!;
    let record = findRecord(project, id);
    let entry = changes.get(id);
    if (!entry) changes.set(id, (entry = { created: !record, details: [] }));
    if (!record) {
      record = createRecord(project, id);
      entry.details.push(`${idField} = '${id}'`);
    }
    const slot = mainSlot(record);
    const touchedForms = new Set<string>();
    if (entry.created) touchedForms.add(findField(project, idField)!.form_name);
    for (const [column, value] of row.values) {
      const change = writeColumn(slot, column, value, options.overwrite);
      if (change) entry.details.push(change);
      if (value !== '' && column.kind !== 'status') touchedForms.add(column.field.form_name);
    }
    // Saving data on a form gives it a status: Incomplete unless one was sent.
    for (const form of formNames(project)) {
      const status = formStatusName(form);
      if (touchedForms.has(form) && slot.values[status] === undefined) {
        slot.values[status] = '0';
      }
    }
  }
  for (const [id, entry] of changes) {
    const verb = entry.created ? 'Create record' : 'Update record';
    options.log(`${verb} ${options.apiTag} ${id}`, entry.details.join(', '), id);
  }
  return {
    ids: [...changes.keys()],
    autoIds: [...finalId].map(([sent, id]) => `${id},${sent}`),
  };
}
