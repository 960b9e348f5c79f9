import * as z from 'zod/mini';
import { defineMethod } from './define-method.ts';
import {
  booleanParam,
  csvDelimiterParam,
  decimalCharacterParam,
  formatParam,
  numberParam,
  rawOrLabelParam,
  returnFormatParam,
} from './shared-params.ts';

/**
 * REDCap versions (`since`): PyCap's REDCap API change log (redcap-tools/PyCap,
 * docs/api_changelog.rst), which quotes REDCap's own release notes: Export Reports,
 * rawOrLabelHeaders and exportCheckboxLabel 6.0.0.
 */
export const exportReport = defineMethod({
  id: 'exp_reports',
  group: 'Reports',
  label: 'Export Reports',
  description:
    "Read the data of one report saved in the project: only the report's fields, filters and order apply.",
  content: 'report',
  action: null,
  sendsData: false,
  destructive: false,
  superToken: false,
  since: '6.0.0',
  params: z.object({
    format: formatParam(),
    report_id: numberParam({
      help: 'The report’s id, shown in the Report ID column of the project’s list of reports.',
      required: true,
      picker: 'reports',
    }),
    rawOrLabel: rawOrLabelParam('choice values'),
    rawOrLabelHeaders: rawOrLabelParam('CSV column headers', '6.0.0'),
    exportCheckboxLabel: booleanParam({
      help: 'With rawOrLabel=label: a checked box exports its choice label and an unchecked one a blank.',
      wireDefault: 'false',
      since: '6.0.0',
    }),
    csvDelimiter: csvDelimiterParam(),
    decimalCharacter: decimalCharacterParam(),
    returnFormat: returnFormatParam(),
  }),
  response: { kind: 'format', shape: 'flat rows, as Export Records, limited to the report' },
  examples: [
    { format: 'json', report_id: '1', returnFormat: 'json' },
    { format: 'csv', report_id: '1', rawOrLabel: 'label', csvDelimiter: ';', returnFormat: 'json' },
  ],
});
