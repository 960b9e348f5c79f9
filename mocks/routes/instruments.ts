import { formNames } from '../store/dictionary.ts';
import { armsOf, isLongitudinal, mappingsOf, orderedEvents } from '../store/longitudinal.ts';
import { pdfEvent, pdfRecord } from '../store/pdf.ts';
import { importMappings, requireDevelopment, requireLongitudinal } from '../store/structure.ts';
import { countAnswer } from '../wire/access-data.ts';
import { structureRows } from '../wire/import-data.ts';
import { armFilter, paramsOf, repeatInstanceParam } from '../wire/params.ts';
import { instrumentPdf, PDF_CONTENT_TYPE } from '../wire/pdf.ts';
import {
  DEFAULT_400,
  payloadFormat,
  renderMatrix,
  renderTable,
  respond,
  type Cell,
} from '../wire/render.ts';
import { badRequest, DESIGN_RIGHT, type Route } from '../wire/route.ts';

/** Instruments (§2.11): the list, the PDF, and the instrument-event designations. */

/** Export Instruments (§2.11): `instrument_name`, `instrument_label` in form order. */
export const exp_instr: Route = {
  right: 'export',
  handle(ctx) {
    const format = payloadFormat(ctx.format);
    const columns = ['instrument_name', 'instrument_label'];
    ctx.log('Manage/Design', `Export instruments ${ctx.apiTag}`);
    return respond(200, format, renderTable(columns, ctx.project.instruments, format));
  },
};

/**
 * Export PDF (§2.11): blank instruments, one record's data, or all records, as a real PDF that
 * lists each instrument's fields (labels, choices, and the stored values when there is data).
 */
export const exp_instr_pdf: Route = {
  right: 'export',
  handle(ctx) {
    const { project } = ctx;
    const p = paramsOf(ctx, 'exp_instr_pdf');
    const record = p.text('record') ?? '';
    const form = p.text('instrument') ?? '';
    const stored = pdfRecord(project, ctx.user, form, record);
    const instance = repeatInstanceParam(p);
    const compact = p.flag('compactDisplay');
    // REDCap's script tests allRecords with isset(): any value sent, even "false", counts.
    const all = p.sent('allRecords');
    const event = pdfEvent(project, isLongitudinal(project) && !all ? (p.text('event') ?? '') : '');
    const pdf = instrumentPdf(project, { record, stored, form, instance, compact, all, event });
    ctx.log('Manage/Design', `${pdf.description} ${ctx.apiTag}`, all ? '' : record);
    return { status: 200, headers: { 'content-type': PDF_CONTENT_TYPE }, body: pdf.body };
  },
};

export const exp_inst_event_maps: Route = {
  right: 'export',
  handle(ctx) {
    const { project } = ctx;
    requireLongitudinal(project, 'export', 'form/event mappings');
    const filter = armFilter(paramsOf(ctx, 'exp_inst_event_maps'), armsOf(project));
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
    const format = payloadFormat(ctx.format);
    ctx.log('Manage/Design', `Export instrument-event mappings ${ctx.apiTag}`);
    return respond(
      200,
      format,
      renderMatrix(['arm_num', 'unique_event_name', 'form'], rows, format),
    );
  },
};

/** Replaces every designation with the rows sent (§2.11); data on undesignated forms stays. */
export const imp_inst_event_maps: Route = {
  right: 'import',
  module: DESIGN_RIGHT,
  handle(ctx) {
    const { project } = ctx;
    requireLongitudinal(project, 'import', 'form/event mappings');
    requireDevelopment(project);
    const rows = structureRows(ctx, paramsOf(ctx, 'imp_inst_event_maps'));
    if (rows.length === 0) throw badRequest(DEFAULT_400);
    importMappings(project, rows);
    ctx.log('Manage/Design', `Import instrument-event mappings ${ctx.apiTag}`);
    return countAnswer(ctx, rows.length);
  },
};
