import { notYet, pass, inputOf } from './attempt.ts';
import { defineLesson } from './types.ts';

export const OUTPUT = 'output';

const normalise = (text: string) => text.replace(/\r\n/g, '\n').trim();

export const script = defineLesson({
  id: 'script',
  number: 12,
  title: 'Turn the call into a script',
  goal: 'Run the same call from a script against npm run mock:server, and paste what it printed.',
  steps: [
    {
      text: 'Open Export Records with `format` csv and `fields` record_id, age. Execute it here first.',
      method: 'exp_records',
      fields: ['format', 'fields'],
    },
    {
      text: 'In a terminal: npm run mock:server. It listens on http://127.0.0.1:8787/api/ and prints its tokens.',
    },
    {
      text: 'In Code, choose your language, tick “Show token in code”, copy the snippet and run it. Paste what it printed below.',
    },
  ],
  hints: [
    'The snippet points at mock:server: the same demo data, in its own store.',
    'If you changed data here (an import), Reset demo data or restart mock:server so both hold the seed.',
    'A 403 from your script means its token is missing: tick “Show token in code” before copying.',
  ],
  input: { name: OUTPUT, label: 'What your script printed' },
  check({ events }) {
    const pasted = normalise(inputOf(events, OUTPUT));
    if (!pasted) return notYet('Paste what your script printed, then press Check.');
    if (/^\{"error":|^ERROR: |<error>/.test(pasted))
      return notYet(`Your script got an error from REDCap: ${pasted.slice(0, 200)}`);
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
