import * as z from 'zod/mini';
import { defineMethod, type ParamValues } from './define-method.ts';
import {
  arrayParam,
  booleanParam,
  dataFormatParam,
  dataParam,
  eventParam,
  formatParam,
  repeatInstanceParam,
  returnFormatParam,
  textParam,
} from './shared-params.ts';

/**
 * REDCap versions (`since`): PyCap's REDCap API change log (redcap-tools/PyCap,
 * docs/api_changelog.rst), which quotes REDCap's own release notes: Export PDF 6.4.0 (its allRecords
 * parameter, once `allrecords`, 6.4.3); Import Instrument-Event Mappings 6.11.0.
 */
export const exportInstruments = defineMethod({
  id: 'exp_instr',
  group: 'Instruments',
  label: 'Export Instruments (Data Entry Forms)',
  description: "List the project's instruments (data entry forms): unique name and label.",
  content: 'instrument',
  action: null,
  sendsData: false,
  destructive: false,
  superToken: false,
  params: z.object({ format: formatParam(), returnFormat: returnFormatParam() }),
  response: { kind: 'format', shape: 'rows of instrument_name, instrument_label' },
  examples: [{ format: 'json', returnFormat: 'json' }],
});

/** With allRecords, REDCap ignores record, event and instrument (§2.11). */
const unlessAllRecords = {
  relevant: (values: ParamValues) => values['allRecords'] !== true,
  relevantNote: 'ignored when allRecords is true',
} as const;

export const exportPdf = defineMethod({
  id: 'exp_instr_pdf',
  group: 'Instruments',
  label: 'Export PDF file of Data Collection Instruments (either as blank or with data)',
  description:
    'Download instruments as a PDF: blank forms, one record (optionally one event or instrument), or all records at once.',
  content: 'pdf',
  action: null,
  sendsData: false,
  destructive: false,
  superToken: false,
  since: '6.4.0',
  params: z.object({
    record: textParam({
      help: "Fill the PDF with this record's data. Not sent: blank forms.",
      picker: 'records',
      ...unlessAllRecords,
    }),
    event: eventParam('With record: only this event.', unlessAllRecords),
    instrument: textParam({
      help: 'Only this instrument. Not sent: all instruments.',
      picker: 'forms',
      ...unlessAllRecords,
    }),
    repeat_instance: repeatInstanceParam('The instance to print.'),
    allRecords: booleanParam({
      help: "All records' data in one PDF (can be slow on large projects).",
      since: '6.4.3',
      wireDefault: 'false',
    }),
    compactDisplay: booleanParam({
      help: 'Compact PDF: leave out fields that have no data (newer REDCap versions).',
      wireDefault: 'false',
    }),
    returnFormat: returnFormatParam(),
  }),
  response: { kind: 'file', shape: 'PDF bytes (%PDF-…)' },
  examples: [
    { returnFormat: 'json' },
    { record: '1', instrument: 'demographics', returnFormat: 'json' },
  ],
});

export const exportInstrumentEventMappings = defineMethod({
  id: 'exp_inst_event_maps',
  group: 'Instruments',
  label: 'Export Instrument-Event Mappings',
  description:
    'List which instruments are used in which events of a longitudinal project. Classic projects answer with an error.',
  content: 'formEventMapping',
  action: null,
  sendsData: false,
  destructive: false,
  superToken: false,
  params: z.object({
    format: formatParam(),
    arms: arrayParam({ help: 'Only the events of these arms, by arm number.', picker: 'arms' }),
    returnFormat: returnFormatParam(),
  }),
  response: { kind: 'format', shape: 'rows of arm_num, unique_event_name, form' },
  examples: [
    { format: 'json', returnFormat: 'json' },
    { format: 'csv', arms: ['1'], returnFormat: 'json' },
  ],
});

export const importInstrumentEventMappings = defineMethod({
  id: 'imp_inst_event_maps',
  group: 'Instruments',
  label: 'Import Instrument-Event Mappings',
  description:
    'Set which instruments are used in which events. REPLACES all existing mappings: an instrument left out of an event is removed from it. Only in development status.',
  content: 'formEventMapping',
  action: null,
  sendsData: true,
  destructive: true,
  superToken: false,
  since: '6.11.0',
  params: z.object({
    format: dataFormatParam(),
    data: dataParam({
      help: 'Every mapping the project should have: rows of arm_num, unique_event_name and form.',
      placeholder: '[{"arm_num":"1","unique_event_name":"baseline_arm_1","form":"demographics"}]',
    }),
    returnFormat: returnFormatParam(),
  }),
  response: { kind: 'format', shape: 'the number of mappings imported, e.g. 4' },
  examples: [
    {
      format: 'json',
      data: '[{"arm_num":"1","unique_event_name":"baseline_arm_1","form":"enrollment"},{"arm_num":"1","unique_event_name":"baseline_arm_1","form":"vitals"},{"arm_num":"1","unique_event_name":"follow_up_arm_1","form":"completion"}]',
      returnFormat: 'json',
    },
  ],
});
