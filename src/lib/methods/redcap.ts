import * as z from 'zod/mini';
import { defineMethod } from './define-method.ts';
import { formatParam } from './shared-params.ts';

/**
 * REDCap versions (`since`): PyCap's REDCap API change log (redcap-tools/PyCap,
 * docs/api_changelog.rst), which quotes REDCap's own release notes.
 */
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
  since: '6.0.0',
  params: z.object({
    format: formatParam('Accepted, but the version always comes back as plain text.'),
  }),
  response: { kind: 'text', shape: 'plain text, e.g. 14.5.10' },
  examples: [{ format: 'json' }],
});
