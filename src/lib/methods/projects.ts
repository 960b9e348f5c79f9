import { z } from 'zod';
import { defineMethod } from './define-method.ts';
import { formatParam, returnFormatParam } from './shared-params.ts';

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
  params: z.object({ format: formatParam(), returnFormat: returnFormatParam() }),
  response: { kind: 'format', shape: 'one object of project attributes' },
  examples: [{ format: 'json', returnFormat: 'json' }],
});
