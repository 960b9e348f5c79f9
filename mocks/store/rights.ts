import type { UserRights } from './types.ts';

/**
 * Rights builders: a project's creator has REDCap's default creator rights (PyCap's
 * export_users doctest, from a real server: everything but email_logging,
 * lock_records_customization and mobile_app_download_data; lock_records 1); other users are
 * built from it.
 */

export function fullRights(forms: readonly string[]): UserRights {
  return {
    design: 1,
    alerts: 1,
    user_rights: 1,
    data_access_groups: 1,
    reports: 1,
    stats_and_charts: 1,
    manage_survey_participants: 1,
    calendar: 1,
    data_import_tool: 1,
    data_comparison_tool: 1,
    logging: 1,
    email_logging: 0,
    file_repository: 1,
    data_quality_create: 1,
    data_quality_execute: 1,
    api_export: 1,
    api_import: 1,
    api_modules: 1,
    mobile_app: 1,
    mobile_app_download_data: 0,
    record_create: 1,
    record_rename: 1,
    record_delete: 1,
    lock_records_all_forms: 1,
    lock_records: 1,
    lock_records_customization: 0,
    random_setup: 1,
    random_dashboard: 1,
    random_perform: 1,
    forms: Object.fromEntries(forms.map((f) => [f, 1])),
    forms_export: Object.fromEntries(forms.map((f) => [f, 1])),
  };
}

/** Full rights with some changed, e.g. `withRights(forms, { api_import: 0 })` for export-only. */
export function withRights(forms: readonly string[], changes: Partial<UserRights>): UserRights {
  return { ...fullRights(forms), ...changes };
}

/** True when every instrument's data export right is "No Access" (§1.8). */
export function hasNoExportAccess(rights: UserRights): boolean {
  const levels = Object.values(rights.forms_export);
  return levels.length > 0 && levels.every((level) => level === 0);
}

/** REDCap's 403 for a user whose data export right is "No Access" (§2.3). */
export const NO_EXPORT_ACCESS =
  'The API request cannot complete because currently you have "No Access" data export rights. Higher level data export rights are required for this operation.';
