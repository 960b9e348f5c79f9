import type { CallResult } from '../../lib/execute/call-result.ts';
import type { Send } from '../../lib/lessons/reads.ts';
import type { CallEvent, Lesson, LessonEvent } from '../../lib/lessons/types.ts';
import type { ParamValue } from '../../lib/methods/define-method.ts';
import type { MethodId } from '../../lib/methods/index.ts';
import type { FailureEvent } from '../../lib/workshop/types.ts';
import type { ConnectionState } from './connection.svelte.ts';

/** The lesson module (registry, checks): loaded when a lesson or the index is first shown. */
type LessonsModule = typeof import('./lesson-run.ts');
let lessonsModule: Promise<LessonsModule> | null = null;
export function loadLessons(): Promise<LessonsModule> {
  return (lessonsModule ??= import('./lesson-run.ts'));
}

/** Most events kept for checks: the oldest go first. */
export const EVENT_LIMIT = 40;

export type Verdict =
  | { readonly state: 'idle' }
  | { readonly state: 'checking' }
  | { readonly state: 'pass'; readonly text: string }
  | { readonly state: 'not-yet'; readonly text: string }
  | { readonly state: 'broken'; readonly problems: readonly string[] };

type Where = Pick<ConnectionState, 'mode' | 'choice'>;

/** Every failure on demand the mock has served so far (null: no mock, or none to ask). */
export type ServedFailures = () => Promise<readonly FailureEvent[] | null>;

/**
 * What the learner did while a lesson was open (in memory only, never a token), and the check's
 * verdict on it. Checks run after each call or input, with their store reads made through the
 * page's client; a later check's verdict replaces an earlier one's.
 */
export class LessonAttempts {
  events = $state.raw<readonly LessonEvent[]>([]);
  verdict = $state.raw<Verdict>({ state: 'idle' });
  #send: Send | null = null;
  #where: Where | null = null;
  #served: ServedFailures | null = null;
  /** How many failures the mock had served when last looked (null: not known yet). */
  #seenFailures: number | null = null;
  #run = 0;
  /** The lesson to check now (null: none open, or broken). */
  readonly #lesson: () => Lesson | null;
  readonly #passed: (lesson: Lesson) => void;

  constructor(lesson: () => Lesson | null, passed: (lesson: Lesson) => void) {
    this.#lesson = lesson;
    this.#passed = passed;
  }

  /** How checks reach the mock (the page's client) and whom calls are sent as. */
  /**
   * How checks reach the mock (the page's client), whom calls are sent as, and (mock mode) what
   * the failure switch served, to tell a failure on demand from REDCap's own answer.
   */
  connect(send: Send, where: Where, served: ServedFailures | null = null): void {
    this.#send = send;
    this.#where = where;
    this.#served = served;
    this.#lookAtFailures();
  }

  clear(): void {
    this.#run++;
    this.events = [];
    this.verdict = { state: 'idle' };
    this.#seenFailures = null;
    this.#lookAtFailures();
  }

  /** Failures served before now (before the lesson opened) are not the learner's in it. */
  #lookAtFailures(): void {
    void this.#served?.()
      .then((served) => {
        if (served && this.#seenFailures === null) this.#seenFailures = served.length;
      })
      .catch(() => undefined);
  }

  /** A call Execute made, its answer (or the error when none came). */
  recordCall(
    methodId: MethodId,
    values: Readonly<Record<string, ParamValue>>,
    result: CallResult | undefined,
    error: Error | null = null,
  ): void {
    const live = this.#where?.mode === 'live';
    const choice = this.#where?.choice;
    void loadLessons().then(async ({ answerOf, failureMet }) => {
      const call: CallEvent = {
        kind: 'call',
        methodId,
        values,
        where: {
          mode: live ? 'live' : 'mock',
          project: live ? '' : (choice?.project.slug ?? ''),
          user: live ? '' : (choice?.user.username ?? ''),
        },
        answer: result ? answerOf(result) : null,
      };
      const fresh = live ? null : await this.#freshFailures();
      const failure = fresh ? failureMet(fresh, methodId, result, error) : null;
      // The call and the failure it met reach the check together.
      this.#append(failure ? [call, failure] : [call]);
    });
  }

  /** The failures the mock served since the last look (null: none to ask). */
  async #freshFailures(): Promise<readonly FailureEvent[] | null> {
    const served = await this.#served?.().catch(() => null);
    if (!served) return null;
    const seen = this.#seenFailures;
    this.#seenFailures = served.length;
    // Unknown (no look yet): only the newest can be this call's. Fewer: the mock was reset.
    if (seen === null) return served.slice(-1);
    return served.slice(seen > served.length ? 0 : seen);
  }

  /** Any event of what the learner did: an input, a token step. */
  record(event: LessonEvent): void {
    this.#append([event]);
  }

  #append(events: readonly LessonEvent[]): void {
    this.events = [...this.events, ...events].slice(-EVENT_LIMIT);
    void this.check();
  }

  /** Runs the open lesson's check on what the learner did, with its store reads made now. */
  async check(): Promise<void> {
    const lesson = this.#lesson();
    if (!lesson) return;
    const run = ++this.#run;
    if (this.#where?.mode === 'live') {
      this.verdict = {
        state: 'not-yet',
        text: 'Lessons are checked on the mock: switch back to mock mode.',
      };
      return;
    }
    this.verdict = { state: 'checking' };
    const { checkLesson } = await loadLessons();
    const verdict = await checkLesson(lesson, this.events, this.#send);
    if (run !== this.#run) return;
    this.verdict = verdict;
    if (verdict.state === 'pass') this.#passed(lesson);
  }
}
