import { describe, expect, it } from 'vitest';
import { describeSchema } from '../../src/lib/form/describe-schema.ts';
import { getMethod } from '../../src/lib/methods/index.ts';
import { validateParams } from '../../src/lib/methods/validate.ts';

/** Issue #18, item 7: the page's form gives repeat_instance REDCap's range (1 to 32767). */
describe('repeat_instance in the form', () => {
  const methods = ['del_records', 'exp_file', 'imp_file', 'del_file', 'exp_instr_pdf'] as const;

  it.each(methods)('%s describes repeat_instance with min 1 and max 32767', (id) => {
    const field = describeSchema(getMethod(id).params).find((f) => f.name === 'repeat_instance');
    expect(field).toMatchObject({ type: 'number', min: 1, max: 32767 });
  });

  it.each(['0', '-1', '-7', '1.5', '32768', '9007199254740993', '12345678901234567890'])(
    'refuses %s before anything is sent',
    (bad) => {
      const method = getMethod('del_records');
      const result = validateParams(method, {
        records: ['1'],
        instrument: 'visit',
        repeat_instance: bad,
      });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors['repeat_instance']).toMatch(/from 1 to 32767/);
    },
  );

  it.each(['1', '2', '32767'])('accepts %s', (good) => {
    const result = validateParams(getMethod('del_records'), {
      records: ['1'],
      instrument: 'visit',
      repeat_instance: good,
    });
    expect(result.ok).toBe(true);
  });
});
