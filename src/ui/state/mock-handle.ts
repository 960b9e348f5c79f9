import type { AccessSummary } from '../../lib/project/user-access.ts';

export interface MockUser {
  readonly username: string;
  /** The mock's tokens are public demo tokens. */
  readonly token: string;
  /** What the user may do, for the chooser ("export only"); unknown when absent. */
  readonly access?: AccessSummary;
}

export interface MockProject {
  readonly slug: string;
  readonly title: string;
  readonly users: readonly MockUser[];
}

/** What the running mock gives the page: its projects and users, and its controls. */
export interface MockHandle {
  readonly projects: readonly MockProject[];
  /** Method ids the mock does not answer yet. */
  readonly pendingMethods: readonly string[];
  /** Back to the seed data of every project. */
  reset(): Promise<void>;
  /** Stops answering: live mode must not pass its requests through the service worker. */
  stop?(): Promise<void>;
  /** What the mock's Export REDCap Version answers: set when given, then read (#25). */
  redcapVersion?(version?: string): Promise<string>;
}

export type MockStarter = () => Promise<MockHandle>;

/** One choice of the chooser: a project and one of its users. */
export interface MockChoice {
  readonly key: string;
  readonly project: MockProject;
  readonly user: MockUser;
}

/** A well-formed token no mock user has: REDCap answers it 403, as it does a revoked one. */
export const WRONG_TOKEN = '0BAD0BAD0BAD0BAD0BAD0BAD0BAD0BAD';

/** What a shared link's `<slug>/<username>` does to the chooser: choose it, or say it is not here. */
export type LinkOutcome = { readonly choiceKey: string } | { readonly notice: string } | null;

/**
 * Applies the mock project and user a link names, once the mock has listed its own: nothing to
 * do (null) when it is already chosen, the pair when this mock has it, else the words saying it
 * does not (and which pair is used instead), never a silent replacement.
 */
export function resolveLink(
  key: string,
  choices: readonly MockChoice[],
  current: MockChoice | undefined,
): LinkOutcome {
  if (key === current?.key) return null;
  if (choices.some((c) => c.key === key)) return { choiceKey: key };
  return {
    notice: `The link asks for the mock project and user “${key}”, which this mock does not have${
      current ? `: using ${current.project.title} · ${current.user.username}` : ''
    }.`,
  };
}
