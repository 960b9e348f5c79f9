import type { MockStore } from '../store/store.ts';
import type { MockRedcapData } from '../store/types.ts';
import { checkState } from './check.ts';
import { fromBase64, toBase64 } from './base64.ts';
import {
  STATE_FORMAT,
  STATE_VERSION,
  stateFileSchema,
  type MockDataFile,
  type StateFile,
} from './schema.ts';
import { describeIssue } from './issue.ts';
import { MAX_STATE_BYTES, tooLarge } from './limits.ts';

/**
 * Save demo / Open demo: the mock's whole state (every project with its records, files, users,
 * rights, log and tokens, and the super tokens) as one JSON text, and back. Only mock data: the
 * store never holds the playground's live connection.
 *
 * Large lazy projects (`large-1k` …) not built yet are saved by name only (`unbuilt`): they are
 * the same generated project on every machine, so the loading mock builds them on first use as
 * it always does. Once built they are saved whole, like any project: they may have been changed.
 */

export { MAX_STATE_BYTES, tooLarge };

export type StateResult =
  | { readonly ok: true; readonly data: MockRedcapData; readonly unbuilt: readonly string[] }
  | { readonly ok: false; readonly message: string };

export type SavedState =
  { readonly ok: true; readonly text: string } | (StateResult & { ok: false });

/** The store's state as the file's text, or why it cannot be saved (too large). */
export function writeState(store: MockStore, saved: Date = store.now()): SavedState {
  const data: MockDataFile = {
    ...store.data,
    projects: store.data.projects.map((p) => ({
      ...p,
      edocs: p.edocs.map((d) => ({ ...d, bytes: toBase64(d.bytes) })),
    })),
  };
  const file: StateFile = {
    format: STATE_FORMAT,
    version: STATE_VERSION,
    saved: saved.toISOString(),
    unbuilt: store.unbuilt().map((l) => l.slug),
    data,
  };
  const text = JSON.stringify(file);
  // A UTF-16 length above the limit is at least that many UTF-8 bytes.
  const bytes = text.length > MAX_STATE_BYTES ? text.length : utf8Length(text);
  if (bytes > MAX_STATE_BYTES) {
    return {
      ok: false,
      message: `${tooLarge(bytes)} Reset the demo data (a large project is then no longer built) and save again.`,
    };
  }
  return { ok: true, text };
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).byteLength;
}

/** Reads a file's bytes (UTF-8 JSON): the store's data, or what is wrong and where. */
export function readStateBytes(bytes: Uint8Array): StateResult {
  if (bytes.byteLength > MAX_STATE_BYTES) return { ok: false, message: tooLarge(bytes.byteLength) };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, message: 'The demo file is not UTF-8 text.' };
  }
  return readState(text);
}

/**
 * Reads a file's text: the store's data (fresh objects, nothing shared with the text), or why it
 * is refused. Never throws: a refusal leaves the caller's state as it was.
 */
export function readState(text: string): StateResult {
  if (text.length > MAX_STATE_BYTES) return { ok: false, message: tooLarge(text.length) };
  let json: unknown;
  let prototypeKey = false;
  try {
    json = JSON.parse(text, (key, value: unknown) => {
      if (key === '__proto__') prototypeKey = true;
      return value;
    });
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `The demo file is not complete JSON (${why}).` };
  }
  if (prototypeKey) return { ok: false, message: 'The demo file has a “__proto__” key.' };
  const kind = fileKind(json);
  if (kind) return { ok: false, message: kind };
  const parsed = stateFileSchema.safeParse(json);
  if (!parsed.success) {
    return { ok: false, message: `The demo file is malformed: ${describeIssue(parsed.error)}.` };
  }
  const { data, unbuilt } = parsed.data;
  let decoded: MockRedcapData;
  try {
    decoded = {
      ...data,
      projects: data.projects.map((p) => ({
        ...p,
        edocs: p.edocs.map((d) => ({ ...d, bytes: fromBase64(d.bytes) })),
      })),
    };
  } catch {
    return { ok: false, message: 'The demo file is malformed: a file’s bytes are not base64.' };
  }
  const problem = checkState(decoded, unbuilt);
  if (problem) return { ok: false, message: `The demo file does not hold together: ${problem}` };
  return { ok: true, data: decoded, unbuilt };
}

/** Whether it is a demo file at all, and of this version: the first thing a person needs to hear. */
function fileKind(json: unknown): string | null {
  const format =
    typeof json === 'object' && json !== null && !Array.isArray(json)
      ? (json as { format?: unknown; version?: unknown })
      : null;
  if (format?.format !== STATE_FORMAT) {
    return `This is not a saved demo of the API Playground (no "format": "${STATE_FORMAT}").`;
  }
  if (format.version !== STATE_VERSION) {
    return `The demo file is of version ${JSON.stringify(format.version)}; this playground reads version ${STATE_VERSION}.`;
  }
  return null;
}

/** Puts a read state into a store: the whole data at once, so nothing half-loaded stays. */
export function loadState(store: MockStore, data: MockRedcapData): void {
  store.data = data;
}
