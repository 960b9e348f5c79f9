import type { CallResult } from '../../lib/execute/call-result.ts';
import {
  clearProgress,
  EMPTY_PROGRESS,
  loadProgress,
  pruned,
  saveProgress,
  withDone,
  withStep,
  type Progress,
} from '../../lib/lessons/progress.ts';
import { highlightsOf, type LessonPlace, type Page } from '../../lib/lessons/route.ts';
import type { Lesson, LessonEvent } from '../../lib/lessons/types.ts';
import type { ParamValue } from '../../lib/methods/define-method.ts';
import { isMethodId, type MethodId } from '../../lib/methods/index.ts';
import { LessonAttempts, loadLessons } from './lesson-attempts.svelte.ts';
import type { PlaygroundState } from './playground.svelte.ts';

export { loadLessons, type Verdict } from './lesson-attempts.svelte.ts';

function tabStorage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

/**
 * Workshop mode: which page shows (the lesson index, About, or the workspace), which lesson and
 * step are open, the presenter view and the tab's progress; `attempts` holds what the learner
 * did and the check's verdict. One per page (keyed by its PlaygroundState).
 */
export class WorkshopState {
  /** The page asked for, and the method on screen then: another method leaves the page. */
  #page = $state<{ readonly page: Page; readonly method: MethodId } | null>(null);
  place = $state<LessonPlace | null>(null);
  presenting = $state(false);
  progress = $state.raw<Progress>(EMPTY_PROGRESS);
  /** The open lesson once its module has loaded; undefined while loading or unknown. */
  lesson = $state.raw<Lesson | undefined>(undefined);
  /** Problems of the open lesson's file (empty: none). */
  problems = $state.raw<readonly string[]>([]);
  /** Set when the address names a lesson the registry does not have. */
  unknownLesson = $state<string | null>(null);
  readonly attempts: LessonAttempts;

  readonly #playground: PlaygroundState;
  readonly #storage: Storage | null;

  constructor(playground: PlaygroundState, storage: Storage | null = tabStorage()) {
    this.#playground = playground;
    this.#storage = storage;
    // Until the registry loads, any id-like word; then only the registry's lessons (#prune).
    this.progress = loadProgress(storage, (id) => /^[a-z0-9-]{1,64}$/.test(id));
    this.presenting = this.progress.presenting;
    this.attempts = new LessonAttempts(
      () => (this.place && this.problems.length === 0 ? (this.lesson ?? null) : null),
      (lesson) => this.#save(withDone(this.progress, lesson.id)),
    );
  }

  /** The page on screen (lessons, About), or null for the workspace. */
  get page(): Page | null {
    const shown = this.#page;
    return shown && shown.method === this.#playground.methodId ? shown.page : null;
  }

  set page(page: Page | null) {
    this.#page = page ? { page, method: this.#playground.methodId } : null;
  }

  /** The step on screen, when a lesson is open and loaded. */
  get step() {
    const { lesson, place } = this;
    return lesson && place
      ? lesson.steps[Math.min(place.step, lesson.steps.length - 1)]
      : undefined;
  }

  /** The form fields the current step points at, when its method is the one on screen. */
  get highlights(): ReadonlySet<string> {
    return highlightsOf(this.step, this.#playground.methodId);
  }

  /** Opens a lesson at a step (from the address or the index), loading its module. */
  async open(place: LessonPlace | null): Promise<void> {
    const changed = place?.id !== this.place?.id;
    this.place = place;
    if (changed) {
      this.attempts.clear();
      this.lesson = undefined;
      this.problems = [];
      this.unknownLesson = null;
    }
    if (!place) return;
    const { getLesson, problemsOf, LESSONS } = await loadLessons();
    this.#prune(LESSONS);
    if (this.place?.id !== place.id) return;
    const lesson = getLesson(place.id);
    this.unknownLesson = lesson ? null : place.id;
    this.problems = lesson ? problemsOf(lesson) : [];
    this.lesson = lesson;
    // Only a lesson of the registry is remembered: an address can carry any word.
    if (lesson) this.#save(withStep(this.progress, place.id, this.place.step));
    if (this.problems.length > 0)
      this.attempts.verdict = { state: 'broken', problems: this.problems };
    // Calls made while the lesson was loading are checked now.
    else if (lesson && changed && this.attempts.events.length > 0) void this.attempts.check();
  }

  /** Moves to a step (clamped) and opens the method it names. */
  goTo(step: number): void {
    const lesson = this.lesson;
    if (!lesson || !this.place) return;
    const next = Math.max(0, Math.min(step, lesson.steps.length - 1));
    this.place = { id: this.place.id, step: next };
    this.#save(withStep(this.progress, this.place.id, next));
    const method = lesson.steps[next]!.method;
    if (method && isMethodId(method) && this.#playground.methodId !== method)
      this.#playground.select(method);
  }

  next(): void {
    if (this.place) this.goTo(this.place.step + 1);
  }

  previous(): void {
    if (this.place) this.goTo(this.place.step - 1);
  }

  close(): void {
    void this.open(null);
  }

  setPresenting(on: boolean): void {
    this.presenting = on;
    this.#save({ ...this.progress, presenting: on });
  }

  resetProgress(): void {
    clearProgress(this.#storage);
    this.progress = EMPTY_PROGRESS;
    // The presenter view is a setting of the screen, not progress: it stays as it is.
    if (this.presenting) this.#save({ ...EMPTY_PROGRESS, presenting: true });
  }

  /** A call Execute made: kept for the open lesson's check (none open: dropped). */
  recordCall(
    methodId: MethodId,
    values: Readonly<Record<string, ParamValue>>,
    result: CallResult | undefined,
    error: Error | null = null,
  ): void {
    if (this.place) this.attempts.recordCall(methodId, values, result, error);
  }

  /**
   * Something else the learner did, for the open lesson's check: text typed into a lesson, a
   * step of the token life cycle (the API page). Failures met come with their call.
   */
  record(event: LessonEvent): void {
    if (this.place) this.attempts.record(event);
  }

  /** Drops from the tab's progress what is no lesson of the registry. */
  #prune(lessons: readonly Lesson[]): void {
    this.#save(
      pruned(
        this.progress,
        lessons.map((lesson) => lesson.id),
      ),
    );
  }

  #save(progress: Progress): void {
    if (progress === this.progress) return;
    this.progress = progress;
    saveProgress(this.#storage, progress);
  }
}

const workshops = new WeakMap<PlaygroundState, WorkshopState>();

/** The page's workshop state (one per PlaygroundState). */
export function workshopOf(playground: PlaygroundState): WorkshopState {
  let workshop = workshops.get(playground);
  if (!workshop) {
    workshop = new WorkshopState(playground);
    workshops.set(playground, workshop);
  }
  return workshop;
}
