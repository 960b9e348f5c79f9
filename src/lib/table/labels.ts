/**
 * Raw ↔ label for a table, decoded locally from the connected project's structure (no second
 * request): choice codes, checkbox columns (`field___code`), form statuses, event and repeat
 * instrument names, as REDCap writes them with `rawOrLabel=label` / `rawOrLabelHeaders=label`.
 */
import { choicesOf, checkboxCodeSuffix, type Choice } from '../choices/choices.ts';
import type { MetadataRow, ProjectModel } from '../project/model.ts';

/** What REDCap exports for a checkbox option in label mode. */
export const CHECKBOX_CHOICES: readonly Choice[] = [
  { code: '1', label: 'Checked' },
  { code: '0', label: 'Unchecked' },
];

/** Form status (`<form>_complete`) codes. */
export const STATUS_CHOICES: readonly Choice[] = [
  { code: '0', label: 'Incomplete' },
  { code: '1', label: 'Unverified' },
  { code: '2', label: 'Complete' },
];

const SPECIAL_HEADERS: Readonly<Record<string, string>> = {
  redcap_event_name: 'Event Name',
  redcap_repeat_instrument: 'Repeat Instrument',
  redcap_repeat_instance: 'Repeat Instance',
  redcap_data_access_group: 'Data Access Group',
  redcap_survey_identifier: 'Survey Identifier',
};

/** A column in label mode: its header and, when its values are codes, their labels. */
export interface ColumnLabels {
  readonly header: string;
  /** Codes → labels in the project's order; null when the column's values are not codes. */
  readonly choices: readonly Choice[] | null;
}

/** Labels may hold HTML (REDCap allows it in field labels): the table shows text. */
export function plainLabel(label: string): string {
  return label
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

interface Lookup {
  readonly fields: ReadonlyMap<string, MetadataRow>;
  /** Export column name → [field, choice code], from Export List of Export Field Names. */
  readonly checkboxColumns: ReadonlyMap<string, readonly [MetadataRow, Choice]>;
  readonly instruments: ReadonlyMap<string, string>;
  readonly events: readonly Choice[];
}

const lookups = new WeakMap<ProjectModel, Lookup>();

function lookupOf(model: ProjectModel): Lookup {
  const cached = lookups.get(model);
  if (cached) return cached;
  const fields = new Map(model.fields.map((f) => [f.field_name, f]));
  const checkboxColumns = new Map<string, readonly [MetadataRow, Choice]>();
  for (const field of model.fields) {
    if (field.field_type !== 'checkbox') continue;
    for (const choice of choicesOf('checkbox', field.select_choices_or_calculations) ?? []) {
      checkboxColumns.set(`${field.field_name}___${checkboxCodeSuffix(choice.code)}`, [
        field,
        choice,
      ]);
    }
  }
  // REDCap's own list wins where it names a column differently.
  for (const row of model.exportFieldNames) {
    const field = fields.get(row.original_field_name);
    if (!field || field.field_type !== 'checkbox' || row.choice_value === '') continue;
    const choices = choicesOf('checkbox', field.select_choices_or_calculations) ?? [];
    const choice = choices.find((c) => c.code === row.choice_value) ?? {
      code: row.choice_value,
      label: row.choice_value,
    };
    checkboxColumns.set(row.export_field_name, [field, choice]);
  }
  const instruments = new Map(
    model.instruments.map((i) => [i.instrument_name, plainLabel(i.instrument_label)]),
  );
  const arms = new Map(model.arms.map((a) => [a.arm_num, a.name]));
  const manyArms = new Set(model.events.map((e) => e.arm_num)).size > 1;
  // REDCap's label for an event names its arm when the project has several.
  const events = model.events.map((e) => ({
    code: e.unique_event_name,
    label: manyArms
      ? `${e.event_name} (Arm ${e.arm_num}: ${arms.get(e.arm_num) ?? ''})`
      : e.event_name,
  }));
  const lookup = { fields, checkboxColumns, instruments, events };
  lookups.set(model, lookup);
  return lookup;
}

/** The header and code labels of one column of a record export, metadata-driven. */
export function columnLabels(column: string, model: ProjectModel): ColumnLabels {
  const lookup = lookupOf(model);
  const field = lookup.fields.get(column);
  if (field) {
    return {
      header: plainLabel(field.field_label) || column,
      choices: choicesOf(field.field_type, field.select_choices_or_calculations),
    };
  }
  const checkbox = lookup.checkboxColumns.get(column);
  if (checkbox) {
    const [cbField, choice] = checkbox;
    return {
      header: `${plainLabel(cbField.field_label) || cbField.field_name} (choice=${plainLabel(choice.label)})`,
      choices: CHECKBOX_CHOICES,
    };
  }
  if (column.endsWith('_complete')) {
    const form = column.slice(0, -'_complete'.length);
    const label = lookup.instruments.get(form);
    if (label !== undefined) return { header: `${label} Complete?`, choices: STATUS_CHOICES };
  }
  if (column === 'redcap_event_name' && lookup.events.length > 0) {
    return { header: SPECIAL_HEADERS[column]!, choices: lookup.events };
  }
  if (column === 'redcap_repeat_instrument') {
    const choices = [...lookup.instruments].map(([code, label]) => ({ code, label }));
    return { header: SPECIAL_HEADERS[column]!, choices };
  }
  return { header: SPECIAL_HEADERS[column] ?? column, choices: null };
}

/** Shows one cell in label mode; `row` is the whole row (EAV values depend on field_name). */
export type CellDecoder = (value: string, row: readonly string[]) => string;

export interface TableLabels {
  readonly headers: readonly string[];
  /** Per column, the decoder; null where the column shows its raw values. */
  readonly decoders: readonly (CellDecoder | null)[];
  /** Per column, the code labels a summary can use (null: not codes). */
  readonly choices: readonly (readonly Choice[] | null)[];
}

function decoderFor(choices: readonly Choice[]): CellDecoder {
  const map = new Map(choices.map((c) => [c.code, c.label]));
  return (value) => map.get(value) ?? value;
}

/** EAV exports (`record, field_name, value`): a value's meaning depends on its row's field. */
function eavValueDecoder(fieldAt: number, model: ProjectModel): CellDecoder {
  const cache = new Map<string, CellDecoder | null>();
  return (value, row) => {
    const name = row[fieldAt] ?? '';
    let decode = cache.get(name);
    if (decode === undefined) {
      // In EAV a checkbox row carries the checked option's code, not 0/1.
      const field = lookupOf(model).fields.get(name);
      const choices = field
        ? choicesOf(field.field_type, field.select_choices_or_calculations)
        : columnLabels(name, model).choices;
      decode = choices ? decoderFor(choices) : null;
      cache.set(name, decode);
    }
    return decode ? decode(value, row) : value;
  };
}

/** Headers and decoders for a whole table's columns. */
export function tableLabels(columns: readonly string[], model: ProjectModel): TableLabels {
  const fieldAt = columns.indexOf('field_name');
  const eav = fieldAt >= 0 && columns.includes('value') && !columns.includes('field_type');
  const headers: string[] = [];
  const decoders: (CellDecoder | null)[] = [];
  const choices: (readonly Choice[] | null)[] = [];
  for (const column of columns) {
    if (eav && column === 'value') {
      headers.push('Value');
      decoders.push(eavValueDecoder(fieldAt, model));
      choices.push(null);
      continue;
    }
    if (eav && column === 'field_name') {
      headers.push('Field');
      const fields = lookupOf(model).fields;
      decoders.push((value) => plainLabel(fields.get(value)?.field_label ?? '') || value);
      choices.push(null);
      continue;
    }
    const labels = columnLabels(column, model);
    headers.push(labels.header);
    decoders.push(labels.choices ? decoderFor(labels.choices) : null);
    choices.push(labels.choices);
  }
  return { headers, decoders, choices };
}

/** One cell as shown: decoded in label mode, raw otherwise. */
export function cellShown(
  labels: TableLabels | null,
  row: readonly string[],
  column: number,
): string {
  const value = row[column] ?? '';
  const decode = labels?.decoders[column];
  return decode ? decode(value, row) : value;
}
