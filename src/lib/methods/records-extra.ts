import * as z from 'zod/mini';
import { defineMethod } from './define-method.ts';
import {
  booleanParam,
  formatParam,
  numberParam,
  returnFormatParam,
  textParam,
} from './shared-params.ts';

export const renameRecord = defineMethod({
  id: 'rename_record',
  group: 'Records',
  label: 'Rename Record',
  description:
    'Give an existing record a new name (record id). Its data stays with it, under the new name.',
  content: 'record',
  action: 'rename',
  sendsData: false,
  destructive: true,
  superToken: false,
  params: z.object({
    record: textParam({
      help: 'The current name of the record.',
      required: true,
      picker: 'records',
    }),
    new_record_name: textParam({
      help: 'The new name. It must not exist yet and must not contain + & # or an apostrophe.',
      required: true,
    }),
    arm: numberParam({
      help: 'Rename the record only in this arm (longitudinal projects with several arms).',
      picker: 'arms',
    }),
    returnFormat: returnFormatParam(),
  }),
  response: { kind: 'text', shape: 'plain text 1 when the record was renamed' },
  examples: [{ record: '24', new_record_name: '124', returnFormat: 'json' }],
});

export const generateNextRecordName = defineMethod({
  id: 'exp_next_id',
  group: 'Records',
  label: 'Generate Next Record Name',
  description:
    'Ask REDCap which record name it would give the next new record (the highest number plus one). It does not reserve that name.',
  content: 'generateNextRecordName',
  action: null,
  sendsData: false,
  destructive: false,
  superToken: false,
  params: z.object({ returnFormat: returnFormatParam() }),
  response: { kind: 'text', shape: 'plain text, e.g. 25 (or 12-25 for a user in a DAG)' },
  examples: [{ returnFormat: 'json' }],
});

export const randomizeRecord = defineMethod({
  id: 'randomize',
  group: 'Records',
  label: 'Randomize Record',
  description:
    "Randomize a record with one of the project's randomization models: REDCap allocates its group and saves it in the model's target field.",
  content: 'record',
  action: 'randomize',
  sendsData: false,
  destructive: true,
  superToken: false,
  params: z.object({
    format: formatParam(),
    record: textParam({
      help: 'The record to randomize. Its stratification fields must already have values.',
      required: true,
      picker: 'records',
    }),
    randomization_id: numberParam({
      help: "The id of the randomization model (shown on the project's Randomization page).",
      required: true,
    }),
    returnAlt: booleanParam({
      help: 'Also return the alternate allocation value (target_field_alt).',
      wireDefault: 'false',
    }),
    returnFormat: returnFormatParam(),
  }),
  response: {
    kind: 'format',
    shape: 'randomization_id, record, target_field (and target_field_alt with returnAlt)',
  },
  examples: [
    { format: 'json', record: '24', randomization_id: '1', returnAlt: true, returnFormat: 'json' },
  ],
});
