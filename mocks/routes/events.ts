import { scalarField } from '../../src/lib/redcap/decode.ts';
import { DEFAULT_400, renderMatrix, respond, type Cell, type Format } from '../wire/render.ts';
import { formNames } from '../store/dictionary.ts';
import {
  armsOf,
  eventsOf,
  findEvent,
  isLongitudinal,
  mappingsOf,
  orderedEvents,
  removeEvents,
  uniqueEventName,
} from '../store/longitudinal.ts';
import type { ProjectData, ProjectEvent } from '../store/types.ts';
import { readImportData, type Cells } from '../wire/import-data.ts';
import { csvDelimiter, flag, invalidValues, listParam, requiredNameList } from '../wire/params.ts';
import { badRequest, DESIGN_RIGHT, type Route, type RouteContext } from '../wire/route.ts';

/**
 * Arms (§2.12), events (§2.13) and instrument-event mappings (§2.11). Classic projects answer
 * REDCap's 400 for the exports (§1.8; REDCapR's redcap_delete asks for arms first and reads
 * this text) and the mock's analogous texts for imports and deletes. Structure changes need
 * Project Design and development status (§2.1 notes).
 */

export const IN_DEVELOPMENT_ONLY =
  'The project structure (arms, events, instrument-event mappings, repeating setup) can only be changed while the project is in Development status';

const POSITIVE = /^[1-9]\d*$/;

function requireLongitudinal(ctx: RouteContext, verb: string, what: string): ProjectData {
  if (!isLongitudinal(ctx.project)) {
    throw badRequest(`You cannot ${verb} ${what} for classic projects`);
  }
  return ctx.project;
}

/** Structure writes: design right (route module), development status. */
export function requireDevelopment(project: ProjectData): void {
  if (project.info.in_production === 1) throw badRequest(IN_DEVELOPMENT_ONLY);
}

/** The format of a structure export (odm has no meaning here: xml). */
const exportFormat = (ctx: RouteContext): Format => (ctx.format === 'odm' ? 'xml' : ctx.format);

/** `data` rows of a structure import, as objects of trimmed strings. */
export function structureRows(ctx: RouteContext): Record<string, string>[] {
  const format = exportFormat(ctx);
  const rows = readImportData(
    scalarField(ctx.fields, 'data') ?? '',
    format,
    csvDelimiter(ctx.fields),
  );
  return rows.map((cells: Cells) => {
    const row: Record<string, string> = {};
    for (const [name, value] of cells) row[name] = value.trim();
    return row;
  });
}

/** Problems found in `data`, one per line; nothing changes when there is one. */
function fail(problems: readonly string[]): void {
  if (problems.length > 0) throw badRequest(problems.join('\n'));
}

/** The `arms` filter of the exports: arm numbers of the project (array parameter, §1.4). */
function armFilter(ctx: RouteContext, project: ProjectData): Set<number> | null {
  const wanted = listParam(ctx.fields, 'arms');
  if (wanted.length === 0) return null;
  const known = new Set(armsOf(project).map((a) => String(a.arm_num)));
  const unknown = wanted.filter((a) => !known.has(a));
  if (unknown.length > 0) throw invalidValues('arms', unknown);
  return new Set(wanted.map(Number));
}

const count = (ctx: RouteContext, n: number) => respond(200, ctx.returnFormat, String(n));

export const exportArms: Route = {
  right: 'export',
  handle(ctx) {
    const project = requireLongitudinal(ctx, 'export', 'arms');
    const filter = armFilter(ctx, project);
    const rows: Cell[][] = [...armsOf(project)]
      .sort((a, b) => a.arm_num - b.arm_num)
      .filter((a) => !filter || filter.has(a.arm_num))
      .map((a) => [a.arm_num, a.name]);
    const format = exportFormat(ctx);
    ctx.log('Manage/Design', `Export arms ${ctx.apiTag}`);
    return respond(200, format, renderMatrix(['arm_num', 'name'], rows, format));
  },
};

export const importArms: Route = {
  right: 'import',
  module: DESIGN_RIGHT,
  handle(ctx) {
    const project = requireLongitudinal(ctx, 'import', 'arms');
    requireDevelopment(project);
    const rows = structureRows(ctx);
    if (rows.length === 0) throw badRequest(DEFAULT_400);
    const problems: string[] = [];
    rows.forEach((row, i) => {
      if (!POSITIVE.test(row['arm_num'] ?? '')) {
        problems.push(`Row ${i + 1}: arm_num must be a whole number of 1 or more`);
      }
      if ((row['name'] ?? '') === '') problems.push(`Row ${i + 1}: the arm name cannot be empty`);
    });
    fail(problems);
    if (flag(ctx.fields, 'override')) {
      removeEvents(project, new Set(eventsOf(project).map((e) => e.unique_event_name)));
      project.arms = [];
    }
    const arms = armsOf(project);
    for (const row of rows) {
      const num = Number(row['arm_num']);
      const existing = arms.find((a) => a.arm_num === num);
      if (existing) existing.name = row['name']!;
      else arms.push({ arm_num: num, name: row['name']! });
    }
    arms.sort((a, b) => a.arm_num - b.arm_num);
    ctx.log('Manage/Design', `Import arms ${ctx.apiTag}`);
    return count(ctx, rows.length);
  },
};

export const deleteArms: Route = {
  right: 'delete',
  module: DESIGN_RIGHT,
  handle(ctx) {
    const project = requireLongitudinal(ctx, 'delete', 'arms');
    requireDevelopment(project);
    const known = new Set(armsOf(project).map((a) => String(a.arm_num)));
    const arms = new Set(requiredNameList(ctx.fields, 'arms', (v) => known.has(v)).map(Number));
    removeEvents(
      project,
      new Set(
        eventsOf(project)
          .filter((e) => arms.has(e.arm_num))
          .map((e) => e.unique_event_name),
      ),
    );
    project.arms = armsOf(project).filter((a) => !arms.has(a.arm_num));
    ctx.log('Manage/Design', `Delete arms ${ctx.apiTag}`);
    return count(ctx, arms.size);
  },
};

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

/** A day offset of Import Events: a number, 0 when not given or not a number. */
const offset = (row: Readonly<Record<string, string>>, key: string): number => {
  const n = Number(row[key] ?? '');
  return (row[key] ?? '').trim() !== '' && Number.isFinite(n) ? n : 0;
};

export const exportEvents: Route = {
  right: 'export',
  handle(ctx) {
    const project = requireLongitudinal(ctx, 'export', 'events');
    const filter = armFilter(ctx, project);
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
    const format = exportFormat(ctx);
    ctx.log('Manage/Design', `Export events ${ctx.apiTag}`);
    const columns = scheduling ? SCHEDULED_EVENT_COLUMNS : EVENT_COLUMNS;
    return respond(200, format, renderMatrix(columns, rows, format));
  },
};

export const importEvents: Route = {
  right: 'import',
  module: DESIGN_RIGHT,
  handle(ctx) {
    const project = requireLongitudinal(ctx, 'import', 'events');
    requireDevelopment(project);
    const rows = structureRows(ctx);
    if (rows.length === 0) throw badRequest(DEFAULT_400);
    const override = flag(ctx.fields, 'override');
    const arms = new Set(armsOf(project).map((a) => a.arm_num));
    const problems: string[] = [];
    rows.forEach((row, i) => {
      const arm = row['arm_num'] ?? '';
      if ((row['event_name'] ?? '') === '') {
        problems.push(`Row ${i + 1}: the event name cannot be empty`);
      }
      if (!POSITIVE.test(arm) || !arms.has(Number(arm))) {
        problems.push(`Row ${i + 1}: arm_num "${arm}" is not an arm of this project`);
      }
      const unique = row['unique_event_name'] ?? '';
      if (unique !== '' && !override) {
        const existing = findEvent(project, unique);
        if (!existing) {
          problems.push(
            `Row ${i + 1}: unique_event_name "${unique}" is not an event of this project`,
          );
        } else if (POSITIVE.test(arm) && existing.arm_num !== Number(arm)) {
          problems.push(`Row ${i + 1}: the event "${unique}" belongs to arm ${existing.arm_num}`);
        }
      }
    });
    fail(problems);
    if (override) removeEvents(project, new Set(eventsOf(project).map((e) => e.unique_event_name)));
    const events = eventsOf(project);
    for (const row of rows) {
      const unique = override ? '' : (row['unique_event_name'] ?? '');
      const existing = unique === '' ? undefined : findEvent(project, unique);
      if (existing) {
        existing.event_name = row['event_name']!;
        if ('custom_event_label' in row) existing.custom_event_label = row['custom_event_label']!;
        for (const key of ['day_offset', 'offset_min', 'offset_max'] as const) {
          if (key in row) existing[key] = offset(row, key);
        }
        continue;
      }
      const arm = Number(row['arm_num']);
      const taken = new Set(events.map((e) => e.unique_event_name));
      const created: ProjectEvent = {
        event_id: project.nextEventId ?? Math.max(0, ...events.map((e) => e.event_id)) + 1,
        arm_num: arm,
        event_name: row['event_name']!,
        unique_event_name: uniqueEventName(row['event_name']!, arm, taken),
        custom_event_label: row['custom_event_label'] ?? '',
        day_offset: offset(row, 'day_offset'),
        offset_min: offset(row, 'offset_min'),
        offset_max: offset(row, 'offset_max'),
      };
      project.nextEventId = created.event_id + 1;
      events.push(created);
    }
    project.events = orderedEvents(project);
    ctx.log('Manage/Design', `Import events ${ctx.apiTag}`);
    return count(ctx, rows.length);
  },
};

export const deleteEvents: Route = {
  right: 'delete',
  module: DESIGN_RIGHT,
  handle(ctx) {
    const project = requireLongitudinal(ctx, 'delete', 'events');
    requireDevelopment(project);
    const known = new Set(eventsOf(project).map((e) => e.unique_event_name));
    const events = requiredNameList(ctx.fields, 'events', (v) => known.has(v));
    removeEvents(project, new Set(events));
    ctx.log('Manage/Design', `Delete events ${ctx.apiTag}`);
    return count(ctx, events.length);
  },
};

export const exportFormEventMappings: Route = {
  right: 'export',
  handle(ctx) {
    const project = requireLongitudinal(ctx, 'export', 'form/event mappings');
    const filter = armFilter(ctx, project);
    const forms = formNames(project);
    const rows: Cell[][] = [];
    for (const e of orderedEvents(project)) {
      if (filter && !filter.has(e.arm_num)) continue;
      const mapped = new Set(
        mappingsOf(project)
          .filter((m) => m.unique_event_name === e.unique_event_name)
          .map((m) => m.form),
      );
      for (const form of forms)
        if (mapped.has(form)) rows.push([e.arm_num, e.unique_event_name, form]);
    }
    const format = exportFormat(ctx);
    ctx.log('Manage/Design', `Export instrument-event mappings ${ctx.apiTag}`);
    return respond(
      200,
      format,
      renderMatrix(['arm_num', 'unique_event_name', 'form'], rows, format),
    );
  },
};

/** Replaces every designation with the rows sent (§2.11); data on undesignated forms stays. */
export const importFormEventMappings: Route = {
  right: 'import',
  module: DESIGN_RIGHT,
  handle(ctx) {
    const project = requireLongitudinal(ctx, 'import', 'form/event mappings');
    requireDevelopment(project);
    const rows = structureRows(ctx);
    if (rows.length === 0) throw badRequest(DEFAULT_400);
    const forms = new Set(formNames(project));
    const problems: string[] = [];
    rows.forEach((row, i) => {
      const unique = row['unique_event_name'] ?? '';
      const event = findEvent(project, unique);
      const arm = row['arm_num'] ?? '';
      if (!event) {
        problems.push(
          `Row ${i + 1}: unique_event_name "${unique}" is not an event of this project`,
        );
      } else if (arm !== '' && arm !== String(event.arm_num)) {
        problems.push(`Row ${i + 1}: the event "${unique}" belongs to arm ${event.arm_num}`);
      }
      const form = row['form'] ?? '';
      if (!forms.has(form)) problems.push(`Row ${i + 1}: form "${form}" is not an instrument`);
    });
    fail(problems);
    const seen = new Set<string>();
    project.formEvents = [];
    for (const row of rows) {
      const key = `${row['unique_event_name']}\u0000${row['form']}`;
      if (seen.has(key)) continue;
      seen.add(key);
      project.formEvents.push({ unique_event_name: row['unique_event_name']!, form: row['form']! });
    }
    ctx.log('Manage/Design', `Import instrument-event mappings ${ctx.apiTag}`);
    return count(ctx, rows.length);
  },
};
