import {
  isFailureKind,
  isTokenOp,
  type FailureKind,
  type TokenAction,
  type TokenOutcome,
  type WorkshopAnswer,
  type WorkshopSnapshot,
} from '../src/lib/workshop/types.ts';
import type { MockRedcap } from './redcap.ts';
import {
  addLearner,
  apiPageState,
  approveRequest,
  deleteToken,
  pendingRequests,
  regenerateToken,
  requestToken,
  setApiRights,
  tokenHolders,
  tokenLife,
} from './store/tokens.ts';

export { isTokenOp };
export type { TokenAction, WorkshopAnswer, WorkshopSnapshot };

/**
 * The workshop's controls of one mock (issue #23 items 1 and 3), the same for the page's worker
 * and mock:server's admin page: the token life cycle's steps (store/tokens.ts) and the failure
 * switch (failures.ts), and a snapshot of plain data that the API page, the administrator's view
 * and a lesson's check read. A snapshot holds a token only in `page` (the user's own API page).
 */

export function snapshot(redcap: MockRedcap, project: string, username: string): WorkshopSnapshot {
  const { store } = redcap;
  const found = store.project(project);
  return {
    project,
    username,
    page: apiPageState(store, project, username),
    pending: pendingRequests(store),
    holders: found ? tokenHolders(found) : [],
    events: [...tokenLife(store.data).events],
    failure: redcap.failures.setting,
    failures: redcap.failures.served(),
  };
}

export function applyTokenAction(redcap: MockRedcap, action: TokenAction): TokenOutcome {
  const { store } = redcap;
  const { project, username } = action;
  switch (action.op) {
    case 'add-learner':
      return addLearner(store, project);
    case 'grant-api':
      return setApiRights(store, project, username, true);
    case 'remove-api':
      return setApiRights(store, project, username, false);
    case 'request':
      return requestToken(store, project, username);
    case 'approve':
      return approveRequest(store, project, username);
    case 'regenerate':
      return regenerateToken(store, project, username);
    case 'delete':
      return deleteToken(store, project, username);
  }
}

/** One step (or none: a look) and the snapshot after it, for `project`/`username`'s API page. */
export function workshop(
  redcap: MockRedcap,
  project: string,
  username: string,
  action: TokenAction | null,
): WorkshopAnswer {
  const outcome = action ? applyTokenAction(redcap, action) : null;
  return { snapshot: snapshot(redcap, project, username), outcome };
}

/** The failure switch from outside (a form, a message): unknown kinds switch it off. */
export function setFailure(redcap: MockRedcap, kind: unknown, count: unknown): FailureKind | null {
  if (!isFailureKind(kind)) {
    redcap.failures.set(null);
    return null;
  }
  // No count (null, '', absent) or not a number: until switched off.
  const n = count === null || count === '' ? Number.NaN : Number(count);
  redcap.failures.set(kind, Number.isFinite(n) ? n : null);
  return kind;
}
