import { renderTable, respond } from '../render.ts';
import type { Route } from './types.ts';

/**
 * Export Repeating Instruments and Events (§2.14): `form_name`, `custom_form_label` per
 * repeating instrument (a classic project has no `event_name` column); none → an empty list.
 */
export const exportRepeatingFormsEvents: Route = {
  right: 'export',
  handle(ctx) {
    const format = ctx.format === 'odm' ? 'xml' : ctx.format;
    const columns = ['form_name', 'custom_form_label'];
    ctx.log('Manage/Design', `Export repeating instruments and events ${ctx.apiTag}`);
    return respond(200, format, renderTable(columns, ctx.project.repeating, format));
  },
};
