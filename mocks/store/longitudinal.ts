import type { Arm, FormEventMapping, ProjectData, ProjectEvent } from './types.ts';

/** Arms, events and form-event designations of a longitudinal project (§2.11–§2.14, §3.1). */

export const isLongitudinal = (project: ProjectData): boolean => project.info.is_longitudinal === 1;

export const armsOf = (project: ProjectData): Arm[] => (project.arms ??= []);
export const eventsOf = (project: ProjectData): ProjectEvent[] => (project.events ??= []);
export const mappingsOf = (project: ProjectData): FormEventMapping[] => (project.formEvents ??= []);

export function findEvent(project: ProjectData, unique: string): ProjectEvent | undefined {
  return eventsOf(project).find((e) => e.unique_event_name === unique);
}

/** Events in REDCap's order: by arm, then their order within the arm (§3.4). */
export function orderedEvents(project: ProjectData): ProjectEvent[] {
  return eventsOf(project)
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.arm_num - b.e.arm_num || a.i - b.i)
    .map(({ e }) => e);
}

/** The forms designated for an event, in instrument order. */
export function formsOfEvent(project: ProjectData, unique: string): string[] {
  const designated = new Set(
    mappingsOf(project)
      .filter((m) => m.unique_event_name === unique)
      .map((m) => m.form),
  );
  return project.instruments.map((i) => i.instrument_name).filter((f) => designated.has(f));
}

/** Events whose every instance repeats (a repeating-setup row with a blank form, §2.14). */
export function repeatingEvents(project: ProjectData): Set<string> {
  return new Set(
    project.repeating.filter((r) => r.form_name === '' && r.event_name).map((r) => r.event_name!),
  );
}

/**
 * Removes events with their designations, repeating setup and data (§2.12, §2.13: deleting an
 * event deletes the data collected in it). A record left without data is gone.
 */
export function removeEvents(project: ProjectData, uniques: ReadonlySet<string>): void {
  if (uniques.size === 0) return;
  project.events = eventsOf(project).filter((e) => !uniques.has(e.unique_event_name));
  project.formEvents = mappingsOf(project).filter((m) => !uniques.has(m.unique_event_name));
  project.repeating = project.repeating.filter((r) => !uniques.has(r.event_name ?? ''));
  project.info.has_repeating_instruments_or_events = project.repeating.length > 0 ? 1 : 0;
  for (const record of project.records) {
    record.slots = record.slots.filter((s) => s.event === null || !uniques.has(s.event));
  }
  project.records = project.records.filter((r) => r.slots.length > 0);
}

/**
 * A unique event name for a new event (§2.13): the lower-cased name with runs of other
 * characters as `_`, cut to 18 characters, then `_arm_<n>`; a name in use gets `b`, `c`, …
 * after the cut name (the mock's choice: REDCap's collision rule is not on record).
 */
export function uniqueEventName(name: string, arm: number, taken: ReadonlySet<string>): string {
  const base =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 18)
      .replace(/_+$/, '') || 'event';
  let candidate = `${base}_arm_${arm}`;
  for (let i = 1; taken.has(candidate); i++) {
    candidate = `${base}${suffix(i)}_arm_${arm}`;
  }
  return candidate;
}

/** b, c, …, z, ba, bb, … */
function suffix(i: number): string {
  let s = '';
  let n = i;
  do {
    s = String.fromCharCode(97 + (n % 26)) + s;
    n = Math.floor(n / 26);
  } while (n > 0);
  return s;
}

/** The column of an imported or exported row that names its event. */
export const EVENT_COLUMN = 'redcap_event_name';

/** The instruments that repeat on an event (repeating-setup rows naming both). */
export function repeatingFormsOn(project: ProjectData, event: string): Set<string> {
  return new Set(
    project.repeating
      .filter((r) => r.event_name === event && r.form_name !== '')
      .map((r) => r.form_name),
  );
}

/** The events of an arm (Delete Records' `arm`). */
export function eventsOfArm(project: ProjectData, arm: number): Set<string> {
  return new Set(
    eventsOf(project)
      .filter((e) => e.arm_num === arm)
      .map((e) => e.unique_event_name),
  );
}
