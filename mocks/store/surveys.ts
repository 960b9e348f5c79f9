import { badRequest } from './errors.ts';
import { eventsOf, findEvent, formsOfEvent, isLongitudinal } from './longitudinal.ts';
import { findInstance, lastInstance, mainSlot, own } from './records.ts';
import type { ProjectData, StoredRecord, Survey } from './types.ts';

/**
 * Surveys (§2.22) in the store: which survey a form is, who its participants are (per arm on a
 * longitudinal project), which repeat instance a link may open, and the hashes and codes, derived
 * from the project, survey, event, record and instance, so one participant always gets the same
 * ones (REDCap makes them on the first request and keeps them). The texts are REDCap's where
 * mocks/README.md "Where real servers differ" says so; the others are the mock's.
 */

export const SURVEY_MESSAGES = {
  surveysOff: 'Surveys are not enabled in this project.',
  // REDCap's own texts (API/surveyLink, surveyAccessCode, participantList: single quotes;
  // surveyReturnCode: double quotes), see mocks/README.md "Where real servers differ".
  notSurvey: (form: string) => `The instrument '${form}' has not been enabled as a survey`,
  notSurveyQuoted: (form: string) => `The instrument "${form}" has not been enabled as a survey`,
  badInstrument: 'Invalid instrument',
  noEvent: "The parameter 'event' is missing",
  unknownEvent: 'Invalid event',
  notDesignated: (form: string, event: string) =>
    `The instrument "${form}" has not been designated for the event "${event}"`,
  queueOff:
    'The Survey Queue has not been enabled in this project. You will need to enable the Survey Queue before using this method.',
  noSaveAndReturn: "The 'Save & Return Later' feature has not been enabled for this survey",
  noRecord: (record: string) => `The record "${record}" does not exist`,
  noInstance: (record: string, form: string, instance: number) =>
    `The record '${record}' has no instance ${instance} of the repeating survey "${form}" and it is not the next one.`,
} as const;

export function surveyResponse(project: ProjectData, form: string, record: string) {
  return project.surveys?.responses.find((r) => r.form === form && r.record === record);
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A deterministic code of `length` characters from A–Z and 0–9 (FNV-1a, then xorshift). */
export function surveyCode(key: string, length: number): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  let out = '';
  for (let i = 0; i < length; i++) {
    h ^= h << 13;
    h ^= h >>> 17;
    h ^= h << 5;
    h >>>= 0;
    out += ALPHABET[h % ALPHABET.length];
  }
  return out;
}

/** One participant of one survey: the record, its event ('' in a classic project) and instance. */
export interface SurveyTarget {
  readonly survey: Survey;
  readonly record: StoredRecord;
  readonly event: string;
  readonly instance: number;
}

export function surveysOn(project: ProjectData): void {
  if (project.info.surveys_enabled !== 1) throw badRequest(SURVEY_MESSAGES.surveysOff);
}

export function findSurvey(
  project: ProjectData,
  form: string,
  notSurvey: (form: string) => string = SURVEY_MESSAGES.notSurvey,
): Survey {
  surveysOn(project);
  if (!project.instruments.some((i) => i.instrument_name === form)) {
    throw badRequest(SURVEY_MESSAGES.badInstrument);
  }
  const survey = project.surveys?.surveys.find((s) => s.form === form);
  if (!survey) throw badRequest(notSurvey(form));
  return survey;
}

/**
 * The event of a survey request: ignored ('') in a classic project; required and one of the
 * project's events otherwise, and (links and codes, not the participant list) one the form is
 * designated on.
 */
export function surveyEvent(
  project: ProjectData,
  event: string,
  form: string,
  designated: boolean,
): string {
  if (!isLongitudinal(project)) return '';
  if (event === '') throw badRequest(SURVEY_MESSAGES.noEvent);
  if (!findEvent(project, event)) throw badRequest(SURVEY_MESSAGES.unknownEvent);
  if (designated && !formsOfEvent(project, event).includes(form)) {
    throw badRequest(SURVEY_MESSAGES.notDesignated(form, event));
  }
  return event;
}

/**
 * A repeating survey's link opens an existing instance or the next one; any other instance
 * is refused.
 */
export function checkSurveyInstance(record: StoredRecord, form: string, instance: number): void {
  if (!findInstance(record, form, instance) && instance > lastInstance(record, form) + 1) {
    throw badRequest(SURVEY_MESSAGES.noInstance(record.id, form, instance));
  }
}

/** The records in the arm of `event` (data on any of its events); all of them when ''. */
export function recordsInArm(project: ProjectData, event: string, records: StoredRecord[]) {
  if (event === '') return records;
  const arm = findEvent(project, event)?.arm_num;
  const events = new Set(
    eventsOf(project)
      .filter((e) => e.arm_num === arm)
      .map((e) => e.unique_event_name),
  );
  return records.filter((r) => r.slots.some((s) => s.event !== null && events.has(s.event)));
}

/** The participant e-mail of a record: its first non-blank value (in the arm's events). */
export function emailOf(project: ProjectData, record: StoredRecord, field: string, event: string) {
  if (field === '') return '';
  if (event === '') return own(mainSlot(record).values, field) ?? '';
  const arm = findEvent(project, event)?.arm_num;
  for (const slot of record.slots) {
    if (slot.event === null || findEvent(project, slot.event)?.arm_num !== arm) continue;
    const value = own(slot.values, field) ?? '';
    if (value !== '') return value;
  }
  return '';
}

const key = (project: ProjectData, t: SurveyTarget, kind: string) =>
  `${kind}|${project.info.project_id}|${t.survey.form}|${t.event}|${t.record.id}|${t.instance}`;

export const surveyHash = (project: ProjectData, t: SurveyTarget) =>
  surveyCode(key(project, t, 's'), 10);
export const accessCode = (project: ProjectData, t: SurveyTarget) =>
  surveyCode(key(project, t, 'a'), 9);
export const returnCode = (project: ProjectData, t: SurveyTarget) =>
  surveyCode(key(project, t, 'r'), 8);
export const queueHash = (project: ProjectData, record: StoredRecord) =>
  surveyCode(`q|${project.info.project_id}|${record.id}`, 10);
