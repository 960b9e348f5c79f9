import { checkboxExportName } from '../../src/lib/choices/choices.ts';
import { readCsv } from '../../src/lib/csv/csv.ts';
import { findField, recordIdField } from '../store/dictionary.ts';
import type { Cells, ProjectData } from '../store/types.ts';
import type { StructureRow } from '../store/structure.ts';
import { DEFAULT_400, payloadFormat } from './render.ts';
import type { Params } from './params.ts';
import { readXmlRows } from './xml.ts';
import { ApiError, badRequest, type RouteContext } from './route.ts';

/** The `data` of an import (§2.4), read into rows of ordered cells; EAV folded into flat rows. */

export type { Cells };

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

/** JSON `data`: an array of objects; `single` also takes one bare object (project settings). */
export function readJsonRows(data: string, single = false): Cells[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    throw jsonError('Syntax error');
  }
  if (single && typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
    parsed = [parsed];
  }
  if (!Array.isArray(parsed)) throw jsonError('Syntax error');
  return parsed.map((item): Cells => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw jsonError('Syntax error');
    }
    return Object.entries(item as Record<string, unknown>).map(([k, v]) => [k, jsonCell(v)]);
  });
}

/** The rows of `data` in its format, as ordered cells. */
export function readImportData(
  data: string,
  format: 'json' | 'csv' | 'xml',
  delimiter: string,
  single = false,
): Cells[] {
  if (format === 'json') return readJsonRows(data, single);
  try {
    if (format === 'xml') return readXmlRows(data, single);
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

const REPEAT_KEYS = ['redcap_repeat_instrument', 'redcap_repeat_instance'] as const;

/**
 * EAV rows (record, field_name, value, redcap_event_name and the repeat keys) folded into flat rows, one per
 * record and repeat instance; a checkbox row checks the option it names.
 */
export function eavToFlat(project: ProjectData, rows: readonly Cells[]): Cells[] {
  const byKey = new Map<string, Cells>();
  const idField = recordIdField(project);
  for (const cells of rows) {
    const get = (k: string) => cells.find(([n]) => n === k)?.[1] ?? '';
    const record = get('record');
    const [instrument, instance] = REPEAT_KEYS.map(get) as [string, string];
    const event = get('redcap_event_name');
    const key = JSON.stringify([record, event, instrument, instance]);
    let flat = byKey.get(key);
    if (!flat) {
      flat = [[idField, record]];
      if (event !== '') flat.push(['redcap_event_name', event]);
      if (instrument !== '' || instance !== '') {
        flat.push([REPEAT_KEYS[0], instrument], [REPEAT_KEYS[1], instance]);
      }
      byKey.set(key, flat);
    }
    const name = get('field_name');
    const value = get('value');
    const field = findField(project, name);
    if (field?.field_type === 'checkbox') {
      flat.push([checkboxExportName(name, value), '1']);
    } else if (name !== idField) {
      flat.push([name, value]);
    }
  }
  return [...byKey.values()];
}

/**
 * `data` rows of a structure import (arms, events, mappings, repeating setup), as rows of
 * trimmed strings keyed by column name; column names are data, so the rows have no prototype.
 */
export function structureRows(ctx: RouteContext, p: Params<'data'>): StructureRow[] {
  const rows = readImportData(p.text('data') ?? '', payloadFormat(ctx.format), p.csvDelimiter());
  return rows.map((cells) => {
    const row = Object.create(null) as Record<string, string>;
    for (const [name, value] of cells) row[name] = value.trim();
    return row;
  });
}
