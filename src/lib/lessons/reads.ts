import type { CallResult } from '../execute/call-result.ts';
import type { ParamValues } from '../methods/define-method.ts';
import { getMethod, isMethodId, type MethodId } from '../methods/index.ts';
import type { CallAnswer, Lesson, LessonEvent, ReadResult } from './types.ts';

/** A call's answer as lessons see it: bodies above this are left out (the check gets null). */
export const BODY_LIMIT = 8 * 1024 * 1024;

export function answerOf(result: CallResult): CallAnswer {
  const { parsed } = result;
  return {
    status: parsed.status,
    contentType: parsed.mimeType.toLowerCase(),
    body: parsed.text !== null && parsed.text.length <= BODY_LIMIT ? parsed.text : null,
    fileName: parsed.fileName,
    size: parsed.size,
  };
}

/** What makes a read: the client's send (the one call path), as the chosen user. */
export type Send = (
  methodId: MethodId,
  values: ParamValues,
  signal?: AbortSignal,
) => Promise<CallResult>;

/**
 * Makes the reads a lesson asks for, one after another. A read that cannot be made (an unknown
 * method, no answer) is a `why`, never a throw.
 */
export async function gatherReads(
  lesson: Lesson,
  events: readonly LessonEvent[],
  send: Send,
  signal?: AbortSignal,
): Promise<Map<string, ReadResult>> {
  const results = new Map<string, ReadResult>();
  let reads: ReturnType<NonNullable<Lesson['reads']>>;
  try {
    reads = lesson.reads?.(events) ?? [];
  } catch {
    return results;
  }
  for (const read of reads) {
    if (!isMethodId(read.methodId)) {
      results.set(read.name, { ok: false, why: `unknown method ${read.methodId}` });
      continue;
    }
    // A check reads the store; it never changes the learner's project.
    if (getMethod(read.methodId).destructive) {
      results.set(read.name, { ok: false, why: `${read.methodId} would change the project` });
      continue;
    }
    try {
      const result = await send(read.methodId, read.values as ParamValues, signal);
      results.set(read.name, { ok: true, answer: answerOf(result) });
    } catch {
      // An error's own words could carry anything; the lesson only needs to know none came.
      results.set(read.name, { ok: false, why: 'no answer came' });
    }
  }
  return results;
}
