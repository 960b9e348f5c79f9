import { notYet, pass } from './attempt.ts';
import {
  defineLesson,
  type CallAnswer,
  type CallEvent,
  type LessonEvent,
  type TokenStepEvent,
} from './types.ts';

/** REDCap's words for a token it does not know (a regenerated, deleted or mistyped one). */
const NO_PERMISSION = 'You do not have permissions to use the API';

/** How far one user's token got through the life cycle, in the order the lesson asks for. */
const STAGES = ['requested', 'approved', 'used', 'first-call', 'replaced', 'refused'] as const;
type Stage = (typeof STAGES)[number];

interface Progress {
  readonly project: string;
  readonly user: string;
  /** Stages reached, in order (a prefix of STAGES). */
  readonly reached: number;
  /** The last answer to a call as this user after "use", before the first 200. */
  readonly lastStatus: number | null;
}

type Answered = CallEvent & { readonly answer: CallAnswer };

function isAnswered(event: LessonEvent): event is Answered {
  return event.kind === 'call' && event.where.mode === 'mock' && event.answer !== null;
}

/**
 * One user's way through the life cycle. A call that met a failure on demand (the failure event
 * right after it) does not count: the 403 must be REDCap refusing the old token.
 */
function progressOf(events: readonly LessonEvent[], project: string, user: string): Progress {
  let reached = 0;
  let lastStatus: number | null = null;
  const stage = (): Stage | undefined => STAGES[reached];
  events.forEach((event, i) => {
    const next = stage();
    if (event.kind === 'token') {
      if (event.project !== project || event.user !== user) return;
      if (next === 'requested' && event.action === 'request') reached++;
      else if (next === 'approved' && event.action === 'approve') reached++;
      else if (next === 'used' && event.action === 'use') reached++;
      else if (next === 'replaced' && (event.action === 'regenerate' || event.action === 'delete'))
        reached++;
      return;
    }
    if (!isAnswered(event) || event.where.project !== project || event.where.user !== user) return;
    if (events[i + 1]?.kind === 'failure') return;
    // A stage reached forgets the statuses before it: the hint speaks of the stage's own calls.
    if (next === 'first-call') {
      lastStatus = event.answer.status === 200 ? null : event.answer.status;
      if (event.answer.status === 200) reached++;
    } else if (next === 'refused') {
      lastStatus = event.answer.status;
      if (event.answer.status === 403 && (event.answer.body ?? '').includes(NO_PERMISSION))
        reached++;
    }
  });
  return { project, user, reached, lastStatus };
}

/** The user whose token went furthest (the latest of equals). */
function furthest(events: readonly LessonEvent[]): Progress | null {
  const seen = new Map<string, TokenStepEvent>();
  for (const event of events)
    if (event.kind === 'token') seen.set(`${event.project}\u0000${event.user}`, event);
  let best: Progress | null = null;
  for (const { project, user } of seen.values()) {
    const progress = progressOf(events, project, user);
    if (!best || progress.reached >= best.reached) best = progress;
  }
  return best;
}

export const token = defineLesson({
  id: 'token',
  number: 1,
  title: 'The token: request, approve, use, regenerate',
  goal: 'Get an API token as REDCap hands it out, make your first call with it, then regenerate it and see the old one refused.',
  steps: [
    {
      text: 'Open the mock controls’ “API token & failures” and press “Start as a new project user”. The API page says learner needs the ‘API’ user right first; each project needs its own token.',
    },
    {
      text: 'In the administrator’s view press “Grant API rights” for learner, then “Request API token” on learner’s API page. REDCap e-mails the administrator, who must approve it (at some places this takes a day or two).',
    },
    {
      text: 'In the administrator’s view press Approve: the token shows on learner’s API page. It is back-door access to the project’s data with learner’s rights: never share it, keep it where only you can read it.',
    },
    {
      text: 'Press “Use this token in the playground” (it stays in this tab’s memory), then Execute Export REDCap Version: your first call with your own token.',
      method: 'exp_rc_v',
    },
    {
      text: 'Press “Regenerate token” (as you would if it had leaked) and confirm, then Execute again: the playground still sends the old token, and REDCap answers 403. A leaked token is compromised: regenerate or delete it.',
      method: 'exp_rc_v',
    },
  ],
  hints: [
    'A token is tied to one user on one project; the rights of that user are what it can do.',
    'Without API Export or API Import/Update rights there is no “Request API token” button: someone with User Rights access grants them.',
    'After a regenerate the old token stops working at once: every script that used it gets 403 until it has the new one.',
  ],
  check({ events }) {
    const progress = furthest(events);
    if (!progress || progress.reached === 0)
      return notYet(
        'Open “API token & failures” in the mock controls, start as a new project user, grant learner API rights in the administrator’s view, then press “Request API token”.',
      );
    const { user, lastStatus } = progress;
    switch (STAGES[progress.reached]) {
      case 'approved':
        return notYet(
          `${user}’s request waits for an administrator: press Approve in the administrator’s view.`,
        );
      case 'used':
        return notYet(
          `The token shows on ${user}’s API page: press “Use this token in the playground”.`,
        );
      case 'first-call':
        return notYet(
          lastStatus === null
            ? 'Now make your first call with it: open Export REDCap Version and press Execute.'
            : `Your call as ${user} got HTTP ${lastStatus}, not 200. Switch failures on demand off and Execute Export REDCap Version again.`,
        );
      case 'replaced':
        return notYet(
          `Your first call worked. Now press “Regenerate token” on ${user}’s API page and confirm, as you would if the token had leaked.`,
        );
      case 'refused':
        return notYet(
          lastStatus === null
            ? 'The token was regenerated, but the playground still sends the old one: Execute the call again and see what REDCap answers.'
            : `After the regenerate your call got HTTP ${lastStatus}: send it with the old token (do not press “Use this token” again) to see REDCap refuse it with 403.`,
        );
      default:
        return pass(
          `${user} requested a token, an administrator approved it, the first call answered 200, and after the regenerate REDCap refused the old token with 403 (“${NO_PERMISSION}”).`,
        );
    }
  },
});
