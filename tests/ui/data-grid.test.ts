import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { buildProjectModel } from '../../src/lib/project/model.ts';
import { tableLabels } from '../../src/lib/table/labels.ts';
import type { TableData } from '../../src/lib/table/types.ts';
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
