import { renderTable, respond } from '../wire/render.ts';
import type { Route } from '../wire/route.ts';

/** Export Instruments (§2.11): `instrument_name`, `instrument_label` in form order. */
export const exportInstruments: Route = {
  right: 'export',
  handle(ctx) {
    const format = ctx.format === 'odm' ? 'xml' : ctx.format;
    const columns = ['instrument_name', 'instrument_label'];
    ctx.log('Manage/Design', `Export instruments ${ctx.apiTag}`);
    return respond(200, format, renderTable(columns, ctx.project.instruments, format));
  },
};
