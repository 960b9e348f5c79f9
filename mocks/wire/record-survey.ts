import type { Cell } from './render.ts';
import { columnsOfField, fieldsOfForm, formStatusName } from '../store/dictionary.ts';
import type { ProjectData } from '../store/types.ts';
import { surveyResponse } from '../store/surveys.ts';

/**
 * `exportSurveyFields` of Export Records (§2.3, flat, classic projects): the column
 * `redcap_survey_identifier` after the record id, repeat and DAG columns (blank: the mock's
 * participants have no identifier), and `<form>_timestamp` just before the first exported
 * column of each survey form — the completion time, `[not completed]` for a response started
 * and left, blank without a response, and blank on repeat-instance rows.
 */

const IDENTIFIER = 'redcap_survey_identifier';
const NOT_COMPLETED = '[not completed]';

/** True when the project has surveys on and at least one survey-enabled form. */
export function hasSurveys(project: ProjectData): boolean {
  return project.info.surveys_enabled === 1 && (project.surveys?.surveys.length ?? 0) > 0;
}

export function addSurveyColumns(
  project: ProjectData,
  names: string[],
  rows: Cell[][],
  headers: string[],
): void {
  const lead = ['redcap_repeat_instance', 'redcap_event_name', 'redcap_data_access_group'];
  const at = Math.max(0, ...lead.map((c) => names.indexOf(c))) + 1;
  names.splice(at, 0, IDENTIFIER);
  headers.splice(at, 0, 'Survey Identifier');
  for (const row of rows) row.splice(at, 0, '');
  const repeatAt = names.indexOf('redcap_repeat_instrument');
  for (const { form } of project.surveys?.surveys ?? []) {
    const own = new Set([
      ...fieldsOfForm(project, form)
        .flatMap(columnsOfField)
        .map((c) => c.name),
      formStatusName(form),
    ]);
    // After the identifier: the record id (column 0) belongs to the first form, yet that
    // form's timestamp comes after `redcap_survey_identifier`, not before the id.
    const first = names.findIndex((n, i) => i > at && own.has(n));
    if (first < 0) continue;
    names.splice(first, 0, `${form}_timestamp`);
    headers.splice(first, 0, 'Survey Timestamp');
    for (const row of rows) {
      const main = repeatAt < 0 || row[repeatAt] === '';
      const response = main ? surveyResponse(project, form, String(row[0])) : undefined;
      const value = response === undefined ? '' : response.completed || NOT_COMPLETED;
      row.splice(first, 0, value);
    }
  }
}
