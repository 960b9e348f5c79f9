import { describe, expect, it } from 'vitest';
import { getMethod, METHODS } from '../../src/lib/methods/index.ts';
import { buildRedcapRequest, bodyValue } from '../../src/lib/redcap/request.ts';

/**
 * Every method of redcap-api.md §2.1, written out by hand from the table (not from the code):
 * [key, content, action sent (null = none), sends data, destructive, super token].
 * Destructive: every method that changes the project (imports, deletes, rename, randomize,
 * switch DAG, create folder, uploads, project settings, create project).
 */
const FLAGS: readonly [string, string, string | null, boolean, boolean, boolean][] = [
  ['exp_arms', 'arm', null, false, false, false],
  ['imp_arms', 'arm', 'import', true, true, false],
  ['del_arms', 'arm', 'delete', false, true, false],
  ['exp_dags', 'dag', null, false, false, false],
  ['imp_dags', 'dag', 'import', true, true, false],
  ['del_dags', 'dag', 'delete', false, true, false],
  ['switch_dag', 'dag', 'switch', false, true, false],
  ['exp_user_dag_maps', 'userDagMapping', null, false, false, false],
  ['imp_user_dag_maps', 'userDagMapping', 'import', true, true, false],
  ['exp_events', 'event', null, false, false, false],
  ['imp_events', 'event', 'import', true, true, false],
  ['del_events', 'event', 'delete', false, true, false],
  ['exp_field_names', 'exportFieldNames', null, false, false, false],
  ['exp_file', 'file', 'export', false, false, false],
  ['imp_file', 'file', 'import', false, true, false],
  ['del_file', 'file', 'delete', false, true, false],
  ['create_folder_file_repo', 'fileRepository', 'createFolder', false, true, false],
  ['exp_list_file_repo', 'fileRepository', 'list', false, false, false],
  ['exp_file_repo', 'fileRepository', 'export', false, false, false],
  ['imp_file_repo', 'fileRepository', 'import', false, true, false],
  ['del_file_repo', 'fileRepository', 'delete', false, true, false],
  ['exp_instr', 'instrument', null, false, false, false],
  ['exp_instr_pdf', 'pdf', null, false, false, false],
  ['exp_inst_event_maps', 'formEventMapping', null, false, false, false],
  ['imp_inst_event_maps', 'formEventMapping', null, true, true, false],
  ['exp_logging', 'log', null, false, false, false],
  ['exp_metadata', 'metadata', null, false, false, false],
  ['imp_metadata', 'metadata', null, true, true, false],
  ['imp_proj', 'project', null, true, true, true],
  ['imp_proj_sett', 'project_settings', null, true, true, false],
  ['exp_proj', 'project', null, false, false, false],
  ['exp_proj_xml', 'project_xml', null, false, false, false],
  ['exp_records', 'record', 'export', false, false, false],
  ['imp_records', 'record', 'import', true, true, false],
  ['del_records', 'record', 'delete', false, true, false],
  ['rename_record', 'record', 'rename', false, true, false],
  ['exp_next_id', 'generateNextRecordName', null, false, false, false],
  ['randomize', 'record', 'randomize', false, true, false],
  ['exp_repeating_forms_events', 'repeatingFormsEvents', null, false, false, false],
  ['imp_repeating_forms_events', 'repeatingFormsEvents', null, true, true, false],
  ['exp_reports', 'report', null, false, false, false],
  ['exp_rc_v', 'version', null, false, false, false],
  ['exp_surv_link', 'surveyLink', null, false, false, false],
  ['exp_surv_access_code', 'surveyAccessCode', null, false, false, false],
  ['exp_surv_parts', 'participantList', null, false, false, false],
  ['exp_surv_queue_link', 'surveyQueueLink', null, false, false, false],
  ['exp_surv_ret_code', 'surveyReturnCode', null, false, false, false],
  ['exp_users', 'user', null, false, false, false],
  ['imp_users', 'user', null, true, true, false],
  ['del_users', 'user', 'delete', false, true, false],
  ['exp_user_roles', 'userRole', null, false, false, false],
  ['imp_user_roles', 'userRole', null, true, true, false],
  ['del_user_roles', 'userRole', 'delete', false, true, false],
  ['exp_user_role_maps', 'userRoleMapping', null, false, false, false],
  ['imp_user_role_maps', 'userRoleMapping', null, true, true, false],
];

const connection = { apiUrl: 'https://redcap.example.edu/api/', token: 'A'.repeat(32) };

describe('method flags (redcap-api.md §2.1)', () => {
  it('lists each of the 55 methods once, as the registry does', () => {
    expect(FLAGS).toHaveLength(55);
    expect(new Set(FLAGS.map(([id]) => id)).size).toBe(55);
    expect([...METHODS.map((m) => m.id)].sort()).toEqual(FLAGS.map(([id]) => id).sort());
  });

  it.each(FLAGS)(
    '%s: content=%s action=%s data=%s destructive=%s superToken=%s',
    (id, content, action, sendsData, destructive, superToken) => {
      const method = getMethod(id);
      expect(method, `no method ${id}`).toBeDefined();
      expect({
        content: method!.content,
        action: method!.action,
        sendsData: method!.sendsData,
        destructive: method!.destructive,
        superToken: method!.superToken,
      }).toEqual({ content, action, sendsData, destructive, superToken });
    },
  );

  it('sends the action it declares, and none when it declares none', () => {
    for (const [id, , action] of FLAGS) {
      const method = getMethod(id)!;
      const request = buildRedcapRequest(method, method.examples[0]!, connection);
      expect(bodyValue(request, 'action'), id).toBe(action ?? undefined);
    }
  });

  it('asks for a super token only to create a project', () => {
    expect(METHODS.filter((m) => m.superToken).map((m) => m.id)).toEqual(['imp_proj']);
  });

  it('sends the booleans REDCap reads as 1/0 as 1/0', () => {
    const override = (id: string, value: boolean) =>
      bodyValue(
        buildRedcapRequest(getMethod(id)!, { data: '[]', override: value }, connection),
        'override',
      );
    expect([override('imp_arms', true), override('imp_arms', false)]).toEqual(['1', '0']);
    expect([override('imp_events', true), override('imp_events', false)]).toEqual(['1', '0']);
    const del = buildRedcapRequest(
      getMethod('del_records'),
      { records: ['1'], delete_logging: true },
      connection,
    );
    expect(bodyValue(del, 'delete_logging')).toBe('1');
  });
});
