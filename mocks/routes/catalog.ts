/**
 * Every method key of REDCap's API (redcap-api.md §2.1, 55 keys) with its label, in the
 * table's order. The route table answers some; the rest are pending (HTTP 400 for now).
 */
export const REDCAP_METHOD_LABELS = {
  exp_arms: 'Export Arms',
  imp_arms: 'Import Arms',
  del_arms: 'Delete Arms',
  exp_dags: 'Export DAGs',
  imp_dags: 'Import DAGs',
  del_dags: 'Delete DAGs',
  switch_dag: 'Switch DAG',
  exp_user_dag_maps: 'Export User-DAG Assignments',
  imp_user_dag_maps: 'Import User-DAG Assignments',
  exp_events: 'Export Events',
  imp_events: 'Import Events',
  del_events: 'Delete Events',
  exp_field_names: 'Export List of Export Field Names',
  exp_file: 'Export a File',
  imp_file: 'Import a File',
  del_file: 'Delete a File',
  create_folder_file_repo: 'Create a New Folder in the File Repository',
  exp_list_file_repo: 'Export a List of Files/Folders from the File Repository',
  exp_file_repo: 'Export a File from the File Repository',
  imp_file_repo: 'Import a File into the File Repository',
  del_file_repo: 'Delete a File from the File Repository',
  exp_instr: 'Export Instruments',
  exp_instr_pdf: 'Export PDF of Instruments',
  exp_inst_event_maps: 'Export Instrument-Event Mappings',
  imp_inst_event_maps: 'Import Instrument-Event Mappings',
  exp_logging: 'Export Logging',
  exp_metadata: 'Export Metadata',
  imp_metadata: 'Import Metadata',
  imp_proj: 'Create Project',
  imp_proj_sett: 'Import Project Information',
  exp_proj: 'Export Project Information',
  exp_proj_xml: 'Export Project XML',
  exp_records: 'Export Records',
  imp_records: 'Import Records',
  del_records: 'Delete Records',
  rename_record: 'Rename Record',
  exp_next_id: 'Generate Next Record Name',
  randomize: 'Randomize Record',
  exp_repeating_forms_events: 'Export Repeating Instruments and Events',
  imp_repeating_forms_events: 'Import Repeating Instruments and Events',
  exp_reports: 'Export Reports',
  exp_rc_v: 'Export REDCap Version',
  exp_surv_link: 'Export a Survey Link',
  exp_surv_access_code: 'Export a Survey Access Code',
  exp_surv_parts: 'Export a Survey Participant List',
  exp_surv_queue_link: 'Export a Survey Queue Link',
  exp_surv_ret_code: 'Export a Survey Return Code',
  exp_users: 'Export Users',
  imp_users: 'Import Users',
  del_users: 'Delete Users',
  exp_user_roles: 'Export User Roles',
  imp_user_roles: 'Import User Roles',
  del_user_roles: 'Delete User Roles',
  exp_user_role_maps: 'Export User-Role Assignments',
  imp_user_role_maps: 'Import User-Role Assignments',
} as const;

export type RedcapMethodKey = keyof typeof REDCAP_METHOD_LABELS;

export const REDCAP_METHOD_KEYS = Object.keys(REDCAP_METHOD_LABELS) as RedcapMethodKey[];

/** The 400 text for a method the mock does not answer yet. */
export function pendingMessage(key: string): string {
  const label = (REDCAP_METHOD_LABELS as Record<string, string>)[key] ?? key;
  return `The mock REDCap does not implement ${label} (${key}) yet.`;
}
