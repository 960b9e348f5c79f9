import { badRequest } from './errors.ts';
import { findRecord, mainSlot } from './records.ts';
import type { Allocation, ProjectData, ProjectUser, Randomization } from './types.ts';

/**
 * Randomize Record (§2.8): the record takes the next free allocation of the table
 * `randomization_id`; its value is written to the target field of the record's classic row.
 * No strata in the mock. Error texts are the mock's (§2.8 leaves them uncertain).
 */
export function randomizeRecord(
  project: ProjectData,
  user: ProjectUser,
  recordId: string,
  randomizationId: string,
): { readonly table: Randomization; readonly allocation: Allocation } {
  const table = (project.randomizations ?? []).find(
    (r) => String(r.randomization_id) === randomizationId.trim(),
  );
  if (!table) throw badRequest(`The randomization_id "${randomizationId}" is not valid.`);
  const record = findRecord(project, recordId);
  if (!record || (user.data_access_group !== '' && record.dag !== user.data_access_group)) {
    throw badRequest(`The record "${recordId}" does not exist.`);
  }
  const taken = table.allocations.find((a) => a.record === recordId);
  if (taken) {
    throw badRequest(
      `The record "${recordId}" has already been randomized (randomization_id ${table.randomization_id}).`,
    );
  }
  const free = table.allocations.find((a) => a.record === '');
  if (!free) {
    throw badRequest(
      `The allocation table of randomization_id ${table.randomization_id} has no free allocation left.`,
    );
  }
  free.record = recordId;
  mainSlot(record).values[table.target_field] = free.target;
  return { table, allocation: free };
}
