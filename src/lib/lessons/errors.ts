import { FAILURE_LABELS, isFailureKind, type FailureKind } from '../workshop/types.ts';
import { notYet, pass } from './attempt.ts';
import { defineLesson, type FailureMetEvent, type LessonEvent } from './types.ts';

/** The failures this lesson asks the learner to meet, in the order its steps take them. */
export const NAMED_FAILURES = [
  'revoked-token',
  'sso-login',
  'rate-limit',
  'network',
] as const satisfies readonly FailureKind[];

/** What each named failure teaches, for the verdict. */
const MEANING = new Map<FailureKind, string>([
  ['revoked-token', 'a 403: the token was refused'],
  ['sso-login', 'a web page instead of data: a login page'],
  ['rate-limit', 'a 429: the rate limiter'],
  ['network', 'no answer at all: the network'],
]);

/** The failures met whose explanation the page showed, by scenario. */
function explainedOf(events: readonly LessonEvent[]): Set<FailureKind> {
  const met = new Set<FailureKind>();
  for (const event of events) {
    if (event.kind !== 'failure') continue;
    // Read defensively: an event is data, and a malformed one only counts for nothing.
    const { explained, scenario } = event as Partial<FailureMetEvent>;
    if (typeof explained === 'string' && explained.trim() !== '' && isFailureKind(scenario))
      met.add(scenario);
  }
  return met;
}

export const errors = defineLesson({
  id: 'errors',
  number: 10,
  title: 'Errors and what they mean',
  goal: 'Meet four ways a REDCap call fails (a refused token, a login page, the rate limit, no network) and read what each one means.',
  steps: [
    {
      text: 'Open Export REDCap Version: any method will do, this one is the smallest. Then open the mock controls’ “API token & failures”.',
      method: 'exp_rc_v',
    },
    {
      text: 'Under “Failures on demand” choose “A revoked token (403)” for 1 call, Set, and Execute. REDCap answers 403 “You do not have permissions to use the API”: read the explanation under the answer.',
      method: 'exp_rc_v',
    },
    {
      text: 'Now “A single sign-on login page (HTML 200)”: status 200, yet no data: a web page came back. Read why.',
      method: 'exp_rc_v',
    },
    {
      text: 'Now “REDCap’s rate limit (429)”: too many calls from your address in a minute. Read what to do.',
      method: 'exp_rc_v',
    },
    {
      text: 'Last, “The network is down”: no answer at all, not even an error page. Read the explanation, then set “no failure” and Execute once more: the call works again.',
      method: 'exp_rc_v',
    },
  ],
  hints: [
    'The status alone does not say it all: a login page comes back as 200, and a refused token and missing rights are both 403. Read REDCap’s words and the explanation.',
    'The explanations are the ones live mode shows: you will meet the same words against a real server.',
  ],
  check({ events }) {
    const met = explainedOf(events);
    const missing = NAMED_FAILURES.filter((kind) => !met.has(kind));
    if (missing.length === 0)
      return pass(
        `You met ${NAMED_FAILURES.map((kind) => MEANING.get(kind)).join('; ')}, and read each explanation.`,
      );
    const next = missing[0]!;
    const done = NAMED_FAILURES.length - missing.length;
    return notYet(
      `${done} of ${NAMED_FAILURES.length} failures met. Next: in “Failures on demand” choose “${FAILURE_LABELS[next]}” for 1 call, Set, then Execute and read the explanation under the answer.`,
    );
  },
});
