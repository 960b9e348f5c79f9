import { checkboxExportName, choicesOf, type Choice } from '../../src/lib/choices/choices.ts';
import type { MetadataRow, ProjectData } from './types.ts';

/** Questions about a project's data dictionary, answered the way REDCap does (§3.2, §3.3). */

export const formStatusName = (form: string): string => `${form}_complete`;

/** The first field of the dictionary is the record-id field. */
export function recordIdField(project: ProjectData): string {
  return project.metadata[0]?.field_name ?? 'record_id';
}

export function findField(project: ProjectData, name: string): MetadataRow | undefined {
  return project.metadata.find((f) => f.field_name === name);
}

/** Descriptive fields display text and store nothing. */
export function isDataField(field: MetadataRow): boolean {
  return field.field_type !== 'descriptive';
}

/** Instruments that repeat (§2.14). */
export function repeatingForms(project: ProjectData): Set<string> {
  return new Set(project.repeating.map((r) => r.form_name).filter((f) => f !== ''));
}

export function formNames(project: ProjectData): string[] {
  return project.instruments.map((i) => i.instrument_name);
}

export function fieldsOfForm(project: ProjectData, form: string): MetadataRow[] {
  return project.metadata.filter((f) => f.form_name === form);
}

export function fieldChoices(field: MetadataRow): readonly Choice[] | null {
  return choicesOf(field.field_type, field.select_choices_or_calculations);
}

export const FORM_STATUS_CHOICES: readonly Choice[] = [
  { code: '0', label: 'Incomplete' },
  { code: '1', label: 'Unverified' },
  { code: '2', label: 'Complete' },
];

/** What an export or import column stands for. */
export type DataColumn =
  | { readonly kind: 'value'; readonly name: string; readonly field: MetadataRow }
  | {
      readonly kind: 'checkbox';
      readonly name: string;
      readonly field: MetadataRow;
      readonly choice: Choice;
    }
  | { readonly kind: 'status'; readonly name: string; readonly form: string };

/** The data columns of one field: checkbox options expand to `field___code` (§3.3). */
export function columnsOfField(field: MetadataRow): DataColumn[] {
  if (!isDataField(field)) return [];
  if (field.field_type === 'checkbox') {
    return (fieldChoices(field) ?? []).map((choice) => ({
      kind: 'checkbox',
      name: checkboxExportName(field.field_name, choice.code),
      field,
      choice,
    }));
  }
  return [{ kind: 'value', name: field.field_name, field }];
}

/** Every data column of the project in export order: each form's fields, then its status. */
export function allDataColumns(project: ProjectData): DataColumn[] {
  const columns: DataColumn[] = [];
  for (const form of formNames(project)) {
    for (const field of fieldsOfForm(project, form)) columns.push(...columnsOfField(field));
    columns.push({ kind: 'status', name: formStatusName(form), form });
  }
  return columns;
}

/** The form a column belongs to. */
export function formOf(column: DataColumn): string {
  return column.kind === 'status' ? column.form : column.field.form_name;
}

/** Every data column by the name imports and exports spell it. */
export function columnsByName(project: ProjectData): Map<string, DataColumn> {
  return new Map(allDataColumns(project).map((c) => [c.name, c]));
}
