import { renderObject, respond, type Row } from '../render.ts';
import { PROJECT_INFO_KEYS } from '../store/types.ts';
import type { Route } from './types.ts';

/**
 * Export Project Information (§2.19): one object with the keys in REDCap's order; in JSON the
 * flags are numbers, in CSV/XML everything is text.
 */
export const exportProjectInfo: Route = {
  right: 'export',
  handle(ctx) {
    const format = ctx.format === 'odm' ? 'xml' : ctx.format;
    const { info } = ctx.project;
    const row: Row = Object.fromEntries(PROJECT_INFO_KEYS.map((k) => [k, info[k]]));
    ctx.log('Manage/Design', `Export project information ${ctx.apiTag}`);
    return respond(200, format, renderObject(row, format, 'project'));
  },
};
