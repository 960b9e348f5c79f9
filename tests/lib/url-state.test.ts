import { describe, expect, it } from 'vitest';
import { fromHash, nearestMethods, toHash, unknownMethodIn } from '../../src/lib/form/url-state.ts';
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

describe('URL state: mode and API URL', () => {
  const method = getMethod('exp_records');

  it('carries live mode and the API URL, and reads them back', () => {
    const hash = toHash(
      method,
      { format: 'csv' },
      {
        mode: 'live',
        apiUrl: 'https://redcap.example.edu/api/',
      },
    );
    expect(hash).toContain('_mode=live');
    expect(fromHash(hash, getMethod)).toEqual({
      methodId: 'exp_records',
      values: { format: 'csv' },
      mode: 'live',
      apiUrl: 'https://redcap.example.edu/api/',
    });
  });

  it('writes nothing for mock mode, and a mock hash has no mode', () => {
    const hash = toHash(method, { format: 'csv' }, { mode: 'mock', apiUrl: 'http://x/api/' });
    expect(hash).toBe('#/exp_records?format=csv');
    expect(fromHash(hash, getMethod)).not.toHaveProperty('mode');
    expect(fromHash('#/exp_records?_api=http://x/api/', getMethod)).not.toHaveProperty('apiUrl');
  });

  it('a live link without an API URL is still a live link', () => {
    expect(fromHash('#/exp_records?_mode=live', getMethod)).toEqual({
      methodId: 'exp_records',
      values: {},
      mode: 'live',
    });
  });
});

describe('URL state: the mock project and user', () => {
  const method = getMethod('exp_records');

  it('carries the chosen demo project and user in mock mode, and reads them back', () => {
    const hash = toHash(
      method,
      { filterLogic: '[baseline_arm_1][age] > 30' },
      { mode: 'mock', mock: 'longitudinal-demo/alice' },
    );
    expect(hash).toContain('_mock=longitudinal-demo%2Falice');
    expect(fromHash(hash, getMethod)).toEqual({
      methodId: 'exp_records',
      values: { filterLogic: '[baseline_arm_1][age] > 30' },
      mock: 'longitudinal-demo/alice',
    });
  });

  it('never writes the mock choice into a live link, and a live link carries none', () => {
    const hash = toHash(method, {}, { mode: 'live', apiUrl: 'https://r/api/', mock: 'x/alice' });
    expect(hash).not.toContain('_mock');
    expect(fromHash('#/exp_records?_mode=live&_mock=x%2Falice', getMethod)).not.toHaveProperty(
      'mock',
    );
  });
});

describe('URL state: a method the catalog does not have', () => {
  it('names the unknown method id, decoded', () => {
    expect(unknownMethodIn('#/create_projekt', getMethod)).toBe('create_projekt');
    expect(unknownMethodIn('#/exp%20recs?format=csv', getMethod)).toBe('exp recs');
  });

  it('is null for a known method, an empty hash and a hash that is no request', () => {
    expect(unknownMethodIn('#/imp_proj', getMethod)).toBeNull();
    expect(unknownMethodIn('', getMethod)).toBeNull();
    expect(unknownMethodIn('#exp_records', getMethod)).toBeNull();
    expect(unknownMethodIn('#/%E0%A4%A', getMethod)).toBeNull();
  });

  it('offers the nearest methods first, by id or by label', () => {
    const ids = (name: string, count: number) =>
      nearestMethods(name, METHODS, count).map((m) => m.id);
    expect(ids('create_projekt', 3)[0]).toBe('imp_proj');
    expect(ids('exp_recrods', 1)).toEqual(['exp_records']);
    expect(ids('Export Record', 2)[0]).toBe('exp_records');
    expect(ids('zzzzzz', 3)).toHaveLength(3);
    expect(new Set(ids('exp', 10)).size).toBe(10);
  });
});
