import type { ListSource } from '../lists.ts';

export const REPORTS_WHY =
  'REDCap has no API method that lists reports: type the Report ID shown on the project’s Reports page.';

/** Reports: REDCap cannot list them, so the picker says so at once (no call). */
export const reports = {
  id: 'reports',
  noun: 'report',
  kind: 'list',
  read: () => Promise.resolve({ choices: [], why: REPORTS_WHY }),
} as const satisfies ListSource;
