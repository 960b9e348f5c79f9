import * as z from 'zod/mini';
import { defineMethod } from './define-method.ts';
import {
  arrayParam,
  dataFormatParam,
  dataParam,
  formatParam,
  returnFormatParam,
} from './shared-params.ts';
import { DICTIONARY_COLUMNS, type DictionaryRow } from './dictionary.ts';

/**
 * REDCap versions (`since`): PyCap's REDCap API change log (redcap-tools/PyCap,
 * docs/api_changelog.rst), which quotes REDCap's own release notes.
 */
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
    fields: arrayParam({ help: 'Only these fields.', picker: 'dictionary-fields' }),
    forms: arrayParam({ help: 'Only the fields of these instruments.', picker: 'forms' }),
    returnFormat: returnFormatParam(),
  }),
  response: { kind: 'format', shape: 'one row per field with the 18 data-dictionary columns' },
  examples: [
    { format: 'json', returnFormat: 'json' },
    { format: 'csv', forms: ['demographics'] },
  ],
});

type PartialRow = Partial<DictionaryRow>;

function dictionary(rows: readonly PartialRow[]): string {
  return JSON.stringify(
    rows.map((row) => Object.fromEntries(DICTIONARY_COLUMNS.map((c) => [c, row[c] ?? '']))),
  );
}

export const importMetadata = defineMethod({
  id: 'imp_metadata',
  group: 'Metadata',
  label: 'Import Metadata (Data Dictionary)',
  description:
    'Upload a whole data dictionary. It REPLACES the existing one: fields left out are removed. The first field becomes the record id. Only in development status.',
  content: 'metadata',
  action: null,
  sendsData: true,
  destructive: true,
  superToken: false,
  since: '6.11.0',
  params: z.object({
    format: dataFormatParam(),
    data: dataParam({
      help: 'Every field of the project, one row each, with the 18 data-dictionary columns (field_name, form_name, field_type, field_label, …).',
      placeholder:
        '[{"field_name":"record_id","form_name":"demographics","field_type":"text","field_label":"Record ID", …}]',
    }),
    returnFormat: returnFormatParam(),
  }),
  response: { kind: 'format', shape: 'the number of fields imported, e.g. 4' },
  examples: [
    {
      format: 'json',
      data: dictionary([
        {
          field_name: 'record_id',
          form_name: 'demographics',
          field_type: 'text',
          field_label: 'Record ID',
        },
        {
          field_name: 'first_name',
          form_name: 'demographics',
          field_type: 'text',
          field_label: 'First name',
          identifier: 'y',
        },
        {
          field_name: 'dob',
          form_name: 'demographics',
          field_type: 'text',
          field_label: 'Date of birth',
          text_validation_type_or_show_slider_number: 'date_ymd',
          identifier: 'y',
        },
        {
          field_name: 'sex',
          form_name: 'demographics',
          field_type: 'radio',
          field_label: 'Sex',
          select_choices_or_calculations: '0, Female | 1, Male',
          required_field: 'y',
        },
      ]),
      returnFormat: 'json',
    },
  ],
});
