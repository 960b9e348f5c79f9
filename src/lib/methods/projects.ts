import * as z from 'zod/mini';
import { defineMethod } from './define-method.ts';
import {
  arrayParam,
  booleanParam,
  dataFormatParam,
  dataParam,
  datetimeParam,
  formatParam,
  returnFormatParam,
  logicParam,
} from './shared-params.ts';

/**
 * REDCap versions (`since`): PyCap's REDCap API change log (redcap-tools/PyCap,
 * docs/api_changelog.rst), which quotes REDCap's own release notes: Export Project Information 6.5.0,
 * Create Project 6.11.0 (its odm parameter 6.12.0), Export Project XML 6.12.0 (exportFiles 6.12.1).
 */
export const createProject = defineMethod({
  id: 'imp_proj',
  group: 'Projects',
  label: 'Create Project',
  description:
    'Create a new REDCap project. Needs a 64-character super API token (given by an administrator), not a project token. Answers with the new project’s API token.',
  content: 'project',
  // REDCap picks "create" from the super token plus data (§1.10); no action is needed.
  action: null,
  sendsData: true,
  destructive: true,
  superToken: true,
  since: '6.11.0',
  params: z.object({
    format: dataFormatParam(),
    data: dataParam({
      help: 'One row: project_title and purpose (0 Practice, 1 Other, 2 Research, 3 Quality Improvement, 4 Operational Support) are required; purpose_other, project_notes, is_longitudinal, surveys_enabled and record_autonumbering_enabled are optional.',
      placeholder: '[{"project_title":"My New Project","purpose":"0"}]',
    }),
    odm: dataParam({
      help: 'Optional: a REDCap project XML file (CDISC ODM, as from "Export Entire Project as REDCap XML File") to copy its instruments, events and settings.',
      since: '6.12.0',
      required: false,
      placeholder: '<?xml version="1.0" encoding="UTF-8" ?><ODM …>',
    }),
    returnFormat: returnFormatParam(),
  }),
  response: { kind: 'text', shape: "plain text: the new project's 32-character API token" },
  examples: [
    {
      format: 'json',
      data: '[{"project_title":"API Practice Project","purpose":"0","project_notes":"Created with the API","is_longitudinal":"0","surveys_enabled":"1","record_autonumbering_enabled":"1"}]',
      returnFormat: 'json',
    },
  ],
});

export const importProjectInfo = defineMethod({
  id: 'imp_proj_sett',
  group: 'Projects',
  label: 'Import Project Information',
  description:
    "Change the project's settings: title, purpose, notes, IRB and grant numbers, PI name, and which modules (longitudinal, surveys, auto-numbering…) are on.",
  content: 'project_settings',
  action: null,
  sendsData: true,
  destructive: true,
  superToken: false,
  params: z.object({
    format: dataFormatParam(),
    data: dataParam({
      help: 'One row with only the settings to change, e.g. project_title, project_irb_number, project_pi_lastname, surveys_enabled. Read-only ones (project_id, in_production…) are ignored.',
      placeholder: '{"project_title":"Classic Demo (renamed)"}',
    }),
    returnFormat: returnFormatParam(),
  }),
  response: { kind: 'format', shape: 'the number of settings processed, e.g. 3' },
  examples: [
    {
      format: 'json',
      data: '{"project_title":"Classic Demo","project_irb_number":"IRB-2024-0117","project_pi_firstname":"Grace","project_pi_lastname":"Hopper"}',
      returnFormat: 'json',
    },
  ],
});

export const exportProjectInfo = defineMethod({
  id: 'exp_proj',
  group: 'Projects',
  label: 'Export Project Information',
  description:
    "Read the project's settings: id, title, status (development or production), whether it is longitudinal, and more.",
  content: 'project',
  action: null,
  sendsData: false,
  destructive: false,
  superToken: false,
  since: '6.5.0',
  params: z.object({ format: formatParam(), returnFormat: returnFormatParam() }),
  response: { kind: 'format', shape: 'one object of project attributes' },
  examples: [{ format: 'json', returnFormat: 'json' }],
});

export const exportProjectXml = defineMethod({
  id: 'exp_proj_xml',
  group: 'Projects',
  label: 'Export Entire Project as REDCap XML File (containing metadata & data)',
  description:
    'Download the whole project as one REDCap XML file (CDISC ODM): instruments, events, settings and, unless metadata only, the data. Create Project can copy a project from it.',
  content: 'project_xml',
  action: null,
  sendsData: false,
  destructive: false,
  superToken: false,
  since: '6.12.0',
  params: z.object({
    returnMetadataOnly: booleanParam({
      help: 'Only the project structure (instruments, fields, events…), without any data.',
      wireDefault: 'false',
    }),
    records: arrayParam({ help: 'Only the data of these records.', picker: 'records' }),
    fields: arrayParam({ help: 'Only the data of these fields.', picker: 'fields' }),
    events: arrayParam({
      help: 'Only the data of these events (unique event names; longitudinal projects).',
      picker: 'events',
    }),
    exportSurveyFields: booleanParam({
      help: 'Include survey identifier and survey timestamp fields.',
      wireDefault: 'false',
    }),
    exportDataAccessGroups: booleanParam({
      help: 'Include each record’s data access group.',
      wireDefault: 'false',
    }),
    filterLogic: logicParam({
      help: "Only records for which this REDCap logic is true, e.g. [age] > 30 and [sex] = '1'.",
      placeholder: "[age] > 30 and [sex] = '1'",
    }),
    exportFiles: booleanParam({
      help: 'Embed uploaded files in the XML (base64). The file can get very large.',
      since: '6.12.1',
      wireDefault: 'false',
    }),
    dateRangeBegin: datetimeParam({
      help: 'Only records created or modified at or after this time (newer REDCap versions).',
    }),
    dateRangeEnd: datetimeParam({
      help: 'Only records created or modified before this time (newer REDCap versions).',
    }),
    returnFormat: returnFormatParam(),
  }),
  response: { kind: 'text', shape: 'a CDISC ODM XML document, whatever the format' },
  examples: [
    { returnMetadataOnly: false, returnFormat: 'json' },
    { returnMetadataOnly: true, returnFormat: 'json' },
  ],
});
