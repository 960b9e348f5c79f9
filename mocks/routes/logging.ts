import { payloadFormat, renderTable, respond } from '../wire/render.ts';
import { filterLog, LOG_TYPES } from '../store/logging.ts';
import { paramsOf } from '../wire/params.ts';
import { timeBound } from '../wire/record-select.ts';
import type { Route } from '../wire/route.ts';

/**
 * Export Logging (§2.18): the project's log, newest first, as `timestamp` (to the minute),
 * `username`, `action`, `details`, `record`; filtered by kind (`logtype`), user, record, DAG
 * and time (`store/logging.ts`). Needs the Logging right.
 */

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
    const rows = filterLog(project, { type, user, record, dag, begin, end }).map((row) => ({
      ...row,
      timestamp: row.timestamp.slice(0, 16),
    }));
    ctx.log('Manage/Design', `Export Logging ${ctx.apiTag}`);
    return respond(200, format, renderTable(COLUMNS, rows, format));
  },
};
