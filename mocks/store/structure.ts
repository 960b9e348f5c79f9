import { formNames } from './dictionary.ts';
import { badRequest } from './errors.ts';
import {
  armsOf,
  eventsOf,
  findEvent,
  formsOfEvent,
  isLongitudinal,
  orderedEvents,
  removeEvents,
  uniqueEventName,
} from './longitudinal.ts';
import type { ProjectData, ProjectEvent, RepeatingForm } from './types.ts';

/**
 * A project's structure (§2.11–§2.14): arms, events, instrument-event designations and the
 * repeating setup, changed as REDCap changes them. Each import checks every row first; a
 * problem refuses all of them (one per line) and nothing changes. Structure changes need
 * development status (§2.1 notes).
 */

/** One row of a structure import: column name → trimmed text (no prototype). */
export type StructureRow = Readonly<Record<string, string>>;

export const IN_DEVELOPMENT_ONLY =
  'The project structure (arms, events, instrument-event mappings, repeating setup) can only be changed while the project is in Development status';

const POSITIVE = /^[1-9]\d*$/;

/** Classic projects have no arms, events or designations: REDCap's 400 (§1.8) for exports. */
export function requireLongitudinal(project: ProjectData, verb: string, what: string): void {
  if (!isLongitudinal(project)) {
    throw badRequest(`You cannot ${verb} ${what} for classic projects`);
  }
}

/** Structure writes: development status only. */
export function requireDevelopment(project: ProjectData): void {
  if (project.info.in_production === 1) throw badRequest(IN_DEVELOPMENT_ONLY);
}

function fail(problems: readonly string[]): void {
  if (problems.length > 0) throw badRequest(problems.join('\n'));
}

const own = (row: StructureRow, key: string): string | undefined =>
  Object.hasOwn(row, key) ? row[key] : undefined;

/** Import Arms (§2.12): new arms added, existing ones renamed; `override` starts from none. */
export function importArms(project: ProjectData, rows: readonly StructureRow[], override: boolean) {
  const problems: string[] = [];
  rows.forEach((row, i) => {
    if (!POSITIVE.test(own(row, 'arm_num') ?? '')) {
      problems.push(`Row ${i + 1}: arm_num must be a whole number of 1 or more`);
    }
    if ((own(row, 'name') ?? '') === '')
      problems.push(`Row ${i + 1}: the arm name cannot be empty`);
  });
  fail(problems);
  if (override) {
    removeEvents(project, new Set(eventsOf(project).map((e) => e.unique_event_name)));
    project.arms = [];
  }
  const arms = armsOf(project);
  for (const row of rows) {
    const num = Number(own(row, 'arm_num'));
    const existing = arms.find((a) => a.arm_num === num);
    if (existing) existing.name = own(row, 'name')!;
    else arms.push({ arm_num: num, name: own(row, 'name')! });
  }
  arms.sort((a, b) => a.arm_num - b.arm_num);
}

/** Delete Arms (§2.12): the arms and their events (with the data on them) go. */
export function deleteArms(project: ProjectData, arms: ReadonlySet<number>): void {
  removeEvents(
    project,
    new Set(
      eventsOf(project)
        .filter((e) => arms.has(e.arm_num))
        .map((e) => e.unique_event_name),
    ),
  );
  project.arms = armsOf(project).filter((a) => !arms.has(a.arm_num));
}

/** A day offset of Import Events: a number, 0 when not given or not a number. */
const offset = (row: StructureRow, key: string): number => {
  const n = Number(own(row, key) ?? '');
  return (own(row, key) ?? '').trim() !== '' && Number.isFinite(n) ? n : 0;
};

/**
 * Import Events (§2.13): a row naming an existing `unique_event_name` renames it (and its
 * label and offsets); others are new events with a derived unique name. `override` starts
 * from no events.
 */
export function importEvents(
  project: ProjectData,
  rows: readonly StructureRow[],
  override: boolean,
): void {
  const arms = new Set(armsOf(project).map((a) => a.arm_num));
  const problems: string[] = [];
  rows.forEach((row, i) => {
    const arm = own(row, 'arm_num') ?? '';
    if ((own(row, 'event_name') ?? '') === '') {
      problems.push(`Row ${i + 1}: the event name cannot be empty`);
    }
    if (!POSITIVE.test(arm) || !arms.has(Number(arm))) {
      problems.push(`Row ${i + 1}: arm_num "${arm}" is not an arm of this project`);
    }
    const unique = own(row, 'unique_event_name') ?? '';
    if (unique !== '' && !override) {
      const existing = findEvent(project, unique);
      if (!existing) {
        problems.push(
          `Row ${i + 1}: unique_event_name "${unique}" is not an event of this project`,
        );
      } else if (POSITIVE.test(arm) && existing.arm_num !== Number(arm)) {
        problems.push(`Row ${i + 1}: the event "${unique}" belongs to arm ${existing.arm_num}`);
      }
    }
  });
  fail(problems);
  if (override) removeEvents(project, new Set(eventsOf(project).map((e) => e.unique_event_name)));
  const events = eventsOf(project);
  for (const row of rows) {
    const unique = override ? '' : (own(row, 'unique_event_name') ?? '');
    const existing = unique === '' ? undefined : findEvent(project, unique);
    if (existing) {
      existing.event_name = own(row, 'event_name')!;
      const label = own(row, 'custom_event_label');
      if (label !== undefined) existing.custom_event_label = label;
      for (const key of ['day_offset', 'offset_min', 'offset_max'] as const) {
        if (own(row, key) !== undefined) existing[key] = offset(row, key);
      }
      continue;
    }
    const arm = Number(own(row, 'arm_num'));
    const taken = new Set(events.map((e) => e.unique_event_name));
    const created: ProjectEvent = {
      event_id: project.nextEventId ?? Math.max(0, ...events.map((e) => e.event_id)) + 1,
      arm_num: arm,
      event_name: own(row, 'event_name')!,
      unique_event_name: uniqueEventName(own(row, 'event_name')!, arm, taken),
      custom_event_label: own(row, 'custom_event_label') ?? '',
      day_offset: offset(row, 'day_offset'),
      offset_min: offset(row, 'offset_min'),
      offset_max: offset(row, 'offset_max'),
    };
    project.nextEventId = created.event_id + 1;
    events.push(created);
  }
  project.events = orderedEvents(project);
}

/**
 * Import Instrument-Event Mappings (§2.11): the rows replace every designation; data on forms
 * no longer designated stays stored (not exported).
 */
export function importMappings(project: ProjectData, rows: readonly StructureRow[]): void {
  const forms = new Set(formNames(project));
  const problems: string[] = [];
  rows.forEach((row, i) => {
    const unique = own(row, 'unique_event_name') ?? '';
    const event = findEvent(project, unique);
    const arm = own(row, 'arm_num') ?? '';
    if (!event) {
      problems.push(`Row ${i + 1}: unique_event_name "${unique}" is not an event of this project`);
    } else if (arm !== '' && arm !== String(event.arm_num)) {
      problems.push(`Row ${i + 1}: the event "${unique}" belongs to arm ${event.arm_num}`);
    }
    const form = own(row, 'form') ?? '';
    if (!forms.has(form)) problems.push(`Row ${i + 1}: form "${form}" is not an instrument`);
  });
  fail(problems);
  const seen = new Set<string>();
  project.formEvents = [];
  for (const row of rows) {
    const key = `${own(row, 'unique_event_name')}\u0000${own(row, 'form')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    project.formEvents.push({
      unique_event_name: own(row, 'unique_event_name')!,
      form: own(row, 'form')!,
    });
  }
}

/**
 * Import Repeating Instruments and Events (§2.14): the rows replace the whole setup. Classic:
 * `form_name` must be an instrument and `event_name` absent or blank. Longitudinal:
 * `event_name` an event, `form_name` blank (the whole event repeats) or a form designated for
 * that event, not both kinds on one event.
 */
export function importRepeating(project: ProjectData, rows: readonly StructureRow[]): void {
  const longitudinal = isLongitudinal(project);
  const forms = new Set(formNames(project));
  const problems: string[] = [];
  const setup: RepeatingForm[] = [];
  const seen = new Map<string, Set<string>>();
  rows.forEach((row, i) => {
    const at = `Row ${i + 1}:`;
    const event = own(row, 'event_name') ?? '';
    const form = own(row, 'form_name') ?? '';
    const label = own(row, 'custom_form_label') ?? '';
    if (!longitudinal) {
      if (event !== '') problems.push(`${at} event_name must be blank in a classic project`);
      if (!forms.has(form)) problems.push(`${at} form_name "${form}" is not an instrument`);
    } else if (!findEvent(project, event)) {
      problems.push(`${at} event_name "${event}" is not an event of this project`);
    } else if (form !== '' && !formsOfEvent(project, event).includes(form)) {
      problems.push(`${at} form_name "${form}" is not designated for the event "${event}"`);
    }
    const formsOnEvent = seen.get(event) ?? new Set<string>();
    seen.set(event, formsOnEvent);
    if (formsOnEvent.has(form)) problems.push(`${at} the row repeats an earlier one`);
    else if (longitudinal && (form === '' ? formsOnEvent.size > 0 : formsOnEvent.has(''))) {
      problems.push(
        `${at} the event "${event}" cannot repeat as a whole and have repeating instruments`,
      );
    }
    formsOnEvent.add(form);
    setup.push(
      longitudinal
        ? { event_name: event, form_name: form, custom_form_label: form === '' ? '' : label }
        : { form_name: form, custom_form_label: label },
    );
  });
  fail(problems);
  project.repeating = setup;
  project.info.has_repeating_instruments_or_events = setup.length > 0 ? 1 : 0;
}
