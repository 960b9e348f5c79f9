import type { DataColumn } from '../store/dictionary.ts';
import type { CellOptions } from './record-export.ts';
import type { Cell } from './render.ts';

/**
 * Export Records' combineCheckboxOptions (§2.3; REDCap reads `1` or `true`, anything else is
 * false): each checkbox field's `field___code` columns become one column named after the field,
 * holding the checked options in choice order, codes joined by `,` (raw) or labels by `, `
 * (rawOrLabel=label), blank when none is checked. Flat exports only (mocks/README.md).
 */
export function combineCheckboxColumns(
  names: string[],
  rows: Cell[][],
  headers: string[],
  columns: readonly DataColumn[],
  options: CellOptions,
): void {
  const byName = new Map<
    string,
    { field: string; fieldLabel: string; code: string; label: string }
  >();
  for (const column of columns) {
    if (column.kind !== 'checkbox') continue;
    byName.set(column.name, {
      field: column.field.field_name,
      fieldLabel: column.field.field_label,
      code: column.choice.code,
      label: column.choice.label,
    });
  }
  // How a checked option was written: 1 (raw), Checked, or its label (exportCheckboxLabel).
  const checked = (cell: Cell): boolean =>
    !options.label ? cell === '1' : options.checkboxLabel ? cell !== '' : cell === 'Checked';
  const separator = options.label ? ', ' : ',';
  // Runs of one field's option columns, found first, merged from the last so indexes hold.
  const runs: { start: number; end: number; field: string; fieldLabel: string }[] = [];
  for (let i = 0; i < names.length;) {
    const first = byName.get(names[i]!);
    if (!first) {
      i += 1;
      continue;
    }
    let end = i + 1;
    while (end < names.length && byName.get(names[end]!)?.field === first.field) end += 1;
    runs.push({ start: i, end, field: first.field, fieldLabel: first.fieldLabel });
    i = end;
  }
  for (const run of runs.reverse()) {
    const members = names.slice(run.start, run.end).map((n) => byName.get(n)!);
    const width = run.end - run.start;
    names.splice(run.start, width, run.field);
    headers.splice(run.start, width, run.fieldLabel);
    for (const row of rows) {
      const cells = row.slice(run.start, run.end);
      const value = members
        .filter((_, k) => checked(cells[k] ?? ''))
        .map((m) => (options.label ? m.label : m.code))
        .join(separator);
      row.splice(run.start, width, value);
    }
  }
}
