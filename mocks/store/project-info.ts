import { badRequest } from './errors.ts';
import type { Cells, ProjectData, ProjectInfo } from './types.ts';

/** Import Project Information's rule (§2.19): which attributes change, and the values they take. */

/** The attributes Import Project Info may change (§2.19); the others are read-only. */
export const IMPORTABLE_PROJECT_KEYS = [
  'project_title',
  'project_language',
  'purpose',
  'purpose_other',
  'project_notes',
  'custom_record_label',
  'secondary_unique_field',
  'is_longitudinal',
  'surveys_enabled',
  'scheduling_enabled',
  'record_autonumbering_enabled',
  'randomization_enabled',
  'project_irb_number',
  'project_grant_number',
  'project_pi_firstname',
  'project_pi_lastname',
  'project_pi_email',
  'display_today_now_button',
  'bypass_branching_erase_field_prompt',
] as const satisfies readonly (keyof ProjectInfo)[];

type Importable = (typeof IMPORTABLE_PROJECT_KEYS)[number];
const FLAGS: readonly Importable[] = [
  'is_longitudinal',
  'surveys_enabled',
  'scheduling_enabled',
  'record_autonumbering_enabled',
  'randomization_enabled',
  'display_today_now_button',
  'bypass_branching_erase_field_prompt',
];

/**
 * Changes the importable attributes of one row; read-only and unknown keys are passed over.
 * Flags take 0/1, purpose 0–4; any other value is refused and nothing changes. Returns the
 * number of attributes processed.
 */
export function changeProjectInfo(project: ProjectData, row: Cells): number {
  const changes = row.filter(([k]) => (IMPORTABLE_PROJECT_KEYS as readonly string[]).includes(k));
  for (const [key, raw] of changes) {
    const value = raw.trim();
    if (FLAGS.includes(key as Importable) && value !== '0' && value !== '1') {
      throw badRequest(`The value of "${key}" must be 0 or 1`);
    }
    if (key === 'purpose' && !/^[0-4]$/.test(value)) {
      throw badRequest('The value of "purpose" must be 0, 1, 2, 3 or 4');
    }
  }
  const info = project.info as unknown as Record<string, string | number>;
  for (const [key, raw] of changes) {
    const value = raw.trim();
    const numeric = typeof info[key] === 'number';
    info[key] = numeric ? Number(value) : value;
  }
  return changes.length;
}
