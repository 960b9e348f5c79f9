import { notYet, pass, inputOf } from './attempt.ts';
import { defineLesson } from './types.ts';

export const OUTPUT = 'output';

/**
 * Text as compared: JSON by its value (scripts pretty-print it, some sort its keys), anything
 * else with line ends and outer blanks set aside.
 */
function normalise(text: string): string {
  const plain = text.replace(/\r\n/g, '\n').trim();
  try {
    return `json:${JSON.stringify(sorted(JSON.parse(plain)))}`;
  } catch {
    return `text:${plain}`;
  }
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value).sort();
  return keys.map((key) => [key, sorted((value as Record<string, unknown>)[key])]);
}

export const script = defineLesson({
  id: 'script',
  number: 12,
  title: 'Turn the call into a script',
  goal: 'Run the same call from a script against npm run mock:server, and paste what it printed.',
  steps: [
    {
      text: 'Open Export Records with `format` json and `fields` record_id, age. Execute it here first.',
      method: 'exp_records',
      fields: ['format', 'fields'],
    },
    {
      text: 'In a terminal: npm run mock:server. It listens on http://127.0.0.1:8787/api/ and prints its tokens.',
    },
    {
      text: 'In Code snippet, choose your language and copy the code. Set `REDCAP_API_TOKEN` to the token mock:server printed for your user, run the script, and paste what it printed below.',
    },
  ],
  hints: [
    'The snippet points at mock:server: the same demo data, in its own store.',
    'If you changed data here (an import), Reset demo data or restart mock:server so both hold the seed.',
    'A 403 from your script means its token is missing or wrong: set REDCAP_API_TOKEN, or tick “Show token in code” before copying.',
  ],
  input: { name: OUTPUT, label: 'What your script printed' },
  check({ events }) {
    const raw = inputOf(events, OUTPUT);
    if (!raw) return notYet('Paste what your script printed, then press Check.');
    if (/^\{\s*"error"|^ERROR: |<error>|^HTTP \d{3}: /.test(raw))
      return notYet(`Your script got an error from REDCap: ${raw.slice(0, 200)}`);
    const pasted = normalise(raw);
    const answers = events.flatMap((event) =>
      event.kind === 'call' && event.answer?.status === 200 && event.answer.body !== null
        ? [normalise(event.answer.body)]
        : [],
    );
    if (answers.length === 0)
      return notYet('Execute the call here first, so there is an answer to compare with.');
    if (answers.includes(pasted))
      return pass(
        'Your script printed exactly what the playground’s mock answered to the same call.',
      );
    return notYet(
      'That is not what the playground answered to any of your calls: run the same call (same parameters) in the script.',
    );
  },
});
