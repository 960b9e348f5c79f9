import { describe, expect, it } from 'vitest';
import { HISTORY_LIMIT, HistoryState, keyParameters } from '../../src/ui/history/history.svelte.ts';

describe('keyParameters', () => {
  it('lists what differs from the form’s defaults, lists joined', () => {
    expect(keyParameters('exp_records', { format: 'json' })).toBe('');
    expect(keyParameters('exp_records', { format: 'csv', records: ['1', '2'] })).toBe(
      'format=csv · records=1,2',
    );
  });

  it('shows data by its size only, never its content', () => {
    const text = keyParameters('imp_records', { format: 'json', data: '[{"record_id":"99"}]' });
    expect(text).toContain('data: 20 characters');
    expect(text).not.toContain('record_id');
  });
});

describe('HistoryState', () => {
  const entry = {
    at: new Date(0),
    methodId: 'exp_records',
    values: {},
    mode: 'mock',
    apiUrl: '',
    status: 200,
    outcome: 'HTTP 200 OK',
    timeMs: 5,
  } as const;

  it('keeps the newest first, up to its limit, and clears', () => {
    const history = new HistoryState();
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) history.add({ ...entry, timeMs: i });
    expect(history.entries).toHaveLength(HISTORY_LIMIT);
    expect(history.entries[0]!.timeMs).toBe(HISTORY_LIMIT + 4);
    history.clear();
    expect(history.entries).toEqual([]);
  });
});
