import { columnsByName, recordIdField, repeatingForms } from './dictionary.ts';
import { badRequest } from './errors.ts';
import { findEvent, isLongitudinal, repeatingFormsOn } from './longitudinal.ts';
import { findRecord, writeColumn } from './records.ts';
import { isRepeatInstance, MAX_REPEAT_INSTANCE, recordNameProblem } from './names.ts';
import type { Cells, DataSlot, ProjectData } from './types.ts';
import { checkCell } from './values.ts';

/**
 * Puts one row of already-stored data back into exactly one slot: the record, event, repeat
 * instrument and instance named, each cell checked as Import Records checks it (§1.8 lines),
 * then written as it is. Unlike Import Records (`import-records.ts`) it adds nothing of its own:
 * no copy of the record id onto an event's first row, no Incomplete status for a form that
 * holds data, no log row. For data that is a copy of a store, such as the longitudinal demo's
 * seed, whose record id is stored on its baseline rows only.
 */

/** Where a row goes: the slot's key. `event` is null on a classic project. */
export interface SlotPlace {
  readonly record: string;
  readonly event: string | null;
  readonly repeatInstrument: string | null;
  readonly instance: number | null;
}

const line = (id: string, name: string, value: string, reason: string) =>
  `"${id}","${name}","${value}","${reason}"`;

/**
 * Writes `cells` (export names: `field`, `field___code`, `<form>_complete`; blanks are skipped)
 * into the slot `place`, creating the record and the slot when missing. Refusals are ApiErrors
 * with REDCap's texts, and then nothing changed. Returns the slot.
 */
export function writeRow(project: ProjectData, place: SlotPlace, cells: Cells): DataSlot {
  const idField = recordIdField(project);
  if (place.record === '') throw badRequest(`The record id, ${idField}, cannot be empty`);
  const nameProblem = recordNameProblem(place.record);
  if (nameProblem) throw badRequest(nameProblem);
  if (place.instance !== null && !isRepeatInstance(String(place.instance))) {
    throw badRequest(
      line(
        place.record,
        'redcap_repeat_instance',
        String(place.instance),
        `The value must be a whole number from 1 to ${MAX_REPEAT_INSTANCE}`,
      ),
    );
  }
  if ((place.event !== null) !== isLongitudinal(project)) {
    throw badRequest(
      isLongitudinal(project)
        ? 'The record event name cannot be empty'
        : 'The project is not longitudinal, so a row has no event',
    );
  }
  if (place.event !== null && !findEvent(project, place.event)) {
    throw badRequest(`The following values of redcap_event_name are invalid: ${place.event}`);
  }
  if (place.repeatInstrument !== null) {
    const repeating =
      place.event === null ? repeatingForms(project) : repeatingFormsOn(project, place.event);
    if (!repeating.has(place.repeatInstrument)) {
      throw badRequest(
        line(
          place.record,
          'redcap_repeat_instrument',
          place.repeatInstrument,
          `${place.repeatInstrument} is not a repeating instrument${place.event === null ? '' : ` on the event ${place.event}`}`,
        ),
      );
    }
  }
  const byName = columnsByName(project);
  const unknown = cells.map(([name]) => name).filter((name) => !byName.has(name));
  if (unknown.length > 0) {
    throw badRequest(
      `The following fields were not found in the project as real data fields: ${[...new Set(unknown)].join(', ')}`,
    );
  }
  const problems: string[] = [];
  const writes: [string, string][] = [];
  for (const [name, raw] of cells) {
    if (raw === '') continue;
    const result = checkCell(byName.get(name)!, raw, 'YMD');
    if ('reason' in result) problems.push(line(place.record, name, raw, result.reason));
    else writes.push([name, result.value]);
  }
  if (problems.length > 0) throw badRequest(problems.join('\n'));

  let record = findRecord(project, place.record);
  if (!record) project.records.push((record = { id: place.record, dag: '', slots: [] }));
  let slot = record.slots.find(
    (s) =>
      s.event === place.event &&
      s.repeatInstrument === place.repeatInstrument &&
      s.instance === place.instance,
  );
  if (!slot) {
    const { event, repeatInstrument, instance } = place;
    slot = { event, repeatInstrument, instance, values: {}, checked: {} };
    record.slots.push(slot);
  }
  for (const [name, value] of writes) writeColumn(slot, byName.get(name)!, value, false);
  return slot;
}
