import { csvCell, CsvError, readCsv } from '../../src/lib/csv/csv.ts';
import { parseChoices } from '../../src/lib/choices/choices.ts';
import { LogicSyntaxError, parseLogic } from '../../src/lib/logic/parse.ts';
import { DICTIONARY_COLUMNS, type DictionaryColumn } from '../../src/lib/methods/dictionary.ts';
import { checkDictionary, FIELD_TYPES, validationFits } from '../store/dictionary-import.ts';
import type { MetadataRow } from '../store/types.ts';

/**
 * A data dictionary file (Project Setup → Data Dictionary → Download, or Export Metadata as CSV)
 * read with REDCap's rules (mocks/README.md "Your own project"): the header names the columns
 * (REDCap's download header, the API's snake_case names, or the older names of REDCap 3–5),
 * each row is one field, and every problem is named with its line and column. Nothing here
 * touches a store.
 */

/** What is wrong with a file, and where (line and column from 1; 0 when not one place). */
export interface FileProblem {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** A refused file: every problem found, each with its place. */
export class ProjectFileError extends Error {
  override readonly name = 'ProjectFileError';
  readonly problems: readonly FileProblem[];
  constructor(problems: readonly FileProblem[]) {
    super(problems.map(describeProblem).join('\n'));
    this.problems = problems;
  }
}

export function describeProblem(p: FileProblem): string {
  if (p.line === 0) return p.message;
  return p.column === 0
    ? `Line ${p.line}: ${p.message}`
    : `Line ${p.line}, column ${p.column}: ${p.message}`;
}

/** The header REDCap writes in a data dictionary download (REDCap 6.5 and later), in order. */
export const REDCAP_HEADER: readonly string[] = [
  'Variable / Field Name',
  'Form Name',
  'Section Header',
  'Field Type',
  'Field Label',
  'Choices, Calculations, OR Slider Labels',
  'Field Note',
  'Text Validation Type OR Show Slider Number',
  'Text Validation Min',
  'Text Validation Max',
  'Identifier?',
  'Branching Logic (Show field only if...)',
  'Required Field?',
  'Custom Alignment',
  'Question Number (surveys only)',
  'Matrix Group Name',
  'Matrix Ranking?',
  'Field Annotation',
];

/**
 * Header names → column: REDCap's download header, the API's names, and the older names of
 * REDCap 3–5 (`Choices OR Calculations`, `Text Validation Type`). `Field Units` (REDCap 3) is
 * read and dropped, as REDCap itself no longer has it.
 */
const HEADER_NAMES: ReadonlyMap<string, DictionaryColumn | null> = new Map([
  ...REDCAP_HEADER.map((h, i) => [h.toLowerCase(), DICTIONARY_COLUMNS[i]!] as const),
  ...DICTIONARY_COLUMNS.map((c) => [c, c] as const),
  ['choices or calculations', 'select_choices_or_calculations'],
  ['text validation type', 'text_validation_type_or_show_slider_number'],
  ['text validation', 'text_validation_type_or_show_slider_number'],
  ['identifier', 'identifier'],
  ['required field', 'required_field'],
  ['branching logic', 'branching_logic'],
  ['question number', 'question_number'],
  ['matrix ranking', 'matrix_ranking'],
  ['field units', null],
]);

const REQUIRED: readonly DictionaryColumn[] = [
  'field_name',
  'form_name',
  'field_type',
  'field_label',
];

/** Validation names of old dictionaries, as REDCap renames them on upload. */
const LEGACY_VALIDATION: ReadonlyMap<string, string> = new Map([
  ['int', 'integer'],
  ['float', 'number'],
  ['date', 'date_ymd'],
  ['datetime', 'datetime_ymd'],
  ['datetime_seconds', 'datetime_seconds_ymd'],
]);

const NAME = /^[a-z][a-z0-9_]*$/;
const CODE = /^[A-Za-z0-9._-]+$/;
const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;
const DATE = /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?$/;

/** The dictionary of a file, with where each field came from. */
export interface DictionaryFile {
  readonly rows: MetadataRow[];
  /** The file line of each row (a quoted cell may span lines). */
  readonly lines: readonly number[];
  /** Which header the file used. */
  readonly header: 'redcap' | 'api' | 'older';
}

function blankRow(): MetadataRow {
  return Object.fromEntries(DICTIONARY_COLUMNS.map((c) => [c, ''])) as MetadataRow;
}

/** Lines a row of cells took in the file (line ends inside quoted cells count). */
function linesOf(cells: readonly string[]): number {
  let n = 1;
  for (const cell of cells) n += (cell.match(/\r\n|\r|\n/g) ?? []).length;
  return n;
}

/** Reads a data dictionary CSV; throws a {@link ProjectFileError} naming every problem. */
export function readDictionaryCsv(text: string): DictionaryFile {
  let table: string[][];
  try {
    table = readCsv(text);
  } catch (error) {
    if (error instanceof CsvError) {
      const detail = error.message.replace(/ \(line \d+, column \d+\)$/, '');
      throw new ProjectFileError([
        { line: error.line, column: error.column, message: `not valid CSV: ${detail}` },
      ]);
    }
    throw error;
  }
  const header = table[0];
  if (!header || header.every((c) => c.trim() === '')) {
    throw new ProjectFileError([{ line: 1, column: 0, message: 'the file is empty' }]);
  }
  const problems: FileProblem[] = [];
  const columns: (DictionaryColumn | null)[] = [];
  let kind: DictionaryFile['header'] = 'api';
  header.forEach((name, i) => {
    const key = name.trim().toLowerCase().replace(/\?$/, '').replace(/\s+/g, ' ');
    const column = HEADER_NAMES.get(key) ?? HEADER_NAMES.get(name.trim().toLowerCase());
    if (column === undefined) {
      problems.push({
        line: 1,
        column: i + 1,
        message: `"${name}" is not a data dictionary column (the first line must be the header REDCap writes, e.g. "Variable / Field Name","Form Name",…)`,
      });
      columns.push(null);
      return;
    }
    if (column !== null && columns.includes(column)) {
      problems.push({ line: 1, column: i + 1, message: `the column "${name}" is there twice` });
    }
    if (REDCAP_HEADER.includes(name.trim())) {
      if (kind === 'api') kind = 'redcap';
    } else if (column !== name.trim()) kind = 'older';
    columns.push(column);
  });
  for (const needed of REQUIRED) {
    if (!columns.includes(needed) && problems.length === 0) {
      problems.push({
        line: 1,
        column: 0,
        message: `the header has no "${REDCAP_HEADER[DICTIONARY_COLUMNS.indexOf(needed)]}" (${needed}) column`,
      });
    }
  }
  if (problems.length > 0) throw new ProjectFileError(problems);

  const rows: MetadataRow[] = [];
  const lines: number[] = [];
  let line = 1 + linesOf(header);
  for (let r = 1; r < table.length; r++) {
    const cells = table[r]!;
    const at = line;
    line += linesOf(cells);
    if (cells.every((c) => c.trim() === '')) continue;
    if (cells.length !== header.length) {
      problems.push({
        line: at,
        column: Math.min(cells.length, header.length) + 1,
        message: `this line has ${cells.length} cells; the header has ${header.length}`,
      });
      continue;
    }
    const row = blankRow();
    cells.forEach((cell, i) => {
      const column = columns[i];
      if (column) row[column] = cell.trim();
    });
    const validation = row.text_validation_type_or_show_slider_number;
    row.text_validation_type_or_show_slider_number =
      LEGACY_VALIDATION.get(validation) ?? validation;
    rows.push(row);
    lines.push(at);
  }
  if (problems.length === 0 && rows.length === 0) {
    problems.push({ line: 2, column: 0, message: 'the file has a header but no fields' });
  }
  if (problems.length > 0) throw new ProjectFileError(problems);
  const where = (row: number, column: DictionaryColumn): [number, number] => [
    lines[row]!,
    columns.indexOf(column) + 1,
  ];
  problems.push(...checkRows(rows, where));
  if (problems.length === 0) {
    // Import Metadata's own checks, last: anything they find is a problem of the whole row.
    for (const message of checkDictionary(rows)) {
      const n = Number(/^Row (\d+)/.exec(message)?.[1] ?? 0);
      problems.push({ line: n > 0 ? lines[n - 1]! : 0, column: 0, message });
    }
  }
  if (problems.length > 0) throw new ProjectFileError(problems);
  return { rows, lines, header: kind };
}

type Where = (row: number, column: DictionaryColumn) => [number, number];

function logicProblem(text: string): string | null {
  try {
    parseLogic(text);
    return null;
  } catch (error) {
    if (error instanceof LogicSyntaxError) return error.message;
    throw error;
  }
}

/** REDCap's checks, each problem at its cell. */
function checkRows(rows: readonly MetadataRow[], where: Where): FileProblem[] {
  const problems: FileProblem[] = [];
  const add = (row: number, column: DictionaryColumn, message: string) => {
    const [line, col] = where(row, column);
    problems.push({ line, column: col, message });
  };
  const names = new Map<string, number>();
  const badChoices: string[] = [];
  let firstBadChoice: number | null = null;
  rows.forEach((row, i) => {
    const name = row.field_name;
    if (!NAME.test(name) || name.length > 100) {
      add(
        i,
        'field_name',
        `"${name}" is not a valid variable name: lowercase letters, digits and _ only, starting with a letter`,
      );
    } else if (names.has(name)) {
      add(i, 'field_name', `the variable name "${name}" is used twice`);
    }
    names.set(name, i);
    if (!NAME.test(row.form_name)) {
      add(i, 'form_name', `"${row.form_name}" is not a valid form name`);
    }
    const type = row.field_type;
    if (!FIELD_TYPES.has(type)) {
      add(i, 'field_type', `"${type}" is not a field type (${[...FIELD_TYPES].join(', ')})`);
      return;
    }
    const choices = row.select_choices_or_calculations;
    if (type === 'dropdown' || type === 'radio' || type === 'checkbox') {
      const parsed = parseChoices(choices);
      const codes = parsed.map((c) => c.code);
      const bad =
        parsed.length === 0 ||
        parsed.some((c, k) => c.code === '' || !choices.split('|')[k]!.includes(',')) ||
        codes.some((c) => !CODE.test(c)) ||
        new Set(codes).size !== codes.length;
      if (bad) {
        badChoices.push(name);
        firstBadChoice ??= i;
      }
    }
    if (type === 'calc') {
      const why = choices === '' ? 'a calc field needs its calculation' : logicProblem(choices);
      if (why) add(i, 'select_choices_or_calculations', `the calculation of ${name}: ${why}`);
    }
    if (row.branching_logic !== '') {
      const why = logicProblem(row.branching_logic);
      if (why) add(i, 'branching_logic', `the branching logic of ${name}: ${why}`);
    }
    const validation = row.text_validation_type_or_show_slider_number;
    if (!validationFits(type, validation)) {
      add(
        i,
        'text_validation_type_or_show_slider_number',
        `"${validation}" is not a validation type for a ${type} field`,
      );
    }
    for (const bound of ['text_validation_min', 'text_validation_max'] as const) {
      const value = row[bound];
      if (value === '' || /^(today|now)$/i.test(value) || value.startsWith('[')) continue;
      const dateLike = validation.startsWith('date') || validation.startsWith('time');
      const ok = dateLike ? DATE.test(value) || /^\d{2}:\d{2}/.test(value) : NUMBER.test(value);
      if (!ok) add(i, bound, `"${value}" is not a valid ${bound.slice(16)}imum for ${name}`);
    }
    for (const key of ['identifier', 'required_field', 'matrix_ranking'] as const) {
      if (row[key] !== '' && row[key] !== 'y') add(i, key, `${key} must be y or blank`);
    }
    if (!['', 'LV', 'LH', 'RV', 'RH'].includes(row.custom_alignment)) {
      add(i, 'custom_alignment', 'custom alignment must be LV, LH, RV, RH or blank');
    }
  });
  if (firstBadChoice !== null) {
    add(
      firstBadChoice,
      'select_choices_or_calculations',
      `The following fields have invalid choices: ${badChoices.join(', ')} (each choice is "code, label", separated by |; codes are letters, digits, _ - or . and unique)`,
    );
  }
  checkMatrices(rows, add);
  return problems;
}

/** Matrix groups: radio or checkbox fields, together, with the same choices. */
function checkMatrices(
  rows: readonly MetadataRow[],
  add: (row: number, column: DictionaryColumn, message: string) => void,
): void {
  const groups = new Map<string, number[]>();
  rows.forEach((row, i) => {
    const group = row.matrix_group_name;
    if (group === '') return;
    if (!/^[a-z0-9_]+$/.test(group)) {
      add(i, 'matrix_group_name', `"${group}" is not a valid matrix group name`);
    }
    const members = groups.get(group) ?? [];
    if (members.length > 0 && members.at(-1) !== i - 1) {
      add(i, 'matrix_group_name', `the fields of matrix group "${group}" must be together`);
    }
    members.push(i);
    groups.set(group, members);
    if (row.field_type !== 'radio' && row.field_type !== 'checkbox') {
      add(i, 'field_type', `a field of matrix group "${group}" must be radio or checkbox`);
    }
    const first = rows[members[0]!]!;
    if (
      row.select_choices_or_calculations !== first.select_choices_or_calculations ||
      row.field_type !== first.field_type
    ) {
      add(
        i,
        'select_choices_or_calculations',
        `the fields of matrix group "${group}" must have the same type and choices`,
      );
    }
  });
}

/**
 * A dictionary as REDCap's Data Dictionary download writes it (its header, PHP fputcsv quoting,
 * \n line ends): what a loaded dictionary gives back.
 */
export function writeDictionaryCsv(rows: readonly MetadataRow[]): string {
  const lines = [REDCAP_HEADER.map((h) => csvCell(h)).join(',')];
  for (const row of rows) lines.push(DICTIONARY_COLUMNS.map((c) => csvCell(row[c])).join(','));
  return lines.join('\n') + '\n';
}
