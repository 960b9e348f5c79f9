import { z } from 'zod';
import { defineMethod } from './define-method.ts';
import { arrayParam, formatParam, returnFormatParam } from './shared-params.ts';

export const exportMetadata = defineMethod({
  id: 'exp_metadata',
  group: 'Metadata',
  label: 'Export Metadata (Data Dictionary)',
  description:
    "Read the project's data dictionary: one row per field, with its form, type, label, choices and validation.",
  content: 'metadata',
  action: null,
  sendsData: false,
  destructive: false,
  superToken: false,
  params: z.object({
    format: formatParam(),
    fields: arrayParam({ help: 'Only these fields.', picker: 'fields' }),
    forms: arrayParam({ help: 'Only the fields of these instruments.', picker: 'forms' }),
    returnFormat: returnFormatParam(),
  }),
  response: { kind: 'format', shape: 'one row per field with the 18 data-dictionary columns' },
  examples: [
    { format: 'json', returnFormat: 'json' },
    { format: 'csv', forms: ['demographics'] },
  ],
});
