import type { CallResult } from '../../lib/execute/call-result.ts';
import type { Send } from '../../lib/lessons/reads.ts';
import type { Lesson, LessonEvent } from '../../lib/lessons/types.ts';
import type { ParamValue } from '../../lib/methods/define-method.ts';
import type { MethodId } from '../../lib/methods/index.ts';
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
  #run = 0;
  /** The lesson to check now (null: none open, or broken). */
  readonly #lesson: () => Lesson | null;
  readonly #passed: (lesson: Lesson) => void;

  constructor(lesson: () => Lesson | null, passed: (lesson: Lesson) => void) {
    this.#lesson = lesson;
    this.#passed = passed;
  }

  /** How checks reach the mock (the page's client) and whom calls are sent as. */
  connect(send: Send, where: Where): void {
    this.#send = send;
    this.#where = where;
  }

  clear(): void {
    this.#run++;
    this.events = [];
    this.verdict = { state: 'idle' };
  }

  recordCall(
    methodId: MethodId,
    values: Readonly<Record<string, ParamValue>>,
    result: CallResult | undefined,
  ): void {
    const live = this.#where?.mode === 'live';
    const choice = this.#where?.choice;
    void loadLessons().then(({ answerOf }) =>
      this.record({
        kind: 'call',
        methodId,
        values,
        where: {
          mode: live ? 'live' : 'mock',
          project: live ? '' : (choice?.project.slug ?? ''),
          user: live ? '' : (choice?.user.username ?? ''),
        },
        answer: result ? answerOf(result) : null,
      }),
    );
  }

  /** Any event of what the learner did (an input, and later a token step or a failure met). */
  record(event: LessonEvent): void {
    this.events = [...this.events, event].slice(-EVENT_LIMIT);
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
