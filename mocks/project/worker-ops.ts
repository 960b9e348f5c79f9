import { summarizeAccess, type AccessSummary } from '../../src/lib/project/user-access.ts';
import { formatDate, type MockStore } from '../store/store.ts';
import { ProjectFileError } from './dictionary-file.ts';
import {
  inspectProjectFile,
  loadProjectFile,
  type LoadProgress,
  type ProjectFileSummary,
} from './load.ts';

/**
 * "Load your project…" in the page's mock worker: the file's bytes come in (moved, not copied),
 * the project is built here, and progress goes back as separate messages while it is built. A
 * refused file is an answer, not a failed call: its problems are shown as they are.
 */

export interface WireProjectFile {
  readonly name: string;
  readonly bytes: ArrayBuffer;
}

export interface WireLoadOptions {
  readonly records: number;
  readonly seed: string;
}

export type InspectAnswer =
  | { readonly ok: true; readonly summary: ProjectFileSummary }
  | { readonly ok: false; readonly message: string };

export interface LoadedUser {
  readonly username: string;
  readonly token: string;
  readonly access: AccessSummary;
}

export type LoadAnswer =
  | {
      readonly ok: true;
      readonly project: { readonly slug: string; readonly title: string };
      readonly users: readonly LoadedUser[];
      readonly records: number;
      readonly fake: boolean;
    }
  | { readonly ok: false; readonly message: string };

/** A progress message of the worker (it has no call id: the call's answer comes after). */
export interface ProgressMessage {
  readonly kind: 'load-progress';
  readonly progress: LoadProgress;
}

export function isProgressMessage(data: unknown): data is ProgressMessage {
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as { kind?: unknown }).kind === 'load-progress'
  );
}

function refusal(error: unknown): { ok: false; message: string } {
  if (error instanceof ProjectFileError) return { ok: false, message: error.message };
  throw error;
}

export function inspectProject(file: WireProjectFile): InspectAnswer {
  try {
    const summary = inspectProjectFile({ name: file.name, bytes: new Uint8Array(file.bytes) });
    return { ok: true, summary };
  } catch (error) {
    return refusal(error);
  }
}

export function loadProject(
  store: MockStore,
  file: WireProjectFile,
  options: WireLoadOptions,
  post: (message: ProgressMessage) => void,
): LoadAnswer {
  try {
    const loaded = loadProjectFile(
      store,
      { name: file.name, bytes: new Uint8Array(file.bytes) },
      {
        records: options.records,
        seed: options.seed,
        onProgress: (progress) => post({ kind: 'load-progress', progress }),
      },
    );
    const project = store.project(loaded.slug)!;
    const today = formatDate(store.now());
    return {
      ok: true,
      project: { slug: loaded.slug, title: loaded.title },
      users: project.users.map((u) => ({
        username: u.username,
        token: u.token,
        access: summarizeAccess(u, today),
      })),
      records: loaded.records,
      fake: loaded.fake,
    };
  } catch (error) {
    return refusal(error);
  }
}
