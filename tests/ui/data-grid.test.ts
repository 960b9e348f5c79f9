import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildProjectModel } from '../../src/lib/project/model.ts';
import { tableLabels } from '../../src/lib/table/labels.ts';
import { packRow, unpackedRows } from '../../src/lib/table/packed.ts';
import { spawnLocalTableWorker } from '../../src/lib/table/stream-local.ts';
import type { TableData } from '../../src/lib/table/types.ts';
import { SUPERSEDED, TableViewer } from '../../src/lib/table/view-client.ts';
import { TableStore } from '../../src/lib/table/view-host.ts';
import DataGrid from '../../src/ui/response/DataGrid.svelte';

function bigTable(count: number): TableData {
  const rows = Array.from({ length: count }, (_, i) => [
    String(i + 1),
    i % 2 === 0 ? '1' : '2',
    `name ${String(i + 1).padStart(6, '0')}`,
  ]);
  return { columns: ['record_id', 'group', 'name'], rows };
}

const small: TableData = {
  columns: ['record_id', 'age', 'group'],
  rows: [
    ['1', '40', '1'],
    ['2', '9', '2'],
    ['3', '', '1'],
    ['10', '100', '2'],
  ],
};

const bodyRows = () => screen.getAllByRole('row').slice(1);
const firstColumn = () =>
  bodyRows().map((r) => within(r).getAllByRole('gridcell')[0]!.textContent!.trim());

describe('DataGrid', () => {
  it('renders only the rows in view for 100,000 rows, and says how many there are', () => {
    const started = performance.now();
    render(DataGrid, { props: { table: bigTable(100_000), height: 360 } });
    const grid = screen.getByRole('grid', { name: 'Response as a table' });
    expect(grid.getAttribute('aria-rowcount')).toBe('100001');
    const rendered = bodyRows().length;
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(40);
    expect(screen.getByRole('status').textContent).toContain('100,000 rows');
    // Generous for a shared 2-core machine; a grid rendering every row takes many seconds here.
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('moves the rendered window when scrolled', async () => {
    render(DataGrid, { props: { table: bigTable(100_000), height: 360 } });
    const scroller = screen.getByRole('grid').parentElement!;
    scroller.scrollTop = 28 * 50_000;
    await fireEvent.scroll(scroller);
    const ids = firstColumn().map(Number);
    expect(ids).toContain(50_001);
    expect(ids.every((id) => id > 49_900 && id < 50_100)).toBe(true);
  });

  it('sorts numerically by a header click, then descending, then back to the answer’s order', async () => {
    render(DataGrid, { props: { table: small } });
    const age = screen.getByRole('button', { name: /^age/ });
    await fireEvent.click(age);
    expect(screen.getByRole('columnheader', { name: /age/ }).getAttribute('aria-sort')).toBe(
      'ascending',
    );
    // Numbers as numbers (9 before 40 before 100), blanks last.
    expect(firstColumn()).toEqual(['2', '1', '10', '3']);
    await fireEvent.click(age);
    expect(firstColumn()).toEqual(['10', '1', '2', '3']);
    await fireEvent.click(age);
    expect(firstColumn()).toEqual(['1', '2', '3', '10']);
  });

  it('filters rows by text in any cell and counts what is left', async () => {
    vi.useFakeTimers();
    try {
      render(DataGrid, { props: { table: bigTable(100_000) } });
      const box = screen.getByRole('searchbox', { name: 'Filter rows' });
      await fireEvent.input(box, { target: { value: 'name 00999' } });
      await vi.advanceTimersByTimeAsync(200);
      expect(screen.getByRole('status').textContent).toContain('10 of 100,000 rows');
      expect(firstColumn()).toEqual([
        '9990',
        '9991',
        '9992',
        '9993',
        '9994',
        '9995',
        '9996',
        '9997',
        '9998',
        '9999',
      ]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows labels and filters and sorts by them in label mode', async () => {
    const model = buildProjectModel({
      metadata: [
        { field_name: 'record_id', form_name: 'f', field_type: 'text', field_label: 'Record ID' },
        {
          field_name: 'group',
          form_name: 'f',
          field_type: 'radio',
          field_label: 'Group',
          select_choices_or_calculations: '1, Treatment | 2, Control',
        },
      ],
    });
    const table: TableData = {
      columns: ['record_id', 'group'],
      rows: [
        ['1', '1'],
        ['2', '2'],
      ],
    };
    render(DataGrid, { props: { table, labels: tableLabels(table.columns, model) } });
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent?.trim())).toEqual([
      'Record ID',
      'Group',
    ]);
    expect(
      bodyRows().map((r) =>
        within(r)
          .getAllByRole('gridcell')
          .map((c) => c.textContent?.trim()),
      ),
    ).toEqual([
      ['1', 'Treatment'],
      ['2', 'Control'],
    ]);
    await fireEvent.click(screen.getByRole('button', { name: /^Group/ }));
    expect(firstColumn()).toEqual(['2', '1']); // Control before Treatment
  });

  it('is usable by keyboard: arrows move the active cell, separators resize columns', async () => {
    render(DataGrid, { props: { table: small } });
    const grid = screen.getByRole('grid');
    expect(grid.tabIndex).toBe(0);
    const active = () => grid.getAttribute('aria-activedescendant') ?? '';
    expect(active()).toMatch(/-r0-c0$/);
    await fireEvent.keyDown(grid, { key: 'ArrowDown' });
    await fireEvent.keyDown(grid, { key: 'ArrowRight' });
    expect(active()).toMatch(/-r1-c1$/);
    await fireEvent.keyDown(grid, { key: 'End', ctrlKey: true });
    expect(active()).toMatch(/-r3-c2$/);
    const handle = screen.getByRole('separator', { name: 'Resize column age' });
    const before = Number(handle.getAttribute('aria-valuenow'));
    await fireEvent.keyDown(handle, { key: 'ArrowRight', shiftKey: true });
    expect(Number(handle.getAttribute('aria-valuenow'))).toBe(before + 40);
    await fireEvent.keyDown(handle, { key: 'ArrowLeft' });
    expect(Number(handle.getAttribute('aria-valuenow'))).toBe(before + 30);
    // Never narrower than the minimum.
    for (let i = 0; i < 30; i++) await fireEvent.keyDown(handle, { key: 'ArrowLeft' });
    expect(Number(handle.getAttribute('aria-valuenow'))).toBe(48);
  });
});

describe('DataGrid with the table worker (sort, filter and labels off the page)', () => {
  const model = buildProjectModel({
    metadata: [
      { field_name: 'record_id', form_name: 'f', field_type: 'text', field_label: 'Record ID' },
      {
        field_name: 'group',
        form_name: 'f',
        field_type: 'radio',
        field_label: 'Group',
        select_choices_or_calculations: '1, Treatment | 2, Control',
      },
      { field_name: 'name', form_name: 'f', field_type: 'text', field_label: 'Name' },
    ],
  });
  /** 3,000 rows as a streamed export holds them (packed); names run backwards. */
  function packedTable(count: number): TableData {
    const rows = Array.from({ length: count }, (_, i) =>
      packRow([
        String(i + 1),
        i % 3 === 0 ? '1' : '2',
        `name ${String(count - i).padStart(6, '0')}`,
      ]),
    );
    return { columns: ['record_id', 'group', 'name'], rows: unpackedRows(rows, 3) };
  }
  let viewer: TableViewer | null = null;
  afterEach(() => viewer?.close());
  const settled = () =>
    vi.waitFor(() => expect(screen.getByRole('grid').getAttribute('aria-busy')).toBe('false'));

  it('shows the rows the page-side sort and filter show, in raw and label mode', async () => {
    const table = packedTable(3000);
    const labels = tableLabels(table.columns, model);
    const shown = async (props: Record<string, unknown>, steps: () => Promise<void>) => {
      const view = render(DataGrid, { props: { table, ...props } });
      await steps();
      const out = { status: screen.getByRole('status').textContent, rows: firstColumn() };
      view.unmount();
      return out;
    };
    const steps = async () => {
      await fireEvent.click(screen.getByRole('button', { name: /^(name|Name)/ }));
      await settled();
      await fireEvent.click(screen.getByRole('button', { name: /^(group|Group)/ }));
      await settled();
      const box = screen.getByRole('searchbox', { name: 'Filter rows' });
      await fireEvent.input(box, { target: { value: 'control' } });
      // The filter applies after a pause in typing; then the count changes.
      await vi.waitFor(() =>
        expect(screen.getByRole('status').textContent).not.toContain('3,000 of'),
      );
      await settled();
    };
    for (const labelled of [false, true]) {
      viewer = new TableViewer(spawnLocalTableWorker);
      const computed = vi.spyOn(TableStore.prototype, 'view');
      const props = labelled ? { labels, model } : {};
      const inWorker = await shown({ ...props, viewer }, steps);
      // Each step was answered by the worker (a failing worker would hand over to the page).
      const worked = computed.mock.calls.length;
      computed.mockRestore();
      expect(worked).toBeGreaterThanOrEqual(3);
      const inPage = await shown(props, steps);
      expect(inWorker).toEqual(inPage);
      // Raw: no cell says "control"; labelled: every Control row (2,000 of 3,000).
      expect(inWorker.status).toContain(labelled ? '2,000 of 3,000 rows' : '0 of 3,000 rows');
      viewer.close();
    }
  });

  it('never shows an order a newer sort replaced, and keeps the old order while waiting', async () => {
    const table = packedTable(3000);
    viewer = new TableViewer(spawnLocalTableWorker);
    const order = vi.spyOn(viewer, 'order');
    render(DataGrid, { props: { table, viewer } });
    const seen = new Set<string>();
    const grid = screen.getByRole('grid');
    const observer = new MutationObserver(() => seen.add(firstColumn().slice(0, 2).join()));
    observer.observe(grid, { subtree: true, childList: true, characterData: true });
    // Sorted by name, record 3000 comes first; by record_id descending… record 3000 too, so use
    // group: Treatment rows (1, 4, 7 …) first; and the newer sort, name descending: record 1.
    await fireEvent.click(screen.getByRole('button', { name: /^group/ }));
    const older = order.mock.results[0]!.value as Promise<unknown>;
    await fireEvent.click(screen.getByRole('button', { name: /^name/ }));
    await fireEvent.click(screen.getByRole('button', { name: /^name/ }));
    expect(await older).toBe(SUPERSEDED);
    await settled();
    observer.disconnect();
    expect(screen.getByRole('columnheader', { name: /name/ }).getAttribute('aria-sort')).toBe(
      'descending',
    );
    // name descending: "name 003000" is record 1.
    expect(firstColumn().slice(0, 3)).toEqual(['1', '2', '3']);
    // Unsorted and name-descending both start 1, 2; the superseded group sort would show 1, 4.
    expect([...seen]).toEqual(['1,2']);

    // A filter on top: until its (held back) answer, the grid keeps this order, never the
    // unsorted one, and says it is busy.
    let release = (): void => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const original = TableViewer.prototype.order;
    order.mockImplementation(async function (this: TableViewer, ...args) {
      const answer = await original.apply(this, args);
      await gate;
      return answer;
    });
    const box = screen.getByRole('searchbox', { name: 'Filter rows' });
    await fireEvent.input(box, { target: { value: 'name 0029' } });
    await vi.waitFor(() => expect(grid.getAttribute('aria-busy')).toBe('true'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(firstColumn().slice(0, 3)).toEqual(['1', '2', '3']);
    expect(screen.getByRole('status').textContent).toContain('Filtering…');
    release();
    await settled();
    expect(screen.getByRole('status').textContent).toContain('100 of 3,000 rows');
    expect(firstColumn()[0]).toBe('2');
  });

  it('shows the answer’s order when the sort is cleared before the worker answered', async () => {
    const table = packedTable(3000);
    viewer = new TableViewer(spawnLocalTableWorker);
    render(DataGrid, { props: { table, viewer } });
    const group = screen.getByRole('button', { name: /^group/ });
    await fireEvent.click(group); // ascending
    await fireEvent.click(group); // descending: Control rows (2, 3, 5 …) first
    await fireEvent.click(group); // off
    await new Promise((resolve) => setTimeout(resolve, 300));
    await settled();
    expect(firstColumn().slice(0, 3)).toEqual(['1', '2', '3']);
    expect(screen.getByRole('status').textContent).toContain('3,000 rows');
    expect(screen.getByRole('status').textContent).not.toContain(' of ');
  });

  it('applies answers in GridState only when current: superseded ones leave the shown order', async () => {
    // A stand-in viewer whose answers the test releases one by one.
    const calls: {
      args: unknown[];
      resolve: (v: Int32Array | null | typeof SUPERSEDED) => void;
      reject: (e: Error) => void;
    }[] = [];
    const fake = {
      order: (...args: unknown[]) =>
        new Promise((resolve, reject) => calls.push({ args, resolve, reject })),
      cancel: () => {},
    } as unknown as TableViewer;
    render(DataGrid, { props: { table: small, viewer: fake } });
    const grid = screen.getByRole('grid');
    await fireEvent.click(screen.getByRole('button', { name: /^age/ }));
    expect(calls).toHaveLength(1);
    expect(grid.getAttribute('aria-busy')).toBe('true');
    expect(firstColumn()).toEqual(['1', '2', '3', '10']); // nothing to keep yet: as answered
    calls[0]!.resolve(Int32Array.from([3, 1, 0, 2]));
    await vi.waitFor(() => expect(firstColumn()).toEqual(['10', '2', '1', '3']));
    expect(grid.getAttribute('aria-busy')).toBe('false');

    await fireEvent.click(screen.getByRole('button', { name: /^age/ }));
    await fireEvent.click(screen.getByRole('button', { name: /^group/ }));
    expect(calls).toHaveLength(3);
    expect(calls[2]!.args[2]).toEqual({ column: 2, direction: 'ascending' });
    calls[1]!.resolve(SUPERSEDED);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(firstColumn()).toEqual(['10', '2', '1', '3']); // still the last answer shown
    expect(grid.getAttribute('aria-busy')).toBe('true');
    calls[2]!.resolve(Int32Array.from([0, 2, 1, 3]));
    await vi.waitFor(() => expect(firstColumn()).toEqual(['1', '3', '2', '10']));

    // A worker that fails hands over to the page: the same sort, computed here.
    await fireEvent.click(screen.getByRole('button', { name: /^age/ }));
    calls[3]!.reject(new Error('The table worker could not run.'));
    await vi.waitFor(() => expect(firstColumn()).toEqual(['2', '1', '10', '3']));
  });
});
