import type { TokenLife } from './tokens.ts';
import type { DictionaryRow } from '../../src/lib/methods/dictionary.ts';
/**
 * The in-memory REDCap: plain data (structuredClone-able), so a store can be reset to its seed
 * by cloning. Pure TypeScript: no msw here.
 */

/** Export Project Info (redcap-api.md §2.19): keys in REDCap's order; flags are numbers. */
export interface ProjectInfo {
  project_id: number;
  project_title: string;
  creation_time: string;
  production_time: string;
  in_production: number;
  project_language: string;
  purpose: number;
  purpose_other: string;
  project_notes: string;
  custom_record_label: string;
  secondary_unique_field: string;
  is_longitudinal: number;
  has_repeating_instruments_or_events: number;
  surveys_enabled: number;
  scheduling_enabled: number;
  record_autonumbering_enabled: number;
  randomization_enabled: number;
  ddp_enabled: number;
  project_irb_number: string;
  project_grant_number: string;
  project_pi_firstname: string;
  project_pi_lastname: string;
  project_pi_email: string;
  display_today_now_button: number;
  missing_data_codes: string;
  external_modules: string;
  /** A number like the other flags (PyCap's doctest of export_project_info; not "0" as §2.19 says). */
  bypass_branching_erase_field_prompt: number;
}

export const PROJECT_INFO_KEYS = [
  'project_id',
  'project_title',
  'creation_time',
  'production_time',
  'in_production',
  'project_language',
  'purpose',
  'purpose_other',
  'project_notes',
  'custom_record_label',
  'secondary_unique_field',
  'is_longitudinal',
  'has_repeating_instruments_or_events',
  'surveys_enabled',
  'scheduling_enabled',
  'record_autonumbering_enabled',
  'randomization_enabled',
  'ddp_enabled',
  'project_irb_number',
  'project_grant_number',
  'project_pi_firstname',
  'project_pi_lastname',
  'project_pi_email',
  'display_today_now_button',
  'missing_data_codes',
  'external_modules',
  'bypass_branching_erase_field_prompt',
] as const satisfies readonly (keyof ProjectInfo)[];

/** One data-dictionary row as the mock stores it: the playground's own row type (18 columns). */
export type MetadataRow = DictionaryRow;

export type FieldType =
  | 'text'
  | 'notes'
  | 'dropdown'
  | 'radio'
  | 'checkbox'
  | 'yesno'
  | 'truefalse'
  | 'file'
  | 'calc'
  | 'sql'
  | 'descriptive'
  | 'slider';

export type Instrument = {
  instrument_name: string;
  instrument_label: string;
};

/**
 * One block of stored values. A classic project has one slot per record (event, repeat
 * instrument and instance all null); longitudinal and repeating projects add slots.
 */
export interface DataSlot {
  event: string | null;
  repeatInstrument: string | null;
  instance: number | null;
  /** Non-checkbox fields and `<form>_complete`; a missing key is a blank value. */
  values: Record<string, string>;
  /** Checkbox field → checked codes. */
  checked: Record<string, string[]>;
}

export interface StoredRecord {
  id: string;
  /** Unique group name of the record's DAG, or ''. */
  dag: string;
  slots: DataSlot[];
}

/**
 * A user's rights on a project, with the keys of Export Users (§2.23). 0/1 unless noted.
 * `forms` / `forms_export` are per instrument (forms: 0 none, 1 view & edit, 2 read only,
 * 3 edit survey responses; forms_export: 0 no access, 1 full, 2 de-identified, 3 no identifiers).
 */
export interface UserRights {
  design: number;
  alerts: number;
  user_rights: number;
  data_access_groups: number;
  reports: number;
  stats_and_charts: number;
  manage_survey_participants: number;
  calendar: number;
  data_import_tool: number;
  data_comparison_tool: number;
  logging: number;
  email_logging: number;
  file_repository: number;
  data_quality_create: number;
  data_quality_execute: number;
  api_export: number;
  api_import: number;
  api_modules: number;
  mobile_app: number;
  mobile_app_download_data: number;
  record_create: number;
  record_rename: number;
  record_delete: number;
  lock_records_all_forms: number;
  lock_records: number;
  lock_records_customization: number;
  random_setup: number;
  random_dashboard: number;
  random_perform: number;
  forms: Record<string, number>;
  forms_export: Record<string, number>;
}

export interface ProjectUser {
  username: string;
  email: string;
  firstname: string;
  lastname: string;
  /** 32 uppercase hex characters. */
  token: string;
  /** `YYYY-MM-DD`, or '' for none. From that day on the token answers 403 (§1.5). */
  expiration: string;
  /** Unique group name of the user's DAG, or ''. */
  data_access_group: string;
  rights: UserRights;
  /** Unique role name of the user's role, or '' / absent for none (§2.24). */
  role?: string;
  /**
   * The DAGs the DAG Switcher lets the user move into with Switch DAG (§2.15): unique group
   * names, '' for "[No Assignment]". Absent: none.
   */
  dag_switch?: string[];
}

/** A data access group (§2.15, §3.1). */
export interface Dag {
  data_access_group_id: number;
  data_access_group_name: string;
  unique_group_name: string;
}

/** A user role (§2.24): its members' rights are the role's. */
export interface UserRole {
  /** `U-` + 10 uppercase letters or digits, e.g. `U-2119C4Y87T`. */
  unique_role_name: string;
  role_label: string;
  rights: UserRights;
}

export interface LogRow {
  /** `YYYY-MM-DD HH:MM:SS` (exports show `YYYY-MM-DD HH:MM`). */
  timestamp: string;
  username: string;
  action: string;
  details: string;
  record: string;
}

/** One row of the repeating setup (§2.14); classic projects have no event. */
export type RepeatingForm = {
  /** Longitudinal projects: the unique event name (§2.14); absent in classic projects. */
  event_name?: string;
  /** Blank with an `event_name`: the whole event repeats. */
  form_name: string;
  /** Optional piping label, e.g. `[visit_date]`. */
  custom_form_label: string;
};

/** An arm of a longitudinal project (§2.12). */
export interface Arm {
  arm_num: number;
  name: string;
}

/** An event of a longitudinal project (§2.13, §3.1), in its arm's order. */
export interface ProjectEvent {
  event_id: number;
  arm_num: number;
  event_name: string;
  unique_event_name: string;
  custom_event_label: string;
  /** Scheduling's days from the first event and the window around it (Export Events shows them
   * only when scheduling is on). */
  day_offset?: number;
  offset_min?: number;
  offset_max?: number;
}

/** A form designated for an event (§2.11); stored in event order, then form order. */
export interface FormEventMapping {
  unique_event_name: string;
  form: string;
}

/**
 * An uploaded file (REDCap's edocs table). A file field stores the doc id as its value; Export
 * Records shows the file's name instead (§2.16).
 */
export interface StoredDoc {
  doc_id: number;
  name: string;
  /** MIME type, e.g. `text/plain` or `image/png`. */
  mime: string;
  bytes: Uint8Array;
}

export interface ProjectData {
  /** URL-safe id of the project in the mock (no spaces), e.g. `classic-demo`. */
  slug: string;
  info: ProjectInfo;
  instruments: Instrument[];
  metadata: MetadataRow[];
  /** Repeating instruments; `info.has_repeating_instruments_or_events` follows it. */
  repeating: RepeatingForm[];
  records: StoredRecord[];
  edocs: StoredDoc[];
  /** The doc id the next upload gets (REDCap never reuses one). */
  nextDocId: number;
  users: ProjectUser[];
  /** Longitudinal projects (`info.is_longitudinal` = 1) only: arms, events, designations. */
  arms?: Arm[];
  events?: ProjectEvent[];
  formEvents?: FormEventMapping[];
  /** The event id the next created event gets (REDCap never reuses one). */
  nextEventId?: number;
  /** Data access groups; absent = none (§2.15). */
  dags?: Dag[];
  /** The id the next new DAG gets (REDCap never reuses one). */
  nextDagId?: number;
  /** User roles; absent = none (§2.24). */
  roles?: UserRole[];
  /** Randomization models with their allocation tables (§2.8); absent = none. */
  randomizations?: Randomization[];
  /** The File Repository (§2.17); absent = empty. File bytes are in `edocs`. */
  fileRepository?: FileRepository;
  /** Saved reports (§2.20); absent = none. */
  reports?: Report[];
  /** Survey settings (§2.22); absent = no survey-enabled instrument. */
  surveys?: SurveySettings;
  /** Oldest first. */
  log: LogRow[];
}

/**
 * A saved report (§2.20), as the report builder stores it: its columns (field names and
 * `<form>_complete` names, in the report's order), its filter, and who may see it.
 */
export interface Report {
  report_id: number;
  title: string;
  fields: string[];
  /** REDCap logic, '' for none. */
  filterLogic: string;
  /** Usernames that may export it; absent = every user of the project. */
  userAccess?: string[];
}

/** A survey-enabled instrument (§2.22). */
export interface Survey {
  form: string;
  title: string;
  /** "Save & Return Later" on: return codes exist. */
  saveAndReturn: boolean;
}

export interface SurveySettings {
  surveys: Survey[];
  /** The Survey Queue is on (Export a Survey Queue Link needs it). */
  queue: boolean;
  /** The field whose value is a participant's e-mail in the participant list, or ''. */
  emailField: string;
  /** Survey responses (classic, non-repeating surveys): none = never answered. */
  responses: SurveyResponse[];
}

/** One participant's response to a survey: completed at a time, or started and left. */
export interface SurveyResponse {
  form: string;
  record: string;
  /** `YYYY-MM-DD HH:MM:SS`, or '' while not completed (saved and left, "partial"). */
  completed: string;
}

/** A File Repository folder (§2.17, §3.1); restrictions are stored, not enforced. */
export interface RepoFolder {
  folder_id: number;
  name: string;
  /** null = top level. */
  parent_folder_id: number | null;
  dag_id: number | null;
  role_id: number | null;
}

/** A file in the File Repository: its name, type and bytes are the `edocs` row `doc_id`. */
export interface RepoFile {
  doc_id: number;
  /** null = top level. */
  folder_id: number | null;
}

export interface FileRepository {
  folders: RepoFolder[];
  files: RepoFile[];
  /** The folder id the next Create Folder gets (never reused). */
  nextFolderId: number;
}

/** One allocation of a randomization table: `record` is '' until a record takes it. */
export interface Allocation {
  target: string;
  alt: string;
  record: string;
}

/** A randomization model (§2.8): no strata in the mock; allocations are used in order. */
export interface Randomization {
  randomization_id: number;
  target_field: string;
  allocations: Allocation[];
}

export interface SuperTokenUser {
  username: string;
  /** 64 uppercase hex characters. */
  token: string;
}

export interface MockRedcapData {
  /** What Export REDCap Version answers, e.g. `14.5.10`. */
  version: string;
  projects: ProjectData[];
  superTokens: SuperTokenUser[];
  /** The API page's token requests and what happened to tokens (store/tokens.ts); absent: nothing yet. */
  tokenLife?: TokenLife;
}

/** One imported row: its cells in the order sent, `[column name, text]`. */
export type Cells = [name: string, value: string][];

/** One cell of an imported row, trimmed; undefined when the row has no such column. */
export function cell(cells: Cells, name: string): string | undefined {
  return cells.find(([n]) => n === name)?.[1].trim();
}
