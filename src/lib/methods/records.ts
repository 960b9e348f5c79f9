import * as z from 'zod/mini';
import { defineMethod } from './define-method.ts';
import {
  arrayParam,
  booleanParam,
  csvDelimiterParam,
  dataFormatParam,
  dataParam,
  datetimeParam,
  decimalCharacterParam,
  eventParam,
  formatParam,
  numberParam,
  rawOrLabelParam,
  repeatInstanceParam,
  returnFormatParam,
  selectParam,
  logicParam,
  textParam,
} from './shared-params.ts';

/**
 * REDCap versions (`since`): PyCap's REDCap API change log (redcap-tools/PyCap,
 * docs/api_changelog.rst), which quotes REDCap's own release notes: rawOrLabelHeaders and
 * exportCheckboxLabel 6.0.0, filterLogic 6.11.0. combineCheckboxOptions 15.6.0: a public review of
 * REDCap's change log for a REDCap knowledge base ("combineCheckboxOptions on Export Records:
 * 15.6.0", "Export Survey Access Code API: 15.1.0"), found by code search (repository not named).
 */
export const exportRecords = defineMethod({
  id: 'exp_records',
  group: 'Records',
  label: 'Export Records',
  description:
    'Read records from the project: all of them, or only some records, fields, forms or events, optionally filtered with REDCap logic.',
  content: 'record',
  action: 'export',
  sendsData: false,
  destructive: false,
  superToken: false,
  params: z.object({
    format: formatParam(),
    type: selectParam(['flat', 'eav'], {
      help: 'flat: one row per record (and event, and repeat instance); eav: one row per stored value.',
      wireDefault: 'flat',
      initial: 'flat',
    }),
    records: arrayParam({
      help: 'Only these record names.',
      picker: 'records',
    }),
    fields: arrayParam({
      help: 'Only these fields (original names, e.g. a checkbox field, not field___1). As in REDCap, the record id (and with it redcap_event_name and the repeat columns) comes only when you list it or its form.',
      picker: 'fields',
    }),
    forms: arrayParam({ help: 'Only the fields of these instruments.', picker: 'forms' }),
    events: arrayParam({
      help: 'Only these events, by unique event name (longitudinal projects).',
      picker: 'events',
    }),
    rawOrLabel: rawOrLabelParam('choice values'),
    rawOrLabelHeaders: rawOrLabelParam('CSV column headers', '6.0.0'),
    exportCheckboxLabel: booleanParam({
      help: 'With rawOrLabel=label: a checked box exports its choice label and an unchecked one a blank.',
      wireDefault: 'false',
      since: '6.0.0',
    }),
    exportSurveyFields: booleanParam({
      help: 'Add survey identifier and survey timestamp columns.',
      wireDefault: 'false',
    }),
    exportDataAccessGroups: booleanParam({
      help: 'Add the redcap_data_access_group column.',
      wireDefault: 'false',
    }),
    filterLogic: logicParam({
      help: "Only records for which this REDCap logic is true, e.g. [age] > 30 and [sex] = '1'.",
      placeholder: "[age] > 30 and [sex] = '1'",
      since: '6.11.0',
    }),
    dateRangeBegin: datetimeParam({
      help: 'Only records created or modified at or after this time (YYYY-MM-DD HH:MM:SS).',
    }),
    dateRangeEnd: datetimeParam({
      help: 'Only records created or modified before this time (YYYY-MM-DD HH:MM:SS).',
    }),
    csvDelimiter: csvDelimiterParam(),
    decimalCharacter: decimalCharacterParam(),
    exportBlankForGrayFormStatus: booleanParam({
      help: 'Export a blank <form>_complete for forms never saved, instead of 0.',
      wireDefault: 'false',
    }),
    combineCheckboxOptions: booleanParam({
      help: 'Each checkbox field as one column named after the field, its checked options joined by commas (codes, or labels with rawOrLabel=label), instead of one field___code column per option. Flat exports only.',
      wireDefault: 'false',
      since: '15.6.0',
    }),
    returnFormat: returnFormatParam(),
  }),
  response: {
    kind: 'format',
    shape:
      'flat: one row per record × event × repeat instance; eav: record, field_name, value rows',
  },
  examples: [
    { format: 'json', type: 'flat', returnFormat: 'json' },
    {
      format: 'csv',
      type: 'flat',
      records: ['1', '2'],
      fields: ['record_id', 'age'],
      filterLogic: "[age] > 30 and [sex] = '1'",
      exportCheckboxLabel: true,
      returnFormat: 'json',
    },
  ],
});

export const importRecords = defineMethod({
  id: 'imp_records',
  group: 'Records',
  label: 'Import Records',
  description:
    'Create or update records from data you send (JSON, CSV or XML). All rows are checked first; if one fails, nothing is saved.',
  content: 'record',
  action: 'import',
  sendsData: true,
  destructive: true,
  superToken: false,
  params: z.object({
    format: dataFormatParam(),
    type: selectParam(['flat', 'eav'], {
      help: 'flat: one row per record; eav: one row per value (record, field_name, value).',
      wireDefault: 'flat',
      initial: 'flat',
    }),
    overwriteBehavior: selectParam(['normal', 'overwrite'], {
      help: 'normal: blank values are ignored; overwrite: blank values erase what is stored.',
      wireDefault: 'normal',
      initial: 'normal',
    }),
    forceAutoNumber: booleanParam({
      help: 'Treat the record ids you send as placeholders and let REDCap number new records.',
      wireDefault: 'false',
    }),
    data: dataParam({
      help: 'The records, in the chosen format. JSON must be an array: [{"record_id":"1", …}].',
      placeholder: '[{"record_id":"21","first_name":"Ada"}]',
    }),
    dateFormat: selectParam(['YMD', 'MDY', 'DMY'], {
      help: 'How dates in `data` are written: YMD 2024-12-31, MDY 12/31/2024, DMY 31/12/2024.',
      wireDefault: 'YMD',
    }),
    csvDelimiter: csvDelimiterParam(),
    returnContent: selectParam(['count', 'ids', 'auto_ids', 'nothing'], {
      help: 'What comes back: the number of records, their ids, new auto-numbered ids (only with forceAutoNumber), or nothing.',
      wireDefault: 'count',
      initial: 'count',
    }),
    backgroundProcess: booleanParam({
      help: 'Queue the import as a background job (REDCap 14+). The answer is then only a success flag, without counts or ids.',
      wireDefault: 'false',
    }),
    returnFormat: returnFormatParam(),
  }),
  refine: (values): Record<string, string> =>
    values['returnContent'] === 'auto_ids' && values['forceAutoNumber'] !== true
      ? {
          returnContent:
            'auto_ids needs forceAutoNumber=true (REDCap would answer a count instead)',
        }
      : {},
  response: { kind: 'format', shape: '{"count": N}, a list of ids, or nothing' },
  examples: [
    {
      format: 'json',
      type: 'flat',
      overwriteBehavior: 'normal',
      data: '[{"record_id":"101","first_name":"Ada \\"Countess\\" Lovelace"}]',
      returnContent: 'count',
      returnFormat: 'json',
    },
    {
      format: 'csv',
      type: 'flat',
      overwriteBehavior: 'normal',
      forceAutoNumber: true,
      data: 'record_id,first_name,last_name,dob,sex\n1,Grace,Hopper,1906-12-09,0\n',
      returnContent: 'auto_ids',
      returnFormat: 'json',
    },
  ],
});

export const deleteRecords = defineMethod({
  id: 'del_records',
  group: 'Records',
  label: 'Delete Records',
  description:
    'Delete whole records, or only one instrument (or instance) of them. If one record does not exist, nothing is deleted.',
  content: 'record',
  action: 'delete',
  sendsData: false,
  destructive: true,
  superToken: false,
  params: z.object({
    records: arrayParam({
      help: 'The records to delete. REDCap needs them as an array here; a comma list is refused.',
      required: true,
      picker: 'records',
    }),
    arm: numberParam({
      help: 'Delete only from this arm (longitudinal projects).',
      picker: 'arms',
    }),
    instrument: textParam({
      help: "Delete only this instrument's data, not the whole record.",
      picker: 'forms',
    }),
    event: eventParam(
      'Delete only data on this event; with instrument, only that instrument on this event.',
    ),
    repeat_instance: repeatInstanceParam('Delete only this instance.'),
    delete_logging: booleanParam({
      help: 'Where the project scrubs deleted data from the log: false keeps the log entries.',
      wire: ['1', '0'],
    }),
    returnFormat: returnFormatParam(),
  }),
  response: { kind: 'format', shape: 'the number of records deleted, e.g. 2' },
  examples: [
    { records: ['19', '20'], returnFormat: 'json' },
    { records: ['3'], instrument: 'visit', repeat_instance: '2', returnFormat: 'json' },
  ],
});
