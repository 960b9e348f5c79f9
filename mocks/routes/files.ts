import { ApiError, badRequest } from '../store/errors.ts';
import {
  deleteRecordFile,
  exportRecordFile,
  fileTarget,
  importRecordFile,
  type FileTarget,
} from '../store/files.ts';
import { isLongitudinal } from '../store/longitudinal.ts';
import { hasNoExportAccess, NO_EXPORT_ACCESS } from '../store/rights.ts';
import { paramsOf, repeatInstanceParam, type Params } from '../wire/params.ts';
import { respond, type MockResponse } from '../wire/render.ts';
import type { Route, RouteContext } from '../wire/route.ts';

/**
 * Files attached to records (§2.16). The checks, in the order of REDCap's own scripts, and
 * where a file lives are the store's (`store/files.ts`); the route reads the request and
 * writes the answer.
 */

/** The parameters every file method declares. */
type TargetParams = Params<'record' | 'field' | 'event' | 'repeat_instance'>;

function target(ctx: RouteContext, p: TargetParams): FileTarget {
  const record = p.text('record') ?? '';
  const fieldName = p.text('field') ?? '';
  const instance = repeatInstanceParam(p);
  const event = isLongitudinal(ctx.project) ? (p.text('event') ?? '') : '';
  return fileTarget(ctx.project, record, fieldName, instance, event);
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
    const doc = exportRecordFile(ctx.project, t);
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
    const docId = importRecordFile(ctx.project, t, upload);
    ctx.log(`Upload document ${ctx.apiTag} ${t.record}`, `${t.fieldName} = '${docId}'`, t.record);
    return respond(200, ctx.returnFormat, '');
  },
};

export const del_file: Route = {
  right: 'delete',
  handle(ctx) {
    const t = target(ctx, paramsOf(ctx, 'del_file'));
    deleteRecordFile(ctx.project, t);
    ctx.log(`Delete uploaded document ${ctx.apiTag} ${t.record}`, t.fieldName, t.record);
    return respond(200, ctx.returnFormat, '');
  },
};
