import { renderMatrix, respond } from '../wire/render.ts';
import { visibleRecords } from '../store/access.ts';
import {
  findField,
  formNames,
  formStatusName,
  recordIdField,
  type DataColumn,
} from '../store/dictionary.ts';
import { isLongitudinal } from '../store/longitudinal.ts';
import { hasNoExportAccess, NO_EXPORT_ACCESS } from '../store/rights.ts';
import type { ProjectData, Report } from '../store/types.ts';
import { odmUnsupported, paramsOf } from '../wire/params.ts';
import { flatExport, selectColumns, type CellOptions } from '../wire/record-export.ts';
import { longitudinalFlatExport, selectEvents } from '../wire/record-export-longitudinal.ts';
import { selectRecords } from '../wire/record-select.ts';
import { ApiError, badRequest, type Route } from '../wire/route.ts';

/**
 * Export Reports (§2.20): the rows of a saved report, flat only (`type` is ignored), with the
 * value options of Export Records (§2.3) and the report's own columns and filter. DAG users
 * get only their DAG's records.
 */

/** 403 for an id that is not one of the project's reports (text seen on a live server). */
const notThisProject = (id: string) =>
  new ApiError(
    403,
    `The API request cannot complete because report_id=${id} does not belong to this project.`,
  );

/** 403 for a report whose user access leaves the token's user out (the mock's words). */
const noReportAccess = (id: number) =>
  new ApiError(
    403,
    `The API request cannot complete because you do not have access to report_id=${id}.`,
  );

function findReport(reports: readonly Report[] | undefined, id: string) {
  return /^\d+$/.test(id) ? reports?.find((r) => r.report_id === Number(id)) : undefined;
}

/**
 * The report's columns in the report's order (a checkbox's options together, in choice order),
 * the record id first. Fields the dictionary no longer has drop out, as in REDCap's builder.
 */
function reportColumns(project: ProjectData, report: Report): DataColumn[] {
  const statuses = new Set(formNames(project).map(formStatusName));
  const idField = recordIdField(project);
  const names = [
    idField,
    ...report.fields.filter((n) => n !== idField && (findField(project, n) || statuses.has(n))),
  ];
  const position = new Map(names.map((name, i) => [name, i]));
  const rank = (c: DataColumn) =>
    position.get(c.kind === 'status' ? c.name : c.field.field_name) ?? names.length;
  return selectColumns(project, names, []).sort((a, b) => rank(a) - rank(b));
}

export const exp_reports: Route = {
  right: 'export',
  handle(ctx) {
    const { project, user } = ctx;
    const p = paramsOf(ctx, 'exp_reports');
    const id = p.trimmed('report_id');
    if (id === '') throw badRequest("The parameter 'report_id' is missing");
    const report = findReport(project.reports, id);
    if (!report) throw notThisProject(id);
    if (report.userAccess && !report.userAccess.includes(user.username)) {
      throw noReportAccess(report.report_id);
    }
    if (hasNoExportAccess(user.rights)) throw new ApiError(403, NO_EXPORT_ACCESS);
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
