import { ApiError, badRequest } from '../store/errors.ts';
import { attachFile, fileTarget, removeFile, storedFile, type FileTarget } from '../store/files.ts';
import { findEvent, formsOfEvent, isLongitudinal } from '../store/longitudinal.ts';
import { findRecord } from '../store/records.ts';
import { hasNoExportAccess, NO_EXPORT_ACCESS } from '../store/rights.ts';
import type { ProjectData } from '../store/types.ts';
import { paramsOf, repeatInstanceParam, type Params } from '../wire/params.ts';
import { respond, type MockResponse } from '../wire/render.ts';
import type { Route, RouteContext } from '../wire/route.ts';

/**
 * Files attached to records (§2.16), in the order of checks of REDCap's own scripts: record,
 * then field, then (longitudinal) the event, then the stored file. Where a file lives is the
 * store's (`store/files.ts`).
 */

const BAD_EVENT = 'The value of the parameter "event" is not valid';

/** The parameters every file method declares. */
type TargetParams = Params<'record' | 'field' | 'event' | 'repeat_instance'>;

function target(ctx: RouteContext, p: TargetParams): FileTarget {
  const record = p.text('record') ?? '';
  const fieldName = p.text('field') ?? '';
  const instance = repeatInstanceParam(p);
  const event = isLongitudinal(ctx.project) ? (p.text('event') ?? '') : '';
  return fileTarget(ctx.project, record, fieldName, instance, event);
}

/** A longitudinal request needs the unique name of one of the project's events. */
function checkEvent(project: ProjectData, t: FileTarget): void {
  if (t.event !== null && !findEvent(project, t.event)) throw badRequest(BAD_EVENT);
}

function checkFileField(t: FileTarget): void {
  if (t.field?.field_type !== 'file') {
    throw badRequest(`The field '${t.fieldName}' does not exist or is not a 'file' field`);
  }
}

/** `text/*` files get PHP's automatic `;charset=UTF-8` after REDCap's `; name="…"`. */
function fileContentType(mime: string, name: string): string {
  const type = `${mime}; name="${name}"`;
  return mime.startsWith('text/') ? `${type};charset=UTF-8` : type;
}

export const exp_file: Route = {
  right: 'export',
  handle(ctx): MockResponse {
    if (hasNoExportAccess(ctx.user.rights)) throw new ApiError(403, NO_EXPORT_ACCESS);
    const t = target(ctx, paramsOf(ctx, 'exp_file'));
    const record = findRecord(ctx.project, t.record);
    if (!record) throw badRequest(`The record "${t.record}" does not exist`);
    checkFileField(t);
    checkEvent(ctx.project, t);
    const doc = storedFile(ctx.project, record, t);
    if (!doc) throw badRequest('There is no file to download for this record');
    ctx.log('Manage/Design', `Download file ${ctx.apiTag}`, t.record);
    return {
      status: 200,
      headers: { 'content-type': fileContentType(doc.mime, doc.name) },
      body: doc.bytes.slice(),
    };
  },
};

export const imp_file: Route = {
  right: 'import',
  handle(ctx) {
    if (Object.keys(ctx.files).length === 0) throw badRequest('No valid file was uploaded');
    const upload = ctx.files['file'];
    if (!upload || upload.name === '') {
      throw badRequest('There was a problem with the uploaded file');
    }
    const t = target(ctx, paramsOf(ctx, 'imp_file'));
    const record = findRecord(ctx.project, t.record);
    if (!record) {
      throw badRequest(`The record '${t.record}' does not exist. It must exist to upload a file`);
    }
    checkFileField(t);
    if (t.field!.text_validation_type_or_show_slider_number === 'signature') {
      throw badRequest(
        `The field '${t.fieldName}' is a signature field, which cannot be imported using the API but can only be created using the web interface. However, it can be downloaded or deleted using the API.`,
      );
    }
    checkEvent(ctx.project, t);
    // Only a form designated on the event can hold a value there (Import Records refuses it too).
    if (t.event !== null && !formsOfEvent(ctx.project, t.event).includes(t.field!.form_name)) {
      throw badRequest(BAD_EVENT);
    }
    const docId = attachFile(ctx.project, record, t, upload);
    ctx.log(`Upload document ${ctx.apiTag} ${t.record}`, `${t.fieldName} = '${docId}'`, t.record);
    return respond(200, ctx.returnFormat, '');
  },
};

export const del_file: Route = {
  right: 'delete',
  handle(ctx) {
    const t = target(ctx, paramsOf(ctx, 'del_file'));
    const record = findRecord(ctx.project, t.record);
    if (!record) throw badRequest(`The record '${t.record}' does not exist`);
    checkFileField(t);
    checkEvent(ctx.project, t);
    if (!removeFile(ctx.project, record, t)) {
      throw badRequest('There is no file to delete for this record');
    }
    ctx.log(`Delete uploaded document ${ctx.apiTag} ${t.record}`, t.fieldName, t.record);
    return respond(200, ctx.returnFormat, '');
  },
};
