import { scalarField } from '../../src/lib/redcap/decode.ts';
import {
  DEFAULT_400,
  escapeXmlText,
  renderTable,
  respond,
  XML_DECLARATION,
  xmlScalar,
  type Format,
  type MockResponse,
} from '../render.ts';
import { fieldsOfForm, formNames, recordIdField } from '../store/dictionary.ts';
import { clearForm, deleteRecord, findRecord } from '../store/records.ts';
import { hasNoExportAccess } from '../store/rights.ts';
import { choice, csvDelimiter, flag, listParam, odmUnsupported } from './params.ts';
import {
  eavRows,
  flatRows,
  headerLabel,
  selectColumns,
  selectRecords,
  type CellOptions,
} from './record-export.ts';
import { eavToFlat, importRows, readImportData } from './record-import.ts';
import { ApiError, badRequest, type Route } from './types.ts';

/** Records (§2.3–§2.5): Export Records, Import Records, Delete Records. */

export const NO_EXPORT_ACCESS =
  'The API request cannot complete because currently you have "No Access" data export rights. Higher level data export rights are required for this operation.';

export const exportRecords: Route = {
  right: 'export',
  handle(ctx) {
    if (hasNoExportAccess(ctx.user.rights)) throw new ApiError(403, NO_EXPORT_ACCESS);
    const format = odmUnsupported(ctx);
    const f = ctx.fields;
    // Only this method splits comma strings (§1.4). `events` is ignored: the project is classic.
    const list = (name: string) => listParam(f, name, { commaString: true });
    const columns = selectColumns(ctx.project, list('fields'), list('forms'));
    const records = selectRecords(ctx.project, f, list('records'));
    const decimal = scalarField(f, 'decimalCharacter');
    const options: CellOptions = {
      label: choice(f, 'rawOrLabel', ['raw', 'label'], 'raw') === 'label',
      checkboxLabel: flag(f, 'exportCheckboxLabel'),
      blankGray: flag(f, 'exportBlankForGrayFormStatus'),
      decimal: decimal === '.' || decimal === ',' ? decimal : null,
    };
    const delimiter = csvDelimiter(f);
    let body: string;
    if (choice(f, 'type', ['flat', 'eav'], 'flat') === 'eav') {
      const rows = eavRows(records, columns, options);
      body = renderTable(['record', 'field_name', 'value'], rows, format, {
        csvDelimiter: delimiter,
      });
    } else {
      const labelHeaders = choice(f, 'rawOrLabelHeaders', ['raw', 'label'], 'raw') === 'label';
      body = renderTable(
        columns.map((c) => c.name),
        flatRows(records, columns, options),
        format,
        { csvDelimiter: delimiter, ...(labelHeaders && { csvHeader: columns.map(headerLabel) }) },
      );
    }
    ctx.log('Data export', `Export records ${ctx.apiTag}`);
    return respond(200, format, body);
  },
};

/** The shapes of §2.2, in returnFormat. */
function importAnswer(
  format: Format,
  content: 'count' | 'ids' | 'auto_ids',
  ids: readonly string[],
): MockResponse {
  if (content === 'count') {
    const n = String(ids.length);
    const body = { json: `{"count": ${n}}`, csv: n, xml: xmlScalar('count', n) }[format];
    return respond(200, format, body);
  }
  if (format === 'json') return respond(200, format, JSON.stringify(ids));
  if (format === 'csv') {
    const header = content === 'ids' ? 'id' : 'id,original_id';
    return respond(200, format, [header, ...ids].join('\n'));
  }
  const items = ids.map((id) => `<id>${escapeXmlText(id)}</id>`).join('');
  return respond(200, format, `${XML_DECLARATION}<ids>${items}</ids>`);
}

export const importRecords: Route = {
  right: 'import',
  handle(ctx) {
    const format = odmUnsupported(ctx);
    const f = ctx.fields;
    let rows = readImportData(scalarField(f, 'data') ?? '', format, csvDelimiter(f));
    if (choice(f, 'type', ['flat', 'eav'], 'flat') === 'eav') rows = eavToFlat(ctx.project, rows);
    const forceAutoNumber = flag(f, 'forceAutoNumber');
    const result = importRows(ctx.project, rows, {
      overwrite: choice(f, 'overwriteBehavior', ['normal', 'overwrite'], 'normal') === 'overwrite',
      forceAutoNumber,
      dateFormat: choice(f, 'dateFormat', ['YMD', 'MDY', 'DMY'], 'YMD'),
      apiTag: ctx.apiTag,
      log: (action, details, record) => ctx.log(action, details, record),
    });
    const rf = ctx.returnFormat;
    if (flag(f, 'backgroundProcess')) {
      const body = {
        json: '{"success":true}',
        csv: 'success\ntrue',
        xml: xmlScalar('success', 'true'),
      };
      return respond(200, rf, body[rf]);
    }
    const content = choice(f, 'returnContent', ['count', 'ids', 'auto_ids', 'nothing'], 'count');
    if (content === 'nothing') return respond(200, rf, '');
    if (content === 'auto_ids' && forceAutoNumber) return importAnswer(rf, content, result.autoIds);
    return importAnswer(rf, content === 'ids' ? 'ids' : 'count', result.ids);
  },
};

export const deleteRecords: Route = {
  right: 'delete',
  handle(ctx) {
    const f = ctx.fields;
    // `records` must be an array (§1.4, §2.5): a plain string is refused.
    if (!Array.isArray(f['records'])) throw badRequest(DEFAULT_400);
    const ids = [...new Set(listParam(f, 'records'))];
    if (ids.length === 0) throw badRequest(DEFAULT_400);
    const missing = ids.filter((id) => !findRecord(ctx.project, id));
    if (missing.length > 0) {
      throw badRequest(
        `One or more of the records provided cannot be deleted because they do not exist in the project. The following records do not exist: ${missing.join(', ')}`,
      );
    }
    const instrument = scalarField(f, 'instrument') ?? '';
    if (instrument !== '' && !formNames(ctx.project).includes(instrument)) {
      throw badRequest('The value of the parameter "instrument" is not valid');
    }
    const idField = recordIdField(ctx.project);
    let count = 0;
    for (const id of ids) {
      if (instrument === '') {
        deleteRecord(ctx.project, id);
        ctx.log(`Delete record ${ctx.apiTag} ${id}`, `${idField} = '${id}'`, id);
        count++;
        continue;
      }
      const names = fieldsOfForm(ctx.project, instrument).map((field) => field.field_name);
      if (clearForm(ctx.project, findRecord(ctx.project, id)!, instrument, names)) {
        ctx.log(
          `Update record ${ctx.apiTag} ${id}`,
          `Delete all record data for single form (${instrument})`,
          id,
        );
        count++;
      }
    }
    return respond(200, ctx.returnFormat, String(count));
  },
};
