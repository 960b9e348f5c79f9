import { findField, formStatusName, recordIdField, repeatingForms } from './dictionary.ts';
import { badRequest } from './errors.ts';
import {
  findEvent,
  formsOfEvent,
  isLongitudinal,
  repeatingEvents,
  repeatingFormsOn,
} from './longitudinal.ts';
import { findInstance, findRecord, instanceSlot, mainSlot, own } from './records.ts';
import type { DataSlot, MetadataRow, ProjectData, StoredDoc, StoredRecord } from './types.ts';

/**
 * Files attached to records (§2.16) in the store: a file field stores the doc id, the file is
 * in `edocs`. On a longitudinal project the file lives in the slot of its event (and of the
 * repeat instance on a repeating event or on an instrument repeating on that event).
 */

/** Where a file of a record goes: which field, which repeating form, instance and event. */
export interface FileTarget {
  readonly record: string;
  readonly fieldName: string;
  readonly field: MetadataRow | undefined;
  /** The repeating instrument of the field, or null. */
  readonly form: string | null;
  /** The repeat instance asked for; always 1 off repeating instruments and events. */
  readonly instance: number;
  /** Longitudinal only: the event named ('' when none), else null. */
  readonly event: string | null;
  /** Longitudinal only: whether the whole event repeats (the slot carries the instance). */
  readonly eventRepeats: boolean;
}

/**
 * The target of a file request: `event` counts on a longitudinal project only, `instance` only
 * where the field's form or the event repeats.
 */
export function fileTarget(
  project: ProjectData,
  record: string,
  fieldName: string,
  instance: number,
  event: string,
): FileTarget {
  const field = findField(project, fieldName);
  if (isLongitudinal(project)) {
    const repeating = field !== undefined && repeatingFormsOn(project, event).has(field.form_name);
    const eventRepeats = !repeating && repeatingEvents(project).has(event);
    const form = repeating ? field.form_name : null;
    return {
      record,
      fieldName,
      field,
      form,
      instance: repeating || eventRepeats ? instance : 1,
      event,
      eventRepeats,
    };
  }
  const repeating = field !== undefined && repeatingForms(project).has(field.form_name);
  const form = repeating ? field.form_name : null;
  return {
    record,
    fieldName,
    field,
    form,
    instance: repeating ? instance : 1,
    event: null,
    eventRepeats: false,
  };
}

/** The slot's instance number on a longitudinal project (null on a plain event row). */
function eventInstance(t: FileTarget): number | null {
  return t.form !== null || t.eventRepeats ? t.instance : null;
}

/** The slot a file of `t` is in, if the record has one there. */
export function fileSlot(record: StoredRecord, t: FileTarget): DataSlot | undefined {
  if (t.event !== null) {
    const instance = eventInstance(t);
    return record.slots.find(
      (s) => s.event === t.event && s.repeatInstrument === t.form && s.instance === instance,
    );
  }
  return t.form === null ? mainSlot(record) : findInstance(record, t.form, t.instance);
}

/** The slot an upload goes into, created empty when the record has none there yet. */
function uploadSlot(project: ProjectData, record: StoredRecord, t: FileTarget): DataSlot {
  if (t.event === null) {
    return t.form === null ? mainSlot(record) : instanceSlot(record, t.form, t.instance);
  }
  let slot = fileSlot(record, t);
  if (!slot) {
    const instance = eventInstance(t);
    slot = { event: t.event, repeatInstrument: t.form, instance, values: {}, checked: {} };
    // As Import Records does: a record's first row on an event carries its id.
    if (t.form === null && !record.slots.some((s) => s.event === t.event)) {
      slot.values[recordIdField(project)] = record.id;
    }
    record.slots.push(slot);
  }
  return slot;
}

/** The stored file of `t`, if there is one. */
export function storedFile(
  project: ProjectData,
  record: StoredRecord,
  t: FileTarget,
): StoredDoc | undefined {
  const docId = own(fileSlot(record, t)?.values ?? {}, t.fieldName);
  return project.edocs.find((d) => String(d.doc_id) === docId);
}

/**
 * Stores an upload in `t` (a file field, checked) and returns its doc id; a file already there
 * is replaced. REDCap drops apostrophes from the file's name. On a repeating instrument a new
 * instance gets its status (Incomplete); on an event a form that now holds a value is no
 * longer gray either (as Import Records does).
 */
export function attachFile(
  project: ProjectData,
  record: StoredRecord,
  t: FileTarget,
  upload: { readonly name: string; readonly type: string; readonly bytes: Uint8Array },
): number {
  const docId = project.nextDocId++;
  const name = upload.name.replace(/'/g, '');
  project.edocs.push({ doc_id: docId, name, mime: upload.type, bytes: upload.bytes.slice() });
  const slot = uploadSlot(project, record, t);
  const previous = own(slot.values, t.fieldName);
  if (previous !== undefined) {
    project.edocs = project.edocs.filter((d) => String(d.doc_id) !== previous);
  }
  slot.values[t.fieldName] = String(docId);
  const status = formStatusName(t.field!.form_name);
  const setsStatus = t.form !== null || t.event !== null;
  if (setsStatus && own(slot.values, status) === undefined) slot.values[status] = '0';
  return docId;
}

/** Removes the file of `t`; false when there is none. */
export function removeFile(project: ProjectData, record: StoredRecord, t: FileTarget): boolean {
  const slot = fileSlot(record, t);
  const docId = slot ? own(slot.values, t.fieldName) : undefined;
  if (!slot || docId === undefined) return false;
  delete slot.values[t.fieldName];
  project.edocs = project.edocs.filter((d) => String(d.doc_id) !== docId);
  return true;
}

/*
 * The three file methods as REDCap's scripts check a request, in their order: the record, then
 * the field, then (longitudinal) the event, then the stored file. Each refusal is a 400 with
 * REDCap's text and changes nothing.
 */

const BAD_EVENT = 'The value of the parameter "event" is not valid';

function checkFileField(t: FileTarget): MetadataRow {
  if (t.field?.field_type !== 'file') {
    throw badRequest(`The field '${t.fieldName}' does not exist or is not a 'file' field`);
  }
  return t.field;
}

/** A longitudinal request needs the unique name of one of the project's events. */
function checkEvent(project: ProjectData, t: FileTarget): void {
  if (t.event !== null && !findEvent(project, t.event)) throw badRequest(BAD_EVENT);
}

/** Export a File: the stored file of `t`. */
export function exportRecordFile(project: ProjectData, t: FileTarget): StoredDoc {
  const record = findRecord(project, t.record);
  if (!record) throw badRequest(`The record "${t.record}" does not exist`);
  checkFileField(t);
  checkEvent(project, t);
  const doc = storedFile(project, record, t);
  if (!doc) throw badRequest('There is no file to download for this record');
  return doc;
}

/**
 * Import a File: stores `upload` in `t` and returns its doc id. A signature field takes no
 * upload; on an event, only a form designated there can hold the file.
 */
export function importRecordFile(
  project: ProjectData,
  t: FileTarget,
  upload: { readonly name: string; readonly type: string; readonly bytes: Uint8Array },
): number {
  const record = findRecord(project, t.record);
  if (!record) {
    throw badRequest(`The record '${t.record}' does not exist. It must exist to upload a file`);
  }
  const field = checkFileField(t);
  if (field.text_validation_type_or_show_slider_number === 'signature') {
    throw badRequest(
      `The field '${t.fieldName}' is a signature field, which cannot be imported using the API but can only be created using the web interface. However, it can be downloaded or deleted using the API.`,
    );
  }
  checkEvent(project, t);
  // Only a form designated on the event can hold a value there (Import Records refuses it too).
  if (t.event !== null && !formsOfEvent(project, t.event).includes(field.form_name)) {
    throw badRequest(BAD_EVENT);
  }
  return attachFile(project, record, t, upload);
}

/** Delete a File: removes the file of `t`. */
export function deleteRecordFile(project: ProjectData, t: FileTarget): void {
  const record = findRecord(project, t.record);
  if (!record) throw badRequest(`The record '${t.record}' does not exist`);
  checkFileField(t);
  checkEvent(project, t);
  if (!removeFile(project, record, t)) {
    throw badRequest('There is no file to delete for this record');
  }
}
