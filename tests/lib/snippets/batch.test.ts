import { describe, expect, it } from 'vitest';
import { initialValues } from '../../../src/lib/form/describe-schema.ts';
import type { ParamValues } from '../../../src/lib/methods/define-method.ts';
import { getMethod } from '../../../src/lib/methods/index.ts';
import { buildRedcapRequest } from '../../../src/lib/redcap/request.ts';
import { generateSnippet, SnippetError, TARGETS } from '../../../src/lib/snippets/index.ts';

const connection = { apiUrl: 'https://redcap.example.edu/api/', token: 'B'.repeat(32) };
const request = (id: string, params: ParamValues = {}) => {
  const method = getMethod(id)!;
  return buildRedcapRequest(method, { ...initialValues(method), ...params }, connection);
};
const batched = { batchSize: 100, recordIdField: 'record_id' };

describe('batched Export Records (batchSize)', () => {
  it('lists the ids first (JSON, the id field, same filter), then loops in every target', () => {
    const exp = request('exp_records', { filterLogic: '[age] > 30', fields: ['age'] });
    for (const target of TARGETS) {
      const code = generateSnippet(target, exp, batched);
      // REDCapR's redcap_read finds the id field itself (its first field).
      const idField = target.id === 'r-redcapr' || code.includes('record_id');
      expect([target.id, idField]).toEqual([target.id, true]);
      expect([target.id, code.includes('100')]).toEqual([target.id, true]);
      expect([target.id, code.includes('[age] > 30')]).toEqual([target.id, true]);
    }
  });

  it('refuses what it cannot batch, saying what to change', () => {
    const refuse = (req: ReturnType<typeof request>, options: object, message: RegExp) => {
      for (const target of TARGETS) {
        expect(() => generateSnippet(target, req, options)).toThrow(SnippetError);
        expect(() => generateSnippet(target, req, options)).toThrow(message);
      }
    };
    refuse(request('exp_metadata'), batched, /Export Records only/);
    refuse(request('exp_records'), { ...batched, batchSize: 0 }, /whole number/);
    refuse(request('exp_records'), { ...batched, batchSize: 2.5 }, /whole number/);
    refuse(request('exp_records'), { batchSize: 10 }, /record id field/);
    refuse(request('exp_records', { format: 'xml' }), batched, /json or csv/);
    refuse(request('exp_records', { records: ['1'] }), batched, /leave records empty/);
  });

  it('changes nothing without batchSize', () => {
    const exp = request('exp_records');
    for (const target of TARGETS) {
      expect(generateSnippet(target, exp, { recordIdField: 'record_id' })).toBe(
        generateSnippet(target, exp),
      );
    }
  });
});
