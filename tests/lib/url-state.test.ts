import { describe, expect, it } from 'vitest';
import { fromHash, toHash } from '../../src/lib/form/url-state.ts';
import { getMethod, METHODS } from '../../src/lib/methods/index.ts';

describe('URL state', () => {
  it.each(METHODS.flatMap((m) => m.examples.map((e, i) => [m.id, i, e] as const)))(
    '%s example %i survives a round trip (data only when asked)',
    (id, _i, example) => {
      const method = getMethod(id);
      // Files never travel in a URL (imp_file, imp_file_repo examples carry one).
      const { file: _file, ...sendable } = example as Record<string, unknown>;
      const restored = fromHash(toHash(method, example, { includeData: true }), getMethod);
      expect(restored).toEqual({ methodId: id, values: sendable });
      const withoutData = fromHash(toHash(method, example), getMethod);
      const { data: _data, ...rest } = sendable;
      expect(withoutData).toEqual({ methodId: id, values: rest });
    },
  );

  it('keeps quotes, brackets, spaces and & in values', () => {
    const values = { filterLogic: `[age] > 30 & [name] = "O'Brien" #1`, records: ['a b', 'c&d'] };
    const hash = toHash(getMethod('exp_records'), values);
    expect(fromHash(hash, getMethod)?.values).toEqual(values);
  });

  it('never carries a token or a file, and ignores them when present', () => {
    const hash = toHash(getMethod('exp_records'), { format: 'json', token: 'SECRET' } as never);
    expect(hash).not.toContain('SECRET');
    expect(hash).not.toContain('token');
    expect(fromHash('#/exp_records?token=SECRET&format=csv', getMethod)).toEqual({
      methodId: 'exp_records',
      values: { format: 'csv' },
    });
  });

  it('returns null for hashes that name no method', () => {
    expect(fromHash('', getMethod)).toBeNull();
    expect(fromHash('#/nope', getMethod)).toBeNull();
    expect(fromHash('#/%E0%A4%A', getMethod)).toBeNull();
    expect(fromHash('#exp_records', getMethod)).toBeNull();
  });
});
