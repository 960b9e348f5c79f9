import { canSeeRecord } from './access.ts';
import { fieldsOfForm, formNames, recordIdField, repeatingForms } from './dictionary.ts';
import { badRequest } from './errors.ts';
import {
  armsOf,
  eventsOf,
  eventsOfArm,
  findEvent,
  isLongitudinal,
  repeatingEvents,
  repeatingFormsOn,
} from './longitudinal.ts';
import { clearForm, deleteInstance, deleteRecord, findRecord, mainSlot } from './records.ts';
import type { ProjectData, ProjectUser } from './types.ts';

/**
 * Delete Records (§2.5): whole records, or one instrument of them; on a repeating instrument
 * one instance. All records must exist, else nothing happens. On a longitudinal project `arm`
 * limits a delete to that arm's events, `event` to one event (one instance of a repeating
 * event), and `instrument` needs `event`. A record left without data is gone.
 */

/** What a delete names, already read from the request. */
export interface DeleteRequest {
  readonly records: readonly string[];
  /** '' for whole records (or events). */
  readonly instrument: string;
  /** The repeat instance (1 when none was sent). */
  readonly instance: number;
  /** Whether `repeat_instance` was sent at all: on a repeating event it names one instance. */
  readonly instanceSent: boolean;
  /** Longitudinal only: the arm number as sent, or ''. */
  readonly arm: string;
  /** Longitudinal only: the unique event name, or ''. */
  readonly event: string;
}

/** One record that lost something, and the log row REDCap writes for it. */
export interface DeleteChange {
  readonly record: string;
  readonly action: 'Delete record' | 'Update record';
  readonly details: string;
}

/**
 * REDCap's texts for a delete that fails on some records (its API/record/delete.php and
 * REDCap::deleteRecord: English.ini api_176 and api_178–181), each record with its reason.
 */
export const DELETE_REASONS = {
  notInArm: 'Record does not exists.',
  badEvent: 'Invalid Unique Event Name.',
  badInstrument: 'Invalid instrument.',
  eventMandatory: 'Event is mandatory for longitudinal project.',
} as const;

export const BAD_ARM_MESSAGE = 'The arm provided is not correct for the project.';

const notDeleted = (errors: readonly (readonly [string, string])[]) =>
  badRequest(
    `One or more of the records provided are either do not exist in this project or not valid with selected params. Note: No records were deleted. Records that do not exist: ${errors.map(([id, reason]) => `${id}: ${reason}`).join(', ')}`,
  );

/**
 * The first checks, before the repeat instance is read: every record exists and `user` sees it
 * (a DAG user's view has only their DAG's records, §2.3, §2.15); on a classic project the
 * instrument exists (a longitudinal one checks it with the event).
 */
export function checkDeletable(
  project: ProjectData,
  user: ProjectUser,
  records: readonly string[],
  instrument: string,
): void {
  const missing = records.filter((id) => {
    const record = findRecord(project, id);
    return !record || !canSeeRecord(user, record);
  });
  if (missing.length > 0) {
    throw badRequest(
      `One or more of the records provided cannot be deleted because they do not exist in the project. The following records do not exist: ${missing.join(', ')}`,
    );
  }
  if (!isLongitudinal(project) && instrument !== '' && !formNames(project).includes(instrument)) {
    throw notDeleted(records.map((id) => [id, DELETE_REASONS.badInstrument]));
  }
}

/** Deletes what `request` names (after {@link checkDeletable}); the records that lost something. */
export function deleteRecordData(project: ProjectData, request: DeleteRequest): DeleteChange[] {
  if (isLongitudinal(project)) return deleteLongitudinal(project, request);
  const { instrument, instance } = request;
  const repeating = repeatingForms(project).has(instrument);
  const idField = recordIdField(project);
  const names = fieldsOfForm(project, instrument).map((field) => field.field_name);
  const changes: DeleteChange[] = [];
  for (const id of request.records) {
    if (instrument === '') {
      deleteRecord(project, id);
      changes.push({ record: id, action: 'Delete record', details: `${idField} = '${id}'` });
      continue;
    }
    const record = findRecord(project, id)!;
    const deleted = repeating
      ? deleteInstance(record, instrument, instance)
      : clearForm(project, mainSlot(record), instrument, names);
    if (!deleted) continue;
    const where = repeating && instance > 1 ? ` [instance = ${instance}]` : '';
    changes.push({
      record: id,
      action: 'Update record',
      details: `Delete all record data for single form (${instrument})${where}`,
    });
  }
  return changes;
}

function deleteLongitudinal(project: ProjectData, request: DeleteRequest): DeleteChange[] {
  const { records: ids, instrument, instance, arm: armRaw, event: eventName } = request;
  let scope: Set<string> = new Set(eventsOf(project).map((e) => e.unique_event_name));
  if (armRaw !== '') {
    if (!armsOf(project).some((a) => String(a.arm_num) === armRaw)) {
      throw badRequest(BAD_ARM_MESSAGE);
    }
    scope = eventsOfArm(project, Number(armRaw));
  }
  const armScope = scope;
  // REDCap checks each record in turn: in the arm, then the event, then the instrument.
  const reason = (id: string): string => {
    if (
      armRaw !== '' &&
      !findRecord(project, id)!.slots.some((s) => s.event !== null && armScope.has(s.event))
    ) {
      return DELETE_REASONS.notInArm;
    }
    if (eventName !== '') {
      // An event outside `arm` is refused too (the mock's choice).
      if (!findEvent(project, eventName) || !armScope.has(eventName)) {
        return DELETE_REASONS.badEvent;
      }
      if (instrument !== '' && !formNames(project).includes(instrument)) {
        return DELETE_REASONS.badInstrument;
      }
    } else if (instrument !== '') {
      return DELETE_REASONS.eventMandatory;
    }
    return '';
  };
  const errors = ids.map((id) => [id, reason(id)] as const).filter(([, r]) => r !== '');
  if (errors.length > 0) throw notDeleted(errors);
  if (eventName !== '') scope = new Set([eventName]);
  const idField = recordIdField(project);
  const names = fieldsOfForm(project, instrument).map((field) => field.field_name);
  const changes: DeleteChange[] = [];
  for (const id of ids) {
    const record = findRecord(project, id)!;
    if (instrument === '') {
      const before = record.slots.length;
      const whole = armRaw === '' && eventName === '';
      // On a repeating event, `repeat_instance` names one instance of it: REDCap deletes that
      // instance only; the other instances and events stay.
      const oneInstance =
        eventName !== '' && request.instanceSent && repeatingEvents(project).has(eventName);
      record.slots = whole
        ? []
        : oneInstance
          ? record.slots.filter(
              (s) =>
                !(s.event === eventName && s.repeatInstrument === null && s.instance === instance),
            )
          : record.slots.filter((s) => s.event === null || !scope.has(s.event));
      if (record.slots.length === before) continue;
      if (record.slots.length === 0) deleteRecord(project, id);
      const where =
        eventName !== ''
          ? ` [event = ${eventName}]${oneInstance && instance > 1 ? ` [instance = ${instance}]` : ''}`
          : armRaw !== ''
            ? ` [arm = ${armRaw}]`
            : '';
      changes.push({
        record: id,
        action: 'Delete record',
        details: `${idField} = '${id}'${where}`,
      });
      continue;
    }
    let deleted = false;
    if (repeatingFormsOn(project, eventName).has(instrument)) {
      const slot = record.slots.find(
        (s) =>
          s.event === eventName && s.repeatInstrument === instrument && s.instance === instance,
      );
      if (slot) {
        record.slots.splice(record.slots.indexOf(slot), 1);
        deleted = true;
      }
    } else {
      const wanted = repeatingEvents(project).has(eventName) ? instance : null;
      const slot = record.slots.find(
        (s) => s.event === eventName && s.repeatInstrument === null && s.instance === wanted,
      );
      if (slot) deleted = clearForm(project, slot, instrument, names);
    }
    if (!deleted) continue;
    if (record.slots.length === 0) deleteRecord(project, id);
    changes.push({
      record: id,
      action: 'Update record',
      details: `Delete all record data for single form (${instrument}) [event = ${eventName}]${instance > 1 ? ` [instance = ${instance}]` : ''}`,
    });
  }
  return changes;
}
