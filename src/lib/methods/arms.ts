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
export const exportArms = defineMethod({
  id: 'exp_arms',
  group: 'Arms',
  label: 'Export Arms',
  description:
    'List the arms of a longitudinal project: number and name. Classic (non-longitudinal) projects answer with an error.',
  content: 'arm',
  action: null,
  sendsData: false,
  destructive: false,
  superToken: false,
  params: z.object({
    format: formatParam(),
    arms: arrayParam({ help: 'Only these arms, by arm number, e.g. 1.', picker: 'arms' }),
    returnFormat: returnFormatParam(),
  }),
  response: { kind: 'format', shape: 'rows of arm_num, name' },
  examples: [
    { format: 'json', returnFormat: 'json' },
    { format: 'csv', arms: ['1'], returnFormat: 'json' },
  ],
});

export const importArms = defineMethod({
  id: 'imp_arms',
  group: 'Arms',
  label: 'Import Arms',
  description:
    'Create arms, or rename existing ones (matched by arm number). With override, all arms are deleted first, with their events and data. Only in development status.',
  content: 'arm',
  // REDCap imports arms only with an explicit action=import; data alone exports (§1.10).
  action: 'import',
  sendsData: true,
  destructive: true,
  superToken: false,
  since: '6.11.0',
  params: z.object({
    format: dataFormatParam(),
    override: booleanParam({
      help: 'true: delete ALL existing arms (with their events and data) before importing. false: add and rename only.',
      wireDefault: '0',
      wire: ['1', '0'],
    }),
    data: dataParam({
      help: 'The arms, in the chosen format: rows of arm_num and name. JSON: [{"arm_num":"1","name":"Drug A"}].',
      placeholder: '[{"arm_num":"1","name":"Drug A"},{"arm_num":"2","name":"Drug B"}]',
    }),
    returnFormat: returnFormatParam(),
  }),
  response: { kind: 'format', shape: 'the number of arms imported, e.g. 2' },
  examples: [
    {
      format: 'json',
      override: false,
      data: '[{"arm_num":"1","name":"Drug A"},{"arm_num":"2","name":"Drug B"}]',
      returnFormat: 'json',
    },
  ],
});

export const deleteArms = defineMethod({
  id: 'del_arms',
  group: 'Arms',
  label: 'Delete Arms',
  description:
    'Delete arms by number. Their events and ALL data collected in those events are deleted too. Only in development status.',
  content: 'arm',
  action: 'delete',
  sendsData: false,
  destructive: true,
  superToken: false,
  since: '6.11.0',
  params: z.object({
    arms: arrayParam({
      help: 'The arm numbers to delete, e.g. 2.',
      required: true,
      picker: 'arms',
    }),
    returnFormat: returnFormatParam(),
  }),
  response: { kind: 'format', shape: 'the number of arms deleted, e.g. 1' },
  examples: [{ arms: ['1'], returnFormat: 'json' }],
});
