import { describe, expect, it } from 'vitest';
import { checkData } from '../../src/lib/methods/check-data.ts';
import { getMethod } from '../../src/lib/methods/index.ts';
import { validateParams } from '../../src/lib/methods/validate.ts';

describe('checkData', () => {
  it('accepts data that parses in its format', () => {
    expect(checkData('json', '[{"record_id":"1"}]')).toBeNull();
    expect(checkData('csv', 'record_id,notes\n1,"a, b"\n')).toBeNull();
    expect(checkData('xml', '<records><item><record_id>1</record_id></item></records>')).toBeNull();
  });

  it('says where JSON breaks, by line and column', () => {
    expect(checkData('json', '[{"record_id":"1",\n "age": 3x}]')).toMatch(/line 2, column \d+/);
  });

  it('says where CSV and XML break', () => {
    expect(checkData('csv', 'a,b\n1,"open\n')).toMatch(/not valid CSV: .*line 2/);
    expect(checkData('xml', '<records><item></records>')).toMatch(
      /not valid XML: .*line 1, column 16/,
    );
  });
});

describe('validateParams on data', () => {
  const imp = getMethod('imp_records');

  it('checks data against the chosen format before sending', () => {
    const result = validateParams(imp, { format: 'json', data: '[{"record_id": 1,}]' });
    expect(result.ok ? '' : result.errors['data']).toMatch(/not valid JSON/);
  });

  it('reads data as XML when no format is sent, as REDCap does', () => {
    const result = validateParams(imp, { data: '[{"record_id":"1"}]' });
    expect(result.ok ? '' : result.errors['data']).toMatch(/not valid XML.*format is not sent/);
  });
});

describe('checkData: the shape REDCap reads from JSON', () => {
  it.each([
    ['one object', '{"record_id":"1"}', /is one JSON object, but REDCap expects an array of rows/],
    ['an array with a non-object', '[{"record_id":"1"}, 2]', /item 2 is not an object/],
    ['an array of arrays', '[["record_id","1"]]', /item 1 is not an object/],
    ['a bare string', '"1"', /single JSON value/],
    ['null', 'null', /single JSON value/],
  ])('refuses %s for a list method', (_what, text, message) => {
    expect(checkData('json', text, 'imp_records')).toMatch(message);
  });

  it('accepts an empty array and an array of rows', () => {
    expect(checkData('json', '[]', 'imp_records')).toBeNull();
    expect(checkData('json', '[{"a":"1"},{"a":"2"}]', 'imp_records')).toBeNull();
  });

  it('accepts one object where REDCap takes one (project settings, Create Project)', () => {
    expect(checkData('json', '{"project_title":"T","purpose":"0"}', 'imp_proj')).toBeNull();
    expect(checkData('json', '{"project_title":"T"}', 'imp_proj_sett')).toBeNull();
    expect(checkData('json', '[{"project_title":"T"}]', 'imp_proj_sett')).toBeNull();
  });

  it('blocks Import Records with one JSON object before anything is sent', () => {
    const result = validateParams(getMethod('imp_records'), {
      format: 'json',
      data: '{"record_id":"1","age":"30"}',
    });
    expect(result.ok ? '' : result.errors['data']).toMatch(/wrap it in \[ \]/);
  });
});
