import type { ParamValues } from '../methods/define-method.ts';
import type { DictionaryRow } from '../methods/dictionary.ts';

/**
 * What the playground knows about the connected project, read with the project's own token
 * (mock or live). Rows keep REDCap's JSON export shapes (`redcap-api.md` §2), all values as the
 * strings REDCap sends, so any code written against REDCap's documentation reads them as is.
 */

/**
 * One row of Export Metadata (data dictionary), JSON, as a server sent it: the columns of
 * `DictionaryRow` (`methods/dictionary.ts`); those the playground reads are always there.
 */
export interface MetadataRow extends Readonly<
  Pick<
    DictionaryRow,
    | 'field_name'
    | 'form_name'
    | 'field_type'
    | 'field_label'
    | 'select_choices_or_calculations'
    | 'text_validation_type_or_show_slider_number'
  >
> {
  readonly [column: string]: string;
}

export interface InstrumentRow {
  readonly instrument_name: string;
  readonly instrument_label: string;
}

export interface ArmRow {
  readonly arm_num: string;
  readonly name: string;
}

export interface EventRow {
  readonly event_name: string;
  readonly arm_num: string;
  readonly unique_event_name: string;
  readonly [column: string]: string;
}

export interface MappingRow {
  readonly arm_num: string;
  readonly unique_event_name: string;
  readonly form: string;
}

/** Export Repeating Instruments and Events: `event_name` is '' in classic projects. */
export interface RepeatingRow {
  readonly event_name: string;
  readonly form_name: string;
  readonly custom_form_label: string;
}

export interface ExportFieldNameRow {
  readonly original_field_name: string;
  readonly choice_value: string;
  readonly export_field_name: string;
}

/** Export Project Info, values as strings (`is_longitudinal` is '0' or '1'). */
export type ProjectInfo = Readonly<Record<string, string>>;

/** The parts the loader reads; each may be missing (no right, classic-project 400, failure). */
export type ProjectPart =
  | 'info'
  | 'metadata'
  | 'instruments'
  | 'exportFieldNames'
  | 'arms'
  | 'events'
  | 'mappings'
  | 'repeating';

export interface ProjectModel {
  readonly info: ProjectInfo;
  readonly fields: readonly MetadataRow[];
  readonly instruments: readonly InstrumentRow[];
  readonly exportFieldNames: readonly ExportFieldNameRow[];
  readonly arms: readonly ArmRow[];
  readonly events: readonly EventRow[];
  readonly mappings: readonly MappingRow[];
  readonly repeating: readonly RepeatingRow[];
  /** The first field of the dictionary, as REDCap defines the record id. */
  readonly recordIdField: string;
  readonly longitudinal: boolean;
  /** Why a part could not be read, in the words to show ("REDCap answered 403: …"). */
  readonly missing: Readonly<Partial<Record<ProjectPart, string>>>;
}

/** Stringifies one JSON row as REDCap's CSV would: numbers and booleans as text, null as ''. */
export function stringRow(row: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (row === null || typeof row !== 'object' || Array.isArray(row)) return out;
  for (const [key, value] of Object.entries(row as Record<string, unknown>)) {
    out[key] =
      value === null || value === undefined
        ? ''
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value as string | number | boolean);
  }
  return out;
}

/** Stringified rows of a JSON array answer; [] for anything that isn't an array. */
export function stringRows(json: unknown): Record<string, string>[] {
  return Array.isArray(json) ? json.map(stringRow) : [];
}

function pick<T>(rows: Record<string, string>[], keys: readonly (keyof T & string)[]): T[] {
  return rows.map((row) => {
    const out: Record<string, string> = { ...row };
    for (const key of keys) out[key] ??= '';
    return out as T;
  });
}

export interface RawProjectParts {
  readonly info?: unknown;
  readonly metadata?: unknown;
  readonly instruments?: unknown;
  readonly exportFieldNames?: unknown;
  readonly arms?: unknown;
  readonly events?: unknown;
  readonly mappings?: unknown;
  readonly repeating?: unknown;
}

/** Builds the model from the parsed JSON of each export (pure; tests feed fixtures). */
export function buildProjectModel(
  raw: RawProjectParts,
  missing: Partial<Record<ProjectPart, string>> = {},
): ProjectModel {
  const info = Array.isArray(raw.info) ? {} : stringRow(raw.info);
  const fields = pick<MetadataRow>(stringRows(raw.metadata), [
    'field_name',
    'form_name',
    'field_type',
    'field_label',
    'select_choices_or_calculations',
    'text_validation_type_or_show_slider_number',
  ]);
  return {
    info,
    fields,
    instruments: pick<InstrumentRow>(stringRows(raw.instruments), [
      'instrument_name',
      'instrument_label',
    ]),
    exportFieldNames: pick<ExportFieldNameRow>(stringRows(raw.exportFieldNames), [
      'original_field_name',
      'choice_value',
      'export_field_name',
    ]),
    arms: pick<ArmRow>(stringRows(raw.arms), ['arm_num', 'name']),
    events: pick<EventRow>(stringRows(raw.events), ['event_name', 'arm_num', 'unique_event_name']),
    mappings: pick<MappingRow>(stringRows(raw.mappings), ['arm_num', 'unique_event_name', 'form']),
    repeating: pick<RepeatingRow>(stringRows(raw.repeating), [
      'event_name',
      'form_name',
      'custom_form_label',
    ]),
    recordIdField: fields[0]?.field_name ?? 'record_id',
    longitudinal: info['is_longitudinal'] === '1',
    missing,
  };
}

/** Answers a JSON call for the loader: parsed JSON, or the reason it could not be read. */
export type JsonCall = (
  methodId: string,
  values: ParamValues,
  signal?: AbortSignal,
) => Promise<
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly why: string }
>;

/**
 * Reads the project's structure with its token: info, dictionary, instruments, export field
 * names; arms, events and mappings when longitudinal; repeating setup when it has any. Parts
 * that fail are listed in `missing` so pickers can say why and still allow free entry.
 */
export async function loadProjectModel(
  call: JsonCall,
  signal?: AbortSignal,
): Promise<ProjectModel> {
  const missing: Partial<Record<ProjectPart, string>> = {};
  const raw: Record<string, unknown> = {};
  const read = async (part: ProjectPart, methodId: string, values = {}): Promise<void> => {
    const answer = await call(methodId, { format: 'json', ...values }, signal);
    if (answer.ok) raw[part] = answer.value;
    else missing[part] = answer.why;
  };
  await Promise.all([
    read('info', 'exp_proj'),
    read('metadata', 'exp_metadata'),
    read('instruments', 'exp_instr'),
    read('exportFieldNames', 'exp_field_names'),
  ]);
  const info = stringRow(raw['info']);
  const later: Promise<void>[] = [];
  if (info['is_longitudinal'] === '1') {
    later.push(read('arms', 'exp_arms'), read('events', 'exp_events'));
    later.push(read('mappings', 'exp_inst_event_maps'));
  }
  if (info['has_repeating_instruments_or_events'] === '1')
    later.push(read('repeating', 'exp_repeating_forms_events'));
  await Promise.all(later);
  return buildProjectModel(raw, missing);
}
