import { formNames } from '../store/dictionary.ts';
import { rightKeys, type PlainRight } from '../store/users.ts';
import type { ProjectData, UserRights } from '../store/types.ts';
import { renderTable, type Format, type Row } from './render.ts';

/** Users' and roles' rights as Export Users and Export User Roles write them (§2.23, §2.24). */

/**
 * Export User Roles orders the locking rights differently from Export Users (PyCap's
 * export_user_roles doctest: `record_delete`, `lock_records_customization`, `lock_records`, …).
 */
export function roleRightKeys(project: ProjectData): PlainRight[] {
  const lock = ['lock_records_customization', 'lock_records', 'lock_records_all_forms'] as const;
  const rest = rightKeys(project).filter((k) => !(lock as readonly string[]).includes(k));
  const at = rest.indexOf('record_delete') + 1;
  return [...rest.slice(0, at), ...lock, ...rest.slice(at)];
}

/** `forms` / `forms_export` per instrument, in instrument order. */
function levels(project: ProjectData, map: Record<string, number>): [string, number][] {
  return formNames(project).map((f) => [f, map[f] ?? 0]);
}

/**
 * A list of objects: JSON keeps numbers and the forms objects as built; CSV and XML get text,
 * forms as `form:1,form2:0`.
 */
export function renderAccess(
  columns: readonly string[],
  rows: readonly Record<string, string | number | Record<string, string | number>>[],
  format: Format,
): string {
  if (format === 'json') return JSON.stringify(rows);
  const flat: Row[] = rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([k, v]) => [
        k,
        typeof v === 'object'
          ? Object.entries(v)
              .map(([f, n]) => `${f}:${n}`)
              .join(',')
          : v,
      ]),
    ),
  );
  return renderTable(columns, flat, format);
}

/** Rights as Export Users (numbers) or Export User Roles (text) gives them; forms as numbers. */
export function rightsObject(
  project: ProjectData,
  rights: UserRights,
  asText: boolean,
): Record<string, string | number | Record<string, string | number>> {
  const out: Record<string, string | number | Record<string, string | number>> = {};
  const keys = asText ? roleRightKeys(project) : rightKeys(project);
  for (const key of keys) out[key] = asText ? String(rights[key]) : rights[key];
  for (const key of ['forms', 'forms_export'] as const) {
    out[key] = Object.fromEntries(levels(project, rights[key]));
  }
  return out;
}
