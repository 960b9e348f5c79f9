import { visibleRecords } from '../store/access.ts';
import { checkDeletable, deleteRecordData } from '../store/delete.ts';
import { ApiError, badRequest } from '../store/errors.ts';
import { importRecords } from '../store/import-records.ts';
import { isLongitudinal } from '../store/longitudinal.ts';
import { hasNoExportAccess, NO_EXPORT_ACCESS } from '../store/rights.ts';
import { exportRecordsOdm } from '../odm/write.ts';
import { eavToFlat, readImportData } from '../wire/import-data.ts';
import { combineCheckboxColumns } from '../wire/record-combine.ts';
import { odmUnsupported, paramsOf, repeatInstanceParam } from '../wire/params.ts';
import {
  addDagColumn,
  dropIdColumns,
  eavExport,
  flatExport,
  idAsked,
  selectColumns,
  withDagColumn,
  type CellOptions,
} from '../wire/record-export.ts';
import {
  longitudinalEavExport,
  longitudinalFlatExport,
  selectEvents,
} from '../wire/record-export-longitudinal.ts';
import { recordCriteria, selectRecords } from '../wire/record-select.ts';
import { addSurveyColumns, hasSurveys } from '../wire/record-survey.ts';
import {
  DEFAULT_400,
  importAnswer,
  payloadFormat,
  renderMatrix,
  respond,
  xmlScalar,
} from '../wire/render.ts';
import type { Route } from '../wire/route.ts';

/** Records (§2.3, §2.4, §2.5): Export, Import and Delete Records. */

export const exp_records: Route = {
  right: 'export',
  handle(ctx) {
    if (hasNoExportAccess(ctx.user.rights)) throw new ApiError(403, NO_EXPORT_ACCESS);
    const format = payloadFormat(ctx.format);
    const p = paramsOf(ctx, 'exp_records');
    // Only this method splits comma strings (§1.4). `events` is ignored in a classic project.
    const list = (name: 'records' | 'fields' | 'forms' | 'events') =>
      p.list(name, { commaString: true });
    const columns = selectColumns(ctx.project, list('fields'), list('forms'));
    const events = isLongitudinal(ctx.project) ? selectEvents(ctx.project, list('events')) : null;
    // DAG users see only their DAG's records (§2.3).
    const records = visibleRecords(
      ctx.user,
      selectRecords(ctx.project, recordCriteria(p, list('records'))),
    );
    if (ctx.format === 'odm') {
      const narrowed = list('fields').length + list('forms').length > 0;
      return exportRecordsOdm(ctx, p, columns, records, events, narrowed);
    }
    const decimal = p.text('decimalCharacter');
    const options: CellOptions = {
      label: p.choice('rawOrLabel', ['raw', 'label'], 'raw') === 'label',
      checkboxLabel: p.flag('exportCheckboxLabel'),
      blankGray: p.flag('exportBlankForGrayFormStatus'),
      decimal: decimal === '.' || decimal === ',' ? decimal : null,
    };
    const csvDelimiterChar = p.csvDelimiter();
    let body: string;
    if (p.choice('type', ['flat', 'eav'], 'flat') === 'eav') {
      const { names, rows } = events
        ? longitudinalEavExport(ctx.project, records, events, columns, options)
        : eavExport(ctx.project, records, columns, options);
      body =
        format === 'csv' && rows.length === 0
          ? ''
          : renderMatrix(names, rows, format, { csvDelimiter: csvDelimiterChar });
    } else {
      const labelHeaders = p.choice('rawOrLabelHeaders', ['raw', 'label'], 'raw') === 'label';
      const { names, rows, headers } = events
        ? longitudinalFlatExport(ctx.project, records, events, columns, options)
        : flatExport(ctx.project, records, columns, options);
      if (p.flag('combineCheckboxOptions')) {
        combineCheckboxColumns(names, rows, headers, columns, options);
      }
      if (p.flag('exportDataAccessGroups') && withDagColumn(ctx.project, ctx.user)) {
        addDagColumn(ctx.project, names, rows, headers, options.label);
      }
      // Survey columns: classic projects only (the mock's longitudinal projects have none).
      if (p.flag('exportSurveyFields') && !events && hasSurveys(ctx.project)) {
        addSurveyColumns(ctx.project, names, rows, headers);
      }
      if (!idAsked(ctx.project, list('fields'), list('forms'))) {
        dropIdColumns(ctx.project, names, rows, headers);
      }
      body =
        format === 'csv' && rows.length === 0
          ? ''
          : renderMatrix(names, rows, format, {
              csvDelimiter: csvDelimiterChar,
              ...(labelHeaders && { csvHeader: headers }),
            });
    }
    ctx.log('Data export', `Export records ${ctx.apiTag}`);
    return respond(200, format, body);
  },
};

export const imp_records: Route = {
  right: 'import',
  handle(ctx) {
    const format = odmUnsupported(ctx);
    const p = paramsOf(ctx, 'imp_records');
    let rows = readImportData(p.text('data') ?? '', format, p.csvDelimiter());
    if (p.choice('type', ['flat', 'eav'], 'flat') === 'eav') rows = eavToFlat(ctx.project, rows);
    const autoIdsAsked = p.flag('forceAutoNumber');
    const result = importRecords(ctx.project, ctx.user, rows, {
      overwrite: p.choice('overwriteBehavior', ['normal', 'overwrite'], 'normal') === 'overwrite',
      forceAutoNumber: autoIdsAsked,
      dateFormat: p.choice('dateFormat', ['YMD', 'MDY', 'DMY'], 'YMD'),
      apiTag: ctx.apiTag,
      log: (action, details, record) => ctx.log(action, details, record),
    });
    const rf = ctx.returnFormat;
    if (p.flag('backgroundProcess')) {
      const body = {
        json: '{"success":true}',
        csv: 'success\ntrue',
        xml: xmlScalar('success', 'true'),
      };
      return respond(200, rf, body[rf]);
    }
    const content = p.choice('returnContent', ['count', 'ids', 'auto_ids', 'nothing'], 'count');
    if (content === 'nothing') return respond(200, rf, '');
    if (content === 'auto_ids' && autoIdsAsked) return importAnswer(rf, content, result.autoIds);
    return importAnswer(rf, content === 'ids' ? 'ids' : 'count', result.ids);
  },
};

export const del_records: Route = {
  right: 'delete',
  handle(ctx) {
    const p = paramsOf(ctx, 'del_records');
    // `records` must be an array (§1.4, §2.5): a plain string is refused.
    if (!Array.isArray(p.raw('records'))) throw badRequest(DEFAULT_400);
    const records = [...new Set(p.list('records'))];
    if (records.length === 0) throw badRequest(DEFAULT_400);
    const instrument = p.text('instrument') ?? '';
    checkDeletable(ctx.project, ctx.user, records, instrument);
    const instance = repeatInstanceParam(p);
    const longitudinal = isLongitudinal(ctx.project);
    const changes = deleteRecordData(ctx.project, {
      records,
      instrument,
      instance,
      instanceSent: longitudinal && (p.text('repeat_instance') ?? '') !== '',
      arm: longitudinal ? (p.text('arm') ?? '') : '',
      event: longitudinal ? (p.text('event') ?? '') : '',
    });
    for (const c of changes) ctx.log(`${c.action} ${ctx.apiTag} ${c.record}`, c.details, c.record);
    return respond(200, ctx.returnFormat, String(changes.length));
  },
};
