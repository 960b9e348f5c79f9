import * as z from 'zod/mini';

/**
 * What the tab remembers of the lessons: which are done, the step reached in each, and whether
 * the presenter view is on. Ids and numbers only: never a request, an answer or a token. Read
 * through a schema, so whatever else sits under the key is dropped, not written back.
 */
export interface Progress {
  readonly done: readonly string[];
  readonly steps: ReadonlyMap<string, number>;
  readonly presenting: boolean;
}

export const PROGRESS_KEY = 'redcap-playground.lessons';

export const EMPTY_PROGRESS: Progress = { done: [], steps: new Map(), presenting: false };

/** Read item by item: one bad entry is dropped alone. */
const stored = z.object({
  done: z.array(z.unknown()),
  steps: z.array(z.unknown()),
  presenting: z.boolean(),
});
const step = z.tuple([z.string(), z.number().check(z.int(), z.minimum(0), z.maximum(999))]);

interface Stored {
  done: string[];
  steps: [string, number][];
  presenting: boolean;
}

/** The progress kept in `storage`, for the lessons that exist; empty when none or unreadable. */
export function loadProgress(storage: Storage | null, known: (id: string) => boolean): Progress {
  let raw: string | null;
  try {
    raw = storage?.getItem(PROGRESS_KEY) ?? null;
  } catch {
    return EMPTY_PROGRESS;
  }
  if (raw === null) return EMPTY_PROGRESS;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return EMPTY_PROGRESS;
  }
  const parsed = stored.safeParse(json);
  if (!parsed.success) return EMPTY_PROGRESS;
  const isKnown = (id: unknown): id is string => typeof id === 'string' && known(id);
  const steps = new Map<string, number>();
  for (const item of parsed.data.steps) {
    const entry = step.safeParse(item);
    if (entry.success && isKnown(entry.data[0])) steps.set(entry.data[0], entry.data[1]);
  }
  return {
    done: [...new Set(parsed.data.done.filter(isKnown))],
    steps,
    presenting: parsed.data.presenting,
  };
}

/** Writes the progress; a full or forbidden storage loses it, silently (it is a convenience). */
export function saveProgress(storage: Storage | null, progress: Progress): void {
  const value: Stored = {
    done: [...progress.done],
    steps: [...progress.steps],
    presenting: progress.presenting,
  };
  try {
    storage?.setItem(PROGRESS_KEY, JSON.stringify(value));
  } catch {
    // Private mode or a full quota: progress stays in memory for this page.
  }
}

export function clearProgress(storage: Storage | null): void {
  try {
    storage?.removeItem(PROGRESS_KEY);
  } catch {
    // Nothing kept, nothing to clear.
  }
}

/** The progress with a lesson done. */
export function withDone(progress: Progress, id: string): Progress {
  return progress.done.includes(id) ? progress : { ...progress, done: [...progress.done, id] };
}

/** The progress with the step reached in a lesson. */
export function withStep(progress: Progress, id: string, step: number): Progress {
  if (progress.steps.get(id) === step) return progress;
  const steps = new Map(progress.steps);
  steps.set(id, step);
  return { ...progress, steps };
}

/** The progress of the lessons that exist only (the same object when nothing is dropped). */
export function pruned(progress: Progress, known: readonly string[]): Progress {
  const keep = new Set(known);
  const { done, steps } = progress;
  if (done.every((id) => keep.has(id)) && [...steps.keys()].every((id) => keep.has(id)))
    return progress;
  return {
    ...progress,
    done: done.filter((id) => keep.has(id)),
    steps: new Map([...steps].filter(([id]) => keep.has(id))),
  };
}
