import { renderTable, respond } from '../wire/render.ts';
import { formNames } from '../store/dictionary.ts';
import { findEvent, formsOfEvent, isLongitudinal } from '../store/longitudinal.ts';
import type { RepeatingForm } from '../store/types.ts';
import { requireDevelopment, structureRows } from './longitudinal.ts';
import { badRequest, DESIGN_RIGHT, type Route } from '../wire/route.ts';

/**
 * Export Repeating Instruments and Events (§2.14): `form_name`, `custom_form_label` per
 * repeating instrument, led by `event_name` in a longitudinal project (a whole repeating event
 * has a blank `form_name`); none → an empty list.
 */
export const exportRepeatingFormsEvents: Route = {
  right: 'export',
  handle(ctx) {
    const format = ctx.format === 'odm' ? 'xml' : ctx.format;
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
 * that event, not both kinds on one event. The answer is the number of rows.
 */
export const importRepeatingFormsEvents: Route = {
  right: 'import',
  module: DESIGN_RIGHT,
  handle(ctx) {
    const { project } = ctx;
    requireDevelopment(project);
    const rows = structureRows(ctx);
    const longitudinal = isLongitudinal(project);
    const forms = new Set(formNames(project));
    const problems: string[] = [];
    const setup: RepeatingForm[] = [];
    const seen = new Map<string, Set<string>>();
    rows.forEach((row, i) => {
      const at = `Row ${i + 1}:`;
      const event = row['event_name'] ?? '';
      const form = row['form_name'] ?? '';
      const label = row['custom_form_label'] ?? '';
      if (!longitudinal) {
        if (event !== '') problems.push(`${at} event_name must be blank in a classic project`);
        if (!forms.has(form)) problems.push(`${at} form_name "${form}" is not an instrument`);
      } else if (!findEvent(project, event)) {
        problems.push(`${at} event_name "${event}" is not an event of this project`);
      } else if (form !== '' && !formsOfEvent(project, event).includes(form)) {
        problems.push(`${at} form_name "${form}" is not designated for the event "${event}"`);
      }
      const forms_ = seen.get(event) ?? new Set<string>();
      seen.set(event, forms_);
      if (forms_.has(form)) problems.push(`${at} the row repeats an earlier one`);
      else if (longitudinal && (form === '' ? forms_.size > 0 : forms_.has(''))) {
        problems.push(
          `${at} the event "${event}" cannot repeat as a whole and have repeating instruments`,
        );
      }
      forms_.add(form);
      setup.push(
        longitudinal
          ? { event_name: event, form_name: form, custom_form_label: form === '' ? '' : label }
          : { form_name: form, custom_form_label: label },
      );
    });
    if (problems.length > 0) throw badRequest(problems.join('\n'));
    project.repeating = setup;
    project.info.has_repeating_instruments_or_events = setup.length > 0 ? 1 : 0;
    ctx.log('Manage/Design', `Import repeating instruments and events ${ctx.apiTag}`);
    return respond(200, ctx.returnFormat, String(rows.length));
  },
};
