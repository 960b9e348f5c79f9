import { renderMatrix, respond } from '../wire/render.ts';
import { visibleRecords } from '../store/access.ts';
import { isLongitudinal } from '../store/longitudinal.ts';
import { openReport } from '../store/reports.ts';
import { odmUnsupported, paramsOf } from '../wire/params.ts';
import { flatExport, reportColumns, type CellOptions } from '../wire/record-export.ts';
import { longitudinalFlatExport, selectEvents } from '../wire/record-export-longitudinal.ts';
import { selectRecords } from '../wire/record-select.ts';
import type { Route } from '../wire/route.ts';

/**
 * Export Reports (§2.20): the rows of a saved report, flat only (`type` is ignored), with the
 * value options of Export Records (§2.3) and the report's own columns (`reportColumns`) and
 * filter. Who may open which report is the store's (`store/reports.ts`). DAG users get only
 * their DAG's records.
 */

export const exp_reports: Route = {
  right: 'export',
  handle(ctx) {
    const { project, user } = ctx;
    const p = paramsOf(ctx, 'exp_reports');
    const report = openReport(project, user, p.trimmed('report_id'));
    const format = odmUnsupported(ctx);
    const columns = reportColumns(project, report);
    const records = visibleRecords(
      user,
      selectRecords(project, {
        records: [],
        filterLogic: report.filterLogic,
        begin: null,
        end: null,
      }),
    );
    const decimal = p.text('decimalCharacter');
    const options: CellOptions = {
      label: p.choice('rawOrLabel', ['raw', 'label'], 'raw') === 'label',
      checkboxLabel: p.flag('exportCheckboxLabel'),
      blankGray: false,
      decimal: decimal === '.' || decimal === ',' ? decimal : null,
    };
    const { names, rows, headers } = isLongitudinal(project)
      ? longitudinalFlatExport(project, records, selectEvents(project, []), columns, options)
      : flatExport(project, records, columns, options);
    const labelHeaders = p.choice('rawOrLabelHeaders', ['raw', 'label'], 'raw') === 'label';
    const body = renderMatrix(names, rows, format, {
      csvDelimiter: p.csvDelimiter(),
      ...(labelHeaders && { csvHeader: headers }),
    });
    ctx.log('Data export', `Export report ${ctx.apiTag} report_id = ${report.report_id}`);
    return respond(200, format, body);
  },
};
