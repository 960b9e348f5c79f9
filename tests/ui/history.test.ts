import { describe, expect, it } from 'vitest';
import { HISTORY_LIMIT, HistoryState, keyParameters } from '../../src/ui/state/history.svelte.ts';

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

describe('keyParameters: the edges', () => {
  const forty = 'x'.repeat(40);
  it.each([
    // A text of exactly 40 characters is shown whole; 41 is cut to 39 and an ellipsis.
    [{ filterLogic: forty }, `filterLogic=${forty}`],
    [{ filterLogic: `${forty}y` }, `filterLogic=${'x'.repeat(39)}…`],
    [{ records: [] }, ''],
    [{ records: ['a'] }, 'records=a'],
    [{ filterLogic: '' }, ''],
    // A blank select is not sent, even where the form starts with a value.
    [{ format: '' }, ''],
    [{ filterLogic: undefined }, ''],
    [{ exportSurveyFields: true }, 'exportSurveyFields=true'],
    [{ exportSurveyFields: false }, 'exportSurveyFields=false'],
    [{ format: 'json', type: 'eav' }, 'type=eav'],
  ])('exp_records %j → %j', (values, expected) => {
    expect(keyParameters('exp_records', values)).toBe(expected);
  });

  it('names a file without its content, and an empty data by its size', () => {
    const file = {
      kind: 'file',
      name: 'consent.pdf',
      type: 'application/pdf',
      bytes: new Uint8Array([1, 2]),
    } as const;
    expect(keyParameters('imp_file', { record: '7', field: 'f', file })).toBe(
      'record=7 · field=f · file: a file',
    );
    expect(keyParameters('imp_records', { format: 'csv', data: 'a' })).toContain(
      'data: 1 characters',
    );
  });
});

describe('HistoryState: ids and order', () => {
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

  it('gives each entry a new id from 1, newest first, keeping what it was given', () => {
    const history = new HistoryState();
    expect(history.entries).toEqual([]);
    history.add({ ...entry, outcome: 'first' });
    history.add({ ...entry, outcome: 'second', status: null });
    expect(history.entries).toEqual([
      { ...entry, outcome: 'second', status: null, id: 2 },
      { ...entry, outcome: 'first', id: 1 },
    ]);
    history.clear();
    history.add(entry);
    expect(history.entries.map((e) => e.id)).toEqual([3]);
  });

  it('drops the oldest only past the limit', () => {
    const history = new HistoryState();
    for (let i = 0; i < HISTORY_LIMIT; i++) history.add({ ...entry, timeMs: i });
    expect(history.entries).toHaveLength(HISTORY_LIMIT);
    expect(history.entries.at(-1)!.timeMs).toBe(0);
    history.add({ ...entry, timeMs: HISTORY_LIMIT });
    expect(history.entries).toHaveLength(HISTORY_LIMIT);
    expect(history.entries.at(-1)!.timeMs).toBe(1);
    expect(HISTORY_LIMIT).toBe(100);
  });
});
