import { formNames } from './dictionary.ts';
import { ApiError, badRequest } from './errors.ts';
import { findEvent } from './longitudinal.ts';
import { findRecord } from './records.ts';
import { hasNoExportAccess, NO_EXPORT_ACCESS } from './rights.ts';
import type { ProjectData, ProjectEvent, ProjectUser, StoredRecord } from './types.ts';

/**
 * Export PDF's refusals (§2.11), in REDCap's order: a user without export rights (403), an
 * instrument the project lacks, a record that does not exist; then, after the repeat instance
 * is read, an event the project lacks. '' means "not sent" throughout.
 */

/** The record of a PDF request (undefined for blank forms or all records). */
export function pdfRecord(
  project: ProjectData,
  user: ProjectUser,
  form: string,
  record: string,
): StoredRecord | undefined {
  if (hasNoExportAccess(user.rights)) throw new ApiError(403, NO_EXPORT_ACCESS);
  if (form !== '' && !formNames(project).includes(form)) throw badRequest('Invalid instrument');
  const stored = record === '' ? undefined : findRecord(project, record);
  if (record !== '' && !stored) throw badRequest(`The record '${record}' does not exist`);
  return stored;
}

/** The event of a PDF request (undefined when not sent). */
export function pdfEvent(project: ProjectData, event: string): ProjectEvent | undefined {
  const found = event === '' ? undefined : findEvent(project, event);
  if (event !== '' && !found) throw badRequest('Invalid event');
  return found;
}
