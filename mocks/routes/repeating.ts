import { payloadFormat, renderTable, respond } from '../wire/render.ts';
import { isLongitudinal } from '../store/longitudinal.ts';
import { importRepeating, requireDevelopment } from '../store/structure.ts';
import { structureRows } from '../wire/import-data.ts';
import { paramsOf } from '../wire/params.ts';
import { DESIGN_RIGHT, type Route } from '../wire/route.ts';

/**
 * Export Repeating Instruments and Events (§2.14): `form_name`, `custom_form_label` per
 * repeating instrument, led by `event_name` in a longitudinal project (a whole repeating event
 * has a blank `form_name`); none → an empty list.
 */
export const exp_repeating_forms_events: Route = {
  right: 'export',
  handle(ctx) {
    const format = payloadFormat(ctx.format);
    const columns = isLongitudinal(ctx.project)
      ? ['event_name', 'form_name', 'custom_form_label']
      : ['form_name', 'custom_form_label'];
    ctx.log('Manage/Design', `Export repeating instruments and events ${ctx.apiTag}`);
    // A label with spaces stays bare: PHPCap's tests/integration/RepeatingTest.php expects
    // `weight,[weight_date] [weight_time]` from a real server.
    const body = renderTable(columns, ctx.project.repeating, format, { csvMinimalQuotes: true });
    return respond(200, format, body);
  },
};

/**
 * Import Repeating Instruments and Events (§2.14): the rows replace the whole setup. Classic:
 * `form_name` must be an instrument and `event_name` absent or blank. Longitudinal:
 * `event_name` an event, `form_name` blank (the whole event repeats) or a form designated for
 * that event, not both kinds on one event (`store/structure.ts`). The answer is the number of
 * rows.
 */
export const imp_repeating_forms_events: Route = {
  right: 'import',
  module: DESIGN_RIGHT,
  handle(ctx) {
    const { project } = ctx;
    requireDevelopment(project);
    const rows = structureRows(ctx, paramsOf(ctx, 'imp_repeating_forms_events'));
    importRepeating(project, rows);
    ctx.log('Manage/Design', `Import repeating instruments and events ${ctx.apiTag}`);
    return respond(200, ctx.returnFormat, String(rows.length));
  },
};
