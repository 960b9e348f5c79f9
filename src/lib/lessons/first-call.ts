import { callsOf, notYet, pass } from './attempt.ts';
import { defineLesson } from './types.ts';

export const firstCall = defineLesson({
  id: 'first-call',
  number: 2,
  title: 'Your first call: Export REDCap Version',
  goal: 'Send one request to REDCap and read its answer: the version of the server.',
  steps: [
    {
      text: 'Open Export REDCap Version. It is the smallest call there is: a token, `content=version`, a format.',
      method: 'exp_rc_v',
      fields: ['format'],
    },
    {
      text: 'Press Execute (or Ctrl+Enter). The answer is plain text such as 14.5.10, whatever the format.',
      method: 'exp_rc_v',
    },
  ],
  hints: [
    'Every REDCap call is a POST to the API URL with a token; the playground adds the mock user’s token for you.',
    'An answer of 403 means the token was refused: untick “Send a wrong token” in the mock controls.',
  ],
  check({ events }) {
    const calls = callsOf(events, 'exp_rc_v');
    if (calls.length === 0) return notYet('Open Export REDCap Version and press Execute.');
    const version = calls.find(
      (call) =>
        call.answer.status === 200 && /^\d+\.\d+\.\d+$/.test((call.answer.body ?? '').trim()),
    );
    if (version)
      return pass(`REDCap answered ${(version.answer.body ?? '').trim()}: your first call worked.`);
    const last = calls[calls.length - 1]!;
    return notYet(
      last.answer.status === 403
        ? 'REDCap answered 403: the token was refused. Untick “Send a wrong token” and send it again.'
        : `REDCap answered HTTP ${last.answer.status}, not a version number. Read the answer, then try again.`,
    );
  },
});
