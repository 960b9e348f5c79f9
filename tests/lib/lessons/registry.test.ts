import { describe, expect, it, vi } from 'vitest';
import type { CallResult } from '../../../src/lib/execute/call-result.ts';
import { gatherReads } from '../../../src/lib/lessons/reads.ts';
import { getLesson, LESSONS, problemsOf } from '../../../src/lib/lessons/index.ts';
import { firstCall } from '../../../src/lib/lessons/first-call.ts';
import { safeCheck } from '../../../src/lib/lessons/schema.ts';
import type { Lesson, LessonEvent } from '../../../src/lib/lessons/types.ts';
import { METHODS } from '../../../src/lib/methods/index.ts';
import { PAGES } from '../../../src/lib/lessons/route.ts';

describe('the lesson registry', () => {
  it.each(LESSONS.map((lesson) => [lesson.id, lesson] as const))(
    '%s is well formed: known methods and fields, a check that answers an empty attempt with a hint',
    (_, lesson) => {
      expect(problemsOf(lesson)).toEqual([]);
    },
  );

  it('has unique ids and numbers, in course order: all twelve lessons of issue #23', () => {
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
    expect(LESSONS.map((l) => l.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    for (const lesson of LESSONS) expect(getLesson(lesson.id)).toBe(lesson);
    expect(getLesson('nope')).toBeUndefined();
    expect(getLesson('__proto__')).toBeUndefined();
  });

  it('has no method id that a page of its own uses (#/lessons, #/about)', () => {
    for (const page of PAGES) expect(METHODS.map((m) => m.id)).not.toContain(page);
  });
});

describe('a broken lesson file is reported, never thrown', () => {
  const broken = (changes: Partial<Record<keyof Lesson, unknown>>): unknown => ({
    ...firstCall,
    ...changes,
  });

  it('names a missing step, an empty title, an unknown method id and a field the method lacks', () => {
    expect(problemsOf(broken({ steps: [] }))).toEqual(['steps: a lesson needs at least one step']);
    expect(problemsOf(broken({ title: '  ' }))).toEqual(['title: must not be empty']);
    expect(problemsOf(broken({ steps: [{ text: 'Open it', method: 'exp_recordz' }] }))).toEqual([
      'steps.0: unknown method id exp_recordz',
    ]);
    expect(
      problemsOf(broken({ steps: [{ text: 'Open it', method: 'exp_rc_v', fields: ['forms'] }] })),
    ).toEqual(['steps.0: exp_rc_v has no field forms']);
    expect(problemsOf(broken({ steps: [{ text: 'Look', fields: ['format'] }] }))).toEqual([
      'steps.0: fields without a method',
    ]);
  });

  it('names a check that throws, answers nonsense, or passes when nothing was done', () => {
    expect(
      problemsOf(
        broken({
          check: () => {
            throw new TypeError('x is undefined');
          },
        }),
      ),
    ).toEqual(['check: the check threw TypeError']);
    expect(problemsOf(broken({ check: () => 'yes' }))).toEqual([
      'check: the check answered neither pass nor a hint',
    ]);
    expect(problemsOf(broken({ check: () => ({ pass: true, message: 'ok' }) }))).toEqual([
      'check: passes when the learner has done nothing',
    ]);
    expect(problemsOf(broken({ check: undefined }))).toEqual(['check: must be a function']);
  });

  it('answers anything at all with words', () => {
    for (const value of [null, undefined, 42, 'lesson', [], {}, { ...firstCall, id: 'Bad Id' }])
      expect(problemsOf(value).length).toBeGreaterThan(0);
  });

  it('safeCheck turns a throwing check into "broken", with no message of the error itself', () => {
    const lesson = {
      ...firstCall,
      check: () => {
        throw new Error('secret detail');
      },
    };
    const result = safeCheck(lesson, { events: [], reads: new Map() });
    expect(result).toEqual({ broken: 'the check threw Error' });
  });
});

describe('store reads', () => {
  const lesson = (reads: Lesson['reads']): Lesson => ({ ...firstCall, reads });

  it('are made in order through the given send, read-only methods only', async () => {
    const sent: string[] = [];
    const send = vi.fn((methodId: string) => {
      sent.push(methodId);
      return Promise.resolve({
        methodId,
        parsed: {
          status: 200,
          ok: true,
          format: 'json',
          mimeType: 'Application/JSON',
          text: '[]',
          error: null,
          fileName: null,
          size: 2,
        },
        timeMs: 1,
        statusText: 'OK',
        headers: [],
        forwarderError: null,
        location: null,
        bytes: null,
      } as CallResult);
    });
    const reads = await gatherReads(
      lesson(() => [
        { name: 'rows', methodId: 'exp_records', values: { format: 'json' } },
        { name: 'wipe', methodId: 'del_records', values: { records: ['1'] } },
        { name: 'typo', methodId: 'exp_recordz', values: {} },
      ]),
      [],
      send,
    );
    expect(sent).toEqual(['exp_records']);
    expect(reads.get('rows')).toEqual({
      ok: true,
      answer: { status: 200, contentType: 'application/json', body: '[]', fileName: null, size: 2 },
    });
    expect(reads.get('wipe')).toEqual({ ok: false, why: 'del_records would change the project' });
    expect(reads.get('typo')).toEqual({ ok: false, why: 'unknown method exp_recordz' });
  });

  it('turn a read that gets no answer, or a reads function that throws, into no crash', async () => {
    const failing = vi.fn(() =>
      Promise.reject(new Error('token 3F2504E04F8911D39A0C0305E82C3301')),
    );
    const reads = await gatherReads(
      lesson(() => [{ name: 'rows', methodId: 'exp_records', values: {} }]),
      [],
      failing,
    );
    expect(reads.get('rows')).toEqual({ ok: false, why: 'no answer came' });
    const throwing = lesson(() => {
      throw new Error('bad lesson');
    });
    expect((await gatherReads(throwing, [], failing)).size).toBe(0);
  });
});

describe('checks and events of kinds they do not know', () => {
  it('every check reads past an event kind added later (a token step, a failure met)', () => {
    // The token life cycle and failures on demand add their own kinds to LessonEvent.
    const later = [
      { kind: 'token', action: 'approved' },
      { kind: 'failure', scenario: 'rate-limit' },
    ] as unknown as LessonEvent[];
    for (const lesson of LESSONS) {
      const result = safeCheck(lesson, { events: later, reads: new Map() });
      expect(result, lesson.id).toMatchObject({ broken: null, result: { pass: false } });
    }
  });
});
