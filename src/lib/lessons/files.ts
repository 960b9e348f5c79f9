import type { FilePart } from '../methods/define-method.ts';
import { callsOf, notYet, pass, textParam } from './attempt.ts';
import { defineLesson, type CallEvent, type LessonEvent } from './types.ts';

function lastUpload(events: readonly LessonEvent[]): CallEvent | undefined {
  return callsOf(events, 'imp_file')
    .filter((call) => call.answer.status === 200)
    .at(-1);
}

function uploadedName(call: CallEvent): string {
  const file = call.values['file'] as FilePart | undefined;
  return typeof file === 'object' && file !== null && 'name' in file ? String(file.name) : '';
}

export const files = defineLesson({
  id: 'files',
  number: 8,
  title: 'Files: download one, upload one',
  goal: 'Download the consent file of record 1, then upload a file of your own into record 2’s consent_file.',
  steps: [
    {
      text: 'Open Export a File. `record` 1, `field` consent_file, Execute: the file’s name comes in the Content-Type header.',
      method: 'exp_file',
      fields: ['record', 'field'],
    },
    {
      text: 'Open Import a File. `record` 2, `field` consent_file, choose any small file in `file`, Execute.',
      method: 'imp_file',
      fields: ['record', 'field', 'file'],
    },
    {
      text: 'Export a File for record 2 again: your file comes back.',
      method: 'exp_file',
      fields: ['record'],
    },
  ],
  hints: [
    'Files travel as multipart/form-data, not as URL-encoded text: the snippet shows the difference.',
    'A field on a repeating form needs repeat_instance (1 is the first).',
  ],
  // Where the learner uploaded is read back from the store: is the file there now?
  reads: (events) => {
    const upload = lastUpload(events);
    if (!upload) return [];
    const where: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const name of ['record', 'field', 'event', 'repeat_instance']) {
      const value = textParam(upload.values, name);
      if (value) where[name] = value;
    }
    return [{ name: 'uploaded', methodId: 'exp_file', values: { ...where, returnFormat: 'json' } }];
  },
  check({ events, reads }) {
    const downloads = callsOf(events, 'exp_file').filter(
      (call) => call.answer.status === 200 && call.answer.fileName !== null,
    );
    if (downloads.length === 0)
      return notYet('Download a file first: Export a File, record 1, consent_file.');
    const upload = lastUpload(events);
    if (!upload) return notYet('Now upload a file: Import a File, record 2, consent_file.');
    const stored = reads.get('uploaded');
    const name = uploadedName(upload);
    if (!stored?.ok || stored.answer.fileName !== name)
      return notYet(
        `REDCap does not hold ${name || 'your file'} where you uploaded it: try the upload again.`,
      );
    if (textParam(upload.values, 'record') !== '2')
      return notYet('Your file is stored, but on another record: upload it to record 2.');
    return pass(`You downloaded ${downloads[0]!.answer.fileName} and record 2 now holds ${name}.`);
  },
});
