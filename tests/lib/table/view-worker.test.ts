import { afterAll, describe, expect, it, vi } from 'vitest';
import { buildProjectModel, type ProjectModel } from '../../../src/lib/project/model.ts';
import { cellShown, tableLabels } from '../../../src/lib/table/labels.ts';
import { packRow, unpackedRows } from '../../../src/lib/table/packed.ts';
import { spawnLocalTableWorker } from '../../../src/lib/table/stream-local.ts';
import { summarizeColumn } from '../../../src/lib/table/summary.ts';
import type { TableData } from '../../../src/lib/table/types.ts';
import { SUPERSEDED, SYNC_SLICE, TableViewer } from '../../../src/lib/table/view-client.ts';
import { TableStore } from '../../../src/lib/table/view-host.ts';
import {
  filterRows,
  sortRows,
  type CellReader,
  type SortSpec,
} from '../../../src/lib/table/view.ts';

/** A small fast PRNG, so every run sees the same tables. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COLUMNS = ['record_id', 'name', 'score', 'visit_date', 'group', 'consent'];
const [ID, NAME, SCORE, DATE, GROUP] = [0, 1, 2, 3, 4];

const model: ProjectModel = buildProjectModel({
  metadata: [
    { field_name: 'record_id', form_name: 'f', field_type: 'text', field_label: 'Record ID' },
    { field_name: 'name', form_name: 'f', field_type: 'text', field_label: 'Name' },
    { field_name: 'score', form_name: 'f', field_type: 'text', field_label: 'Score' },
    { field_name: 'visit_date', form_name: 'f', field_type: 'text', field_label: 'Visit' },
    {
      field_name: 'group',
      form_name: 'f',
      field_type: 'radio',
      field_label: 'Group',
      select_choices_or_calculations: '1, Treatment | 2, Control | 3, Alpha',
    },
    { field_name: 'consent', form_name: 'f', field_type: 'yesno', field_label: 'Consent' },
  ],
});

const WORDS = ['alpha', 'Beta', 'gamma', 'DELTA', 'épsilon', 'zeta', 'record 2', 'record 10'];

/** Cells cheap to make in bulk, with blanks, case, accents, numbers inside text. */
function makeRows(count: number, next: () => number): string[][] {
  const rows: string[][] = [];
  for (let i = 0; i < count; i++) {
    const blank = (): boolean => next() < 0.05;
    rows.push([
      String(i + 1),
      blank() ? '' : `${WORDS[Math.floor(next() * WORDS.length)]} ${Math.floor(next() * 500)}`,
      blank() ? '' : (next() * 200 - 50).toFixed(Math.floor(next() * 3)),
      blank()
        ? ''
        : `2024-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`,
      blank() ? '' : String(1 + Math.floor(next() * 3)),
      next() < 0.5 ? '0' : '1',
    ]);
  }
  return rows;
}

/** The table as the page holds a streamed export: packed strings behind unpackedRows. */
function packedTable(rows: readonly (readonly string[])[], columns = COLUMNS): TableData {
  return { columns, rows: unpackedRows(rows.map(packRow), columns.length) };
}

/** The page-side implementation the worker replaces: GridState's own functions and reader. */
function pageOrder(
  table: TableData,
  filter: string,
  sort: SortSpec | null,
  labelled: boolean,
): number[] | null {
  const labels = labelled ? tableLabels(table.columns, model) : null;
  const read: CellReader = (row, c) => cellShown(labels, row, c);
  const filtered = filterRows(table, filter, read);
  return sort ? sortRows(table, filtered, sort, read) : filtered;
}

/** The first index where two orders differ, or -1 (a loop: toEqual on 100,000 is slow). */
function firstDifference(actual: ArrayLike<number> | null, expected: readonly number[] | null) {
  if (actual === null || expected === null) return actual === expected ? -1 : 0;
  if (actual.length !== expected.length) return Math.min(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++) if (actual[i] !== expected[i]) return i;
  return -1;
}

const viewers: TableViewer[] = [];
function viewer(): TableViewer {
  const v = new TableViewer(spawnLocalTableWorker);
  viewers.push(v);
  return v;
}
afterAll(() => {
  for (const v of viewers) v.close();
});

// Each 100,000-row case also runs the page-side functions: generous on a shared, loaded machine.
describe('table worker views on 100,000 rows', { timeout: 60_000 }, () => {
  const big = makeRows(100_000, random(42));
  const table = packedTable(big);
  const shared = viewer();
  const asc = (column: number): SortSpec => ({ column, direction: 'ascending' });
  const desc = (column: number): SortSpec => ({ column, direction: 'descending' });

  it('sorts by a text, a number and a date column exactly as the page does', async () => {
    for (const sort of [asc(NAME), desc(NAME), asc(SCORE), desc(SCORE), asc(DATE), desc(DATE)]) {
      const answer = await shared.order(table, '', sort, null);
      expect(answer).toBeInstanceOf(Int32Array);
      const expected = pageOrder(table, '', sort, false)!;
      expect(expected).toHaveLength(100_000);
      expect(firstDifference(answer as Int32Array, expected), JSON.stringify(sort)).toBe(-1);
    }
    // The orders are real sorts, not the answer's order: numbers by value, blanks last.
    const bySCore = (await shared.order(table, '', asc(SCORE), null)) as Int32Array;
    const scores = Array.from(bySCore, (i) => big[i]![SCORE]!).filter((s) => s !== '');
    expect(scores.map(Number)).toEqual(scores.map(Number).sort((a, b) => a - b));
    expect(big[bySCore[bySCore.length - 1]!]![SCORE]).toBe('');
  });

  it('filters, in raw and in label mode, exactly as the page does', async () => {
    for (const [filter, labelled] of [
      ['gamma 4', false],
      ['2024-07', false],
      ['CONTROL', true],
      ['control', false],
      ['Épsilon', false],
      ['no such text', false],
    ] as const) {
      const answer = await shared.order(table, filter, null, labelled ? model : null);
      const expected = pageOrder(table, filter, null, labelled);
      expect(firstDifference(answer as Int32Array, expected), filter).toBe(-1);
    }
    // Label mode finds labels the raw cells do not hold.
    const control = (await shared.order(table, 'control', null, model)) as Int32Array;
    expect(control.length).toBeGreaterThan(20_000);
    expect(control.every((i) => big[i]![GROUP] === '2')).toBe(true);
  });

  it('sorts and filters in label mode (decoded cells) exactly as the page does', async () => {
    for (const [filter, sort] of [
      ['', asc(GROUP)],
      ['', desc(GROUP)],
      ['treat', asc(SCORE)],
      ['yes', desc(DATE)],
    ] as const) {
      const answer = await shared.order(table, filter, sort, model);
      const expected = pageOrder(table, filter, sort, true);
      expect(firstDifference(answer as Int32Array, expected), `${filter} ${sort.column}`).toBe(-1);
    }
    // By label: Alpha (3) before Control (2) before Treatment (1), unlike the raw codes.
    const byLabel = (await shared.order(table, '', asc(GROUP), model)) as Int32Array;
    expect(big[byLabel[0]!]![GROUP]).toBe('3');
  });

  it('summarizes a column exactly as the page does', async () => {
    for (const [column, choices] of [
      [SCORE, null],
      [DATE, null],
      [NAME, null],
      [GROUP, tableLabels(COLUMNS, model).choices[GROUP]!],
    ] as const) {
      const expected = summarizeColumn(
        table.rows.map((row) => row[column] ?? ''),
        choices,
      );
      expect(await shared.summary(table, column, choices)).toEqual(expected);
    }
  });

  it('answers null (every row, unsorted) with neither filter nor sort', async () => {
    expect(await shared.order(table, '  ', null, null)).toBeNull();
  });
});

describe(
  'table worker views against the page, on random smaller tables',
  { timeout: 60_000 },
  () => {
    it('gives the page’s order in 300 random cases (filters, sorts, labels, growing tables)', async () => {
      const next = random(7);
      const v = viewer();
      const store = new TableStore();
      store.setModel(model);
      for (let n = 0; n < 300; n++) {
        const count = n % 50 === 0 ? Math.floor(next() * 3 * SYNC_SLICE) : Math.floor(next() * 80);
        const rows = makeRows(count, next);
        // Some rows shorter than the columns, as in an export where a later row added a field.
        const width = 1 + Math.floor(next() * COLUMNS.length);
        const columns = COLUMNS.slice(0, width);
        for (const row of rows)
          if (next() < 0.2) row.length = Math.floor(next() * width);
          else row.length = width;
        const packed = next() < 0.6;
        const table: TableData = packed ? packedTable(rows, columns) : { columns, rows };
        const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
        const filter = pick(['', '', 'a', 'TREAT', 'record 1', '2024-0', '-', '.', '1', 'zz']);
        const sort =
          next() < 0.2
            ? null
            : {
                column: Math.floor(next() * (width + 1)),
                direction: pick(['ascending', 'descending'] as const),
              };
        const labelled = next() < 0.4;
        const expected = pageOrder(table, filter, sort, labelled);

        // The worker's store, straight.
        store.reset(n, columns);
        store.append(n, columns, packed ? rows.map(packRow) : rows);
        const direct = store.view({ table: n, rows: rows.length, filter, sort, labels: labelled });
        expect(firstDifference(direct, expected), `case ${n}`).toBe(-1);

        // Through the page's client: first a prefix of the rows (a growing export), then all.
        if (packed && count > 1) {
          const cut = Math.floor(next() * count);
          const all = rows.map(packRow);
          const prefix: TableData = { columns, rows: unpackedRows(all.slice(0, cut), width) };
          await v.order(prefix, filter, sort, labelled ? model : null);
          const grown: TableData = { columns, rows: unpackedRows(all, width) };
          const answer = await v.order(grown, filter, sort, labelled ? model : null);
          expect(firstDifference(answer as Int32Array | null, expected), `grown ${n}`).toBe(-1);
        } else {
          const answer = await v.order(table, filter, sort, labelled ? model : null);
          expect(firstDifference(answer as Int32Array | null, expected), `viewer ${n}`).toBe(-1);
        }
      }
    });

    it('sends a replaced table whole: same length, other rows', async () => {
      const v = viewer();
      const sort: SortSpec = { column: NAME, direction: 'ascending' };
      const first = makeRows(500, random(1));
      const second = makeRows(500, random(2));
      await v.order(packedTable(first), '', sort, null);
      const answer = await v.order(packedTable(second), '', sort, null);
      expect(
        firstDifference(answer as Int32Array, pageOrder(packedTable(second), '', sort, false)),
      ).toBe(-1);
      // Plain rows too (a table parsed in the page), even with equal cells.
      await v.order({ columns: COLUMNS, rows: first }, '', sort, null);
      const copy = second.map((r) => [...r]);
      const again = await v.order({ columns: COLUMNS, rows: copy }, '', sort, null);
      expect(
        firstDifference(again as Int32Array, pageOrder(packedTable(second), '', sort, false)),
      ).toBe(-1);
    });
  },
);

describe('a newer request supersedes an older one', () => {
  const table = packedTable(makeRows(20_000, random(3)));
  const sortBy = (column: number): SortSpec => ({ column, direction: 'ascending' });

  it('answers only the latest order; every older one resolves SUPERSEDED', async () => {
    const v = viewer();
    const asked = [NAME, SCORE, DATE, GROUP, NAME].map((column, i) =>
      v.order(table, i === 3 ? 'a' : '', sortBy(column), null),
    );
    const computed = vi.spyOn(TableStore.prototype, 'view');
    const answers = await Promise.all(asked);
    // Requests superseded before they reached the worker were never computed.
    expect(computed).toHaveBeenCalledTimes(1);
    computed.mockRestore();
    expect(answers.slice(0, 4).every((a) => a === SUPERSEDED)).toBe(true);
    expect(
      firstDifference(answers[4] as Int32Array, pageOrder(table, '', sortBy(NAME), false)),
    ).toBe(-1);
  });

  it('drops an answer already in the worker when a newer request comes', async () => {
    const v = viewer();
    await v.order(table, '', sortBy(ID), null); // synced: the next request goes straight in
    const original = TableStore.prototype.view;
    let newer = null as Promise<unknown> | null;
    const computed = vi.spyOn(TableStore.prototype, 'view').mockImplementation(function (
      this: TableStore,
      request,
    ) {
      // The older request is in the worker now: the page asks for a newer one meanwhile.
      newer ??= v.order(table, 'beta', sortBy(DATE), null);
      return original.call(this, request);
    });
    try {
      const older = v.order(table, '', sortBy(SCORE), null);
      expect(await older).toBe(SUPERSEDED);
      expect(newer).not.toBeNull();
      expect(
        firstDifference((await newer) as Int32Array, pageOrder(table, 'beta', sortBy(DATE), false)),
      ).toBe(-1);
      // Both were computed in the worker; the older answer was dropped on arrival.
      expect(computed).toHaveBeenCalledTimes(2);
    } finally {
      computed.mockRestore();
    }
  });

  it('drops a pending answer when cancelled, and summaries supersede on their own', async () => {
    const v = viewer();
    const order = v.order(table, '', sortBy(NAME), null);
    const summary = v.summary(table, SCORE, null);
    v.cancel('order');
    expect(await order).toBe(SUPERSEDED);
    expect(await summary).toEqual(
      summarizeColumn(
        table.rows.map((r) => r[SCORE]!),
        null,
      ),
    );
    const a = v.summary(table, NAME, null);
    const b = v.summary(table, DATE, null);
    expect(await a).toBe(SUPERSEDED);
    expect(await b).toEqual(
      summarizeColumn(
        table.rows.map((r) => r[DATE]!),
        null,
      ),
    );
  });

  it('rejects a request about rows the worker does not hold, without crashing it', () => {
    const store = new TableStore();
    store.reset(1, COLUMNS);
    store.append(1, COLUMNS, ['not json', packRow(['1', 'x']), '{"a":1}']);
    expect(() => store.view({ table: 1, rows: 2, filter: '', sort: null, labels: false })).toThrow(
      /table 1 has 3/,
    );
    expect(() => store.append(2, COLUMNS, [])).toThrow(/table 1 is held/);
    // Unreadable rows are empty rows, not a crash; a sort column past the end sorts as blanks.
    expect(
      Array.from(store.view({ table: 1, rows: 3, filter: '', sort: sortBy(99), labels: true })!),
    ).toEqual([0, 1, 2]);
    expect(
      Array.from(store.view({ table: 1, rows: 3, filter: 'x', sort: null, labels: false })!),
    ).toEqual([1]);
  });
});
