import { scalarField } from '../../src/lib/redcap/decode.ts';
import {
  escapeXmlText,
  renderMatrix,
  respond,
  XML_DECLARATION,
  xmlScalar,
  type Format,
  type MockResponse,
} from '../wire/render.ts';
import { hasNoExportAccess } from '../store/rights.ts';
import { dagsOf, findDag, visibleRecords } from '../store/access.ts';
import { findField, recordIdField } from '../store/dictionary.ts';
import { findRecord } from '../store/records.ts';
import type { Cell } from '../wire/render.ts';
import type { Cells } from '../wire/import-data.ts';
import { choice, csvDelimiter, flag, listParam, odmUnsupported } from '../wire/params.ts';
import { eavExport, flatExport, selectColumns, type CellOptions } from '../wire/record-export.ts';
import { exportRecordsOdm } from '../odm/write.ts';
import { selectRecords } from '../wire/record-select.ts';
import { eavToFlat, readImportData } from '../wire/import-data.ts';
import { importRows } from '../store/import.ts';
import { addSurveyColumns, hasSurveys } from '../wire/record-survey.ts';
import {
  importLongitudinalRows,
  longitudinalEavExport,
  longitudinalFlatExport,
  selectEvents,
} from '../store/import-longitudinal.ts';
import { isLongitudinal } from '../store/longitudinal.ts';
import { ApiError, badRequest, type Route, type RouteContext } from '../wire/route.ts';

/** Records (§2.3, §2.4): Export Records and Import Records. */

export const NO_EXPORT_ACCESS =
  'The API request cannot complete because currently you have "No Access" data export rights. Higher level data export rights are required for this operation.';

export const exportRecords: Route = {
  right: 'export',
  handle(ctx) {
    if (hasNoExportAccess(ctx.user.rights)) throw new ApiError(403, NO_EXPORT_ACCESS);
    const format = ctx.format === 'odm' ? 'xml' : odmUnsupported(ctx);
    const f = ctx.fields;
    // Only this method splits comma strings (§1.4). `events` is ignored in a classic project.
    const list = (name: string) => listParam(f, name, { commaString: true });
    const columns = selectColumns(ctx.project, list('fields'), list('forms'));
    const events = isLongitudinal(ctx.project) ? selectEvents(ctx.project, list('events')) : null;
    // DAG users see only their DAG's records (§2.3).
    const records = visibleRecords(ctx.user, selectRecords(ctx.project, f, list('records')));
    if (ctx.format === 'odm') {
      const narrowed = list('fields').length + list('forms').length > 0;
      return exportRecordsOdm(ctx, columns, records, events, narrowed);
    }
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
      const { names, rows } = events
        ? longitudinalEavExport(ctx.project, records, events, columns, options)
        : eavExport(ctx.project, records, columns, options);
      body =
        format === 'csv' && rows.length === 0
          ? ''
          : renderMatrix(names, rows, format, { csvDelimiter: csvDelimiterChar });
    } else {
      const labelHeaders = choice(f, 'rawOrLabelHeaders', ['raw', 'label'], 'raw') === 'label';
      const { names, rows, headers } = events
        ? longitudinalFlatExport(ctx.project, records, events, columns, options)
        : flatExport(ctx.project, records, columns, options);
      if (flag(f, 'exportDataAccessGroups') && withDagColumn(ctx)) {
        addDagColumn(ctx, names, rows, headers, options.label);
      }
      // Survey columns: classic projects only (the mock's longitudinal projects have none).
      if (flag(f, 'exportSurveyFields') && !events && hasSurveys(ctx.project)) {
        addSurveyColumns(ctx.project, names, rows, headers);
      }
      if (!idAsked(ctx, list('fields'), list('forms'))) dropIdColumns(ctx, names, rows, headers);
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

/**
 * REDCap adds no column of its own to `fields`/`forms`: the record id comes only when it is
 * asked for (by name or with its form), and with it `redcap_event_name` and the repeat
 * columns (PyCap's Records._backfill_fields, which asks for the record id for that reason).
 */
function idAsked(ctx: RouteContext, fields: readonly string[], forms: readonly string[]): boolean {
  if (fields.length === 0 && forms.length === 0) return true;
  const idField = recordIdField(ctx.project);
  return fields.includes(idField) || forms.includes(findField(ctx.project, idField)!.form_name);
}

const ID_COLUMNS = new Set([
  'redcap_event_name',
  'redcap_repeat_instrument',
  'redcap_repeat_instance',
]);

function dropIdColumns(ctx: RouteContext, names: string[], rows: Cell[][], headers: string[]) {
  const idField = recordIdField(ctx.project);
  const keep = names.map((n) => n !== idField && !ID_COLUMNS.has(n));
  const kept = <T>(cells: T[]) => cells.filter((_, i) => keep[i]);
  names.splice(0, names.length, ...kept(names));
  headers.splice(0, headers.length, ...kept(headers));
  for (const row of rows) row.splice(0, row.length, ...kept(row));
}

const DAG_COLUMN = 'redcap_data_access_group';

/** §2.3: ignored when the user is in a DAG or the project has none. */
function withDagColumn(ctx: RouteContext): boolean {
  return ctx.user.data_access_group === '' && dagsOf(ctx.project).length > 0;
}

/**
 * `redcap_data_access_group` after the record id, event and repeat columns (§2.3 column order):
 * the unique group name, or the DAG's label in label mode; on every row of the record.
 */
function addDagColumn(
  ctx: RouteContext,
  names: string[],
  rows: Cell[][],
  headers: string[],
  label: boolean,
): void {
  const after = ['redcap_repeat_instance', 'redcap_event_name'].map((c) => names.indexOf(c));
  const at = Math.max(0, ...after) + 1;
  const text = new Map(
    ctx.project.records.map((r) => {
      const dag = findDag(ctx.project, r.dag);
      return [r.id, dag ? (label ? dag.data_access_group_name : dag.unique_group_name) : ''];
    }),
  );
  names.splice(at, 0, DAG_COLUMN);
  headers.splice(at, 0, 'Data Access Group');
  for (const row of rows) row.splice(at, 0, text.get(String(row[0])) ?? '');
}

/**
 * Takes `redcap_data_access_group` out of the imported rows (§3.3: "also accepted on import")
 * and checks it: a DAG user's column is ignored (their new records go into their DAG) and
 * their rows may not name another DAG's records; other users' values must be unique group
 * names. Returns, per row, the DAG it asks for (null: none asked).
 */
function takeDagColumn(
  ctx: RouteContext,
  rows: Cells[],
  forceAutoNumber: boolean,
): (string | null)[] {
  const { project, user } = ctx;
  const idField = recordIdField(project);
  const wanted = rows.map((cells) => {
    const i = cells.findIndex(([n]) => n === DAG_COLUMN);
    if (i < 0) return null;
    const value = cells[i]![1].trim();
    cells.splice(i, 1);
    return value;
  });
  if (user.data_access_group !== '') {
    if (!forceAutoNumber) {
      const foreign = rows
        .map((cells) => cells.find(([n]) => n === idField)?.[1].trim() ?? '')
        .filter((id) => {
          const record = findRecord(project, id);
          return record !== undefined && record.dag !== user.data_access_group;
        });
      if (foreign.length > 0) {
        throw badRequest(
          `You cannot modify the following records because they belong to another Data Access Group: ${[...new Set(foreign)].join(', ')}`,
        );
      }
    }
    return rows.map(() => user.data_access_group);
  }
  const unknown = wanted.filter((w): w is string => w !== null && w !== '' && !findDag(project, w));
  if (unknown.length > 0) {
    throw badRequest(
      `The following values of redcap_data_access_group are invalid: ${[...new Set(unknown)].join(', ')}`,
    );
  }
  return wanted;
}

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
    // forceAutoNumber renames records only where record auto-numbering is on; elsewhere the
    // ids stay and auto_ids answers `<id>,<id>` (PHPCap's tests/integration/RecordsTest.php,
    // testImportAndDeleteRecordsCsvFormatWithForceAutoNumber).
    const autoIdsAsked = flag(f, 'forceAutoNumber');
    const forceAutoNumber = autoIdsAsked && ctx.project.info.record_autonumbering_enabled === 1;
    const overwrite =
      choice(f, 'overwriteBehavior', ['normal', 'overwrite'], 'normal') === 'overwrite';
    const idField = recordIdField(ctx.project);
    const sentIds = rows.map((cells) => cells.find(([n]) => n === idField)?.[1].trim() ?? '');
    const dags = takeDagColumn(ctx, rows, forceAutoNumber);
    const importer = isLongitudinal(ctx.project) ? importLongitudinalRows : importRows;
    const result = importer(ctx.project, rows, {
      overwrite,
      forceAutoNumber,
      dateFormat: choice(f, 'dateFormat', ['YMD', 'MDY', 'DMY'], 'YMD'),
      apiTag: ctx.apiTag,
      log: (action, details, record) => ctx.log(action, details, record),
    });
    const finalId = new Map(
      forceAutoNumber
        ? result.autoIds.map((pair) => {
            const [id = '', sent = ''] = pair.split(',');
            return [sent, id];
          })
        : sentIds.map((id) => [id, id]),
    );
    dags.forEach((dag, i) => {
      const record = findRecord(ctx.project, finalId.get(sentIds[i]!) ?? '');
      if (record && dag !== null && (dag !== '' || overwrite)) record.dag = dag;
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
    if (content === 'auto_ids' && autoIdsAsked) return importAnswer(rf, content, result.autoIds);
    return importAnswer(rf, content === 'ids' ? 'ids' : 'count', result.ids);
  },
};
