import { answerOf, gatherReads, type Send } from '../../lib/lessons/reads.ts';
import { safeCheck } from '../../lib/lessons/schema.ts';
import type { Lesson, LessonEvent } from '../../lib/lessons/types.ts';
import type { Verdict } from './workshop.svelte.ts';

export { getLesson, LESSONS, problemsOf } from '../../lib/lessons/index.ts';
export { answerOf };
export { failureMet } from '../../lib/lessons/failure-met.ts';

/**
 * A lesson's verdict on what the learner did: reads made through the page's client, then the
 * check, which never reaches the page as a throw (a broken check is "this lesson is broken").
 */
export async function checkLesson(
  lesson: Lesson,
  events: readonly LessonEvent[],
  send: Send | null,
): Promise<Verdict> {
  const reads = send ? await gatherReads(lesson, events, send) : new Map();
  const checked = safeCheck(lesson, { events, reads });
  if (checked.broken !== null) return { state: 'broken', problems: [checked.broken] };
  return checked.result.pass
    ? { state: 'pass', text: checked.result.message }
    : { state: 'not-yet', text: checked.result.hint };
}
