import * as z from 'zod/mini';
import { DICTIONARY_COLUMNS } from '../../src/lib/methods/dictionary.ts';
import type { TokenEvent, TokenEventKind, TokenRequest } from '../../src/lib/workshop/types.ts';
import type { TokenLife } from '../store/tokens.ts';
import type {
  Allocation,
  Arm,
  Dag,
  DataSlot,
  FileRepository,
  FormEventMapping,
  Instrument,
  LogRow,
  MetadataRow,
  MockRedcapData,
  ProjectData,
  ProjectEvent,
  ProjectInfo,
  ProjectUser,
  Randomization,
  RepeatingForm,
  RepoFile,
  RepoFolder,
  Report,
  StoredDoc,
  StoredRecord,
  Survey,
  SurveyResponse,
  SurveySettings,
  SuperTokenUser,
  UserRights,
  UserRole,
} from '../store/types.ts';

/**
 * The saved demo file (Save demo / Open demo, the kept copy in IndexedDB, `mock:server --state`):
 * the store's data (`store/types.ts`) as JSON, one schema per store type, with a version.
 *
 * Each object is strict (an unknown key is refused) and typed by `Keys<T>`: a key added to a
 * store type and not here, or here and not there, does not compile, and names the type. A new
 * store field is then one line here (and, if old files lack it, `z.optional`). Only the files'
 * bytes change shape: base64 text in the file (`StoredDocFile`).
 */

/** Written in every file; a file of another version is refused. */
export const STATE_FORMAT = 'redcap-api-playground/mock-state';
export const STATE_VERSION = 1;

/** Every key of T, no other: the schema's shape for T. */
type Keys<T> = { [K in keyof Required<T>]: z.ZodMiniType };

const str = z.string();
const int = z.int();
const flag = z.number();
const strings = z.array(str);
/** Names from outside (fields, instruments): the file's objects are rebuilt without prototype. */
const dict = <V extends z.ZodMiniType>(value: V) =>
  z.pipe(
    z.record(str, value),
    z.transform((o) => Object.assign(Object.create(null) as Record<string, z.output<V>>, o)),
  );

const info = z.strictObject({
  project_id: int,
  project_title: str,
  creation_time: str,
  production_time: str,
  in_production: flag,
  project_language: str,
  purpose: flag,
  purpose_other: str,
  project_notes: str,
  custom_record_label: str,
  secondary_unique_field: str,
  is_longitudinal: flag,
  has_repeating_instruments_or_events: flag,
  surveys_enabled: flag,
  scheduling_enabled: flag,
  record_autonumbering_enabled: flag,
  randomization_enabled: flag,
  ddp_enabled: flag,
  project_irb_number: str,
  project_grant_number: str,
  project_pi_firstname: str,
  project_pi_lastname: str,
  project_pi_email: str,
  display_today_now_button: flag,
  missing_data_codes: str,
  external_modules: str,
  bypass_branching_erase_field_prompt: flag,
} satisfies Keys<ProjectInfo>);

const metadataRow = z.strictObject(
  Object.fromEntries(DICTIONARY_COLUMNS.map((c) => [c, str])) as Keys<MetadataRow> &
    Record<keyof MetadataRow, typeof str>,
);

const instrument = z.strictObject({
  instrument_name: str,
  instrument_label: str,
} satisfies Keys<Instrument>);

const repeatingForm = z.strictObject({
  event_name: z.optional(str),
  form_name: str,
  custom_form_label: str,
} satisfies Keys<RepeatingForm>);

const slot = z.strictObject({
  event: z.nullable(str),
  repeatInstrument: z.nullable(str),
  instance: z.nullable(int),
  values: dict(str),
  checked: dict(strings),
} satisfies Keys<DataSlot>);

const record = z.strictObject({
  id: str,
  dag: str,
  slots: z.array(slot),
} satisfies Keys<StoredRecord>);

/** Standard base64 (RFC 4648 §4), padded. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** A stored file in the file: its bytes as base64 text. */
export type StoredDocFile = Omit<StoredDoc, 'bytes'> & { bytes: string };

const doc = z.strictObject({
  doc_id: int,
  name: str,
  mime: str,
  bytes: z.string().check(z.regex(BASE64, 'not base64 text')),
} satisfies Keys<StoredDocFile>);

const rights = z.strictObject({
  design: flag,
  alerts: flag,
  user_rights: flag,
  data_access_groups: flag,
  reports: flag,
  stats_and_charts: flag,
  manage_survey_participants: flag,
  calendar: flag,
  data_import_tool: flag,
  data_comparison_tool: flag,
  logging: flag,
  email_logging: flag,
  file_repository: flag,
  data_quality_create: flag,
  data_quality_execute: flag,
  api_export: flag,
  api_import: flag,
  api_modules: flag,
  mobile_app: flag,
  mobile_app_download_data: flag,
  record_create: flag,
  record_rename: flag,
  record_delete: flag,
  lock_records_all_forms: flag,
  lock_records: flag,
  lock_records_customization: flag,
  random_setup: flag,
  random_dashboard: flag,
  random_perform: flag,
  forms: dict(flag),
  forms_export: dict(flag),
} satisfies Keys<UserRights>);

const user = z.strictObject({
  username: str,
  email: str,
  firstname: str,
  lastname: str,
  token: str,
  expiration: str,
  data_access_group: str,
  rights,
  role: z.optional(str),
  dag_switch: z.optional(strings),
} satisfies Keys<ProjectUser>);

const arm = z.strictObject({ arm_num: int, name: str } satisfies Keys<Arm>);

const event = z.strictObject({
  event_id: int,
  arm_num: int,
  event_name: str,
  unique_event_name: str,
  custom_event_label: str,
  day_offset: z.optional(z.number()),
  offset_min: z.optional(z.number()),
  offset_max: z.optional(z.number()),
} satisfies Keys<ProjectEvent>);

const formEvent = z.strictObject({
  unique_event_name: str,
  form: str,
} satisfies Keys<FormEventMapping>);

const dag = z.strictObject({
  data_access_group_id: int,
  data_access_group_name: str,
  unique_group_name: str,
} satisfies Keys<Dag>);

const role = z.strictObject({
  unique_role_name: str,
  role_label: str,
  rights,
} satisfies Keys<UserRole>);

const allocation = z.strictObject({
  target: str,
  alt: str,
  record: str,
} satisfies Keys<Allocation>);

const randomization = z.strictObject({
  randomization_id: int,
  target_field: str,
  allocations: z.array(allocation),
} satisfies Keys<Randomization>);

const folder = z.strictObject({
  folder_id: int,
  name: str,
  parent_folder_id: z.nullable(int),
  dag_id: z.nullable(int),
  role_id: z.nullable(int),
} satisfies Keys<RepoFolder>);

const repoFile = z.strictObject({
  doc_id: int,
  folder_id: z.nullable(int),
} satisfies Keys<RepoFile>);

const fileRepository = z.strictObject({
  folders: z.array(folder),
  files: z.array(repoFile),
  nextFolderId: int,
} satisfies Keys<FileRepository>);

const report = z.strictObject({
  report_id: int,
  title: str,
  fields: strings,
  filterLogic: str,
  userAccess: z.optional(strings),
} satisfies Keys<Report>);

const survey = z.strictObject({
  form: str,
  title: str,
  saveAndReturn: z.boolean(),
} satisfies Keys<Survey>);

const surveyResponse = z.strictObject({
  form: str,
  record: str,
  completed: str,
} satisfies Keys<SurveyResponse>);

const surveys = z.strictObject({
  surveys: z.array(survey),
  queue: z.boolean(),
  emailField: str,
  responses: z.array(surveyResponse),
} satisfies Keys<SurveySettings>);

const logRow = z.strictObject({
  timestamp: str,
  username: str,
  action: str,
  details: str,
  record: str,
} satisfies Keys<LogRow>);

/** A project in the file: the store's, with its files' bytes as base64. */
export type ProjectFile = Omit<ProjectData, 'edocs'> & { edocs: StoredDocFile[] };

const project = z.strictObject({
  slug: str,
  info,
  instruments: z.array(instrument),
  metadata: z.array(metadataRow),
  repeating: z.array(repeatingForm),
  records: z.array(record),
  edocs: z.array(doc),
  nextDocId: int,
  users: z.array(user),
  arms: z.optional(z.array(arm)),
  events: z.optional(z.array(event)),
  formEvents: z.optional(z.array(formEvent)),
  nextEventId: z.optional(int),
  dags: z.optional(z.array(dag)),
  nextDagId: z.optional(int),
  roles: z.optional(z.array(role)),
  randomizations: z.optional(z.array(randomization)),
  fileRepository: z.optional(fileRepository),
  reports: z.optional(z.array(report)),
  surveys: z.optional(surveys),
  log: z.array(logRow),
} satisfies Keys<ProjectFile>);

const superToken = z.strictObject({ username: str, token: str } satisfies Keys<SuperTokenUser>);

// The API page's token requests and what happened to tokens (store/tokens.ts, issue #23).
const tokenRequest = z.strictObject({
  project: str,
  username: str,
  requested: str,
} satisfies Keys<TokenRequest>);
const tokenEvent = z.strictObject({
  kind: z.enum([
    'learner-added',
    'rights-granted',
    'rights-removed',
    'requested',
    'approved',
    'regenerated',
    'deleted',
  ] as const satisfies readonly TokenEventKind[]),
  project: str,
  username: str,
  at: str,
} satisfies Keys<TokenEvent>);
const tokenLife = z.strictObject({
  requests: z.array(tokenRequest),
  events: z.array(tokenEvent),
} satisfies Keys<TokenLife>);

/** The store's data in the file. */
export type MockDataFile = Omit<MockRedcapData, 'projects'> & { projects: ProjectFile[] };

const data = z.strictObject({
  version: str,
  projects: z.array(project),
  superTokens: z.array(superToken),
  tokenLife: z.optional(tokenLife),
} satisfies Keys<MockDataFile>);

/** The whole file. */
export const stateFileSchema = z.strictObject({
  format: z.literal(STATE_FORMAT),
  version: z.literal(STATE_VERSION),
  /** When it was saved (ISO 8601), for people; not read back. */
  saved: str,
  /** Large projects not built when saved: the loading mock builds them on first use, as ever. */
  unbuilt: strings,
  data,
});

export type StateFile = z.output<typeof stateFileSchema>;

// Every value type matches the store's (the shapes above only check the keys).
export const sameTypes: (file: StateFile['data']) => MockDataFile = (file) => file;
