import { z } from 'zod';
import { defineMethod } from './define-method.ts';
import { formatParam, returnFormatParam } from './shared-params.ts';

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
