import { DICTIONARY_COLUMNS } from '../../src/lib/methods/dictionary.ts';
import { parseChoices } from '../../src/lib/choices/choices.ts';
import { badRequest } from './errors.ts';
import { mainSlot } from './records.ts';
import type { Cells, MetadataRow, ProjectData } from './types.ts';

/**
 * Import Metadata (§2.9): the whole data dictionary is replaced by the rows sent, after every
 * row is checked; development status only. The problems are listed one per line (the mock's
 * words: REDCap's are not on record).
 */

/** The field types a dictionary may use (also read by the dictionary file reader, project/). */
export const FIELD_TYPES: ReadonlySet<string> = new Set([
  'text',
  'notes',
  'dropdown',
  'radio',
  'checkbox',
  'yesno',
  'truefalse',
  'file',
  'calc',
  'sql',
  'descriptive',
  'slider',
]);

/** Text validation types of §3.2 (a site may enable more; the mock knows these). */
export const VALIDATION_TYPES = new Set([
  'date_ymd',
  'date_mdy',
  'date_dmy',
  'datetime_ymd',
  'datetime_mdy',
  'datetime_dmy',
  'datetime_seconds_ymd',
  'datetime_seconds_mdy',
  'datetime_seconds_dmy',
  'time',
  'time_hh_mm_ss',
  'time_mm_ss',
  'integer',
  'number',
  'number_1dp',
  'number_2dp',
  'number_3dp',
  'number_4dp',
  'number_comma_decimal',
  'number_1dp_comma_decimal',
  'number_2dp_comma_decimal',
  'number_3dp_comma_decimal',
  'number_4dp_comma_decimal',
  'email',
  'phone',
  'phone_australia',
  'postalcode_australia',
  'postalcode_canada',
  'postalcode_french',
  'postalcode_germany',
  'zipcode',
  'alpha_only',
  'mrn_10d',
  'mrn_generic',
  'ssn',
  'vmrn',
]);

const NAME = /^[a-z][a-z0-9_]*$/;
const CODE = /^[A-Za-z0-9._-]+$/;
const IN_DEVELOPMENT_ONLY =
  'The data dictionary can only be imported while the project is in Development status';

function toRow(cells: Cells, problems: string[], n: number): MetadataRow {
  const row = Object.fromEntries(DICTIONARY_COLUMNS.map((c) => [c, ''])) as MetadataRow;
  for (const [name, value] of cells) {
    if ((DICTIONARY_COLUMNS as readonly string[]).includes(name)) {
      row[name as keyof MetadataRow] = value.trim();
    } else problems.push(`Row ${n}: "${name}" is not a data dictionary column`);
  }
  return row;
}

/** Problems of one field row, in the order a reader would fix them. */
function checkField(row: MetadataRow, n: number, first: boolean, problems: string[]): void {
  const at = `Row ${n} (${row.field_name || 'no name'})`;
  const type = row.field_type;
  if (!NAME.test(row.field_name) || row.field_name.length > 100) {
    problems.push(
      `${at}: field_name must start with a lowercase letter and hold only a-z, 0-9 and _`,
    );
  }
  if (!NAME.test(row.form_name)) {
    problems.push(
      `${at}: form_name must start with a lowercase letter and hold only a-z, 0-9 and _`,
    );
  }
  if (!FIELD_TYPES.has(type)) {
    problems.push(`${at}: "${type}" is not a field type (${[...FIELD_TYPES].join(', ')})`);
  }
  if (first && type !== 'text') {
    problems.push(`${at}: the first field is the record ID field and must be a text field`);
  }
  const choices = row.select_choices_or_calculations;
  if (type === 'dropdown' || type === 'radio' || type === 'checkbox') {
    const parsed = parseChoices(choices);
    const codes = parsed.map((c) => c.code);
    if (parsed.length === 0 || !choices.includes(',')) {
      problems.push(`${at}: a ${type} field needs choices such as "1, Yes | 0, No"`);
    } else if (codes.some((c) => !CODE.test(c)) || new Set(codes).size !== codes.length) {
      problems.push(`${at}: choice codes must be unique letters, digits, _ - or .`);
    }
  }
  if ((type === 'calc' || type === 'sql') && choices === '') {
    problems.push(`${at}: a ${type} field needs its ${type === 'calc' ? 'calculation' : 'SQL'}`);
  }
  if (type === 'slider' && choices.split('|').length > 3) {
    problems.push(`${at}: a slider takes at most three labels ("left | middle | right")`);
  }
  const validation = row.text_validation_type_or_show_slider_number;
  if (!validationFits(type, validation)) {
    problems.push(`${at}: "${validation}" is not a validation type for a ${type} field`);
  }
  for (const key of ['identifier', 'required_field', 'matrix_ranking'] as const) {
    if (row[key] !== '' && row[key] !== 'y') problems.push(`${at}: ${key} must be y or blank`);
  }
  if (!['', 'LV', 'LH', 'RV', 'RH'].includes(row.custom_alignment)) {
    problems.push(`${at}: custom_alignment must be LV, LH, RV, RH or blank`);
  }
}

/** Every problem of the dictionary; none means it may replace the project's. */
export function checkDictionary(rows: readonly MetadataRow[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const formsDone = new Set<string>();
  rows.forEach((row, i) => {
    checkField(row, i + 1, i === 0, problems);
    if (seen.has(row.field_name)) {
      problems.push(`Row ${i + 1} (${row.field_name}): field_name is used twice`);
    }
    seen.add(row.field_name);
    const previous = rows[i - 1]?.form_name;
    if (previous !== undefined && previous !== row.form_name) {
      formsDone.add(previous);
      if (formsDone.has(row.form_name)) {
        problems.push(
          `Row ${i + 1} (${row.field_name}): the fields of form ${row.form_name} must be together`,
        );
      }
    }
  });
  const forms = new Set(rows.map((r) => r.form_name));
  for (const row of rows) {
    if (
      forms.has(row.field_name.replace(/_complete$/, '')) &&
      row.field_name.endsWith('_complete')
    ) {
      problems.push(`${row.field_name} is reserved: it is the status field of a form`);
    }
  }
  return problems;
}

const labelOf = (form: string) => form.replace(/_/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase());

/** Puts a checked dictionary in place: instruments, repeating setup and form rights follow. */
function replaceDictionary(project: ProjectData, rows: MetadataRow[]): void {
  const forms = [...new Set(rows.map((r) => r.form_name))];
  const labels = new Map(project.instruments.map((i) => [i.instrument_name, i.instrument_label]));
  project.metadata = rows;
  project.instruments = forms.map((f) => ({
    instrument_name: f,
    instrument_label: labels.get(f) ?? labelOf(f),
  }));
  // A whole repeating event (blank form_name) does not depend on the dictionary: it stays.
  project.repeating = project.repeating.filter(
    (r) => (r.form_name === '' && r.event_name) || forms.includes(r.form_name),
  );
  project.info.has_repeating_instruments_or_events = project.repeating.length > 0 ? 1 : 0;
  for (const user of project.users) {
    for (const form of forms) {
      user.rights.forms[form] ??= 1;
      user.rights.forms_export[form] ??= Object.values(user.rights.forms_export)[0] ?? 1;
    }
  }
  // The first field is the record id: its value follows each record's name.
  const idField = rows[0]!.field_name;
  for (const record of project.records) mainSlot(record).values[idField] = record.id;
}

/** The dictionary can be replaced only in Development status. */
export function checkDictionaryEditable(project: ProjectData): void {
  if (project.info.in_production === 1) throw badRequest(IN_DEVELOPMENT_ONLY);
}

/**
 * Replaces the project's dictionary with `input` (after {@link checkDictionaryEditable}): every
 * row is checked first, and any problem refuses all of them. Returns the number of fields.
 */
export function importDictionary(project: ProjectData, input: readonly Cells[]): number {
  const problems: string[] = [];
  const rows = input.map((cells, i) => toRow(cells, problems, i + 1));
  problems.push(...checkDictionary(rows));
  if (problems.length > 0) throw badRequest(problems.join('\n'));
  replaceDictionary(project, rows);
  return rows.length;
}

/**
 * Whether a field of `type` takes `validation` (the dictionary's
 * text_validation_type_or_show_slider_number): none; a validation type on a text field; `number`
 * on a slider (its value shown); `signature` on a file field.
 */
export function validationFits(type: string, validation: string): boolean {
  return (
    validation === '' ||
    (type === 'text' && VALIDATION_TYPES.has(validation)) ||
    (type === 'slider' && validation === 'number') ||
    (type === 'file' && validation === 'signature')
  );
}
