import { readOdmProject, type OdmProject } from '../odm/read.ts';
import { CLASSIC_EVENT, odmDocument } from '../odm/write.ts';
import {
  checkTemplate,
  createProject,
  CREATE_PROJECT_NEEDS_SUPER_TOKEN,
} from '../store/create-project.ts';
import { findField, formNames, formStatusName } from '../store/dictionary.ts';
import { ApiError } from '../store/errors.ts';
import { changeProjectInfo } from '../store/project-info.ts';
import { PROJECT_INFO_KEYS } from '../store/types.ts';
import { readImportData } from '../wire/import-data.ts';
import { invalidValues, odmUnsupported, paramsOf } from '../wire/params.ts';
import { recordCriteria, selectRecords } from '../wire/record-select.ts';
import { hasSurveys } from '../wire/record-survey.ts';
import { DEFAULT_400, payloadFormat, renderObject, respond, type Row } from '../wire/render.ts';
import { badRequest, DESIGN_RIGHT, type Route } from '../wire/route.ts';

/** Projects (§2.19): project information, its settings, Create Project, the project XML file. */

/**
 * Export Project Information (§2.19): one object with the keys in REDCap's order; in JSON the
 * flags are numbers, in CSV/XML everything is text.
 */
export const exp_proj: Route = {
  right: 'export',
  handle(ctx) {
    const format = payloadFormat(ctx.format);
    const { info } = ctx.project;
    const row: Row = Object.fromEntries(PROJECT_INFO_KEYS.map((k) => [k, info[k]]));
    ctx.log('Manage/Design', `Export project information ${ctx.apiTag}`);
    return respond(200, format, renderObject(row, format, 'project'));
  },
};

/**
 * Import Project Information (§2.19): one row (a JSON object or a one-item list); the store
 * says which attributes change. The answer is the number of attributes processed.
 */
export const imp_proj_sett: Route = {
  right: 'import',
  module: DESIGN_RIGHT,
  handle(ctx) {
    const format = odmUnsupported(ctx);
    const p = paramsOf(ctx, 'imp_proj_sett');
    const rows = readImportData(p.text('data') ?? '', format, p.csvDelimiter(), true);
    if (rows.length !== 1) throw badRequest(DEFAULT_400);
    const count = changeProjectInfo(ctx.project, rows[0]!);
    ctx.log('Manage/Design', `Modify project settings ${ctx.apiTag}`);
    return respond(200, ctx.returnFormat, String(count));
  },
};

/**
 * Create Project (§2.19) with a 64-character super token (§1.5): one row of settings in, the
 * new project's 32-hex token out as plain text; with `odm` the whole project comes from a
 * project XML file (`store/create-project.ts` builds it).
 */
export const imp_proj: Route = {
  right: 'none',
  handle(ctx) {
    const { session } = ctx;
    if (session.kind !== 'super') throw new ApiError(403, CREATE_PROJECT_NEEDS_SUPER_TOKEN);
    const format = odmUnsupported(ctx);
    const p = paramsOf(ctx, 'imp_proj');
    const odm = p.text('odm') ?? '';
    const template: OdmProject | null = odm.trim() !== '' ? readOdmProject(odm) : null;
    if (template) checkTemplate(template);
    const rows = readImportData(p.text('data') ?? '', format, p.csvDelimiter(), true);
    if (rows.length !== 1) {
      throw badRequest('The "data" of Create Project must hold exactly one project.');
    }
    const token = createProject(ctx.store, session.username, rows[0]!, template, ctx.apiTag);
    return respond(200, ctx.returnFormat, token);
  },
};

export const exp_proj_xml: Route = {
  right: 'export',
  handle(ctx) {
    const project = ctx.project;
    const { info } = project;
    const longitudinal = info.is_longitudinal === 1;
    const now = ctx.store.now();
    const p = paramsOf(ctx, 'exp_proj_xml');
    const metadataOnly = p.flag('returnMetadataOnly');
    const wantedRecords = p.list('records');
    const wantedFields = p.list('fields');
    const wantedEvents = p.list('events');
    const unknownFields = wantedFields.filter(
      (f) => !findField(project, f) && !formNames(project).some((n) => formStatusName(n) === f),
    );
    if (unknownFields.length > 0) throw invalidValues('fields', unknownFields);
    const eventNames = longitudinal
      ? (project.events ?? []).map((e) => e.unique_event_name)
      : [CLASSIC_EVENT];
    const unknownEvents = wantedEvents.filter((e) => !eventNames.includes(e));
    if (longitudinal && unknownEvents.length > 0) throw invalidValues('events', unknownEvents);

    const dag = ctx.user.data_access_group;
    const withDags =
      p.flag('exportDataAccessGroups') && dag === '' && (project.dags ?? []).length > 0;
    const surveyForms = new Set(
      p.flag('exportSurveyFields') && hasSurveys(project)
        ? (project.surveys?.surveys ?? []).map((s) => s.form)
        : [],
    );
    // As Export Records: records, filterLogic and dateRangeBegin/End; a DAG user's DAG.
    const records = metadataOnly
      ? []
      : selectRecords(project, recordCriteria(p, wantedRecords)).filter(
          (r) => dag === '' || r.dag === dag,
        );
    const document = odmDocument(project, ctx.store.version, now, {
      withDags,
      clinical: metadataOnly
        ? null
        : {
            records,
            fields: wantedFields,
            events: wantedEvents,
            withDags,
            withFiles: p.flag('exportFiles'),
            surveyForms,
          },
    });
    ctx.log('Data export', `Export REDCap project XML file ${ctx.apiTag}`);
    return respond(200, 'xml', document);
  },
};
