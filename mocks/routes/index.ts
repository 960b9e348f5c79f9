import { getMethod, type MethodId } from '../../src/lib/methods/index.ts';
import {
  deleteDags,
  exportDags,
  exportUserDagMappings,
  importDags,
  importUserDagMappings,
  switchDag,
} from './dags.ts';
import { exportFieldNames } from './field-names.ts';
import { deleteFile, exportFile, importFile } from './files.ts';
import {
  createFolder,
  deleteFileRepositoryFile,
  exportFileRepositoryFile,
  importFileRepositoryFile,
  listFileRepository,
} from './file-repository.ts';
import { exportInstruments } from './instruments.ts';
import { exportLogging } from './logging.ts';
import { importMetadata } from './metadata-import.ts';
import { exportMetadata } from './metadata.ts';
import { exportPdf } from './pdf.ts';
import { createProject } from './project-create.ts';
import { exportProjectXml } from '../odm/write.ts';
import { exportProjectInfo, importProjectInfo } from './projects.ts';
import { randomizeRecord } from './randomize.ts';
import { deleteRecords } from './record-delete.ts';
import { exportRecords, importRecords } from './records.ts';
import { generateNextRecordName, renameRecord } from './records-extra.ts';
import { exportVersion } from './redcap.ts';
import { exportReport } from './reports.ts';
import {
  exportSurveyAccessCode,
  exportSurveyLink,
  exportSurveyParticipants,
  exportSurveyQueueLink,
  exportSurveyReturnCode,
} from './surveys.ts';
import { exportRepeatingFormsEvents, importRepeatingFormsEvents } from './repeating.ts';
import {
  deleteArms,
  deleteEvents,
  exportArms,
  exportEvents,
  exportFormEventMappings,
  importArms,
  importEvents,
  importFormEventMappings,
} from './longitudinal.ts';
import { badRequest, type Route } from '../wire/route.ts';

/**
 * A route that does not know events yet: on a longitudinal project it answers the mock's 400
 * (randomization writes a record's one classic row).
 */
function classicOnly(id: MethodId, route: Route): Route {
  return {
    ...route,
    handle(ctx) {
      if (ctx.project.info.is_longitudinal === 1) {
        const label = getMethod(id)?.label ?? id;
        throw badRequest(
          `The mock REDCap does not implement ${label} (${id}) on longitudinal projects yet.`,
        );
      }
      return route.handle(ctx);
    },
  };
}
import {
  deleteUserRoles,
  deleteUsers,
  exportUserRoleMappings,
  exportUserRoles,
  exportUsers,
  importUserRoleMappings,
  importUserRoles,
  importUsers,
} from './users.ts';

/** The route table, keyed by REDCap's method keys (the catalog's ids). */
export const mockRoutes: Readonly<Partial<Record<MethodId, Route>>> = {
  exp_arms: exportArms,
  imp_arms: importArms,
  del_arms: deleteArms,
  exp_events: exportEvents,
  imp_events: importEvents,
  del_events: deleteEvents,
  exp_inst_event_maps: exportFormEventMappings,
  imp_inst_event_maps: importFormEventMappings,
  exp_field_names: exportFieldNames,
  exp_file: exportFile,
  imp_file: importFile,
  del_file: deleteFile,
  create_folder_file_repo: createFolder,
  exp_list_file_repo: listFileRepository,
  exp_file_repo: exportFileRepositoryFile,
  imp_file_repo: importFileRepositoryFile,
  del_file_repo: deleteFileRepositoryFile,
  exp_instr: exportInstruments,
  exp_instr_pdf: exportPdf,
  exp_logging: exportLogging,
  exp_metadata: exportMetadata,
  imp_metadata: importMetadata,
  exp_proj: exportProjectInfo,
  imp_proj_sett: importProjectInfo,
  imp_proj: createProject,
  exp_proj_xml: exportProjectXml,
  exp_records: exportRecords,
  imp_records: importRecords,
  del_records: deleteRecords,
  rename_record: renameRecord,
  randomize: classicOnly('randomize', randomizeRecord),
  exp_next_id: generateNextRecordName,
  exp_repeating_forms_events: exportRepeatingFormsEvents,
  imp_repeating_forms_events: importRepeatingFormsEvents,
  exp_rc_v: exportVersion,
  exp_reports: exportReport,
  exp_surv_link: exportSurveyLink,
  exp_surv_access_code: exportSurveyAccessCode,
  exp_surv_parts: exportSurveyParticipants,
  exp_surv_queue_link: exportSurveyQueueLink,
  exp_surv_ret_code: exportSurveyReturnCode,
  exp_dags: exportDags,
  imp_dags: importDags,
  del_dags: deleteDags,
  switch_dag: switchDag,
  exp_user_dag_maps: exportUserDagMappings,
  imp_user_dag_maps: importUserDagMappings,
  exp_users: exportUsers,
  imp_users: importUsers,
  del_users: deleteUsers,
  exp_user_roles: exportUserRoles,
  imp_user_roles: importUserRoles,
  del_user_roles: deleteUserRoles,
  exp_user_role_maps: exportUserRoleMappings,
  imp_user_role_maps: importUserRoleMappings,
};

/**
 * The methods the mock does not answer yet, listed explicitly: the mock issues move each one to
 * `mockRoutes`, and delete this list when it is empty. Answered with a 400 that names them.
 */
export const pendingMockRoutes: readonly MethodId[] = [];

export function routeFor(id: string): Route | undefined {
  return (mockRoutes as Readonly<Record<string, Route>>)[id];
}

/** The 400 text for a method the mock does not answer yet. */
export function pendingMessage(id: string): string {
  const label = getMethod(id)?.label ?? id;
  return `The mock REDCap does not implement ${label} (${id}) yet.`;
}

export { ApiError, type Route, type RouteContext, type RouteRight } from '../wire/route.ts';
