import { getMethod, type MethodId } from '../../src/lib/methods/index.ts';
import { exportFieldNames } from './field-names.ts';
import { deleteFile, exportFile, importFile } from './files.ts';
import { exportInstruments } from './instruments.ts';
import { exportLogging } from './logging.ts';
import { importMetadata } from './metadata-import.ts';
import { exportMetadata } from './metadata.ts';
import { exportPdf } from './pdf.ts';
import { exportProjectInfo, importProjectInfo } from './projects.ts';
import { deleteRecords } from './record-delete.ts';
import { exportRecords, importRecords } from './records.ts';
import { generateNextRecordName, renameRecord } from './records-extra.ts';
import { exportVersion } from './redcap.ts';
import { exportRepeatingFormsEvents } from './repeating.ts';
import { exportArms, exportEvents, exportFormEventMappings } from './longitudinal.ts';
import type { Route } from './types.ts';

/** The route table, keyed by REDCap's method keys (the catalog's ids). */
export const mockRoutes: Readonly<Partial<Record<MethodId, Route>>> = {
  exp_arms: exportArms,
  exp_events: exportEvents,
  exp_inst_event_maps: exportFormEventMappings,
  exp_field_names: exportFieldNames,
  exp_file: exportFile,
  imp_file: importFile,
  del_file: deleteFile,
  exp_instr: exportInstruments,
  exp_instr_pdf: exportPdf,
  exp_logging: exportLogging,
  exp_metadata: exportMetadata,
  imp_metadata: importMetadata,
  exp_proj: exportProjectInfo,
  imp_proj_sett: importProjectInfo,
  exp_records: exportRecords,
  imp_records: importRecords,
  del_records: deleteRecords,
  rename_record: renameRecord,
  exp_next_id: generateNextRecordName,
  exp_repeating_forms_events: exportRepeatingFormsEvents,
  exp_rc_v: exportVersion,
};

/**
 * The methods the mock does not answer yet, listed explicitly: the mock issues move each one to
 * `mockRoutes`, and delete this list when it is empty. Answered with a 400 that names them.
 */
export const pendingMockRoutes: readonly MethodId[] = [
  'imp_arms',
  'del_arms',
  'exp_dags',
  'imp_dags',
  'del_dags',
  'switch_dag',
  'exp_user_dag_maps',
  'imp_user_dag_maps',
  'imp_events',
  'del_events',
  'create_folder_file_repo',
  'exp_list_file_repo',
  'exp_file_repo',
  'imp_file_repo',
  'del_file_repo',
  'imp_inst_event_maps',
  'imp_proj',
  'exp_proj_xml',
  'randomize',
  'imp_repeating_forms_events',
  'exp_reports',
  'exp_surv_link',
  'exp_surv_access_code',
  'exp_surv_parts',
  'exp_surv_queue_link',
  'exp_surv_ret_code',
  'exp_users',
  'imp_users',
  'del_users',
  'exp_user_roles',
  'imp_user_roles',
  'del_user_roles',
  'exp_user_role_maps',
  'imp_user_role_maps',
];

export function routeFor(id: string): Route | undefined {
  return (mockRoutes as Readonly<Record<string, Route>>)[id];
}

/** The 400 text for a method the mock does not answer yet. */
export function pendingMessage(id: string): string {
  const label = getMethod(id)?.label ?? id;
  return `The mock REDCap does not implement ${label} (${id}) yet.`;
}

export { ApiError, type Route, type RouteContext, type RouteRight } from './types.ts';
