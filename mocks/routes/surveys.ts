import { canSeeRecord, visibleRecords } from '../store/access.ts';
import { repeatingForms } from '../store/dictionary.ts';
import { findRecord, sortedRecords } from '../store/records.ts';
import {
  accessCode,
  checkSurveyInstance,
  emailOf,
  findSurvey,
  queueHash,
  recordsInArm,
  returnCode,
  SURVEY_MESSAGES,
  surveyHash,
  surveyEvent,
  surveyResponse,
  surveysOn,
  type SurveyTarget,
} from '../store/surveys.ts';
import type { StoredRecord } from '../store/types.ts';
import { paramsOf, repeatInstanceParam, type Params } from '../wire/params.ts';
import { payloadFormat, renderMatrix, respond, type Cell } from '../wire/render.ts';
import { badRequest, SURVEY_RIGHT, type Route, type RouteContext } from '../wire/route.ts';

/**
 * Surveys (§2.22): links, access and return codes, the queue link and the participant list.
 * Links are built from the address the request came to (`ctx.baseUrl`), as REDCap builds them
 * from its own base URL; the codes and the rules are the store's (`store/surveys.ts`).
 */

function required<N extends string>(p: Params<N>, name: N): string {
  const value = p.trimmed(name);
  if (value === '') throw badRequest(`The parameter '${name}' is missing`);
  return value;
}

/** The request's `event`, as the store checks it for `form` (`store/surveys.ts`). */
function eventOf(ctx: RouteContext, p: Params<'event'>, form: string, designated = true): string {
  return surveyEvent(ctx.project, p.trimmed('event'), form, designated);
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
  p: Params<'record' | 'instrument' | 'event' | 'repeat_instance'>,
  notSurvey: (form: string) => string = SURVEY_MESSAGES.notSurvey,
): SurveyTarget {
  const record = visibleRecord(ctx, required(p, 'record'));
  const form = required(p, 'instrument');
  const survey = findSurvey(ctx.project, form, notSurvey);
  const event = eventOf(ctx, p, form);
  let instance = 1;
  if (repeatingForms(ctx.project).has(form)) {
    instance = repeatInstanceParam(p);
    checkSurveyInstance(record, form, instance);
  }
  return { survey, record, event, instance };
}

const surveyLink = (ctx: RouteContext, t: SurveyTarget) =>
  `${ctx.baseUrl}surveys/?s=${surveyHash(ctx.project, t)}`;
const queueLink = (ctx: RouteContext, record: StoredRecord) =>
  `${ctx.baseUrl}surveys/?sq=${queueHash(ctx.project, record)}`;

export const exp_surv_link: Route = {
  right: 'export',
  module: SURVEY_RIGHT,
  handle(ctx) {
    const target = participantTarget(ctx, paramsOf(ctx, 'exp_surv_link'));
    ctx.log('Manage/Design', `Export survey link ${ctx.apiTag}`, target.record.id);
    return respond(200, ctx.returnFormat, surveyLink(ctx, target));
  },
};

export const exp_surv_access_code: Route = {
  right: 'export',
  module: SURVEY_RIGHT,
  handle(ctx) {
    const target = participantTarget(ctx, paramsOf(ctx, 'exp_surv_access_code'));
    ctx.log('Manage/Design', `Export survey access code ${ctx.apiTag}`, target.record.id);
    return respond(200, ctx.returnFormat, accessCode(ctx.project, target));
  },
};

export const exp_surv_ret_code: Route = {
  right: 'export',
  module: SURVEY_RIGHT,
  handle(ctx) {
    const target = participantTarget(
      ctx,
      paramsOf(ctx, 'exp_surv_ret_code'),
      SURVEY_MESSAGES.notSurveyQuoted,
    );
    if (!target.survey.saveAndReturn) {
      throw badRequest(SURVEY_MESSAGES.noSaveAndReturn);
    }
    ctx.log('Manage/Design', `Export survey return code ${ctx.apiTag}`, target.record.id);
    return respond(200, ctx.returnFormat, returnCode(ctx.project, target));
  },
};

export const exp_surv_queue_link: Route = {
  right: 'export',
  module: SURVEY_RIGHT,
  handle(ctx) {
    const p = paramsOf(ctx, 'exp_surv_queue_link');
    const record = visibleRecord(ctx, required(p, 'record'));
    surveysOn(ctx.project);
    if (!ctx.project.surveys?.queue) throw badRequest(SURVEY_MESSAGES.queueOff);
    ctx.log('Manage/Design', `Export survey queue link ${ctx.apiTag}`, record.id);
    return respond(200, ctx.returnFormat, queueLink(ctx, record));
  },
};

const PARTICIPANT_COLUMNS = [
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
export const exp_surv_parts: Route = {
  right: 'export',
  module: SURVEY_RIGHT,
  handle(ctx) {
    const { project } = ctx;
    const p = paramsOf(ctx, 'exp_surv_parts');
    const form = required(p, 'instrument');
    const survey = findSurvey(project, form);
    // REDCap's participant list does not ask that the form be designated on the event.
    const event = eventOf(ctx, p, form, false);
    const format = payloadFormat(ctx.format);
    const emailField = project.surveys?.emailField ?? '';
    const seen = new Map<string, number>();
    const records = recordsInArm(project, event, visibleRecords(ctx.user, sortedRecords(project)));
    const rows: Cell[][] = records.map((record) => {
      const email = emailOf(project, record, emailField, event);
      const occurrence = email === '' ? 1 : (seen.get(email) ?? 0) + 1;
      if (email !== '') seen.set(email, occurrence);
      const answer = surveyResponse(project, form, record.id);
      const response = answer === undefined ? 0 : answer.completed !== '' ? 2 : 1;
      const target: SurveyTarget = { survey, record, event, instance: 1 };
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
