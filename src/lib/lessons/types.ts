import type { ParamValue } from '../methods/define-method.ts';
import type { FailureKind, TokenOp } from '../workshop/types.ts';

/*
 * A lesson is data: a title, a goal, steps, hints and a check. The check is a pure function over
 * what the learner did (events) and what the mock's store held afterwards (reads the lesson asked
 * for, made through the one call path). Types only: the schema and the registry live elsewhere,
 * so a lesson file imports this and its helpers, never the registry.
 */

/** Where a call went: the mock's project and user (public demo identities), or live mode. */
export interface CallWhere {
  readonly mode: 'mock' | 'live';
  /** The mock project's slug; '' in live mode. */
  readonly project: string;
  /** The mock user's name; '' in live mode. */
  readonly user: string;
}

/** REDCap's answer as the learner saw it. `body` is null for files and very large bodies. */
export interface CallAnswer {
  readonly status: number;
  /** The MIME type only, lower case (`application/json`, `text/csv`, `image/png`). */
  readonly contentType: string;
  readonly body: string | null;
  /** The file name REDCap gave in `Content-Type: …; name="…"` (Export a File). */
  readonly fileName: string | null;
  readonly size: number;
}

/** One request the learner sent and what came back (`answer` null: no answer, e.g. cancelled). */
export interface CallEvent {
  readonly kind: 'call';
  readonly methodId: string;
  readonly values: Readonly<Record<string, ParamValue>>;
  readonly where: CallWhere;
  readonly answer: CallAnswer | null;
}

/** Text the learner typed or pasted into a lesson (lesson 12: a script's output). */
export interface InputEvent {
  readonly kind: 'input';
  readonly name: string;
  readonly text: string;
}

/** A step of the token's life on the mock's API page (or its administrator's view). */
export type TokenAction = TokenOp | 'use';

/**
 * A step of the token life cycle that went through (mock mode's API page): whose token, on which
 * project. `use` is "Use this token in the playground". Never the token itself.
 */
export interface TokenStepEvent {
  readonly kind: 'token';
  readonly action: TokenAction;
  readonly project: string;
  /** Whose token the step was about. */
  readonly user: string;
}

/**
 * A failure on demand that an Execute met (the mock served it), and the explanation the page
 * showed for it: live mode's own words (`explainCall(factsOf(result))` for an answer,
 * `explainFailure(error)` for none), '' when it had none.
 */
export interface FailureMetEvent {
  readonly kind: 'failure';
  readonly scenario: FailureKind;
  readonly methodId: string;
  /** The HTTP status the page got; 0 when no answer came (the network is down). */
  readonly status: number;
  readonly explained: string;
}

/**
 * What the learner did, oldest first. A union on `kind`: calls, text typed into a lesson, steps
 * of the token life cycle and failures met. A check reads the kinds it knows and ignores the
 * others. No member ever holds a token.
 */
export type LessonEvent = CallEvent | InputEvent | TokenStepEvent | FailureMetEvent;

/** A read of the mock's store after the attempt, made as the chosen user through the client. */
export interface StoreRead {
  readonly name: string;
  readonly methodId: string;
  readonly values: Readonly<Record<string, ParamValue>>;
}

/** A read's answer, or why none came. */
export type ReadResult =
  { readonly ok: true; readonly answer: CallAnswer } | { readonly ok: false; readonly why: string };

/** Everything a check may look at. */
export interface CheckContext {
  readonly events: readonly LessonEvent[];
  /** The answers to the lesson's `reads`, by read name. */
  readonly reads: ReadonlyMap<string, ReadResult>;
}

export type CheckResult =
  | { readonly pass: true; readonly message: string }
  | { readonly pass: false; readonly hint: string };

export interface LessonStep {
  /** Short text; `code` in backquotes. */
  readonly text: string;
  /** The method this step opens (a catalog id). */
  readonly method?: string;
  /** The form fields to look at (parameter names of `method`). */
  readonly fields?: readonly string[];
}

/** A text box the lesson asks the learner to fill (e.g. a script's output). */
export interface LessonInput {
  readonly name: string;
  readonly label: string;
}

export interface Lesson {
  /** Stable, URL-safe: `first-call`. */
  readonly id: string;
  /** Its place in the course (1–12, issue #23). */
  readonly number: number;
  readonly title: string;
  readonly goal: string;
  readonly steps: readonly LessonStep[];
  readonly hints: readonly string[];
  readonly input?: LessonInput;
  /** Store reads to make before checking, given what the learner did. */
  readonly reads?: (events: readonly LessonEvent[]) => readonly StoreRead[];
  readonly check: (context: CheckContext) => CheckResult;
}

/** Identity: a lesson file's shape is checked by TypeScript here and by the registry's schema. */
export function defineLesson(lesson: Lesson): Lesson {
  return lesson;
}
