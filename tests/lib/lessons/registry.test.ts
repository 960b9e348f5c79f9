import { describe, expect, it } from 'vitest';
import { getLesson, LESSONS, problemsOf } from '../../../src/lib/lessons/index.ts';
import { firstCall } from '../../../src/lib/lessons/first-call.ts';
import { safeCheck } from '../../../src/lib/lessons/schema.ts';
import type { Lesson } from '../../../src/lib/lessons/types.ts';
import { METHODS } from '../../../src/lib/methods/index.ts';
import { PAGES } from '../../../src/lib/lessons/route.ts';

describe('the lesson registry', () => {
  it.each(LESSONS.map((lesson) => [lesson.id, lesson] as const))(
    '%s is well formed: known methods and fields, a check that answers an empty attempt with a hint',
    (_, lesson) => {
      expect(problemsOf(lesson)).toEqual([]);
    },
  );

  it('has unique ids and numbers, in course order: lessons 2–9, 11 and 12 (1 and 10 come with the token and failures)', () => {
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
    expect(LESSONS.map((l) => l.number)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 11, 12]);
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
