import { scalarField } from '../../src/lib/redcap/decode.ts';
import { DEFAULT_400, renderObject, respond, type Row } from '../wire/render.ts';
import { PROJECT_INFO_KEYS, type ProjectInfo } from '../store/types.ts';
import { csvDelimiter, odmUnsupported } from '../wire/params.ts';
import { readImportData } from '../wire/import-data.ts';
import { badRequest, DESIGN_RIGHT, type Route } from '../wire/route.ts';

/**
 * Export Project Information (§2.19): one object with the keys in REDCap's order; in JSON the
 * flags are numbers, in CSV/XML everything is text.
 */
export const exportProjectInfo: Route = {
  right: 'export',
  handle(ctx) {
    const format = ctx.format === 'odm' ? 'xml' : ctx.format;
    const { info } = ctx.project;
    const row: Row = Object.fromEntries(PROJECT_INFO_KEYS.map((k) => [k, info[k]]));
    ctx.log('Manage/Design', `Export project information ${ctx.apiTag}`);
    return respond(200, format, renderObject(row, format, 'project'));
  },
};

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
 * Import Project Information (§2.19): one row (a JSON object or a one-item list). Only the
 * importable attributes count and change; read-only and unknown keys are passed over. Flags
 * take 0/1, purpose 0–4. The answer is the number of attributes processed.
 */
export const importProjectInfo: Route = {
  right: 'import',
  module: DESIGN_RIGHT,
  handle(ctx) {
    const format = odmUnsupported(ctx);
    const data = scalarField(ctx.fields, 'data') ?? '';
    const rows = readImportData(data, format, csvDelimiter(ctx.fields), true);
    if (rows.length !== 1) throw badRequest(DEFAULT_400);
    const changes = rows[0]!.filter(([k]) =>
      (IMPORTABLE_PROJECT_KEYS as readonly string[]).includes(k),
    );
    for (const [key, raw] of changes) {
      const value = raw.trim();
      if (FLAGS.includes(key as Importable) && value !== '0' && value !== '1') {
        throw badRequest(`The value of "${key}" must be 0 or 1`);
      }
      if (key === 'purpose' && !/^[0-4]$/.test(value)) {
        throw badRequest('The value of "purpose" must be 0, 1, 2, 3 or 4');
      }
    }
    const info = ctx.project.info as unknown as Record<string, string | number>;
    for (const [key, raw] of changes) {
      const value = raw.trim();
      const numeric = typeof info[key] === 'number';
      info[key] = numeric ? Number(value) : value;
    }
    ctx.log('Manage/Design', `Modify project settings ${ctx.apiTag}`);
    return respond(200, ctx.returnFormat, String(changes.length));
  },
};
