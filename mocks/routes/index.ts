import { getMethod, type MethodId } from '../../src/lib/methods/index.ts';
import type { Route } from '../wire/route.ts';
import * as arms from './arms.ts';
import * as dags from './dags.ts';
import * as events from './events.ts';
import * as fieldNames from './field-names.ts';
import * as fileRepository from './file-repository.ts';
import * as files from './files.ts';
import * as instruments from './instruments.ts';
import * as logging from './logging.ts';
import * as metadata from './metadata.ts';
import * as projects from './projects.ts';
import * as recordsExtra from './records-extra.ts';
import * as records from './records.ts';
import * as redcap from './redcap.ts';
import * as repeating from './repeating.ts';
import * as reports from './reports.ts';
import * as surveys from './surveys.ts';
import * as userRoles from './user-roles.ts';
import * as users from './users.ts';

/**
 * The route families, one per catalog family (`src/lib/methods/<family>.ts` ↔
 * `mocks/routes/<family>.ts`); each family file exports its routes under their method ids.
 */
export const routeFamilies = {
  arms,
  dags,
  events,
  'field-names': fieldNames,
  'file-repository': fileRepository,
  files,
  instruments,
  logging,
  metadata,
  projects,
  'records-extra': recordsExtra,
  records,
  redcap,
  repeating,
  reports,
  surveys,
  'user-roles': userRoles,
  users,
} as const;

/** The route table, keyed by REDCap's method keys (the catalog's ids): the families' union. */
export const mockRoutes = {
  ...arms,
  ...dags,
  ...events,
  ...fieldNames,
  ...fileRepository,
  ...files,
  ...instruments,
  ...logging,
  ...metadata,
  ...projects,
  ...recordsExtra,
  ...records,
  ...redcap,
  ...repeating,
  ...reports,
  ...surveys,
  ...userRoles,
  ...users,
} as const satisfies Readonly<Record<MethodId, Route>>;

/**
 * The methods the mock does not answer yet, listed explicitly: the mock issues move each one to
 * `mockRoutes`, and delete this list when it is empty. Answered with a 400 that names them.
 */
export const pendingMockRoutes: readonly MethodId[] = [];

/** The route of a method id; own keys only (`toString`, `__proto__` are not methods). */
export function routeFor(id: string): Route | undefined {
  return Object.hasOwn(mockRoutes, id)
    ? (mockRoutes as Readonly<Record<string, Route>>)[id]
    : undefined;
}

/** The 400 text for a method the mock does not answer yet. */
export function pendingMessage(id: string): string {
  const label = getMethod(id)?.label ?? id;
  return `The mock REDCap does not implement ${label} (${id}) yet.`;
}
