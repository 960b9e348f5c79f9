import type { MethodDefinition } from './define-method.ts';
import { deleteArms, exportArms, importArms } from './arms.ts';
import {
  deleteDags,
  exportDags,
  exportUserDagMappings,
  importDags,
  importUserDagMappings,
  switchDag,
} from './dags.ts';
import { deleteEvents, exportEvents, importEvents } from './events.ts';
import { exportFieldNames } from './field-names.ts';
import {
  createFolder,
  deleteFileRepositoryFile,
  exportFileRepositoryFile,
  exportFileRepositoryList,
  importFileRepositoryFile,
} from './file-repository.ts';
import { deleteFile, exportFile, importFile } from './files.ts';
import {
  exportInstrumentEventMappings,
  exportInstruments,
  exportPdf,
  importInstrumentEventMappings,
} from './instruments.ts';
import { exportLogging } from './logging.ts';
import { exportMetadata, importMetadata } from './metadata.ts';
import {
  createProject,
  exportProjectInfo,
  exportProjectXml,
  importProjectInfo,
} from './projects.ts';
import { deleteRecords, exportRecords, importRecords } from './records.ts';
import { generateNextRecordName, randomizeRecord, renameRecord } from './records-extra.ts';
import { exportVersion } from './redcap.ts';
import { exportRepeatingFormsEvents, importRepeatingFormsEvents } from './repeating.ts';
import { exportReport } from './reports.ts';
import {
  exportSurveyAccessCode,
  exportSurveyLink,
  exportSurveyParticipants,
  exportSurveyQueueLink,
  exportSurveyReturnCode,
} from './surveys.ts';
import {
  deleteUserRoles,
  exportUserRoleMappings,
  exportUserRoles,
  importUserRoleMappings,
  importUserRoles,
} from './user-roles.ts';
import { deleteUsers, exportUsers, importUsers } from './users.ts';

/**
 * Every method of REDCap's API, in REDCap's group order (METHOD_GROUPS), then in the order of
 * REDCap's own Playground within a group (redcap-api.md §4).
 */
export const METHODS = [
  // Arms
  exportArms,
  importArms,
  deleteArms,
  // Data Access Groups
  exportDags,
  importDags,
  deleteDags,
  switchDag,
  exportUserDagMappings,
  importUserDagMappings,
  // Events
  exportEvents,
  importEvents,
  deleteEvents,
  // Field Names
  exportFieldNames,
  // Files
  exportFile,
  importFile,
  deleteFile,
  // File Repository
  createFolder,
  exportFileRepositoryList,
  exportFileRepositoryFile,
  importFileRepositoryFile,
  deleteFileRepositoryFile,
  // Instruments
  exportInstruments,
  exportPdf,
  exportInstrumentEventMappings,
  importInstrumentEventMappings,
  // Logging
  exportLogging,
  // Metadata
  exportMetadata,
  importMetadata,
  // Projects (REDCap lists Create Project first; its Playground hides it)
  createProject,
  importProjectInfo,
  exportProjectInfo,
  exportProjectXml,
  // Records
  exportRecords,
  importRecords,
  deleteRecords,
  renameRecord,
  generateNextRecordName,
  randomizeRecord,
  // Repeating Instruments and Events
  exportRepeatingFormsEvents,
  importRepeatingFormsEvents,
  // Reports
  exportReport,
  // REDCap
  exportVersion,
  // Surveys
  exportSurveyLink,
  exportSurveyAccessCode,
  exportSurveyParticipants,
  exportSurveyQueueLink,
  exportSurveyReturnCode,
  // Users
  exportUsers,
  importUsers,
  deleteUsers,
  // User Roles
  exportUserRoles,
  importUserRoles,
  deleteUserRoles,
  exportUserRoleMappings,
  importUserRoleMappings,
] as const;

export type MethodId = (typeof METHODS)[number]['id'];

const byId = new Map<string, MethodDefinition<MethodId>>(METHODS.map((m) => [m.id, m]));

export function isMethodId(id: string): id is MethodId {
  return byId.has(id);
}

export function getMethod(id: MethodId): MethodDefinition<MethodId>;
export function getMethod(id: string): MethodDefinition<MethodId> | undefined;
export function getMethod(id: string): MethodDefinition<MethodId> | undefined {
  return byId.get(id);
}

export type { MethodDefinition } from './define-method.ts';
