import * as z from 'zod/mini';
import { defineMethod } from './define-method.ts';
import { formatParam } from './shared-params.ts';

export const exportVersion = defineMethod({
  id: 'exp_rc_v',
  group: 'REDCap',
  label: 'Export REDCap Version',
  description:
    'Read the version of the REDCap server, e.g. 14.5.10. Answers in plain text whatever the format.',
  content: 'version',
  action: null,
  sendsData: false,
  destructive: false,
  superToken: false,
  params: z.object({
    format: formatParam('Accepted, but the version always comes back as plain text.'),
  }),
  response: { kind: 'text', shape: 'plain text, e.g. 14.5.10' },
  examples: [{ format: 'json' }],
});
