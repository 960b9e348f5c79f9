import type { Dag, ProjectData, ProjectUser, StoredRecord, UserRole, UserRights } from './types.ts';

/** Data access groups and roles (§2.15, §2.24): lookups and what a user may see. */

export function dagsOf(project: ProjectData): Dag[] {
  return (project.dags ??= []);
}

export function rolesOf(project: ProjectData): UserRole[] {
  return (project.roles ??= []);
}

export function findDag(project: ProjectData, unique: string): Dag | undefined {
  return dagsOf(project).find((d) => d.unique_group_name === unique);
}

export function findRole(project: ProjectData, unique: string): UserRole | undefined {
  return rolesOf(project).find((r) => r.unique_role_name === unique);
}

/** True when the record is one the user may see: every record, or those of the user's DAG. */
export function canSeeRecord(user: ProjectUser, record: StoredRecord): boolean {
  return user.data_access_group === '' || record.dag === user.data_access_group;
}

/** The records a user may see (§2.3: "DAG-restricted users only get records in their DAG"). */
export function visibleRecords<T extends StoredRecord>(
  user: ProjectUser,
  records: readonly T[],
): T[] {
  return user.data_access_group === ''
    ? [...records]
    : records.filter((r) => canSeeRecord(user, r));
}

/** Every right at 0 and no form access: where new users and roles start (the mock's choice). */
export function noRights(forms: readonly string[]): UserRights {
  return {
    design: 0,
    alerts: 0,
    user_rights: 0,
    data_access_groups: 0,
    reports: 0,
    stats_and_charts: 0,
    manage_survey_participants: 0,
    calendar: 0,
    data_import_tool: 0,
    data_comparison_tool: 0,
    logging: 0,
    email_logging: 0,
    file_repository: 0,
    data_quality_create: 0,
    data_quality_execute: 0,
    api_export: 0,
    api_import: 0,
    api_modules: 0,
    mobile_app: 0,
    mobile_app_download_data: 0,
    record_create: 0,
    record_rename: 0,
    record_delete: 0,
    lock_records_all_forms: 0,
    lock_records: 0,
    lock_records_customization: 0,
    random_setup: 0,
    random_dashboard: 0,
    random_perform: 0,
    forms: Object.fromEntries(forms.map((f) => [f, 0])),
    forms_export: Object.fromEntries(forms.map((f) => [f, 0])),
  };
}

/**
 * The unique name REDCap derives from a label: lower case, spaces `_`, every other character
 * that is not a letter, digit or `_` dropped (`dag-a` → `daga`, `New DAG` → `new_dag`), 18
 * characters at most; the mock adds `_2`, `_3`, … when it is taken.
 */
export function uniqueGroupName(label: string, taken: ReadonlySet<string>): string {
  const base =
    label
      .toLowerCase()
      .replace(/ /g, '_')
      .replace(/[^a-z0-9_]/g, '')
      .replace(/^_+|_+$/g, '')
      .slice(0, 18) || 'dag';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const name = `${base.slice(0, 18 - String(n).length - 1)}_${n}`;
    if (!taken.has(name)) return name;
  }
}
