import { ApiError, badRequest } from './errors.ts';
import { hasNoExportAccess, NO_EXPORT_ACCESS } from './rights.ts';
import type { ProjectData, ProjectUser, Report } from './types.ts';

/**
 * Export Reports' refusals (§2.20), in REDCap's order: no `report_id`, an id that is not one of
 * the project's reports, a report whose user access leaves the user out, a user without export
 * rights.
 */

/** 403 for an id that is not one of the project's reports (text seen on a live server). */
const notThisProject = (id: string) =>
  new ApiError(
    403,
    `The API request cannot complete because report_id=${id} does not belong to this project.`,
  );

/** 403 for a report whose user access leaves the token's user out (the mock's words). */
const noReportAccess = (id: number) =>
  new ApiError(
    403,
    `The API request cannot complete because you do not have access to report_id=${id}.`,
  );

/** The report `id` (trimmed) names, if `user` may export it; throws REDCap's refusal otherwise. */
export function openReport(project: ProjectData, user: ProjectUser, id: string): Report {
  if (id === '') throw badRequest("The parameter 'report_id' is missing");
  const report = /^\d+$/.test(id)
    ? project.reports?.find((r) => r.report_id === Number(id))
    : undefined;
  if (!report) throw notThisProject(id);
  if (report.userAccess && !report.userAccess.includes(user.username)) {
    throw noReportAccess(report.report_id);
  }
  if (hasNoExportAccess(user.rights)) throw new ApiError(403, NO_EXPORT_ACCESS);
  return report;
}
