import * as z from 'zod/mini';
import { defineMethod } from './define-method.ts';
import {
  eventParam,
  formatParam,
  repeatInstanceParam,
  returnFormatParam,
  textParam,
} from './shared-params.ts';

/** record + survey instrument (+ event, instance): one participant's survey (§2.22). */
const participantSurvey = () => ({
  record: textParam({ help: 'The record (participant).', required: true, picker: 'records' }),
  instrument: textParam({
    help: 'The instrument, which must be enabled as a survey.',
    required: true,
    picker: 'forms',
  }),
  event: eventParam('The event of the survey; required in longitudinal projects.'),
  repeat_instance: repeatInstanceParam('The instance of a repeating survey.'),
});

/**
 * REDCap versions (`since`): PyCap's REDCap API change log (redcap-tools/PyCap,
 * docs/api_changelog.rst), which quotes REDCap's own release notes: survey link, queue link, return code
 * and participant list 6.4.0. Export Survey Access Code 15.1.0: a public review of
 * REDCap's change log for a REDCap knowledge base ("combineCheckboxOptions on Export Records:
 * 15.6.0", "Export Survey Access Code API: 15.1.0"), found by code search (repository not named).
 */
export const exportSurveyLink = defineMethod({
  id: 'exp_surv_link',
  group: 'Surveys',
  label: 'Export a Survey Link for a Participant',
  description:
    'Get the unique survey link of one record for one survey, to send to that participant. Needs the Manage Survey Participants right.',
  content: 'surveyLink',
  action: null,
  sendsData: false,
  destructive: false,
  superToken: false,
  since: '6.4.0',
  params: z.object({ ...participantSurvey(), returnFormat: returnFormatParam() }),
  response: { kind: 'text', shape: 'plain text URL, e.g. https://redcap.example.edu/surveys/?s=…' },
  examples: [{ record: '1', instrument: 'health', returnFormat: 'json' }],
});

export const exportSurveyAccessCode = defineMethod({
  id: 'exp_surv_access_code',
  group: 'Surveys',
  label: 'Export a Survey Access Code for a Participant',
  description:
    'Get the access code a participant can type on the survey page instead of using the link (REDCap 14+).',
  content: 'surveyAccessCode',
  action: null,
  sendsData: false,
  destructive: false,
  superToken: false,
  since: '15.1.0',
  params: z.object({ ...participantSurvey(), returnFormat: returnFormatParam() }),
  response: { kind: 'text', shape: 'plain text code, e.g. 7XK9M2QPA' },
  examples: [{ record: '1', instrument: 'health', returnFormat: 'json' }],
});

export const exportSurveyParticipants = defineMethod({
  id: 'exp_surv_parts',
  group: 'Surveys',
  label: 'Export a Survey Participant List',
  description:
    "List one survey's participants: e-mail, identifier, record, whether invited and whether they responded, with their links and codes.",
  content: 'participantList',
  action: null,
  sendsData: false,
  destructive: false,
  superToken: false,
  since: '6.4.0',
  params: z.object({
    format: formatParam(),
    instrument: textParam({
      help: 'The instrument, which must be enabled as a survey.',
      required: true,
      picker: 'forms',
    }),
    event: eventParam('The event of the survey; required in longitudinal projects.'),
    returnFormat: returnFormatParam(),
  }),
  response: {
    kind: 'format',
    shape:
      'rows of email, email_occurrence, identifier, record, invitation_sent_status, invitation_send_time, response_status, survey_access_code, survey_link',
  },
  examples: [{ format: 'json', instrument: 'health', returnFormat: 'json' }],
});

export const exportSurveyQueueLink = defineMethod({
  id: 'exp_surv_queue_link',
  group: 'Surveys',
  label: 'Export a Survey Queue Link for a Participant',
  description:
    "Get the link to a record's survey queue, the page listing all the surveys waiting for that participant. The project must use the Survey Queue.",
  content: 'surveyQueueLink',
  action: null,
  sendsData: false,
  destructive: false,
  superToken: false,
  since: '6.4.0',
  params: z.object({
    record: textParam({ help: 'The record (participant).', required: true, picker: 'records' }),
    returnFormat: returnFormatParam(),
  }),
  response: {
    kind: 'text',
    shape: 'plain text URL, e.g. https://redcap.example.edu/surveys/?sq=…',
  },
  examples: [{ record: '1', returnFormat: 'json' }],
});

export const exportSurveyReturnCode = defineMethod({
  id: 'exp_surv_ret_code',
  group: 'Surveys',
  label: 'Export a Survey Return Code for a Participant',
  description:
    'Get the code a participant needs to go back to a survey they saved and left unfinished. The survey must have "Save & Return Later" on.',
  content: 'surveyReturnCode',
  action: null,
  sendsData: false,
  destructive: false,
  superToken: false,
  since: '6.4.0',
  params: z.object({ ...participantSurvey(), returnFormat: returnFormatParam() }),
  response: { kind: 'text', shape: 'plain text code, e.g. 4HJ8CT2L' },
  examples: [{ record: '1', instrument: 'health', returnFormat: 'json' }],
});
