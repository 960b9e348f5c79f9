import { describe, expect, it } from 'vitest';
import { describeSchema, initialValues } from '../../src/lib/form/describe-schema.ts';
import { getMethod } from '../../src/lib/methods/index.ts';
import { validateParams } from '../../src/lib/methods/validate.ts';

describe('describeSchema', () => {
  it('derives kind, required, values and REDCap default from the schema', () => {
    const fields = describeSchema(getMethod('exp_records').params);
    const byName = Object.fromEntries(fields.map((f) => [f.name, f]));
    expect(byName['format']).toMatchObject({
      type: 'select',
      required: false,
      values: ['json', 'csv', 'xml'],
      wireDefault: 'xml',
      initial: 'json',
    });
    expect(byName['records']).toMatchObject({ type: 'array', picker: 'records', required: false });
    expect(byName['exportCheckboxLabel']).toMatchObject({ type: 'boolean', wireDefault: 'false' });
    expect(byName['dateRangeBegin']).toMatchObject({ type: 'datetime' });
    expect(fields.map((f) => f.name).at(-1)).toBe('returnFormat');
  });

  it('marks required parameters', () => {
    const fields = describeSchema(getMethod('del_records').params);
    expect(fields.find((f) => f.name === 'records')?.required).toBe(true);
    expect(
      describeSchema(getMethod('imp_records').params).find((f) => f.name === 'data'),
    ).toMatchObject({
      type: 'data',
      required: true,
    });
  });

  it('starts forms with format=json and returnFormat=json, as REDCap’s Playground does', () => {
    expect(initialValues(getMethod('exp_metadata'))).toEqual({
      format: 'json',
      returnFormat: 'json',
    });
  });
});

describe('validateParams', () => {
  const exp = getMethod('exp_records');

  it('accepts a method’s starting values', () => {
    expect(validateParams(exp, initialValues(exp)).ok).toBe(true);
  });

  it.each([
    [{ format: 'JSON' }, 'format', 'must be one of: json, csv, xml'],
    [{ dateRangeBegin: '2024-02-30' }, 'dateRangeBegin', 'must be a date-time'],
    [{ dateRangeEnd: '2024-01-01 25:00' }, 'dateRangeEnd', 'must be a date-time'],
    [{ format: 'csv', csvDelimiter: ':' }, 'csvDelimiter', 'must be one of'],
  ])('rejects %o with a message on %s', (params, name, message) => {
    const result = validateParams(exp, params);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[name]).toContain(message);
  });

  it('accepts dates with or without time, with T or space', () => {
    for (const value of ['2024-01-31', '2024-01-31 13:45', '2024-01-31T13:45:59']) {
      expect(validateParams(exp, { dateRangeBegin: value }).ok).toBe(true);
    }
  });

  it('asks for required parameters by name', () => {
    const result = validateParams(getMethod('del_records'), { records: [' '] });
    expect(result).toEqual({ ok: false, errors: { records: 'is required' } });
    const arm = validateParams(getMethod('del_records'), { records: ['1'], arm: 'one' });
    expect(arm.ok ? '' : arm.errors['arm']).toMatch(/whole number/);
  });

  it('leaves out CSV-only parameters unless format is csv', () => {
    expect(validateParams(exp, { format: 'json', csvDelimiter: ':' })).toEqual({
      ok: true,
      params: { format: 'json' },
    });
    expect(validateParams(exp, { format: 'csv', csvDelimiter: 'tab' })).toMatchObject({
      ok: true,
      params: { format: 'csv', csvDelimiter: 'tab' },
    });
  });

  it('allows returnContent=auto_ids only with forceAutoNumber', () => {
    const imp = getMethod('imp_records');
    const base = { format: 'json', data: '[]', returnContent: 'auto_ids' };
    const without = validateParams(imp, base);
    expect(without.ok ? '' : without.errors['returnContent']).toMatch(/forceAutoNumber/);
    expect(validateParams(imp, { ...base, forceAutoNumber: true }).ok).toBe(true);
  });

  it('ignores values of parameters the method does not have', () => {
    expect(validateParams(getMethod('exp_instr'), { records: ['1'], format: 'csv' })).toEqual({
      ok: true,
      params: { format: 'csv' },
    });
  });
});
