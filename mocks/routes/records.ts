import { scalarField } from '../../src/lib/redcap/decode.ts';
import {
  escapeXmlText,
  renderMatrix,
  respond,
  XML_DECLARATION,
  xmlScalar,
  type Format,
  type MockResponse,
} from '../render.ts';
import { hasNoExportAccess } from '../store/rights.ts';
import { choice, csvDelimiter, flag, listParam, odmUnsupported } from './params.ts';
import { eavExport, flatExport, selectColumns, type CellOptions } from './record-export.ts';
import { selectRecords } from './record-select.ts';
import { eavToFlat, readImportData } from './record-data.ts';
import { importRows } from './record-import.ts';
import { ApiError, type Route } from './types.ts';

/** Records (§2.3, §2.4): Export Records and Import Records. */

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
    const csvDelimiterChar = csvDelimiter(f);
    let body: string;
    if (choice(f, 'type', ['flat', 'eav'], 'flat') === 'eav') {
      const { names, rows } = eavExport(ctx.project, records, columns, options);
      body = renderMatrix(names, rows, format, { csvDelimiter: csvDelimiterChar });
    } else {
      const labelHeaders = choice(f, 'rawOrLabelHeaders', ['raw', 'label'], 'raw') === 'label';
      const { names, rows, headers } = flatExport(ctx.project, records, columns, options);
      body = renderMatrix(names, rows, format, {
        csvDelimiter: csvDelimiterChar,
        ...(labelHeaders && { csvHeader: headers }),
      });
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
