import type { ProjectModel } from '../project/model.ts';

/**
 * Whether an Export Records call is likely to be huge, from the project's structure and its
 * record count, and what batch of record ids to suggest instead. REDCap builds the whole
 * export in memory before sending a byte; beyond a few million values servers hit their PHP
 * memory limit or time out, and the usual advice is to export in batches of record ids.
 */

/** Values (records × columns) from which an export counts as large. */
export const LARGE_EXPORT_VALUES = 2_000_000;
/** Values per batch to aim for. */
export const BATCH_VALUES = 500_000;
/** Bytes per exported value in JSON, roughly: `"field_name":"value",`. */
const BYTES_PER_VALUE = 24;

export interface ExportParams {
  readonly records?: readonly string[];
  readonly fields?: readonly string[];
  readonly forms?: readonly string[];
  readonly filterLogic?: string;
}

export interface ExportEstimate {
  readonly records: number;
  readonly columns: number;
  readonly values: number;
  readonly bytes: number;
  /** True when filterLogic may keep fewer records than counted. */
  readonly upperBound: boolean;
}

function list(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string' && v !== '')
    : [];
}

/** The export parameters the estimate cares about, from the form's validated values. */
export function exportParams(values: Readonly<Record<string, unknown>>): ExportParams {
  const filterLogic = values['filterLogic'];
  return {
    records: list(values['records']),
    fields: list(values['fields']),
    forms: list(values['forms']),
    ...(typeof filterLogic === 'string' && filterLogic.trim() !== '' && { filterLogic }),
  };
}

/**
 * Columns of a flat export: one per export field name (a checkbox gives one per choice, each
 * form its `<form>_complete`; descriptive fields none), plus file fields (exported, yet not in
 * that list) and REDCap's own columns for events and repeating instruments. Limited to
 * `fields` / `forms` when they are given; then the record id, and with it REDCap's event and
 * repeat columns, only when it is listed or its form is.
 */
export function exportColumns(model: ProjectModel, params: ExportParams): number {
  const fields = new Set(params.fields ?? []);
  const forms = new Set(params.forms ?? []);
  const all = fields.size === 0 && forms.size === 0;
  const formOf = new Map(model.fields.map((f) => [f.field_name, f.form_name]));
  for (const { instrument_name } of model.instruments) {
    formOf.set(`${instrument_name}_complete`, instrument_name);
  }
  const chosen = (field: string): boolean =>
    all || fields.has(field) || forms.has(formOf.get(field) ?? '');
  const files = model.fields.filter((f) => f.field_type === 'file' && chosen(f.field_name)).length;
  const names = model.exportFieldNames.length
    ? model.exportFieldNames.filter((row) => chosen(row.original_field_name)).length + files
    : model.fields.filter((f) => f.field_type !== 'descriptive' && chosen(f.field_name)).length +
      (all ? model.instruments.length : forms.size);
  const withId = chosen(model.recordIdField);
  const event = model.longitudinal && withId ? 1 : 0;
  const repeating = model.repeating.length > 0 && withId ? 2 : 0;
  return Math.max(1, names + event + repeating);
}

export function estimateExport(
  model: ProjectModel,
  params: ExportParams,
  recordCount: number,
): ExportEstimate {
  const records = params.records?.length
    ? Math.min(params.records.length, recordCount)
    : recordCount;
  const columns = exportColumns(model, params);
  // Longitudinal and repeating projects have more rows than records: one per event/instance.
  const rowsPerRecord = model.longitudinal ? Math.max(1, model.events.length) : 1;
  const values = records * rowsPerRecord * columns;
  return {
    records,
    columns,
    values,
    bytes: values * BYTES_PER_VALUE,
    upperBound: params.filterLogic !== undefined,
  };
}

export function isLargeExport(estimate: ExportEstimate): boolean {
  return estimate.values >= LARGE_EXPORT_VALUES;
}

const NICE = [100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000];

/** Records per batch: the largest round number that keeps a batch near BATCH_VALUES. */
export function suggestBatchSize(estimate: ExportEstimate): number {
  const perRecord = Math.max(1, estimate.values / Math.max(1, estimate.records));
  const target = BATCH_VALUES / perRecord;
  return [...NICE].reverse().find((n) => n <= target) ?? NICE[0]!;
}

/** Record ids in batches of `size`, in order. */
export function batchesOf<T>(ids: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let at = 0; at < ids.length; at += Math.max(1, size)) out.push(ids.slice(at, at + size));
  return out;
}
