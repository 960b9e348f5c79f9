import { LOG_TYPES, type LogType } from '../../src/lib/methods/log-types.ts';
import type { LogRow, ProjectData } from './types.ts';

export { LOG_TYPES };

/**
 * Export Logging's filters (§2.18): which of the project's log rows a request sees. The kinds of
 * `logtype` are REDCap's; each is recognised by the action text the mock writes.
 */

const KINDS: Readonly<Record<Exclude<LogType, 'record'>, RegExp>> = {
  export: /^Data Export/,
  manage: /^Manage\/Design/,
  user: /^(Add|Edit|Delete|Assign) user|role/i,
  record_add: /^Create record/,
  record_edit: /^(Update record|Upload document|Delete uploaded document|Rename Record)/,
  record_delete: /^Delete record/,
  lock_record: /^(Lock|Unlock|E-signature)/,
  page_view: /^Page view/,
};

function ofType(row: LogRow, type: LogType): boolean {
  if (type === 'record') {
    return ['record_add', 'record_edit', 'record_delete'].some((t) =>
      KINDS[t as keyof typeof KINDS].test(row.action),
    );
  }
  return KINDS[type].test(row.action);
}

export interface LogFilter {
  /** '' for every kind. */
  readonly type: LogType | '';
  /** '' for anyone / any record / any DAG. */
  readonly user: string;
  readonly record: string;
  readonly dag: string;
  /** Log timestamps (`YYYY-MM-DD HH:MM:SS`), inclusive, or null. */
  readonly begin: string | null;
  readonly end: string | null;
}

/** The rows the filter keeps, newest first; `dag` keeps rows of the DAG's records. */
export function filterLog(project: ProjectData, filter: LogFilter): LogRow[] {
  const { type, user, record, dag, begin, end } = filter;
  const inDag =
    dag === '' ? null : new Set(project.records.filter((r) => r.dag === dag).map((r) => r.id));
  return project.log
    .filter(
      (row) =>
        (type === '' || ofType(row, type)) &&
        (user === '' || row.username === user) &&
        (record === '' || row.record === record) &&
        (inDag === null || inDag.has(row.record)) &&
        (begin === null || row.timestamp >= begin) &&
        (end === null || row.timestamp <= end),
    )
    .reverse();
}
