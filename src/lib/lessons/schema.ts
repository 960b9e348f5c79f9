import * as z from 'zod/mini';
import { describeSchema } from '../form/describe-schema.ts';
import type { MethodDefinition } from '../methods/define-method.ts';
import type { CheckResult, Lesson } from './types.ts';

const fn = z.custom<(...args: never[]) => unknown>((value) => typeof value === 'function', {
  message: 'must be a function',
});

const text = z.string().check(z.trim(), z.minLength(1, 'must not be empty'));

/** The shape every lesson file must have: the registry test and the page both check it. */
export const lessonSchema = z.object({
  id: z
    .string()
    .check(z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case words joined by -')),
  number: z.number().check(z.int(), z.minimum(1)),
  title: text,
  goal: text,
  steps: z
    .array(
      z.object({
        text,
        method: z.optional(z.string()),
        fields: z.optional(z.array(z.string())),
      }),
    )
    .check(z.minLength(1, 'a lesson needs at least one step')),
  hints: z.array(text),
  input: z.optional(z.object({ name: text, label: text })),
  reads: z.optional(fn),
  check: fn,
});

/**
 * What is wrong with a lesson, in words (empty when nothing): its shape, a method id the catalog
 * does not have, a field the method has not, and a check that throws or answers nonsense on an
 * empty attempt. Never throws.
 */
export function lessonProblems(
  lesson: unknown,
  lookup: (id: string) => MethodDefinition | undefined,
): string[] {
  const parsed = lessonSchema.safeParse(lesson);
  if (!parsed.success)
    return parsed.error.issues.map((i) => `${i.path.join('.') || 'lesson'}: ${i.message}`);
  const problems: string[] = [];
  parsed.data.steps.forEach((step, i) => {
    if (step.method === undefined) {
      if (step.fields?.length) problems.push(`steps.${i}: fields without a method`);
      return;
    }
    const method = lookup(step.method);
    if (!method) return problems.push(`steps.${i}: unknown method id ${step.method}`);
    const names = new Set(describeSchema(method.params).map((field) => field.name));
    for (const field of step.fields ?? [])
      if (!names.has(field)) problems.push(`steps.${i}: ${step.method} has no field ${field}`);
  });
  const result = safeCheck(lesson as Lesson, { events: [], reads: new Map() });
  if (result.broken !== null) problems.push(`check: ${result.broken}`);
  else if (result.result.pass) problems.push('check: passes when the learner has done nothing');
  return problems;
}

/** A check's verdict, or why the check itself is broken (it threw or answered nonsense). */
export type SafeCheck =
  { readonly broken: null; readonly result: CheckResult } | { readonly broken: string };

export function safeCheck(lesson: Lesson, context: Parameters<Lesson['check']>[0]): SafeCheck {
  try {
    const result: unknown = lesson.check(context);
    if (
      typeof result === 'object' &&
      result !== null &&
      ((result as CheckResult).pass === true
        ? typeof (result as { message?: unknown }).message === 'string'
        : (result as CheckResult).pass === false &&
          typeof (result as { hint?: unknown }).hint === 'string')
    )
      return { broken: null, result: result as CheckResult };
    return { broken: 'the check answered neither pass nor a hint' };
  } catch (error) {
    return { broken: `the check threw ${error instanceof Error ? error.name : 'a value'}` };
  }
}
