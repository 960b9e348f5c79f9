import type { MethodId } from '../methods/index.ts';
import { scalarField, type FormFields } from './decode.ts';

export type Resolution =
  | { readonly ok: true; readonly id: MethodId | PendingMethodId }
  | { readonly ok: false; readonly status: 400; readonly message: string };

/** Method ids REDCap has that the catalog defines later; resolvable already so routing is whole. */
export type PendingMethodId = string & { readonly __pending?: never };

export const CONTENT_INVALID = 'The value of the parameter "content" is not valid';
export const ACTION_INVALID = 'The value of the parameter "action" is not valid';

const VALID_ACTIONS = new Set([
  'export',
  'import',
  'delete',
  'switch',
  'list',
  'createFolder',
  'rename',
  'randomize',
]);

const ok = (id: string): Resolution => ({ ok: true, id });
const bad = (message: string): Resolution => ({ ok: false, status: 400, message });

/** Contents whose operation is import when `data` is present and export otherwise. */
const BY_DATA: Readonly<Record<string, readonly [exportId: string, importId: string]>> = {
  metadata: ['exp_metadata', 'imp_metadata'],
  formEventMapping: ['exp_inst_event_maps', 'imp_inst_event_maps'],
  userDagMapping: ['exp_user_dag_maps', 'imp_user_dag_maps'],
  userRoleMapping: ['exp_user_role_maps', 'imp_user_role_maps'],
  repeatingFormsEvents: ['exp_repeating_forms_events', 'imp_repeating_forms_events'],
  project_settings: ['exp_proj', 'imp_proj_sett'],
  project: ['exp_proj', 'imp_proj'],
};

/** Contents with exactly one operation. */
const SINGLE: Readonly<Record<string, string>> = {
  instrument: 'exp_instr',
  pdf: 'exp_instr_pdf',
  exportFieldNames: 'exp_field_names',
  log: 'exp_logging',
  project_xml: 'exp_proj_xml',
  report: 'exp_reports',
  version: 'exp_rc_v',
  surveyLink: 'exp_surv_link',
  surveyAccessCode: 'exp_surv_access_code',
  participantList: 'exp_surv_parts',
  surveyQueueLink: 'exp_surv_queue_link',
  surveyReturnCode: 'exp_surv_ret_code',
  generateNextRecordName: 'exp_next_id',
};

/** Contents where only an explicit action selects the operation (`data` alone exports). */
const BY_ACTION: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  arm: { export: 'exp_arms', import: 'imp_arms', delete: 'del_arms' },
  event: { export: 'exp_events', import: 'imp_events', delete: 'del_events' },
  dag: { export: 'exp_dags', import: 'imp_dags', delete: 'del_dags', switch: 'switch_dag' },
  file: { export: 'exp_file', import: 'imp_file', delete: 'del_file' },
  fileRepository: {
    list: 'exp_list_file_repo',
    export: 'exp_file_repo',
    import: 'imp_file_repo',
    delete: 'del_file_repo',
    createFolder: 'create_folder_file_repo',
  },
};
/** Of those, the ones where a missing action means export. */
const ACTION_DEFAULTS_TO_EXPORT = new Set(['arm', 'event', 'dag']);

/**
 * Which REDCap method a decoded request calls, following the server's router (§1.10): by
 * content, then action, then whether non-empty `data` was sent.
 */
export function resolveMethodId(fields: FormFields): Resolution {
  const content = scalarField(fields, 'content') ?? '';
  const rawAction = scalarField(fields, 'action') ?? '';
  const hasData = (scalarField(fields, 'data') ?? '') !== '';
  if (rawAction !== '' && !VALID_ACTIONS.has(rawAction)) return bad(ACTION_INVALID);

  const byAction = BY_ACTION[content];
  if (byAction) {
    const action = rawAction || (ACTION_DEFAULTS_TO_EXPORT.has(content) ? 'export' : '');
    const id = byAction[action];
    return id ? ok(id) : bad(ACTION_INVALID);
  }
  switch (content) {
    case 'record':
      if (rawAction === 'delete') return ok('del_records');
      if (rawAction === 'rename') return ok('rename_record');
      if (rawAction === 'randomize') return ok('randomize');
      return ok(hasData ? 'imp_records' : 'exp_records');
    case 'user':
      if (rawAction === 'delete') return ok('del_users');
      return ok(hasData ? 'imp_users' : 'exp_users');
    case 'userRole':
      if (rawAction === 'delete') return ok('del_user_roles');
      return ok(hasData ? 'imp_user_roles' : 'exp_user_roles');
  }
  const pair = BY_DATA[content];
  if (pair) return ok(hasData ? pair[1] : pair[0]);
  const single = SINGLE[content];
  if (single) return ok(single);
  return bad(CONTENT_INVALID);
}
