import * as z from 'zod/mini';
import { defineMethod } from './define-method.ts';
import {
  arrayParam,
  booleanParam,
  dataFormatParam,
  dataParam,
  formatParam,
  returnFormatParam,
} from './shared-params.ts';

/**
 * REDCap versions (`since`): PyCap's REDCap API change log (redcap-tools/PyCap,
 * docs/api_changelog.rst), which quotes REDCap's own release notes.
 */
export const exportEvents = defineMethod({
  id: 'exp_events',
  group: 'Events',
  label: 'Export Events',
  description:
    'List the events of a longitudinal project: name, arm, unique event name and id. Classic projects answer with an error.',
  content: 'event',
  action: null,
  sendsData: false,
  destructive: false,
  superToken: false,
  params: z.object({
    format: formatParam(),
    arms: arrayParam({ help: 'Only the events of these arms, by arm number.', picker: 'arms' }),
    returnFormat: returnFormatParam(),
  }),
  response: {
    kind: 'format',
    shape: 'rows of event_name, arm_num, unique_event_name, custom_event_label, event_id',
  },
  examples: [
    { format: 'json', returnFormat: 'json' },
    { format: 'json', arms: ['1'], returnFormat: 'json' },
  ],
});

export const importEvents = defineMethod({
  id: 'imp_events',
  group: 'Events',
  label: 'Import Events',
  description:
    'Create events, or update existing ones (matched by unique event name). With override, all events are deleted first, with their data. Only in development status.',
  content: 'event',
  // REDCap imports events only with an explicit action=import; data alone exports (§1.10).
  action: 'import',
  sendsData: true,
  destructive: true,
  superToken: false,
  since: '6.11.0',
  params: z.object({
    format: dataFormatParam(),
    override: booleanParam({
      help: 'true: delete ALL existing events (and their data) before importing. false: add and update only.',
      wireDefault: '0',
      wire: ['1', '0'],
    }),
    data: dataParam({
      help: 'The events, in the chosen format: event_name and arm_num, optionally day_offset, offset_min, offset_max, custom_event_label, and unique_event_name to update an existing event.',
      placeholder: '[{"event_name":"Week 4","arm_num":"1","day_offset":"28"}]',
    }),
    returnFormat: returnFormatParam(),
  }),
  response: { kind: 'format', shape: 'the number of events imported, e.g. 2' },
  examples: [
    {
      format: 'json',
      override: false,
      data: '[{"event_name":"Week 4","arm_num":"1","day_offset":"28","offset_min":"0","offset_max":"3"},{"event_name":"Baseline","arm_num":"1","unique_event_name":"baseline_arm_1","custom_event_label":"[visit_date]"}]',
      returnFormat: 'json',
    },
  ],
});

export const deleteEvents = defineMethod({
  id: 'del_events',
  group: 'Events',
  label: 'Delete Events',
  description:
    'Delete events by unique event name. ALL data collected in those events is deleted too. Only in development status.',
  content: 'event',
  action: 'delete',
  sendsData: false,
  destructive: true,
  superToken: false,
  since: '6.11.0',
  params: z.object({
    events: arrayParam({
      help: 'The unique event names to delete, e.g. baseline_arm_1.',
      required: true,
      picker: 'events',
    }),
    returnFormat: returnFormatParam(),
  }),
  response: { kind: 'format', shape: 'the number of events deleted, e.g. 1' },
  examples: [{ events: ['baseline_arm_1'], returnFormat: 'json' }],
});
