import {
  API_PAGE_TEXT,
  LEARNER,
  type FailureKind,
  type TokenOp,
  type WorkshopSnapshot,
} from '../../lib/workshop/types.ts';
import type { TokenStepEvent } from '../../lib/lessons/types.ts';
import type { ConnectionState } from './connection.svelte.ts';
import type { MockProject, WorkshopControls } from './mock-handle.ts';

/**
 * The mock's API page, its administrator's view and the failure switch, as the page sees them
 * (issue #23 items 1 and 3). The store's rules run in the mock's worker (mocks/workshop.ts); this
 * holds the last snapshot (plain data: what a lesson's check reads) and what the last step said.
 * A token handed out by the API page reaches the playground only through the chooser ("Use this
 * token"): in memory, never in storage, the URL or a log.
 */

export interface WorkshopMessage {
  readonly text: string;
  readonly ok: boolean;
}

/** What the API page says after a step went through (REDCap's words where it has them). */
function said(op: TokenOp, projectTitle: string, username: string): string {
  switch (op) {
    case 'request':
      return API_PAGE_TEXT.requestSent;
    case 'approve':
      return `Approved. The e-mail to ${username}: “${API_PAGE_TEXT.approvedMail} "${projectTitle}"”; the token now shows on their API page.`;
    case 'regenerate':
      return API_PAGE_TEXT.regenerated;
    case 'delete':
      return API_PAGE_TEXT.deleted;
    case 'grant-api':
      return `${username} now has API Export and API Import/Update on this project.`;
    case 'remove-api':
      return `${username} no longer has API rights on this project.`;
    case 'add-learner':
      return `The new user “${LEARNER}” is on the project, without API rights and without a token.`;
  }
}

/** The chooser's projects with one user's token replaced (or the user added with it). */
export function withUserToken(
  projects: readonly MockProject[],
  slug: string,
  username: string,
  token: string,
): MockProject[] {
  return projects.map((project) => {
    if (project.slug !== slug) return project;
    const known = project.users.some((u) => u.username === username);
    return {
      ...project,
      users: known
        ? project.users.map((u) => (u.username === username ? { ...u, token } : u))
        : [...project.users, { username, token }],
    };
  });
}

/**
 * For a lesson's check: the mock's token life cycle and failures, as plain data, for a user's
 * API page (the chooser's project and user by default); null when the mock has none (live
 * mode, or a mock without the workshop). `page` may hold that user's token: keep it out of
 * anything saved.
 */
export async function readWorkshop(
  connection: ConnectionState,
  project = connection.choice?.project.slug ?? '',
  username = connection.choice?.user.username ?? '',
): Promise<WorkshopSnapshot | null> {
  if (connection.mode !== 'mock') return null;
  const handle = await connection.mockHandle().catch(() => null);
  if (!handle?.workshop) return null;
  return (await handle.workshop(project, username, null)).snapshot;
}

export class TokenLifeState {
  snapshot = $state.raw<WorkshopSnapshot | null>(null);
  message = $state.raw<WorkshopMessage | null>(null);
  busy = $state(false);
  /** Whose API page is shown; '' = the chooser's user. */
  username = $state('');
  readonly #connection: ConnectionState;
  /** Told each step that went through (an open lesson's check reads them); never the token. */
  readonly #onStep: (event: TokenStepEvent) => void;

  readonly project: string = $derived.by(() => this.#connection.choice?.project.slug ?? '');
  readonly user: string = $derived.by(
    () => this.username || this.#connection.choice?.user.username || '',
  );

  constructor(connection: ConnectionState, onStep: (event: TokenStepEvent) => void = () => {}) {
    this.#connection = connection;
    this.#onStep = onStep;
  }

  async #controls(): Promise<WorkshopControls> {
    const handle = await this.#connection.mockHandle();
    if (!handle.workshop || !handle.setFailure) {
      throw new Error('This mock has no API page (token life cycle) or failure switch.');
    }
    return { workshop: handle.workshop, setFailure: handle.setFailure };
  }

  async #run(step: (controls: WorkshopControls) => Promise<void>): Promise<void> {
    this.busy = true;
    try {
      await step(await this.#controls());
    } catch (error) {
      this.message = { text: error instanceof Error ? error.message : String(error), ok: false };
    } finally {
      this.busy = false;
    }
  }

  /** Reads the API page, the requests and the logs again. */
  look(): Promise<void> {
    return this.#run(async ({ workshop }) => {
      this.snapshot = (await workshop(this.project, this.user, null)).snapshot;
    });
  }

  /** One step of the life cycle; `username` defaults to the API page's user. */
  act(op: TokenOp, username: string = this.user): Promise<void> {
    return this.#run(async ({ workshop }) => {
      const project = this.project;
      const target = op === 'add-learner' ? LEARNER : username;
      const pageUser = op === 'add-learner' ? LEARNER : this.user;
      const answer = await workshop(project, pageUser, { op, project, username: target });
      if (op === 'add-learner') this.username = LEARNER;
      this.snapshot = answer.snapshot;
      const title = this.#connection.choice?.project.title ?? project;
      this.message = answer.outcome?.ok
        ? { text: said(op, title, target), ok: true }
        : { text: answer.outcome?.message ?? 'Nothing happened.', ok: false };
      if (answer.outcome?.ok) this.#onStep({ kind: 'token', action: op, project, user: target });
    });
  }

  /** Failures on demand: `count` calls (null: until switched off); null kind: off. */
  setFailure(kind: FailureKind | null, count: number | null): Promise<void> {
    return this.#run(async ({ setFailure, workshop }) => {
      await setFailure(kind, count);
      this.snapshot = (await workshop(this.project, this.user, null)).snapshot;
    });
  }

  /**
   * "Use this token": the chooser's entry for this user carries the API page's token and is
   * chosen, so the next call (and "Show token in code") uses it. A later regenerate or delete
   * leaves the chooser's copy as it was: the old token then gets REDCap's 403, as it would.
   */
  useToken(): boolean {
    const page = this.snapshot?.page;
    if (page?.kind !== 'token') return false;
    const { project, username } = this.snapshot!;
    const connection = this.#connection;
    connection.projects = withUserToken(connection.projects, project, username, page.token);
    connection.choose(`${project}/${username}`);
    this.#onStep({ kind: 'token', action: 'use', project, user: username });
    this.message = {
      text: `The playground now sends ${username}’s token from this API page. ${API_PAGE_TEXT.secret}`,
      ok: true,
    };
    return true;
  }
}
