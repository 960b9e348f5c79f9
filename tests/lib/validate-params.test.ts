import { describe, expect, it } from 'vitest';
import type { ParamValues } from '../../src/lib/methods/define-method.ts';
import { getMethod } from '../../src/lib/methods/index.ts';
import * as z from 'zod/mini';
import { logicSyntaxError } from '../../src/lib/logic/syntax.ts';
import { metaOf } from '../../src/lib/methods/define-method.ts';
import {
  booleanParam,
  dateParam,
  fileParam,
  isValidDateTime,
  selectParam,
  textParam,
} from '../../src/lib/methods/shared-params.ts';
import { applicableParams, cleanParams, validateParams } from '../../src/lib/methods/validate.ts';

/** Parameter validation at its edges: tables of the values just inside and just outside. */

const errorsOf = (id: string, values: ParamValues): Record<string, string> => {
  const result = validateParams(getMethod(id)!, values);
  return result.ok ? {} : { ...result.errors };
};

describe('isValidDateTime: every boundary of the calendar and the clock', () => {
  it.each([
    ['2024-01-01', true],
    ['2024-12-31', true],
    ['2024-00-10', false],
    ['2024-13-01', false],
    ['2024-01-00', false],
    ['2024-01-31', true],
    ['2024-01-32', false],
    ['2024-04-30', true],
    ['2024-04-31', false],
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2023-02-28', true],
    ['1900-02-29', false],
    ['2000-02-29', true],
    ['0000-01-01', false],
    ['2024-1-01', false],
    ['24-01-01', false],
    ['2024/01/01', false],
    [' 2024-01-01', false],
    ['2024-01-01 ', false],
    ['2024-01-01 00:00', false],
  ])('date %j → %s', (value, ok) => {
    expect(isValidDateTime(value, false)).toBe(ok);
  });

  it.each([
    ['2024-01-31', true],
    ['2024-01-31 00:00', true],
    ['2024-01-31T13:45', true],
    ['2024-01-31 23:59:59', true],
    ['2024-01-31 24:00', false],
    ['2024-01-31 23:60', false],
    ['2024-01-31 23:59:60', false],
    ['2024-01-31 00:00:00', true],
    ['2024-01-31 9:00', false],
    ['2024-01-31 09:00:0', false],
    ['2024-01-31x09:00', false],
    ['2024-01-31 09', false],
    ['2024-02-30 10:00', false],
  ])('date-time %j → %s', (value, ok) => {
    expect(isValidDateTime(value, true)).toBe(ok);
  });
});

describe('cleanParams and applicableParams: what is sent', () => {
  it('drops undefined, empty text and blank list entries, trims list entries, keeps false', () => {
    expect(
      cleanParams({
        a: undefined,
        b: '',
        c: ' ',
        d: [' 1 ', '', '  ', '2'],
        e: ['', ' '],
        f: false,
        g: true,
      }),
    ).toStrictEqual({ c: ' ', d: ['1', '2'], f: false, g: true });
  });

  it.each([
    [
      { format: 'csv', csvDelimiter: ';' },
      { format: 'csv', csvDelimiter: ';' },
    ],
    [{ format: 'json', csvDelimiter: ';' }, { format: 'json' }],
    // No format: REDCap reads xml, so CSV-only parameters do not apply.
    [{ csvDelimiter: ';', decimalCharacter: ',' }, {}],
    [
      { format: 'csv', decimalCharacter: ',' },
      { format: 'csv', decimalCharacter: ',' },
    ],
    [{ format: 'json', unknown: 'x' }, { format: 'json' }],
    [{ format: 'json', records: undefined, filterLogic: '' }, { format: 'json' }],
  ])('exp_records %j sends %j', (values, sent) => {
    expect(applicableParams(getMethod('exp_records'), values)).toStrictEqual(sent);
  });
});

describe('validateParams: one message per parameter, in REDCap words', () => {
  it.each([
    [{ format: 'json' }, {}],
    [{ format: 'yaml' }, { format: 'must be one of: json, csv, xml' }],
    [{ type: 'wide' }, { type: 'must be one of: flat, eav' }],
    [{ exportSurveyFields: 'yes' }, { exportSurveyFields: 'must be true or false' }],
    [{ records: 'a,b' }, { records: 'must be a list' }],
    [
      { filterLogic: '[age] >' },
      { filterLogic: `is not valid REDCap logic: ${logicSyntaxError('[age] >')}` },
    ],
    [{ filterLogic: "[age] > 30 and [sex] = '1'" }, {}],
    [
      { dateRangeBegin: '2024-02-30' },
      { dateRangeBegin: expect.stringMatching(/^must be a date-time as/) },
    ],
    [{ dateRangeBegin: '2024-02-29 23:59:59' }, {}],
    [{ dateRangeEnd: 20240101 }, { dateRangeEnd: 'must be a date-time' }],
  ])('exp_records %j → %j', (values, errors) => {
    expect(errorsOf('exp_records', values as ParamValues)).toEqual(errors);
  });

  it.each([
    [{}, { records: 'is required' }],
    [{ records: [] }, { records: 'is required' }],
    [{ records: ['1'] }, {}],
    [{ records: ['1'], arm: '1' }, {}],
    [{ records: ['1'], arm: '0' }, {}],
    [{ records: ['1'], arm: '007' }, {}],
    [{ records: ['1'], arm: '-1' }, { arm: 'must be a whole number, e.g. 1' }],
    [{ records: ['1'], arm: '1.5' }, { arm: 'must be a whole number, e.g. 1' }],
    [{ records: ['1'], arm: '1e3' }, { arm: 'must be a whole number, e.g. 1' }],
    [{ records: ['1'], arm: ' 1' }, { arm: 'must be a whole number, e.g. 1' }],
    [{ records: ['1'], arm: 1 }, { arm: 'must be a whole number' }],
    [{ records: ['1'], instrument: 5 }, { instrument: 'must be text' }],
  ])('del_records %j → %j', (values, errors) => {
    expect(errorsOf('del_records', values as ParamValues)).toEqual(errors);
  });

  it.each([
    [149, {}],
    [150, {}],
    [151, { name: 'must be at most 150 characters' }],
  ])('a folder name of %i characters → %j', (length, errors) => {
    expect(errorsOf('create_folder_file_repo', { name: 'n'.repeat(length) })).toEqual(errors);
  });

  it('checks data in the format sent, xml when none is', () => {
    const ok = { format: 'json', data: '[{"record_id":"1"}]' };
    expect(errorsOf('imp_records', ok)).toEqual({});
    expect(Object.keys(errorsOf('imp_records', { format: 'json', data: '[{' }))).toEqual(['data']);
    expect(errorsOf('imp_records', { format: 'csv', data: 'record_id\n1\n' })).toEqual({});
    // The same CSV read as xml, REDCap's default format, is not XML.
    expect(Object.keys(errorsOf('imp_records', { data: 'record_id\n1\n' }))).toEqual(['data']);
    expect(errorsOf('imp_records', { format: 'json' })).toEqual({ data: 'is required' });
    expect(errorsOf('imp_records', { format: 'csv', data: 'a,"b' })).toEqual({
      data: 'is not valid CSV: A quoted cell that starts here is never closed (line 1, column 3)',
    });
    // An unknown format is its own error; data is not read in it.
    expect(errorsOf('imp_records', { format: 'yaml', data: '[{' })).toEqual({
      format: 'must be one of: json, csv, xml',
    });
  });

  it("reads Create Project's odm as XML whatever the format", () => {
    const data = '[{"project_title":"P","purpose":"0"}]';
    expect(errorsOf('imp_proj', { format: 'json', data, odm: '<ODM><Study/></ODM>' })).toEqual({});
    expect(Object.keys(errorsOf('imp_proj', { format: 'json', data, odm: '{"a":1}' }))).toEqual([
      'odm',
    ]);
  });

  it('adds a method rule only where the schema found nothing', () => {
    const auto = { format: 'json', data: '[]', returnContent: 'auto_ids' };
    expect(errorsOf('imp_records', auto)).toEqual({
      returnContent: 'auto_ids needs forceAutoNumber=true (REDCap would answer a count instead)',
    });
    expect(errorsOf('imp_records', { ...auto, forceAutoNumber: true })).toEqual({});
    expect(errorsOf('imp_records', { ...auto, returnContent: 'everything' })).toEqual({
      returnContent: 'must be one of: count, ids, auto_ids, nothing',
    });
  });

  it('returns the params it will send when valid', () => {
    expect(validateParams(getMethod('exp_records'), { format: 'json', records: [' 1 '] })).toEqual({
      ok: true,
      params: { format: 'json', records: ['1'] },
    });
  });

  it.each([
    ['a file', { kind: 'file', name: 'a.pdf', type: '', bytes: new Uint8Array([1]) }, {}],
    ['text', 'a.pdf', { file: 'must be a chosen file' }],
    ['null', null, { file: 'must be a chosen file' }],
    [
      'no kind',
      { name: 'a.pdf', type: '', bytes: new Uint8Array() },
      { file: 'must be a chosen file' },
    ],
    [
      'a nameless part',
      { kind: 'file', name: 1, type: '', bytes: new Uint8Array() },
      { file: 'must be a chosen file' },
    ],
    [
      'bytes as a list',
      { kind: 'file', name: 'a', type: '', bytes: [1] },
      { file: 'must be a chosen file' },
    ],
    ['nothing', undefined, { file: 'is required' }],
  ])('imp_file_repo with %s as file', (_, file, errors) => {
    expect(errorsOf('imp_file_repo', { file } as ParamValues)).toEqual(errors);
  });
});

describe('parameter builders: what they attach and how they word errors', () => {
  const relevant = () => true;
  it('attaches only the hints it was given', () => {
    expect(metaOf(textParam({ help: 'h' }))).toStrictEqual({ type: 'text', label: '', help: 'h' });
    expect(
      metaOf(
        textParam({
          help: 'h',
          label: 'L',
          wireDefault: 'w',
          initial: 'i',
          picker: 'records',
          placeholder: 'p',
          relevant,
          relevantNote: 'n',
        }),
      ),
    ).toStrictEqual({
      type: 'text',
      label: 'L',
      help: 'h',
      wireDefault: 'w',
      initial: 'i',
      picker: 'records',
      placeholder: 'p',
      relevant,
      relevantNote: 'n',
    });
    expect(metaOf(selectParam(['a', 'b'], { help: 's' }))).toStrictEqual({
      type: 'select',
      label: '',
      help: 's',
    });
    expect(metaOf(booleanParam({ help: 'b' }))).toStrictEqual({
      type: 'boolean',
      label: '',
      help: 'b',
      booleanWire: ['true', 'false'],
    });
    expect(metaOf(booleanParam({ help: 'b', wire: ['1', '0'] })).booleanWire).toEqual(['1', '0']);
    expect(metaOf(fileParam({ help: 'f' })).type).toBe('file');
    expect(metaOf(dateParam({ help: 'd' })).type).toBe('date');
    expect(() => metaOf(z.string())).toThrow(
      'parameter schema without ParamMeta: define it with shared-params',
    );
  });

  const message = (schema: z.ZodMiniType, value: unknown): string => {
    const result = schema.safeParse(value);
    return result.success ? 'ok' : result.error.issues[0]!.message;
  };
  it.each([
    [() => selectParam(['a', 'b'], { help: '', required: true }), undefined, 'is required'],
    [() => selectParam(['a', 'b'], { help: '', required: true }), 'c', 'must be one of: a, b'],
    [() => booleanParam({ help: '', required: true }), undefined, 'is required'],
    [() => booleanParam({ help: '', required: true }), 'true', 'must be true or false'],
    [() => textParam({ help: '', required: true }), undefined, 'is required'],
    [() => textParam({ help: '', required: true }), 5, 'must be text'],
    [() => textParam({ help: '', required: true }), '', 'is required'],
    [
      () => textParam({ help: '', required: true, maxLength: 2 }),
      'abc',
      'must be at most 2 characters',
    ],
    [() => textParam({ help: '', required: true, maxLength: 2 }), 5, 'must be text'],
    [() => dateParam({ help: '', required: true }), '2024-02-29', 'ok'],
    [
      () => dateParam({ help: '', required: true }),
      '2023-02-29',
      'must be a date as YYYY-MM-DD, e.g. 2024-01-31',
    ],
    [
      () => dateParam({ help: '', required: true }),
      '2024-02-29 10:00',
      'must be a date as YYYY-MM-DD, e.g. 2024-01-31',
    ],
    [() => dateParam({ help: '', required: true }), 1, 'must be a date'],
  ])('%#: %j → %s', (schema, value, expected) => {
    // Built inside the test, so that a mutant in the builder is active while it runs.
    expect(message(schema(), value)).toBe(expected);
  });
});
