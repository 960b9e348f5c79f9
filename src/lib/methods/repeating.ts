import * as z from 'zod/mini';
import { defineMethod } from './define-method.ts';
import { dataFormatParam, dataParam, formatParam, returnFormatParam } from './shared-params.ts';

export const exportRepeatingFormsEvents = defineMethod({
  id: 'exp_repeating_forms_events',
  group: 'Repeating Instruments and Events',
  label: 'Export Repeating Instruments and Events',
  description:
    'List which instruments (and, in longitudinal projects, which events) can repeat, with their custom labels.',
  content: 'repeatingFormsEvents',
  action: null,
  sendsData: false,
  destructive: false,
  superToken: false,
  params: z.object({ format: formatParam(), returnFormat: returnFormatParam() }),
  response: {
    kind: 'format',
    shape:
      'rows of [event_name,] form_name, custom_form_label (blank form_name: the whole event repeats)',
  },
  examples: [{ format: 'json', returnFormat: 'json' }],
});

export const importRepeatingFormsEvents = defineMethod({
  id: 'imp_repeating_forms_events',
  group: 'Repeating Instruments and Events',
  label: 'Import Repeating Instruments and Events',
  description:
    'Set which instruments (and events) repeat. REPLACES the whole repeating setup with the rows you send.',
  content: 'repeatingFormsEvents',
  action: null,
  sendsData: true,
  destructive: true,
  superToken: false,
  params: z.object({
    format: dataFormatParam(),
    data: dataParam({
      help: 'Rows of form_name and custom_form_label (a label that may pipe a field, e.g. [visit_date]); longitudinal projects add event_name, and a blank form_name makes the whole event repeat.',
      placeholder: '[{"form_name":"visit","custom_form_label":"[visit_date]"}]',
    }),
    returnFormat: returnFormatParam(),
  }),
  response: { kind: 'format', shape: 'the number of rows imported, e.g. 1' },
  examples: [
    {
      format: 'json',
      data: '[{"form_name":"visit","custom_form_label":"[visit_date]"}]',
      returnFormat: 'json',
    },
  ],
});
