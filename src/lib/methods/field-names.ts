import * as z from 'zod/mini';
import { defineMethod } from './define-method.ts';
import { formatParam, returnFormatParam, textParam } from './shared-params.ts';

/**
 * REDCap versions (`since`): PyCap's REDCap API change log (redcap-tools/PyCap,
 * docs/api_changelog.rst), which quotes REDCap's own release notes.
 */
export const exportFieldNames = defineMethod({
  id: 'exp_field_names',
  group: 'Field Names',
  label: 'Export List of Export Field Names',
  description:
    'List the column names that exports use for each field: a checkbox field becomes one field___code column per choice.',
  content: 'exportFieldNames',
  action: null,
  sendsData: false,
  destructive: false,
  superToken: false,
  since: '6.4.0',
  params: z.object({
    format: formatParam(),
    field: textParam({ help: 'Only this field (its original name).', picker: 'dictionary-fields' }),
    returnFormat: returnFormatParam(),
  }),
  response: {
    kind: 'format',
    shape: 'rows of original_field_name, choice_value, export_field_name',
  },
  examples: [
    { format: 'json', returnFormat: 'json' },
    { format: 'xml', field: 'symptoms' },
  ],
});
