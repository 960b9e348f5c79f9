import { armsOf, eventsOf, orderedEvents, removeEvents } from '../store/longitudinal.ts';
import { importEvents, requireDevelopment, requireLongitudinal } from '../store/structure.ts';
import { countAnswer } from '../wire/access-data.ts';
import { structureRows } from '../wire/import-data.ts';
import { armFilter, paramsOf } from '../wire/params.ts';
import { DEFAULT_400, payloadFormat, renderMatrix, respond, type Cell } from '../wire/render.ts';
import { badRequest, DESIGN_RIGHT, type Route } from '../wire/route.ts';

/**
 * Events (§2.13). Classic projects answer REDCap's 400 for the export (§1.8) and the mock's
 * analogous texts for import and delete. Changes need Project Design and development status
 * (§2.1 notes).
 */

const EVENT_COLUMNS = [
  'event_name',
  'arm_num',
  'unique_event_name',
  'custom_event_label',
  'event_id',
] as const;

const SCHEDULED_EVENT_COLUMNS = [
  'event_name',
  'arm_num',
  'day_offset',
  'offset_min',
  'offset_max',
  'unique_event_name',
  'custom_event_label',
  'event_id',
] as const;

export const exp_events: Route = {
  right: 'export',
  handle(ctx) {
    const { project } = ctx;
    requireLongitudinal(project, 'export', 'events');
    const filter = armFilter(paramsOf(ctx, 'exp_events'), armsOf(project));
    // With scheduling on, REDCap adds the offsets after arm_num.
    const scheduling = project.info.scheduling_enabled === 1;
    const rows: Cell[][] = orderedEvents(project)
      .filter((e) => !filter || filter.has(e.arm_num))
      .map((e) => [
        e.event_name,
        e.arm_num,
        ...(scheduling ? [e.day_offset ?? 0, e.offset_min ?? 0, e.offset_max ?? 0] : []),
        e.unique_event_name,
        e.custom_event_label,
        e.event_id,
      ]);
    const format = payloadFormat(ctx.format);
    ctx.log('Manage/Design', `Export events ${ctx.apiTag}`);
    const columns = scheduling ? SCHEDULED_EVENT_COLUMNS : EVENT_COLUMNS;
    return respond(200, format, renderMatrix(columns, rows, format));
  },
};

export const imp_events: Route = {
  right: 'import',
  module: DESIGN_RIGHT,
  handle(ctx) {
    const { project } = ctx;
    requireLongitudinal(project, 'import', 'events');
    requireDevelopment(project);
    const p = paramsOf(ctx, 'imp_events');
    const rows = structureRows(ctx, p);
    if (rows.length === 0) throw badRequest(DEFAULT_400);
    importEvents(project, rows, p.flag('override'));
    ctx.log('Manage/Design', `Import events ${ctx.apiTag}`);
    return countAnswer(ctx, rows.length);
  },
};

export const del_events: Route = {
  right: 'delete',
  module: DESIGN_RIGHT,
  handle(ctx) {
    const { project } = ctx;
    requireLongitudinal(project, 'delete', 'events');
    requireDevelopment(project);
    const known = new Set(eventsOf(project).map((e) => e.unique_event_name));
    const events = paramsOf(ctx, 'del_events').requiredList('events', (v) => known.has(v));
    removeEvents(project, new Set(events));
    ctx.log('Manage/Design', `Delete events ${ctx.apiTag}`);
    return countAnswer(ctx, events.length);
  },
};
