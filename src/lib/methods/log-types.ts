/** Export Logging's `logtype` values (§2.18): the catalog offers them, the mock filters by them. */
export const LOG_TYPES = [
  'export',
  'manage',
  'user',
  'record',
  'record_add',
  'record_edit',
  'record_delete',
  'lock_record',
  'page_view',
] as const;
export type LogType = (typeof LOG_TYPES)[number];
