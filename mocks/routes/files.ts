import { scalarField } from '../../src/lib/redcap/decode.ts';
import { respond, type MockResponse } from '../wire/render.ts';
import { findField, formStatusName, recordIdField, repeatingForms } from '../store/dictionary.ts';
import { findEvent, formsOfEvent, isLongitudinal, repeatingEvents } from '../store/longitudinal.ts';
import { findInstance, findRecord, instanceSlot, mainSlot, own } from '../store/records.ts';
import { hasNoExportAccess } from '../store/rights.ts';
import type { DataSlot, MetadataRow, StoredRecord } from '../store/types.ts';
import { repeatingFormsOn } from '../store/import-longitudinal.ts';
import { NO_EXPORT_ACCESS } from './records.ts';
import { repeatInstanceParam } from '../wire/params.ts';
import { ApiError, badRequest, type RouteContext, type Route } from '../wire/route.ts';

/**
 * Files attached to records (§2.16), in the order of checks of REDCap's own scripts: record,
 * then field, then (longitudinal) the event, then the stored file. A file field stores the doc
 * id; the file is in `edocs`. On a longitudinal project the file lives in the slot of `event`
 * (and `repeat_instance` on a repeating event or an instrument repeating on that event).
 */

const BAD_EVENT = 'The value of the parameter "event" is not valid';

interface Target {
  readonly record: string;
  readonly fieldName: string;
  readonly field: MetadataRow | undefined;
  /** The repeating instrument of the field, or null. */
  readonly form: string | null;
  /** `repeat_instance` (a whole number ≥ 1, else 1); always 1 off repeating instruments. */
  readonly instance: number;
  /** Longitudinal only: the `event` sent ('' when none), else null. */
  readonly event: string | null;
  /** Longitudinal only: whether the whole event repeats (the slot carries the instance). */
  readonly eventRepeats: boolean;
}

function target(ctx: RouteContext): Target {
  const { project } = ctx;
  const record = scalarField(ctx.fields, 'record') ?? '';
  const fieldName = scalarField(ctx.fields, 'field') ?? '';
  const field = findField(project, fieldName);
  const sent = repeatInstanceParam(ctx.fields);
  if (isLongitudinal(project)) {
    const event = scalarField(ctx.fields, 'event') ?? '';
    const repeating = field !== undefined && repeatingFormsOn(project, event).has(field.form_name);
    const eventRepeats = !repeating && repeatingEvents(project).has(event);
    const instance = repeating || eventRepeats ? sent : 1;
    const form = repeating ? field.form_name : null;
    return { record, fieldName, field, form, instance, event, eventRepeats };
  }
  const repeating = field !== undefined && repeatingForms(project).has(field.form_name);
  const instance = repeating ? sent : 1;
  const form = repeating ? field.form_name : null;
  return { record, fieldName, field, form, instance, event: null, eventRepeats: false };
}

/** A longitudinal request needs the unique name of one of the project's events. */
function checkEvent(ctx: RouteContext, t: Target): void {
  if (t.event !== null && !findEvent(ctx.project, t.event)) throw badRequest(BAD_EVENT);
}

/** The slot's instance number on a longitudinal project (null on a plain event row). */
function eventInstance(t: Target): number | null {
  return t.form !== null || t.eventRepeats ? t.instance : null;
}

function checkFileField(t: Target): void {
  if (t.field?.field_type !== 'file') {
    throw badRequest(`The field '${t.fieldName}' does not exist or is not a 'file' field`);
  }
}

function slotOf(record: StoredRecord, t: Target): DataSlot | undefined {
  if (t.event !== null) {
    const instance = eventInstance(t);
    return record.slots.find(
      (s) => s.event === t.event && s.repeatInstrument === t.form && s.instance === instance,
    );
  }
  return t.form === null ? mainSlot(record) : findInstance(record, t.form, t.instance);
}

/** The slot an upload goes into, created empty when the record has none there yet. */
function uploadSlot(ctx: RouteContext, record: StoredRecord, t: Target): DataSlot {
  if (t.event === null) {
    return t.form === null ? mainSlot(record) : instanceSlot(record, t.form, t.instance);
  }
  let slot = slotOf(record, t);
  if (!slot) {
    const instance = eventInstance(t);
    slot = { event: t.event, repeatInstrument: t.form, instance, values: {}, checked: {} };
    // As Import Records does: a record's first row on an event carries its id.
    if (t.form === null && !record.slots.some((s) => s.event === t.event)) {
      slot.values[recordIdField(ctx.project)] = record.id;
    }
    record.slots.push(slot);
  }
  return slot;
}

/** `text/*` files get PHP's automatic `;charset=UTF-8` after REDCap's `; name="…"`. */
function fileContentType(mime: string, name: string): string {
  const type = `${mime}; name="${name}"`;
  return mime.startsWith('text/') ? `${type};charset=UTF-8` : type;
}

export const exportFile: Route = {
  right: 'export',
  handle(ctx): MockResponse {
    if (hasNoExportAccess(ctx.user.rights)) throw new ApiError(403, NO_EXPORT_ACCESS);
    const t = target(ctx);
    const record = findRecord(ctx.project, t.record);
    if (!record) throw badRequest(`The record "${t.record}" does not exist`);
    checkFileField(t);
    checkEvent(ctx, t);
    const docId = own(slotOf(record, t)?.values ?? {}, t.fieldName);
    const doc = ctx.project.edocs.find((d) => String(d.doc_id) === docId);
    if (!doc) throw badRequest('There is no file to download for this record');
    ctx.log('Manage/Design', `Download file ${ctx.apiTag}`, t.record);
    return {
      status: 200,
      headers: { 'content-type': fileContentType(doc.mime, doc.name) },
      body: doc.bytes.slice(),
    };
  },
};

export const importFile: Route = {
  right: 'import',
  handle(ctx) {
    if (Object.keys(ctx.files).length === 0) throw badRequest('No valid file was uploaded');
    const upload = ctx.files['file'];
    if (!upload || upload.name === '') {
      throw badRequest('There was a problem with the uploaded file');
    }
    const t = target(ctx);
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
    checkEvent(ctx, t);
    // Only a form designated on the event can hold a value there (Import Records refuses it too).
    if (t.event !== null && !formsOfEvent(ctx.project, t.event).includes(t.field!.form_name)) {
      throw badRequest(BAD_EVENT);
    }
    const { project } = ctx;
    const docId = project.nextDocId++;
    // REDCap drops apostrophes from the uploaded file's name.
    const name = upload.name.replace(/'/g, '');
    project.edocs.push({ doc_id: docId, name, mime: upload.type, bytes: upload.bytes.slice() });
    const slot = uploadSlot(ctx, record, t);
    const previous = own(slot.values, t.fieldName);
    if (previous !== undefined) {
      project.edocs = project.edocs.filter((d) => String(d.doc_id) !== previous);
    }
    slot.values[t.fieldName] = String(docId);
    // On a repeating instrument REDCap gives a new instance its status (Incomplete); on an event
    // a form that now holds a value is no longer gray either (as Import Records does).
    const status = formStatusName(t.field!.form_name);
    const setsStatus = t.form !== null || t.event !== null;
    if (setsStatus && own(slot.values, status) === undefined) slot.values[status] = '0';
    ctx.log(`Upload document ${ctx.apiTag} ${t.record}`, `${t.fieldName} = '${docId}'`, t.record);
    return respond(200, ctx.returnFormat, '');
  },
};

export const deleteFile: Route = {
  right: 'delete',
  handle(ctx) {
    const t = target(ctx);
    const record = findRecord(ctx.project, t.record);
    if (!record) throw badRequest(`The record '${t.record}' does not exist`);
    checkFileField(t);
    checkEvent(ctx, t);
    const slot = slotOf(record, t);
    const docId = slot ? own(slot.values, t.fieldName) : undefined;
    if (!slot || docId === undefined) {
      throw badRequest('There is no file to delete for this record');
    }
    delete slot.values[t.fieldName];
    ctx.project.edocs = ctx.project.edocs.filter((d) => String(d.doc_id) !== docId);
    ctx.log(`Delete uploaded document ${ctx.apiTag} ${t.record}`, t.fieldName, t.record);
    return respond(200, ctx.returnFormat, '');
  },
};
