import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseChoices } from '../../src/lib/choices/choices.ts';
import { readCsv } from '../../src/lib/csv/csv.ts';
import {
  ProjectFileError,
  readDictionaryCsv,
  writeDictionaryCsv,
} from '../../mocks/project/dictionary-file.ts';
import { FIELD_TYPES, VALIDATION_TYPES } from '../../mocks/store/dictionary-import.ts';
import { inspectProjectFile } from '../../mocks/project/load.ts';

/** The data dictionary reader of "Load your project…" (issue #24 item 1), on fixture files. */

const DIR = new URL('../fixtures/dictionary/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, DIR), 'utf8');
const read = (name: string) => readDictionaryCsv(fixture(name));

function refusal(text: string): ProjectFileError {
  try {
    readDictionaryCsv(text);
  } catch (error) {
    if (error instanceof ProjectFileError) return error;
    throw error;
  }
  throw new Error('the file was accepted');
}

describe('readDictionaryCsv: a data dictionary as REDCap writes it', () => {
  const every = read('every-field-type.csv');
  const field = (name: string) => every.rows.find((r) => r.field_name === name)!;

  it('reads REDCap’s download header and every field type', () => {
    expect(every.header).toBe('redcap');
    expect(new Set(every.rows.map((r) => r.field_type))).toEqual(new Set(FIELD_TYPES));
    expect(every.rows[0]!.field_name).toBe('record_id');
    expect(every.lines.slice(0, 3)).toEqual([2, 3, 4]);
  });

  it('reads every text validation the mock knows, and the slider’s and signature’s', () => {
    const text = every.rows.filter((r) => r.field_type === 'text');
    expect(new Set(text.map((r) => r.text_validation_type_or_show_slider_number))).toEqual(
      new Set(['', ...VALIDATION_TYPES]),
    );
    expect(field('pain').text_validation_type_or_show_slider_number).toBe('number');
    expect(field('consent_sig').text_validation_type_or_show_slider_number).toBe('signature');
    expect(field('dob')).toMatchObject({
      text_validation_min: '1930-01-01',
      text_validation_max: '2008-12-31',
      required_field: 'y',
    });
  });

  it('keeps commas in choice labels and reads pipes with any spacing', () => {
    expect(parseChoices(field('sex').select_choices_or_calculations)).toEqual([
      { code: '1', label: 'Female' },
      { code: '2', label: 'Male' },
      { code: '3', label: 'Other, or prefer not to say' },
    ]);
    expect(parseChoices(field('site').select_choices_or_calculations)).toEqual([
      { code: 'a', label: 'North clinic, building 2' },
      { code: 'b', label: 'South clinic' },
      { code: 'c', label: 'Home visit (nurse, car)' },
    ]);
    expect(parseChoices(field('symptoms').select_choices_or_calculations)[1]).toEqual({
      code: '2',
      label: 'Cough, dry or wet',
    });
  });

  it('reads matrix groups, calc, branching logic, identifiers, annotations and section headers', () => {
    const matrix = every.rows.filter((r) => r.matrix_group_name === 'wellbeing');
    expect(matrix.map((r) => r.field_name)).toEqual(['q_mood', 'q_sleep', 'q_appetite']);
    expect(matrix.every((r) => r.matrix_ranking === 'y')).toBe(true);
    expect(field('q_mood').section_header).toBe('How often, in the last week…');
    expect(field('bmi').select_choices_or_calculations).toBe(
      'round([weight_kg]/(([height_cm]/100)^2),1)',
    );
    expect(field('pregnant').branching_logic).toBe("[sex] = '1'");
    expect(field('symptom_notes').branching_logic).toBe(
      "[symptoms(1)] = '1' or [symptoms(2)] = '1'",
    );
    expect(every.rows.filter((r) => r.identifier === 'y').map((r) => r.field_name)).toEqual([
      'first_name',
      'last_name',
      'email',
      'phone',
      'dob',
    ]);
    expect(field('enrolment_date').field_annotation).toBe('@DEFAULT="[today]"');
    expect(field('sex').custom_alignment).toBe('LH');
  });

  it('reads the API’s snake_case header to the same rows', () => {
    const api = read('api-header.csv');
    expect(api.header).toBe('api');
    expect(api.rows).toEqual(every.rows.slice(0, 20));
  });

  it('reads the older header (REDCap 3–5 names, Field Units dropped, old validation names renamed)', () => {
    const older = read('older-header.csv');
    expect(older.header).toBe('older');
    expect(older.rows.map((r) => r.field_name)).toEqual([
      'study_id',
      'first_name',
      'dob',
      'age',
      'weight',
      'sex',
      'pregnant',
    ]);
    const by = (n: string) => older.rows.find((r) => r.field_name === n)!;
    expect(by('first_name')).toMatchObject({
      section_header: 'Contact information',
      identifier: 'y',
    });
    expect(by('dob').text_validation_type_or_show_slider_number).toBe('date_ymd');
    expect(by('age')).toMatchObject({
      text_validation_type_or_show_slider_number: 'integer',
      text_validation_min: '0',
      text_validation_max: '120',
      field_note: '',
    });
    expect(by('weight').text_validation_type_or_show_slider_number).toBe('number');
    expect(by('sex').select_choices_or_calculations).toBe('0, Female | 1, Male');
    expect(by('pregnant').branching_logic).toBe('[sex] = "0"');
  });

  it('writes a dictionary back exactly as REDCap’s download (header, quoting, line ends)', () => {
    expect(writeDictionaryCsv(every.rows)).toBe(fixture('every-field-type.csv'));
  });
});

/** Each broken fixture: where the first problem is, and what it says. */
const BROKEN: Readonly<Record<string, { line: number; column: number; says: RegExp }>> = {
  'invalid-choices.csv': {
    line: 3,
    column: 6,
    says: /^The following fields have invalid choices: sex, colour/,
  },
  'bad-branching.csv': { line: 4, column: 12, says: /branching logic of older/ },
  'unclosed-quote.csv': { line: 3, column: 20, says: /not valid CSV: .*never closed/ },
  'unknown-validation.csv': {
    line: 3,
    column: 8,
    says: /"decimal" is not a validation type for a text field/,
  },
  'short-row.csv': { line: 3, column: 14, says: /this line has 13 cells; the header has 18/ },
  'unknown-column.csv': {
    line: 1,
    column: 3,
    says: /"Field Kind" is not a data dictionary column/,
  },
  'bad-names-and-calc.csv': { line: 3, column: 1, says: /"Bad-Name" is not a valid variable name/ },
  'matrix-mismatch.csv': {
    line: 4,
    column: 4,
    says: /matrix group "grid" must be radio or checkbox/,
  },
  'unknown-type.csv': { line: 3, column: 4, says: /"textbox" is not a field type/ },
};

describe('readDictionaryCsv: a broken file is refused with its line and column', () => {
  it('has an expectation for every broken fixture', () => {
    expect(readdirSync(new URL('broken/', DIR)).sort()).toEqual(Object.keys(BROKEN).sort());
  });

  it.each(Object.entries(BROKEN))('%s', (name, expected) => {
    const error = refusal(fixture(`broken/${name}`));
    const first = error.problems[0]!;
    expect(first.message).toMatch(expected.says);
    expect([first.line, first.column]).toEqual([expected.line, expected.column]);
    expect(error.message).toContain(`Line ${expected.line}, column ${expected.column}: `);
  });

  it('lists every problem of a file, not only the first', () => {
    const error = refusal(fixture('broken/bad-names-and-calc.csv'));
    expect(error.problems.map((p) => [p.line, p.column])).toEqual([
      [3, 1],
      [4, 6],
    ]);
    expect(error.problems[1]!.message).toMatch(/the calculation of score/);
  });

  it('counts lines of quoted cells that span lines', () => {
    const csv = fixture('api-header.csv').split('\n');
    const text = [
      csv[0],
      'record_id,f,,text,"ID, over\ntwo lines",,,,,,,,,,,,,',
      'x,f,,text,X,,,nope,,,,,,,,,,',
    ].join('\n');
    const error = refusal(text);
    expect([error.problems[0]!.line, error.problems[0]!.column]).toEqual([4, 8]);
  });

  it('refuses an empty file, a header alone, a missing column and a repeated one', () => {
    expect(refusal('').message).toBe('Line 1: the file is empty');
    expect(refusal(readCsv(fixture('api-header.csv'))[0]!.join(',') + '\n').message).toBe(
      'Line 2: the file has a header but no fields',
    );
    expect(refusal('field_name,form_name,field_type\nrecord_id,f,text\n').message).toMatch(
      /^Line 1: the header has no "Field Label" \(field_label\) column/,
    );
    expect(
      refusal('field_name,form_name,field_type,field_label,Form Name\nr,f,text,R,f\n').message,
    ).toMatch(/^Line 1, column 5: the column "Form Name" is there twice/);
  });

  it('refuses duplicate names, bad y/blank flags, bad alignment and bad ranges at their cells', () => {
    const head =
      'field_name,form_name,field_type,field_label,identifier,custom_alignment,text_validation_type_or_show_slider_number,text_validation_min';
    const error = refusal(
      [
        head,
        'record_id,f,text,ID,,,,',
        'age,f,text,Age,yes,,integer,ten',
        'age,f,text,Age again,,XX,,',
      ].join('\n'),
    );
    expect(error.problems.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([
      '3:8 "ten" is not a valid minimum for age',
      '3:5 identifier must be y or blank',
      '4:1 the variable name "age" is used twice',
      '4:6 custom alignment must be LV, LH, RV, RH or blank',
    ]);
  });
});

describe('readProjectFile: bad input never crashes', () => {
  // Seeded mutations of the fixtures (a tiny LCG: the same cases every run): every outcome is a
  // project summary or a ProjectFileError, never another exception.
  const sources = [
    'every-field-type.csv',
    'api-header.csv',
    'older-header.csv',
    'clinic-visits.xml',
  ];
  const PIECES = [
    '"',
    ',',
    '\n',
    '\r',
    '|',
    '[',
    ']',
    '<',
    '>',
    '&',
    '\u0000',
    'é',
    '""',
    ' ',
    'y',
  ];

  it('reads 400 mutated files to a summary or a refusal', () => {
    let state = 12345;
    const next = (n: number) => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state % n;
    };
    const outcomes = { read: 0, refused: 0 };
    for (let i = 0; i < 400; i++) {
      const name = sources[i % sources.length]!;
      let text = fixture(name);
      for (let k = 0, n = 1 + next(6); k < n; k++) {
        const at = next(text.length);
        const cut = next(3) === 0 ? next(40) : 0;
        text = text.slice(0, at) + PIECES[next(PIECES.length)]! + text.slice(at + cut);
      }
      try {
        inspectProjectFile({ name, bytes: new TextEncoder().encode(text) });
        outcomes.read++;
      } catch (error) {
        expect(error, String(error)).toBeInstanceOf(ProjectFileError);
        expect((error as Error).message).not.toBe('');
        outcomes.refused++;
      }
    }
    expect(outcomes.read).toBeGreaterThan(10);
    expect(outcomes.refused).toBeGreaterThan(100);
  });
});
