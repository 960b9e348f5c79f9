/*
 * What the address says about lessons. Pages have hashes of their own (`#/lessons`, `#/about`);
 * REDCap method ids are never these words. A lesson and its step ride along a method's hash as
 * `_lesson` and `_step` (the playground's own keys start with an underscore, REDCap's never do),
 * so a link opens the method, the mock project and user, the lesson and the step together.
 */

export const LESSON_KEY = '_lesson';
export const STEP_KEY = '_step';

export const PAGES = ['lessons', 'about'] as const;
export type Page = (typeof PAGES)[number];

/** The page a hash names (`#/lessons`, `#/about`), or null for the workspace. */
export function pageOf(hash: string): Page | null {
  const m = /^#\/([a-z]+)\/?$/.exec(hash);
  return m && (PAGES as readonly string[]).includes(m[1]!) ? (m[1] as Page) : null;
}

export function pageHash(page: Page): string {
  return `#/${page}`;
}

/** A lesson and a step (0-based here, 1-based in the address, as people count). */
export interface LessonPlace {
  readonly id: string;
  readonly step: number;
}

/** The lesson a hash carries, or null. A missing or bad step is the first one. */
export function lessonIn(hash: string): LessonPlace | null {
  const at = hash.indexOf('?');
  if (at < 0) return null;
  const search = new URLSearchParams(hash.slice(at + 1));
  const id = search.get(LESSON_KEY);
  if (!id || !/^[a-z0-9-]{1,64}$/.test(id)) return null;
  const step = Number(search.get(STEP_KEY));
  return { id, step: Number.isInteger(step) && step >= 1 && step <= 999 ? step - 1 : 0 };
}

/** A method's hash with the lesson added (or none: the hash as it is). */
export function withLesson(hash: string, place: LessonPlace | null): string {
  if (!place) return hash;
  const extra = new URLSearchParams({ [LESSON_KEY]: place.id, [STEP_KEY]: String(place.step + 1) });
  return `${hash}${hash.includes('?') ? '&' : '?'}${extra.toString()}`;
}

/** The fields a step points at, when its method is the one on screen (else none). */
export function highlightsOf(
  step: { readonly method?: string; readonly fields?: readonly string[] } | undefined,
  methodOnScreen: string,
): ReadonlySet<string> {
  return new Set(step?.method === methodOnScreen ? (step.fields ?? []) : []);
}
