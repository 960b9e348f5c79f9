import { scalarField } from '../../src/lib/redcap/decode.ts';
import { DEFAULT_400, respond } from '../wire/render.ts';
import { fieldsOfForm, formNames, recordIdField, repeatingForms } from '../store/dictionary.ts';
import { canSeeRecord } from '../store/access.ts';
import { clearForm, deleteInstance, deleteRecord, findRecord, mainSlot } from '../store/records.ts';
import { listParam, repeatInstanceParam } from '../wire/params.ts';
import { eventsOfArm, repeatingFormsOn } from '../store/import-longitudinal.ts';
import {
  armsOf,
  eventsOf,
  findEvent,
  isLongitudinal,
  repeatingEvents,
} from '../store/longitudinal.ts';
import { badRequest, type Route, type RouteContext } from '../wire/route.ts';

/**
 * Delete Records (§2.5): whole records, or one instrument of them; on a repeating instrument
 * one instance (`repeat_instance`, default 1). All records must exist, else nothing happens.
 * The answer is the number of records that lost something.
 */
export const deleteRecords: Route = {
  right: 'delete',
  handle(ctx) {
    const f = ctx.fields;
    const { project } = ctx;
    // `records` must be an array (§1.4, §2.5): a plain string is refused.
    if (!Array.isArray(f['records'])) throw badRequest(DEFAULT_400);
    const ids = [...new Set(listParam(f, 'records'))];
    if (ids.length === 0) throw badRequest(DEFAULT_400);
    // A DAG user's view of the project has only their DAG's records (§2.3, §2.15).
    const missing = ids.filter((id) => {
      const record = findRecord(project, id);
      return !record || !canSeeRecord(ctx.user, record);
    });
    if (missing.length > 0) {
      throw badRequest(
        `One or more of the records provided cannot be deleted because they do not exist in the project. The following records do not exist: ${missing.join(', ')}`,
      );
    }
    const instrument = scalarField(f, 'instrument') ?? '';
    // Longitudinal: checked with the event (REDCap asks for the event first).
    if (!isLongitudinal(project) && instrument !== '' && !formNames(project).includes(instrument)) {
      throw notDeleted(ids.map((id) => [id, DELETE_REASONS.badInstrument]));
    }
    const instance = repeatInstanceParam(f);
    if (isLongitudinal(project)) return deleteLongitudinal(ctx, ids, instrument, instance);
    const repeating = repeatingForms(project).has(instrument);
    const idField = recordIdField(project);
    const names = fieldsOfForm(project, instrument).map((field) => field.field_name);
    let count = 0;
    for (const id of ids) {
      if (instrument === '') {
        deleteRecord(project, id);
        ctx.log(`Delete record ${ctx.apiTag} ${id}`, `${idField} = '${id}'`, id);
        count++;
        continue;
      }
      const record = findRecord(project, id)!;
      const deleted = repeating
        ? deleteInstance(record, instrument, instance)
        : clearForm(project, mainSlot(record), instrument, names);
      if (!deleted) continue;
      const where = repeating && instance > 1 ? ` [instance = ${instance}]` : '';
      ctx.log(
        `Update record ${ctx.apiTag} ${id}`,
        `Delete all record data for single form (${instrument})${where}`,
        id,
      );
      count++;
    }
    return respond(200, ctx.returnFormat, String(count));
  },
};

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
 * Delete Records on a longitudinal project (§2.5): `arm` limits a delete to that arm's events
 * (a record must exist there), `event` to one event; `instrument` needs `event` and clears
 * that form on that event (one instance of a repeating event or instrument). A record left
 * without data is gone. The answer counts the records that lost something.
 */
function deleteLongitudinal(
  ctx: RouteContext,
  ids: readonly string[],
  instrument: string,
  instance: number,
) {
  const { project } = ctx;
  const armRaw = scalarField(ctx.fields, 'arm') ?? '';
  const eventName = scalarField(ctx.fields, 'event') ?? '';
  const rawInstance = scalarField(ctx.fields, 'repeat_instance') ?? '';
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
  let count = 0;
  for (const id of ids) {
    const record = findRecord(project, id)!;
    if (instrument === '') {
      const before = record.slots.length;
      const whole = armRaw === '' && eventName === '';
      // On a repeating event, `repeat_instance` names one instance of it: REDCap deletes that
      // instance only; the other instances and events stay.
      const oneInstance =
        eventName !== '' && rawInstance !== '' && repeatingEvents(project).has(eventName);
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
      ctx.log(`Delete record ${ctx.apiTag} ${id}`, `${idField} = '${id}'${where}`, id);
      count++;
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
    ctx.log(
      `Update record ${ctx.apiTag} ${id}`,
      `Delete all record data for single form (${instrument}) [event = ${eventName}]${instance > 1 ? ` [instance = ${instance}]` : ''}`,
      id,
    );
    count++;
  }
  return respond(200, ctx.returnFormat, String(count));
}
