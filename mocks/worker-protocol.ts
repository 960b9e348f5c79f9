import type { AccessSummary } from '../src/lib/project/user-access.ts';
import type { Moved } from '../src/lib/worker/rpc.ts';
import type {
  InspectAnswer,
  LoadAnswer,
  WireLoadOptions,
  WireProjectFile,
} from './project/worker-ops.ts';
import type { FailureKind, FailureSetting } from '../src/lib/workshop/types.ts';
import type { TokenAction, WorkshopAnswer } from './workshop.ts';

export type { Endpoint } from '../src/lib/worker/rpc.ts';

/**
 * Messages between the page and the Web Worker that holds the browser mock's store. Bodies
 * travel as ArrayBuffers in the transfer list: moved between threads, never copied.
 */

export interface MockUserInfo {
  readonly username: string;
  readonly token: string;
}

export interface MockProjectInfo {
  readonly slug: string;
  readonly title: string;
  readonly users: readonly MockUserInfo[];
}

export interface MockDescription {
  readonly projects: readonly MockProjectInfo[];
  /** Method ids the mock does not answer yet (it says so with a 400). */
  readonly pendingMethods: readonly string[];
}

export interface WireRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: ArrayBuffer;
}

export interface WireResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: ArrayBuffer;
}

/** The calls the page makes to the worker (served with src/lib/worker/rpc.ts). */
export interface MockRedcapApi {
  readonly [op: string]: (...args: never[]) => unknown;
  describe(): MockDescription;
  reset(): null;
  /** What Export REDCap Version answers: set when given (#25), then read. */
  redcapVersion(version: string | null): string;
  handle(request: WireRequest): Promise<Moved<WireResponse>>;
  /** Save demo: the whole state as a demo file's bytes (mocks/state/file.ts). */
  saveState(): Moved<SavedDemo>;
  /** Open demo: replaces the whole state, or refuses and changes nothing. */
  openState(bytes: ArrayBuffer): OpenedDemo;
  /** Keep the mock's data across reloads (IndexedDB): on writes it now, off deletes it. */
  keepState(on: boolean): Promise<KeptState>;
  /** At start: the kept copy, if keeping is on. */
  restoreKept(): Promise<KeptState>;
  /** Whether keeping is on, and why the last write failed (the page asks while it is on). */
  keptState(): KeptState;
  /** "Load your project…": what a file holds, then the project built from it (project/worker-ops.ts). */
  inspectProject(file: WireProjectFile): InspectAnswer;
  loadProject(file: WireProjectFile, options: WireLoadOptions): LoadAnswer;
  /** The token life cycle (workshop.ts): one step or a look, for a user's API page. */
  workshop(project: string, username: string, action: TokenAction | null): WorkshopAnswer;
  /** Failures on demand: the next `count` calls (null: until off) fail this way; null: off. */
  setFailure(kind: FailureKind | null, count: number | null): FailureSetting | null;
}

// Save demo, Open demo and keeping (mocks/worker-state.ts).
export type SavedDemo =
  | { readonly ok: true; readonly bytes: ArrayBuffer }
  | { readonly ok: false; readonly message: string };

/** After Open demo or a restore: the mock's projects, and what each token may do. */
export type OpenedDemo =
  | {
      readonly ok: true;
      readonly description: MockDescription;
      readonly access: readonly (readonly [token: string, AccessSummary])[];
    }
  | { readonly ok: false; readonly message: string };

export interface KeptState {
  /** Keeping is on (a kept copy exists). */
  readonly on: boolean;
  /**
   * restoreKept: the kept copy was there but could not be used, and why (the mock then runs on
   * its seed); keepState / keptState: why keeping failed.
   */
  readonly problem: string | null;
}
