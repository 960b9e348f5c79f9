import { describe, expect, it } from 'vitest';
import { requestKey, type RequestTarget } from '../../src/lib/form/request-key.ts';

const mock: RequestTarget = { mode: 'mock', where: 'classic-demo/alice', dataVersion: 0 };

describe('requestKey', () => {
  it('is the same for the same call, whatever the order of the values', () => {
    expect(requestKey('exp_records', { format: 'json', type: 'flat' }, mock)).toBe(
      requestKey('exp_records', { type: 'flat', format: 'json' }, mock),
    );
  });

  it('treats empty values as not sent', () => {
    expect(requestKey('exp_records', { format: 'json', fields: [], filterLogic: '' }, mock)).toBe(
      requestKey('exp_records', { format: 'json' }, mock),
    );
  });

  it.each([
    ['another method', 'exp_metadata', { format: 'json' }, mock],
    ['another value', 'exp_records', { format: 'csv' }, mock],
    ['another list', 'exp_records', { format: 'json', records: ['1'] }, mock],
    ['a boolean', 'exp_records', { format: 'json', exportDataAccessGroups: true }, mock],
    ['another user', 'exp_records', { format: 'json' }, { ...mock, where: 'classic-demo/bob' }],
    ['live mode', 'exp_records', { format: 'json' }, { ...mock, mode: 'live' as const }],
    ['data reset since', 'exp_records', { format: 'json' }, { ...mock, dataVersion: 1 }],
  ] as const)('changes with %s', (_what, id, values, target) => {
    expect(requestKey(id, values, target)).not.toBe(
      requestKey('exp_records', { format: 'json' }, mock),
    );
  });

  it('tells files apart by name, type and size without copying their bytes', () => {
    const file = (name: string, size: number) => ({
      kind: 'file' as const,
      name,
      type: 'text/plain',
      bytes: new Uint8Array(size),
    });
    const key = requestKey('imp_file', { file: file('a.txt', 3) }, mock);
    expect(key).toBe(requestKey('imp_file', { file: file('a.txt', 3) }, mock));
    expect(key).not.toBe(requestKey('imp_file', { file: file('b.txt', 3) }, mock));
    expect(key).not.toBe(requestKey('imp_file', { file: file('a.txt', 4) }, mock));
    expect(requestKey('imp_file', { file: file('a.txt', 100_000) }, mock).length).toBeLessThan(200);
  });
});
