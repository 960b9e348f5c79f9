import { describe, expect, it } from 'vitest';
import { checkData } from '../../src/lib/form/check-data.ts';
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
