import type { LoadProgress, ProjectFileSummary } from '../../../mocks/project/load.ts';
import type { AccessSummary } from '../../lib/project/user-access.ts';
import type {
  FailureKind,
  FailureSetting,
  TokenAction,
  WorkshopAnswer,
} from '../../lib/workshop/types.ts';

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

/** What a project file holds, and how far a load has come: the mock's own types. */
export type { LoadProgress as LoadProgressFacts, ProjectFileSummary as ProjectFileFacts };

/** "Load your project…": the mock reads a file, then builds a project from it. */
export interface ProjectLoader {
  inspect(
    file: File,
  ): Promise<
    | { readonly ok: true; readonly summary: ProjectFileSummary }
    | { readonly ok: false; readonly message: string }
  >;
  load(
    file: File,
    options: { readonly records: number; readonly seed: string },
    onProgress: (progress: LoadProgress) => void,
  ): Promise<
    | {
        readonly ok: true;
        readonly project: MockProject;
        readonly records: number;
        readonly fake: boolean;
      }
    | { readonly ok: false; readonly message: string }
  >;
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
  /** Loads a project file into the mock (the page's mock; absent elsewhere). */
  readonly loader?: ProjectLoader;
  /** Save demo, Open demo, keep across reloads (the in-page mock has them). */
  readonly state?: MockStateCalls;
  /** The token life cycle (issue #23): one step, or a look with null, for a user's API page. */
  workshop?(project: string, username: string, action: TokenAction | null): Promise<WorkshopAnswer>;
  /** Failures on demand: the next `count` calls (null: until off) fail this way; null: off. */
  setFailure?(kind: FailureKind | null, count: number | null): Promise<FailureSetting | null>;
  /** What the mock's Export REDCap Version answers: set when given, then read (#25). */
  redcapVersion?(version?: string): Promise<string>;
}

/** What a mock's state calls answer: done, or why not in a person's words. */
export type MockStateOutcome<T> =
  ({ readonly ok: true } & T) | { readonly ok: false; readonly message: string };

/** Keeping the mock's data across reloads: on or off, and a problem to tell, if any. */
export interface MockKept {
  readonly on: boolean;
  readonly problem: string | null;
}

export interface MockStateCalls {
  /** Whether keeping was on when the mock started (a kept copy was loaded, or was unusable). */
  readonly kept: MockKept;
  /** The mock's whole state as a demo file's bytes. */
  save(): Promise<MockStateOutcome<{ readonly bytes: Uint8Array }>>;
  /** Replaces the whole state with a demo file's; refused, nothing changes. */
  open(bytes: Uint8Array): Promise<MockStateOutcome<{ readonly projects: MockProject[] }>>;
  keep(on: boolean): Promise<MockKept>;
  /** Keeping on or off now, and why its last write failed (asked while it is on). */
  status(): Promise<MockKept>;
}

/** The workshop's controls of the running mock (ConnectionState.workshop()). */
export type WorkshopControls = Required<Pick<MockHandle, 'workshop' | 'setFailure'>>;

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
