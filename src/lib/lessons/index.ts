import { getMethod } from '../methods/index.ts';
import { batches } from './batches.ts';
import { errors } from './errors.ts';
import { longitudinalEvents } from './events.ts';
import { exportFormats } from './export-formats.ts';
import { fieldsForms } from './fields-forms.ts';
import { files } from './files.ts';
import { filterLogic } from './filter-logic.ts';
import { firstCall } from './first-call.ts';
import { importRecord } from './import-record.ts';
import { rightsDags } from './rights-dags.ts';
import { lessonProblems } from './schema.ts';
import { script } from './script.ts';
import { token } from './token.ts';
import type { Lesson } from './types.ts';

/** Every lesson, in course order (issue #23's numbering). */
export const LESSONS: readonly Lesson[] = [
  token,
  firstCall,
  exportFormats,
  fieldsForms,
  filterLogic,
  longitudinalEvents,
  importRecord,
  files,
  rightsDags,
  errors,
  batches,
  script,
];

const byId = new Map(LESSONS.map((lesson) => [lesson.id, lesson]));

export function getLesson(id: string): Lesson | undefined {
  return byId.get(id);
}

/** What is wrong with a lesson of the registry (empty: nothing). */
export function problemsOf(lesson: unknown): string[] {
  return lessonProblems(lesson, (id) => getMethod(id));
}
