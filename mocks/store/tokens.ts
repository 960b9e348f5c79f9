import {
  API_PAGE_TEXT,
  LEARNER,
  type ApiPageState,
  type TokenEvent,
  type TokenEventKind,
  type TokenHolder,
  type TokenOutcome,
  type TokenRequest,
} from '../../src/lib/workshop/types.ts';
import { fullRights } from './rights.ts';
import { formatTimestamp, type MockStore } from './store.ts';
import type { MockRedcapData, ProjectData, ProjectUser } from './types.ts';

export { API_PAGE_TEXT, LEARNER };
export type { ApiPageState, TokenEvent, TokenHolder, TokenOutcome, TokenRequest };

/**
 * A token's whole life, as REDCap's API page and its administrator's API Tokens page handle it
 * (shared/token-faq.md; REDCap 15.7.6 `API/project_api.php`, `project_api_ajax.php`): a user
 * with API rights requests a token, an administrator approves it, the user regenerates or
 * deletes it. The token is the user's `token` ('' = none), so `MockStore.authenticate` is the one
 * check: a regenerated or deleted token is unknown from then on and answers REDCap's 403.
 * Everything here is plain data in the store, so `reset()` undoes it and lesson checks read it.
 */

/** The token life cycle's part of the store's data (absent in seeds: nothing happened yet). */
export interface TokenLife {
  requests: TokenRequest[];
  events: TokenEvent[];
}

export function tokenLife(data: MockRedcapData): TokenLife {
  return (data.tokenLife ??= { requests: [], events: [] });
}

function projectUser(store: MockStore, slug: string, username: string) {
  const project = store.project(slug);
  const user = project?.users.find((u) => u.username === username);
  return project && user ? { project, user } : null;
}

function hasApiRights(user: ProjectUser): boolean {
  return user.rights.api_export === 1 || user.rights.api_import === 1;
}

function record(store: MockStore, kind: TokenEventKind, project: string, username: string): void {
  tokenLife(store.data).events.push({ kind, project, username, at: formatTimestamp(store.now()) });
}

/** 32 uppercase hex characters, as REDCap makes them; never one in use anywhere. */
export function newToken(
  store: MockStore,
  random: (bytes: Uint8Array<ArrayBuffer>) => void,
): string {
  const taken = new Set(store.projects.flatMap((p) => p.users.map((u) => u.token.toUpperCase())));
  for (;;) {
    const bytes = new Uint8Array(16);
    random(bytes);
    const token = [...bytes]
      .map((b) => b.toString(16).padStart(2, '0'))
      .join('')
      .toUpperCase();
    if (!taken.has(token)) return token;
  }
}

const cryptoRandom = (bytes: Uint8Array<ArrayBuffer>): void => void crypto.getRandomValues(bytes);

const NO_USER: TokenOutcome = {
  ok: false,
  message: 'There is no such user on this project.',
};

export function apiPageState(store: MockStore, slug: string, username: string): ApiPageState {
  const found = projectUser(store, slug, username);
  if (!found || !hasApiRights(found.user)) return { kind: 'no-rights' };
  if (found.user.token !== '') return { kind: 'token', token: found.user.token };
  const request = tokenLife(store.data).requests.find(
    (r) => r.project === slug && r.username === username,
  );
  return request ? { kind: 'pending', requested: request.requested } : { kind: 'none' };
}

/**
 * Adds the user the API page starts from: a new project member with data rights but no API
 * rights and no token (what a newcomer usually is). Nothing happens when it is there already.
 */
export function addLearner(store: MockStore, slug: string): TokenOutcome {
  const project = store.project(slug);
  if (!project) return { ok: false, message: 'There is no such project.' };
  if (project.users.some((u) => u.username === LEARNER)) return { ok: true };
  const rights = fullRights(project.instruments.map((i) => i.instrument_name));
  project.users.push({
    username: LEARNER,
    email: 'learner@example.edu',
    firstname: 'New',
    lastname: 'Learner',
    token: '',
    expiration: '',
    data_access_group: '',
    rights: { ...rights, api_export: 0, api_import: 0, design: 0, user_rights: 0 },
  });
  record(store, 'learner-added', slug, LEARNER);
  return { ok: true };
}

/** What someone with User Rights access does: API Export and API Import/Update on or off. */
export function setApiRights(
  store: MockStore,
  slug: string,
  username: string,
  on: boolean,
): TokenOutcome {
  const found = projectUser(store, slug, username);
  if (!found) return NO_USER;
  if (found.user.role) {
    return {
      ok: false,
      message: `${username}'s rights come from a user role: change the role instead.`,
    };
  }
  found.user.rights.api_export = on ? 1 : 0;
  found.user.rights.api_import = on ? 1 : 0;
  record(store, on ? 'rights-granted' : 'rights-removed', slug, username);
  return { ok: true };
}

/** Request API token: the administrator is e-mailed and must approve it. */
export function requestToken(store: MockStore, slug: string, username: string): TokenOutcome {
  const state = apiPageState(store, slug, username);
  if (state.kind === 'no-rights') return { ok: false, message: API_PAGE_TEXT.noRights };
  // REDCap: "Your API token request failed! - token already exists." (edit_project_89, control_center_258)
  if (state.kind === 'token') {
    return { ok: false, message: 'Your API token request failed! - token already exists.' };
  }
  if (state.kind === 'pending') return { ok: true };
  tokenLife(store.data).requests.push({
    project: slug,
    username,
    requested: formatTimestamp(store.now()),
  });
  record(store, 'requested', slug, username);
  return { ok: true };
}

/** The administrator's list of requests waiting for approval, oldest first. */
export function pendingRequests(store: MockStore): readonly TokenRequest[] {
  return [...tokenLife(store.data).requests];
}

/** Approve: the request goes, a new token is the user's and shows on their API page. */
export function approveRequest(
  store: MockStore,
  slug: string,
  username: string,
  random: (bytes: Uint8Array<ArrayBuffer>) => void = cryptoRandom,
): TokenOutcome {
  const life = tokenLife(store.data);
  const at = life.requests.findIndex((r) => r.project === slug && r.username === username);
  if (at < 0) return { ok: false, message: 'There is no pending request for this user.' };
  const found = projectUser(store, slug, username);
  life.requests.splice(at, 1);
  if (!found) return NO_USER;
  found.user.token = newToken(store, random);
  record(store, 'approved', slug, username);
  return { ok: true };
}

/** Regenerate: a new token; the old one answers 403 from now on. */
export function regenerateToken(
  store: MockStore,
  slug: string,
  username: string,
  random: (bytes: Uint8Array<ArrayBuffer>) => void = cryptoRandom,
): TokenOutcome {
  const found = projectUser(store, slug, username);
  if (!found) return NO_USER;
  // REDCap: "API token regeneration failed! - token does not exist." (edit_project_100, control_center_270)
  if (found.user.token === '') {
    return { ok: false, message: 'API token regeneration failed! - token does not exist.' };
  }
  found.user.token = newToken(store, random);
  record(store, 'regenerated', slug, username);
  return { ok: true };
}

/** Delete: no token any more; the old one answers 403, a new one must be requested. */
export function deleteToken(store: MockStore, slug: string, username: string): TokenOutcome {
  const found = projectUser(store, slug, username);
  if (!found) return NO_USER;
  if (found.user.token === '') {
    return { ok: false, message: 'API token deletion failed! - token does not exist.' };
  }
  found.user.token = '';
  record(store, 'deleted', slug, username);
  return { ok: true };
}

/** Every user of a project and where their token stands, for the administrator's view. */
export function tokenHolders(project: ProjectData): TokenHolder[] {
  return project.users.map((u) => ({
    username: u.username,
    apiRights: hasApiRights(u),
    hasToken: u.token !== '',
    role: u.role ?? '',
  }));
}
