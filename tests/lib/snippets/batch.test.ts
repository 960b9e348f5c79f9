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

  /**
   * The id list and the batch loop of one target's program: the id list is the first call
   * (`fields[0]` = the id field), the batches the second (`fields[0]` = the first chosen field).
   */
  function calls(code: string): { ids: string; batch: string } {
    const start = code.indexOf('The record ids first');
    const first = code.indexOf('fields[0]', start);
    const second = code.indexOf('fields[0]', first + 1);
    expect(Math.min(start, first, second)).toBeGreaterThanOrEqual(0);
    const lineEnd = code.indexOf('\n', second);
    return { ids: code.slice(start, second), batch: code.slice(second, lineEnd + 200) };
  }
  const line = (text: string, fragment: string) =>
    text.split('\n').find((l) => l.includes(fragment)) ?? '';

  const filters = ['[age] > 30', `[last_name] = "O'Hara" and [age] <> ''`];
  const loopTargets = TARGETS.filter((t) => t.id !== 'r-redcapr');
  it.each(loopTargets.flatMap((t) => filters.map((f) => [t.id, f, t] as const)))(
    '%s passes the filter %s to the id-list call and to each batch',
    (_, filter, target) => {
      const exp = request('exp_records', { filterLogic: filter, fields: ['age'] });
      const code = generateSnippet(target, exp, { batchSize: 7, recordIdField: 'study_id' });
      const { ids, batch } = calls(code);
      const filterLine = line(ids, 'filterLogic');
      expect(filterLine).toContain('filterLogic');
      // Same pair, written the same way, in both calls.
      expect(line(batch, 'filterLogic').trim()).toBe(filterLine.trim());
      expect(line(ids, 'fields[0]')).toContain('study_id');
      expect(line(batch, 'fields[0]')).toContain('age');
      expect(line(batch, 'fields[0]')).not.toContain('study_id');
      expect(line(ids, 'format')).toContain('json');
      expect(code).toMatch(/\b7\b/);
      expect(code).not.toMatch(/\b100\b/);
      expect(code).not.toContain(connection.token);
    },
  );

  it.each(loopTargets.map((t) => [t.id, t] as const))(
    '%s sends no filterLogic in either call when there is none',
    (_, target) => {
      const code = generateSnippet(target, request('exp_records', { fields: ['age'] }), batched);
      const { ids, batch } = calls(code);
      expect(ids).not.toContain('filterLogic');
      expect(line(batch, 'filterLogic')).toBe('');
    },
  );

  it('r-redcapr hands the filter and batch size to redcap_read', () => {
    const target = TARGETS.find((t) => t.id === 'r-redcapr')!;
    const exp = request('exp_records', { filterLogic: '[age] > 30', fields: ['age'] });
    const code = generateSnippet(target, exp, { batchSize: 7, recordIdField: 'study_id' });
    expect(code).toContain('REDCapR::redcap_read(');
    expect(code).toContain('batch_size = 7L,');
    expect(code).toContain('filter_logic = "[age] > 30"');
    expect(code).toContain('fields = c("age")');
    expect(code).toContain('token = token,');
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
