import { checkboxExportName, choicesOf } from '../choices/choices.ts';
import { readCsv, writeCsv } from '../csv/csv.ts';
import { childElements, readXml, textOf } from '../xml/xml.ts';
import { suggest } from '../suggest.ts';
import type { MetadataRow, ProjectModel } from './model.ts';

/** Fields Import Records takes as data: not descriptive, not calculated, not file uploads. */
function importable(field: MetadataRow): boolean {
  return !['descriptive', 'calc', 'file'].includes(field.field_type);
}

function forms(model: ProjectModel): string[] {
  const names = model.instruments.map((i) => i.instrument_name);
  return names.length > 0 ? names : [...new Set(model.fields.map((f) => f.form_name))];
}

function checkboxNames(model: ProjectModel, field: MetadataRow): string[] {
  const named = model.exportFieldNames.filter((e) => e.original_field_name === field.field_name);
  if (named.length > 0) return named.map((e) => e.export_field_name);
  return (choicesOf('checkbox', field.select_choices_or_calculations) ?? []).map((c) =>
    checkboxExportName(field.field_name, c.code),
  );
}

/** Which forms each event collects (Export Instrument-Event Mappings), by unique event name. */
export interface EventMatrix {
  readonly events: readonly {
    readonly name: string;
    readonly label: string;
    readonly arm: string;
  }[];
  readonly forms: readonly string[];
  readonly designated: (event: string, form: string) => boolean;
}

export function eventMatrix(model: ProjectModel): EventMatrix {
  const pairs = new Set(model.mappings.map((m) => `${m.unique_event_name}\u0000${m.form}`));
  return {
    events: model.events.map((e) => ({
      name: e.unique_event_name,
      label: e.event_name,
      arm: e.arm_num,
    })),
    forms: forms(model),
    designated: (event, form) => pairs.has(`${event}\u0000${form}`),
  };
}

/** Repeating forms (classic or per event) and repeating events, from the repeating setup. */
function repeatingSetup(model: ProjectModel) {
  const formRows = model.repeating.filter((r) => r.form_name !== '');
  const eventRows = model.repeating.filter((r) => r.form_name === '');
  return { formRows, eventRows };
}

export interface ImportTemplate {
  /** The text to put in `data`. */
  readonly data: string;
  /** What to know when filling it (date formats, what each row is for). */
  readonly hints: readonly string[];
}

type Row = [string, string][];

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** REDCap's csvDelimiter values as characters (`tab` is spelled out). */
export function delimiterOf(csvDelimiter: string | undefined): string {
  return csvDelimiter === 'tab' ? '\t' : csvDelimiter || ',';
}

function render(
  rows: readonly Row[],
  names: readonly string[],
  format: string,
  delimiter: string,
): string {
  if (format === 'json') {
    return `${JSON.stringify(
      rows.map((r) => Object.fromEntries(r)),
      null,
      2,
    )}\n`;
  }
  if (format === 'csv') {
    return writeCsv(
      [
        [...names],
        ...rows.map((r) => {
          const cells = new Map(r);
          return names.map((n) => cells.get(n) ?? '');
        }),
      ],
      delimiter,
    );
  }
  const items = rows.map(
    (r) => `<item>${r.map(([k, v]) => `<${k}>${xmlEscape(v)}</${k}>`).join('')}</item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8" ?>\n<records>\n${items.join('\n')}\n</records>\n`;
}

const DATE_HINTS: Readonly<Record<string, string>> = {
  date_ymd: 'YYYY-MM-DD',
  date_mdy: 'YYYY-MM-DD (shown M-D-Y in REDCap)',
  date_dmy: 'YYYY-MM-DD (shown D-M-Y in REDCap)',
  datetime_ymd: 'YYYY-MM-DD HH:MM',
  datetime_mdy: 'YYYY-MM-DD HH:MM',
  datetime_dmy: 'YYYY-MM-DD HH:MM',
  datetime_seconds_ymd: 'YYYY-MM-DD HH:MM:SS',
  datetime_seconds_mdy: 'YYYY-MM-DD HH:MM:SS',
  datetime_seconds_dmy: 'YYYY-MM-DD HH:MM:SS',
  time: 'HH:MM',
};

/**
 * An empty Import Records `data` for this project, shaped as REDCap reads it (`redcap-api.md`
 * §2.4): a main row (on the first event when longitudinal), and one row per repeating form or
 * event with instance 1. Only the record id and the structural columns are filled: blank values
 * are ignored by a normal import, so the template imports as is and creates the record.
 */
export function importTemplate(
  model: ProjectModel,
  options: {
    readonly format: string;
    readonly type: string;
    readonly recordId: string;
    /** REDCap's csvDelimiter value (`,` when not sent). */
    readonly csvDelimiter?: string;
  },
): ImportTemplate {
  const delimiter = delimiterOf(options.csvDelimiter);
  const { formRows, eventRows } = repeatingSetup(model);
  const repeats = model.repeating.length > 0;
  const idField = model.recordIdField;
  const matrix = eventMatrix(model);
  const firstEvent = model.events[0]?.unique_event_name ?? '';
  const lead = (event: string, form: string, instance: string): Row => [
    ...(model.longitudinal ? [['redcap_event_name', event] as [string, string]] : []),
    ...(repeats
      ? [
          ['redcap_repeat_instrument', form] as [string, string],
          ['redcap_repeat_instance', instance] as [string, string],
        ]
      : []),
  ];
  // Which forms a row may carry: the event's designated forms, not the repeating ones.
  const repeatingForms = new Set(formRows.map((r) => r.form_name));
  const formsOf = (event: string, only?: string): string[] =>
    matrix.forms.filter(
      (f) =>
        (only ? f === only : !repeatingForms.has(f)) &&
        (!model.longitudinal || matrix.designated(event, f)),
    );
  const slots: { event: string; form: string; instance: string; forms: string[] }[] = [
    { event: firstEvent, form: '', instance: '', forms: formsOf(firstEvent) },
  ];
  for (const r of formRows) {
    const event = model.longitudinal
      ? (model.events.find(
          (e) => e.event_name === r.event_name || e.unique_event_name === r.event_name,
        )?.unique_event_name ?? firstEvent)
      : '';
    slots.push({ event, form: r.form_name, instance: '1', forms: formsOf(event, r.form_name) });
  }
  for (const r of eventRows) {
    const event =
      model.events.find(
        (e) => e.unique_event_name === r.event_name || e.event_name === r.event_name,
      )?.unique_event_name ?? r.event_name;
    slots.push({ event, form: '', instance: '1', forms: formsOf(event) });
  }

  const fieldsOf = (form: string) =>
    model.fields.filter((f) => f.form_name === form && importable(f) && f.field_name !== idField);
  const rows: Row[] = [];
  const names = new Set<string>([idField, ...lead('', '', '').map(([k]) => k)]);
  if (options.type === 'eav') {
    const eavNames = ['record', ...lead('', '', '').map(([k]) => k), 'field_name', 'value'];
    for (const slot of slots) {
      const base = lead(slot.event, slot.form, slot.instance);
      if (slot === slots[0])
        rows.push([
          ['record', options.recordId],
          ...base,
          ['field_name', idField],
          ['value', options.recordId],
        ]);
      for (const form of slot.forms)
        // A checkbox row says which option is checked: there is no empty one to offer.
        for (const field of fieldsOf(form).filter((f) => f.field_type !== 'checkbox'))
          rows.push([
            ['record', options.recordId],
            ...base,
            ['field_name', field.field_name],
            ['value', ''],
          ]);
    }
    return {
      data: render(rows, eavNames, options.format, delimiter),
      hints: hintsFor(model, true),
    };
  }
  for (const slot of slots) {
    const row: Row = [[idField, options.recordId], ...lead(slot.event, slot.form, slot.instance)];
    for (const form of slot.forms) {
      for (const field of fieldsOf(form)) {
        const columns =
          field.field_type === 'checkbox' ? checkboxNames(model, field) : [field.field_name];
        for (const c of columns) row.push([c, '']);
      }
      row.push([`${form}_complete`, '']);
    }
    for (const [k] of row) names.add(k);
    rows.push(row);
  }
  // CSV and XML rows carry every column; JSON rows only their own.
  const all = [...names];
  const full =
    options.format === 'json'
      ? rows
      : rows.map((r) => {
          const cells = new Map(r);
          return all.map((n): [string, string] => [n, cells.get(n) ?? '']);
        });
  return { data: render(full, all, options.format, delimiter), hints: hintsFor(model, false) };
}

function hintsFor(model: ProjectModel, eav: boolean): string[] {
  const hints: string[] = [];
  const dated = model.fields.filter(
    (f) => DATE_HINTS[f.text_validation_type_or_show_slider_number],
  );
  if (dated.length > 0)
    hints.push(
      `Dates: ${dated
        .map((f) => `${f.field_name} ${DATE_HINTS[f.text_validation_type_or_show_slider_number]}`)
        .join(', ')}. With dateFormat=MDY or DMY write 12/31/2024 or 31/12/2024 instead.`,
    );
  if (model.fields.some((f) => f.field_type === 'checkbox'))
    hints.push(
      eav
        ? 'Checkboxes: one row per checked option, field_name = the checkbox, value = its code.'
        : 'Checkboxes: one column per option (name___code), 1 = checked, 0 = unchecked.',
    );
  if (model.repeating.length > 0)
    hints.push('Repeating rows carry redcap_repeat_instance (1, 2, …); blank on the main row.');
  if (model.longitudinal)
    hints.push(
      'Each row names its event; only the forms designated for that event may hold values.',
    );
  hints.push('Blank values are ignored unless overwriteBehavior=overwrite.');
  return hints;
}

/** The rows of `data` as REDCap would read them; null when it cannot be read. */
export function parseImportRows(
  data: string,
  format: string,
  csvDelimiter = ',',
): Record<string, string>[] | null {
  try {
    if (format === 'json') {
      const json: unknown = JSON.parse(data);
      if (!Array.isArray(json)) return null;
      return json.map((row) => {
        const out: Record<string, string> = {};
        if (row && typeof row === 'object')
          for (const [k, v] of Object.entries(row as Record<string, unknown>))
            out[k] = v === null || v === undefined ? '' : String(v as string);
        return out;
      });
    }
    if (format === 'csv') {
      const [header, ...lines] = readCsv(data, delimiterOf(csvDelimiter));
      if (!header) return [];
      return lines
        .filter((l) => l.some((c) => c !== ''))
        .map((l) => Object.fromEntries(header.map((h, i) => [h.trim(), l[i] ?? ''])));
    }
    return childElements(readXml(data)).map((item) =>
      Object.fromEntries(childElements(item).map((cell) => [cell.name, textOf(cell)])),
    );
  } catch {
    return null;
  }
}

const STRUCTURAL = new Set([
  'redcap_event_name',
  'redcap_repeat_instrument',
  'redcap_repeat_instance',
  'redcap_data_access_group',
  'record',
  'field_name',
  'value',
]);

/**
 * Rows whose values belong to a form not designated for their event, and unknown event names,
 * as one line each: what REDCap would refuse with a 400 (§2.4), caught before sending.
 */
export function designationProblems(
  model: ProjectModel,
  rows: readonly Record<string, string>[],
  type: string,
): string[] {
  if (!model.longitudinal || model.mappings.length === 0) return [];
  const matrix = eventMatrix(model);
  const formOf = new Map<string, string>();
  for (const f of model.fields) formOf.set(f.field_name, f.form_name);
  for (const e of model.exportFieldNames)
    formOf.set(e.export_field_name, formOf.get(e.original_field_name) ?? '');
  for (const form of matrix.forms) formOf.set(`${form}_complete`, form);
  const eventNames = matrix.events.map((e) => e.name);
  const problems: string[] = [];
  rows.forEach((row, i) => {
    const event = row['redcap_event_name'] ?? '';
    const where = `Row ${i + 1} (record ${row[model.recordIdField] ?? row['record'] ?? '?'}, event ${event || 'none'})`;
    if (event === '') return;
    if (!eventNames.includes(event)) {
      const near = suggest(event, eventNames);
      problems.push(
        `${where}: \`${event}\` is not an event in this project${near ? `; did you mean \`${near}\`?` : '.'}`,
      );
      return;
    }
    const names =
      type === 'eav'
        ? (row['value'] ?? '') === ''
          ? []
          : [row['field_name'] ?? '']
        : Object.entries(row)
            .filter(([k, v]) => v !== '' && !STRUCTURAL.has(k) && k !== model.recordIdField)
            .map(([k]) => k);
    const off = new Map<string, string[]>();
    for (const name of names) {
      const form = formOf.get(name);
      if (!form || name === model.recordIdField || matrix.designated(event, form)) continue;
      off.set(form, [...(off.get(form) ?? []), name]);
    }
    for (const [form, fields] of off)
      problems.push(
        `${where}: ${fields.map((f) => `\`${f}\``).join(', ')} belong${fields.length === 1 ? 's' : ''} to the form ${form}, which is not designated for ${event}.`,
      );
  });
  return problems;
}
