import { payloadFormat, renderTable, respond } from '../wire/render.ts';
import type { LogRow } from '../store/types.ts';
import { paramsOf } from '../wire/params.ts';
import { timeBound } from '../wire/record-select.ts';
import type { Route } from '../wire/route.ts';

/**
 * Export Logging (§2.18): the project's log, newest first, as `timestamp` (to the minute),
 * `username`, `action`, `details`, `record`; filtered by kind (`logtype`), user, record, DAG
 * and time. Needs the Logging right.
 */

const LOG_TYPES = [
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
type LogType = (typeof LOG_TYPES)[number];

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

const COLUMNS = ['timestamp', 'username', 'action', 'details', 'record'] as const;

export const exp_logging: Route = {
  right: 'export',
  module: { right: 'logging', message: 'You do not have Logging privileges' },
  handle(ctx) {
    const format = payloadFormat(ctx.format);
    const p = paramsOf(ctx, 'exp_logging');
    const { project } = ctx;
    const type = p.choice('logtype', [...LOG_TYPES, ''], '');
    const user = p.text('user') ?? '';
    const record = p.text('record') ?? '';
    const dag = p.text('dag') ?? '';
    const begin = timeBound(p, 'beginTime', false);
    const end = timeBound(p, 'endTime', true);
    const inDag =
      dag === '' ? null : new Set(project.records.filter((r) => r.dag === dag).map((r) => r.id));
    const rows = project.log
      .filter(
        (row) =>
          (type === '' || ofType(row, type)) &&
          (user === '' || row.username === user) &&
          (record === '' || row.record === record) &&
          (inDag === null || inDag.has(row.record)) &&
          (begin === null || row.timestamp >= begin) &&
          (end === null || row.timestamp <= end),
      )
      .reverse()
      .map((row) => ({ ...row, timestamp: row.timestamp.slice(0, 16) }));
    ctx.log('Manage/Design', `Export Logging ${ctx.apiTag}`);
    return respond(200, format, renderTable(COLUMNS, rows, format));
  },
};
