import { scalarField } from '../../src/lib/redcap/decode.ts';
import { renderMatrix, respond, type Cell } from '../wire/render.ts';
import { canSeeRecord, visibleRecords } from '../store/access.ts';
import { repeatingForms } from '../store/dictionary.ts';
import { eventsOf, findEvent, formsOfEvent, isLongitudinal } from '../store/longitudinal.ts';
import {
  findInstance,
  findRecord,
  lastInstance,
  mainSlot,
  own,
  sortedRecords,
} from '../store/records.ts';
import type { ProjectData, StoredRecord, Survey } from '../store/types.ts';
import { repeatInstanceParam } from '../wire/params.ts';
import { badRequest, type ModuleRight, type Route, type RouteContext } from '../wire/route.ts';

/**
 * Surveys (§2.22): links, access and return codes, the queue link and the participant list.
 * Links are built from the address the request came to (`ctx.baseUrl`), as REDCap builds them
 * from its own base URL. Hashes and codes are derived from the project, survey, event, record
 * and instance, so one participant always gets the same ones (REDCap makes them on the first
 * request and keeps them). The instrument and event texts are REDCap's (its API scripts, see
 * mocks/README.md "Where real servers differ"); the others are the mock's.
 */

export const SURVEY_RIGHT: ModuleRight = {
  right: 'manage_survey_participants',
  message:
    'The API request cannot complete because currently you do not have "Manage Survey Participants" privileges, which are required for this operation.',
};

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

interface Target {
  readonly survey: Survey;
  readonly record: StoredRecord;
  readonly event: string;
  readonly instance: number;
}

function required(ctx: RouteContext, name: string): string {
  const value = (scalarField(ctx.fields, name) ?? '').trim();
  if (value === '') throw badRequest(`The parameter '${name}' is missing`);
  return value;
}

function surveysOn(project: ProjectData): void {
  if (project.info.surveys_enabled !== 1) throw badRequest(SURVEY_MESSAGES.surveysOff);
}

function findSurvey(
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
 * The event of a survey: ignored in a classic project; required and existing otherwise, and
 * (links and codes, not the participant list) one the form is designated on.
 */
function surveyEvent(ctx: RouteContext, form: string, designated = true): string {
  if (!isLongitudinal(ctx.project)) return '';
  const event = (scalarField(ctx.fields, 'event') ?? '').trim();
  if (event === '') throw badRequest(SURVEY_MESSAGES.noEvent);
  if (!findEvent(ctx.project, event)) throw badRequest(SURVEY_MESSAGES.unknownEvent);
  if (designated && !formsOfEvent(ctx.project, event).includes(form)) {
    throw badRequest(SURVEY_MESSAGES.notDesignated(form, event));
  }
  return event;
}

/** The records in the arm of `event` (data on any of its events); all of them when ''. */
function recordsInArm(project: ProjectData, event: string, records: StoredRecord[]) {
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
function emailOf(project: ProjectData, record: StoredRecord, field: string, event: string) {
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

function visibleRecord(ctx: RouteContext, id: string): StoredRecord {
  const record = findRecord(ctx.project, id);
  // A record outside the user's DAG does not exist for them.
  if (!record || !canSeeRecord(ctx.user, record)) throw badRequest(SURVEY_MESSAGES.noRecord(id));
  return record;
}

/**
 * record + instrument (+ event, repeat_instance): REDCap checks that the record is given and
 * exists before anything about the instrument or the event.
 */
function participantTarget(
  ctx: RouteContext,
  notSurvey: (form: string) => string = SURVEY_MESSAGES.notSurvey,
): Target {
  const record = visibleRecord(ctx, required(ctx, 'record'));
  const recordId = record.id;
  const form = required(ctx, 'instrument');
  const survey = findSurvey(ctx.project, form, notSurvey);
  const event = surveyEvent(ctx, form);
  let instance = 1;
  if (repeatingForms(ctx.project).has(form)) {
    instance = repeatInstanceParam(ctx.fields);
    // An existing instance, or the next one (its link opens a new instance).
    if (!findInstance(record, form, instance) && instance > lastInstance(record, form) + 1) {
      throw badRequest(SURVEY_MESSAGES.noInstance(recordId, form, instance));
    }
  }
  return { survey, record, event, instance };
}

const key = (project: ProjectData, t: Target, kind: string) =>
  `${kind}|${project.info.project_id}|${t.survey.form}|${t.event}|${t.record.id}|${t.instance}`;

export const surveyHash = (project: ProjectData, t: Target) => surveyCode(key(project, t, 's'), 10);
export const accessCode = (project: ProjectData, t: Target) => surveyCode(key(project, t, 'a'), 9);
const returnCode = (project: ProjectData, t: Target) => surveyCode(key(project, t, 'r'), 8);
const queueHash = (project: ProjectData, record: StoredRecord) =>
  surveyCode(`q|${project.info.project_id}|${record.id}`, 10);

const surveyLink = (ctx: RouteContext, t: Target) =>
  `${ctx.baseUrl}surveys/?s=${surveyHash(ctx.project, t)}`;
const queueLink = (ctx: RouteContext, record: StoredRecord) =>
  `${ctx.baseUrl}surveys/?sq=${queueHash(ctx.project, record)}`;

export const exportSurveyLink: Route = {
  right: 'export',
  module: SURVEY_RIGHT,
  handle(ctx) {
    const target = participantTarget(ctx);
    ctx.log('Manage/Design', `Export survey link ${ctx.apiTag}`, target.record.id);
    return respond(200, ctx.returnFormat, surveyLink(ctx, target));
  },
};

export const exportSurveyAccessCode: Route = {
  right: 'export',
  module: SURVEY_RIGHT,
  handle(ctx) {
    const target = participantTarget(ctx);
    ctx.log('Manage/Design', `Export survey access code ${ctx.apiTag}`, target.record.id);
    return respond(200, ctx.returnFormat, accessCode(ctx.project, target));
  },
};

export const exportSurveyReturnCode: Route = {
  right: 'export',
  module: SURVEY_RIGHT,
  handle(ctx) {
    const target = participantTarget(ctx, SURVEY_MESSAGES.notSurveyQuoted);
    if (!target.survey.saveAndReturn) {
      throw badRequest(SURVEY_MESSAGES.noSaveAndReturn);
    }
    ctx.log('Manage/Design', `Export survey return code ${ctx.apiTag}`, target.record.id);
    return respond(200, ctx.returnFormat, returnCode(ctx.project, target));
  },
};

export const exportSurveyQueueLink: Route = {
  right: 'export',
  module: SURVEY_RIGHT,
  handle(ctx) {
    const record = visibleRecord(ctx, required(ctx, 'record'));
    surveysOn(ctx.project);
    if (!ctx.project.surveys?.queue) throw badRequest(SURVEY_MESSAGES.queueOff);
    ctx.log('Manage/Design', `Export survey queue link ${ctx.apiTag}`, record.id);
    return respond(200, ctx.returnFormat, queueLink(ctx, record));
  },
};

export const PARTICIPANT_COLUMNS = [
  'email',
  'email_occurrence',
  'identifier',
  'record',
  'invitation_sent_status',
  'invitation_send_time',
  'response_status',
  'survey_access_code',
  'survey_link',
  'survey_queue_link',
];

/**
 * Every record the user may see is a participant (the mock keeps no separate participant
 * table): e-mail from the project's participant e-mail field, never invited, response status
 * from the survey's responses (2 completed, 1 started and left, 0 none).
 */
export const exportSurveyParticipants: Route = {
  right: 'export',
  module: SURVEY_RIGHT,
  handle(ctx) {
    const { project } = ctx;
    const form = required(ctx, 'instrument');
    const survey = findSurvey(project, form);
    // REDCap's participant list does not ask that the form be designated on the event.
    const event = surveyEvent(ctx, form, false);
    const format = ctx.format === 'odm' ? 'xml' : ctx.format;
    const emailField = project.surveys?.emailField ?? '';
    const seen = new Map<string, number>();
    const records = recordsInArm(project, event, visibleRecords(ctx.user, sortedRecords(project)));
    const rows: Cell[][] = records.map((record) => {
      const email = emailOf(project, record, emailField, event);
      const occurrence = email === '' ? 1 : (seen.get(email) ?? 0) + 1;
      if (email !== '') seen.set(email, occurrence);
      const answer = surveyResponse(project, form, record.id);
      const response = answer === undefined ? 0 : answer.completed !== '' ? 2 : 1;
      const target: Target = { survey, record, event, instance: 1 };
      return [
        email,
        occurrence,
        '',
        record.id,
        0,
        '',
        response,
        accessCode(project, target),
        surveyLink(ctx, target),
        project.surveys?.queue ? queueLink(ctx, record) : '',
      ];
    });
    ctx.log('Manage/Design', `Export survey participant list ${ctx.apiTag}`);
    return respond(200, format, renderMatrix(PARTICIPANT_COLUMNS, rows, format));
  },
};
