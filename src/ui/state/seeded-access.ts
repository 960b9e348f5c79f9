import { seedData } from '../../../mocks/fixtures/index.ts';
import { summarizeAccess, type AccessSummary } from '../../lib/project/user-access.ts';

/**
 * What each seeded mock user may do, by token, read from the seed's own rights. Loaded by
 * dynamic import with the mock (it carries the seed): never in the initial bundle.
 */
export function seededAccess(): Map<string, AccessSummary> {
  const today = new Date().toISOString().slice(0, 10);
  const access = new Map<string, AccessSummary>();
  for (const project of seedData().projects)
    for (const user of project.users)
      if (user.token !== '') access.set(user.token, summarizeAccess(user, today));
  return access;
}
