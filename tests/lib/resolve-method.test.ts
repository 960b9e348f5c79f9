import { describe, expect, it } from 'vitest';
import { foldPhpPairs } from '../../src/lib/redcap/decode.ts';
import {
  ACTION_INVALID,
  CONTENT_INVALID,
  resolveMethodId,
} from '../../src/lib/redcap/resolve-method.ts';

const PROJECT_TOKEN = 'A'.repeat(32);
const SUPER_TOKEN = 'B'.repeat(64);

function resolve(fields: Record<string, string>) {
  return resolveMethodId(foldPhpPairs(Object.entries(fields)));
}

/**
 * All 55 methods of redcap-api.md §2.1, each with the fields that select it per §1.10:
 * [key, content, action ('' = none), sends data].
 */
const TABLE: readonly [string, string, string, boolean][] = [
  ['exp_arms', 'arm', '', false],
  ['imp_arms', 'arm', 'import', true],
  ['del_arms', 'arm', 'delete', false],
  ['exp_dags', 'dag', '', false],
  ['imp_dags', 'dag', 'import', true],
  ['del_dags', 'dag', 'delete', false],
  ['switch_dag', 'dag', 'switch', false],
  ['exp_user_dag_maps', 'userDagMapping', '', false],
  ['imp_user_dag_maps', 'userDagMapping', 'import', true],
  ['exp_events', 'event', 'export', false],
  ['imp_events', 'event', 'import', true],
  ['del_events', 'event', 'delete', false],
  ['exp_field_names', 'exportFieldNames', '', false],
  ['exp_file', 'file', 'export', false],
  ['imp_file', 'file', 'import', false],
  ['del_file', 'file', 'delete', false],
  ['create_folder_file_repo', 'fileRepository', 'createFolder', false],
  ['exp_list_file_repo', 'fileRepository', 'list', false],
  ['exp_file_repo', 'fileRepository', 'export', false],
  ['imp_file_repo', 'fileRepository', 'import', false],
  ['del_file_repo', 'fileRepository', 'delete', false],
  ['exp_instr', 'instrument', '', false],
  ['exp_instr_pdf', 'pdf', '', false],
  ['exp_inst_event_maps', 'formEventMapping', '', false],
  ['imp_inst_event_maps', 'formEventMapping', 'import', true],
  ['exp_logging', 'log', '', false],
  ['exp_metadata', 'metadata', '', false],
  ['imp_metadata', 'metadata', '', true],
  ['imp_proj', 'project', '', true],
  ['imp_proj_sett', 'project_settings', '', true],
  ['exp_proj', 'project', '', false],
  ['exp_proj_xml', 'project_xml', '', false],
  ['exp_records', 'record', 'export', false],
  ['imp_records', 'record', 'import', true],
  ['del_records', 'record', 'delete', false],
  ['rename_record', 'record', 'rename', false],
  ['exp_next_id', 'generateNextRecordName', '', false],
  ['randomize', 'record', 'randomize', false],
  ['exp_repeating_forms_events', 'repeatingFormsEvents', '', false],
  ['imp_repeating_forms_events', 'repeatingFormsEvents', '', true],
  ['exp_reports', 'report', '', false],
  ['exp_rc_v', 'version', '', false],
  ['exp_surv_link', 'surveyLink', '', false],
  ['exp_surv_access_code', 'surveyAccessCode', '', false],
  ['exp_surv_parts', 'participantList', '', false],
  ['exp_surv_queue_link', 'surveyQueueLink', '', false],
  ['exp_surv_ret_code', 'surveyReturnCode', '', false],
  ['exp_users', 'user', '', false],
  ['imp_users', 'user', 'import', true],
  ['del_users', 'user', 'delete', false],
  ['exp_user_roles', 'userRole', '', false],
  ['imp_user_roles', 'userRole', 'import', true],
  ['del_user_roles', 'userRole', 'delete', false],
  ['exp_user_role_maps', 'userRoleMapping', '', false],
  ['imp_user_role_maps', 'userRoleMapping', 'import', true],
];

describe('resolveMethodId (redcap-api.md §1.10)', () => {
  it('covers all 55 methods once', () => {
    expect(TABLE).toHaveLength(55);
    expect(new Set(TABLE.map(([id]) => id)).size).toBe(55);
  });

  it.each(TABLE)('%s ← content=%s action=%s data=%s', (id, content, action, data) => {
    const fields: Record<string, string> = {
      token: id === 'imp_proj' ? SUPER_TOKEN : PROJECT_TOKEN,
      content,
    };
    if (action) fields['action'] = action;
    if (data) fields['data'] = '[{"x":"1"}]';
    expect(resolve(fields)).toEqual({ ok: true, id });
  });

  it('exports, not imports, arms/events/DAGs when data comes without action=import', () => {
    for (const content of ['arm', 'event', 'dag']) {
      const r = resolve({ content, data: '[{}]' });
      expect(r.ok && r.id.startsWith('exp_')).toBe(true);
    }
  });

  it('imports records, users and roles from the presence of data alone', () => {
    expect(resolve({ content: 'record', data: '[]' })).toEqual({ ok: true, id: 'imp_records' });
    expect(resolve({ content: 'user', data: '[]' })).toEqual({ ok: true, id: 'imp_users' });
    expect(resolve({ content: 'userRole', data: '[]' })).toEqual({
      ok: true,
      id: 'imp_user_roles',
    });
  });

  it('treats empty data as absent', () => {
    expect(resolve({ content: 'metadata', data: '' })).toEqual({ ok: true, id: 'exp_metadata' });
  });

  it('lets action=delete win over data for users and roles', () => {
    expect(resolve({ content: 'user', action: 'delete', data: '[]' })).toEqual({
      ok: true,
      id: 'del_users',
    });
  });

  it('needs an explicit action for files and the File Repository', () => {
    expect(resolve({ content: 'file' })).toEqual({
      ok: false,
      status: 400,
      message: ACTION_INVALID,
    });
    expect(resolve({ content: 'fileRepository' })).toEqual({
      ok: false,
      status: 400,
      message: ACTION_INVALID,
    });
    expect(resolve({ content: 'file', action: 'switch' })).toMatchObject({ ok: false });
  });

  it('rejects unknown content and unknown actions with REDCap’s texts', () => {
    expect(resolve({ content: 'records' })).toEqual({
      ok: false,
      status: 400,
      message: CONTENT_INVALID,
    });
    expect(resolve({})).toEqual({ ok: false, status: 400, message: CONTENT_INVALID });
    expect(resolve({ content: 'record', action: 'explode' })).toEqual({
      ok: false,
      status: 400,
      message: ACTION_INVALID,
    });
  });

  it('reads an array-valued content as absent', () => {
    expect(resolveMethodId(foldPhpPairs([['content[0]', 'record']]))).toMatchObject({ ok: false });
  });
});
