import type { MethodId } from './index.ts';

/**
 * "What REDCap does": a short note per method, in our words, from ../shared/redcap-api.md (the
 * section is named), with the REDCap versions where they matter. Loaded after the first render,
 * so the notes stay out of the initial JavaScript.
 */
export interface MethodNote {
  /** What REDCap does with the call, and the right it needs. */
  readonly text: string;
  /** Which REDCap versions behave how, where it matters. */
  readonly versions?: string;
  /** The section of redcap-api.md this comes from. */
  readonly section: string;
}

const DEV_ONLY = 'Only while the project is in development status (production needs Draft Mode).';
const DESIGN = 'Needs the Project Design and Setup right and API Import/Update.';
const USER_RIGHTS = 'Needs the User Rights right.';
const DAG_RIGHTS =
  'Needs the Data Access Groups right; a user who is in a DAG is refused (403) except for Switch DAG.';
const SURVEY = 'Needs the Manage Survey Participants right; the instrument must be a survey.';
const REPOSITORY = 'Needs the File Repository right.';

export const METHOD_NOTES: Readonly<Record<MethodId, MethodNote>> = {
  exp_arms: {
    text: 'Lists arm numbers and names. A classic project answers 400. Needs API Export.',
    section: '§2.12',
  },
  imp_arms: {
    text: `Creates arms or renames them by arm number; answers the count. override=1 deletes every arm first, with its events and data. ${DESIGN} ${DEV_ONLY}`,
    section: '§2.12',
  },
  del_arms: {
    text: `Deletes arms with their events and all data in them; answers the count. Needs API Import/Update and Delete Record. ${DEV_ONLY}`,
    section: '§2.12',
  },
  exp_dags: {
    text: `Lists data access groups: label, unique group name and id. ${DAG_RIGHTS}`,
    versions: 'data_access_group_id is exported since v13.',
    section: '§2.15',
  },
  imp_dags: {
    text: `A blank unique_group_name creates a DAG (REDCap makes the name from the label); a known one renames it. Answers the count. ${DAG_RIGHTS}`,
    section: '§2.15',
  },
  del_dags: {
    text: `Deletes DAGs by unique group name; their records stay, in no DAG. Answers the count. ${DAG_RIGHTS}`,
    section: '§2.15',
  },
  switch_dag: {
    text: 'Moves the token’s own user into a DAG the DAG Switcher allows; answers 1. From then on every call with that token sees only that group’s records.',
    section: '§2.15',
  },
  exp_user_dag_maps: {
    text: `Lists each user with the unique name of their DAG (blank: none). ${DAG_RIGHTS}`,
    section: '§2.15',
  },
  imp_user_dag_maps: {
    text: `Puts users into DAGs (blank takes them out); users not listed keep theirs. Answers the count. ${DAG_RIGHTS}`,
    section: '§2.15',
  },
  exp_events: {
    text: 'Lists events with arm, unique event name and id; day offsets only with the Scheduling module. A classic project answers 400.',
    versions: 'event_id is exported since v13.',
    section: '§2.13',
  },
  imp_events: {
    text: `Creates events or updates them by unique event name; answers the count. override=1 deletes every event (and its data) first. ${DESIGN} ${DEV_ONLY}`,
    section: '§2.13',
  },
  del_events: {
    text: `Deletes events by unique event name, with all data collected in them; answers the count. Needs API Import/Update and Delete Record. ${DEV_ONLY}`,
    section: '§2.13',
  },
  exp_field_names: {
    text: 'Maps each field to the column names exports use: a checkbox gives one field___code per choice, each form adds its <form>_complete; descriptive and file-upload fields are left out.',
    section: '§2.10',
  },
  exp_file: {
    text: 'Answers the file’s bytes; its name comes in the Content-Type header (name="…"), where clients read it. An empty field answers 400. Needs API Export.',
    section: '§2.16',
  },
  imp_file: {
    text: 'Multipart upload into one file-upload field of an existing record, replacing what was there. Success is an empty 200. Needs API Import/Update.',
    section: '§2.16',
  },
  del_file: {
    text: 'Empties one file-upload field. Success is an empty 200. Needs API Import/Update.',
    section: '§2.16',
  },
  create_folder_file_repo: {
    text: `Creates a folder (name up to 150 characters), optionally inside another and limited to one DAG or role. Answers [{"folder_id": N}]. ${REPOSITORY}`,
    versions: 'The File Repository API exists since about v13.0.',
    section: '§2.17',
  },
  exp_list_file_repo: {
    text: `Lists one folder: its folders first, then its files, each sorted by name. A folder hidden by DAG or role answers 400. ${REPOSITORY}`,
    versions: 'Since about v13.0.',
    section: '§2.17',
  },
  exp_file_repo: {
    text: `Answers the file’s bytes, its name in the Content-Type header. ${REPOSITORY}`,
    versions: 'Since about v13.0.',
    section: '§2.17',
  },
  imp_file_repo: {
    text: `Multipart upload into the top level or a folder. Success is an empty 200. ${REPOSITORY}`,
    versions: 'Since about v13.0.',
    section: '§2.17',
  },
  del_file_repo: {
    text: `Moves the file to the project’s recycle bin (kept about 30 days). Success is an empty 200. ${REPOSITORY}`,
    versions: 'Since about v13.0.',
    section: '§2.17',
  },
  exp_instr: {
    text: 'Lists instruments in the project’s order: unique name and label.',
    section: '§2.11',
  },
  exp_instr_pdf: {
    text: 'Answers a PDF: blank forms, one record’s data, or all records. Some servers label it text/html even though the bytes are a PDF.',
    versions: 'compactDisplay exists only in newer versions.',
    section: '§2.11',
  },
  exp_inst_event_maps: {
    text: 'Lists which instrument is used in which event, by arm. A classic project answers 400.',
    section: '§2.11',
  },
  imp_inst_event_maps: {
    text: `Replaces every instrument–event designation with the rows sent; answers the count. ${DESIGN} ${DEV_ONLY}`,
    versions: 'Very old servers took a nested arm/event structure; v13+ take flat rows.',
    section: '§2.11',
  },
  exp_logging: {
    text: 'Answers log rows, newest first: timestamp, username, action, details, record. Filters by log type, user, record, DAG and time. Needs the Logging right.',
    versions: 'The record column exists in newer versions only.',
    section: '§2.18',
  },
  exp_metadata: {
    text: 'Answers the data dictionary: one row of 18 columns per field, in form order. Needs API Export.',
    section: '§2.9',
  },
  imp_metadata: {
    text: `Replaces the whole data dictionary with the rows sent and answers the number of fields. The first field becomes the record id. ${DESIGN} ${DEV_ONLY}`,
    section: '§2.9',
  },
  imp_proj: {
    text: 'Needs a 64-character super token from an administrator. Creates a project (optionally from a project XML in odm) and answers the new project’s 32-character token as plain text.',
    section: '§2.19',
  },
  imp_proj_sett: {
    text: 'Changes the project’s settings (title, purpose, modules…); read-only attributes are ignored. Answers the number of attributes. Needs Project Design and Setup.',
    versions: 'project_pi_email and bypass_branching_erase_field_prompt exist in newer versions.',
    section: '§2.19',
  },
  exp_proj: {
    text: 'Answers one object: id, title, status (in_production), longitudinal, surveys, repeating… Any user with API Export can read it.',
    section: '§2.19',
  },
  exp_proj_xml: {
    text: 'Answers the project as a CDISC ODM document (REDCap extensions), metadata and, unless returnMetadataOnly, data. Always XML, whatever format says. Create Project accepts it back.',
    versions: 'dateRangeBegin and dateRangeEnd exist in newer versions.',
    section: '§2.19',
  },
  exp_records: {
    text: 'Answers rows (flat) or field–value triples (eav). All values are strings in JSON, except redcap_repeat_instance. filterLogic errors answer 400; the records a user’s DAG hides are left out. Needs API Export.',
    versions:
      'exportBlankForGrayFormStatus is v13+; combineCheckboxOptions only in the newest versions.',
    section: '§2.3',
  },
  imp_records: {
    text: 'Checks every row first: one bad value and nothing is saved (400, listing each problem). Answers {"count": N}, or ids with returnContent. Needs API Import/Update (and Create Record for new ones).',
    versions: 'backgroundProcess is v14+; it answers only a success flag.',
    section: '§2.4',
  },
  del_records: {
    text: 'records must be an array. If one record does not exist, nothing is deleted (400). Answers the number deleted. Needs API Import/Update and Delete Record.',
    section: '§2.5',
  },
  rename_record: {
    text: 'Renames a record, its data and history kept; answers 1. Needs the Rename Record right.',
    section: '§2.6',
  },
  exp_next_id: {
    text: 'Answers the highest numeric record id plus one, as plain text (DAG users get a DAG-prefixed id such as 12-3). Nothing is reserved.',
    section: '§2.7',
  },
  randomize: {
    text: 'Allocates the record in a randomization model and saves the group in its target field; answers randomization_id, record and target_field. Needs the Randomize right.',
    versions: 'Newer versions only (v14.x; first version uncertain).',
    section: '§2.8',
  },
  exp_repeating_forms_events: {
    text: 'Lists repeating instruments (and events, with a blank form_name for a whole event) with their custom labels.',
    versions: 'A project without repeats answers [] now; older versions answered 400.',
    section: '§2.14',
  },
  imp_repeating_forms_events: {
    text: `Replaces the whole repeating setup with the rows sent; answers the count. ${DESIGN}`,
    section: '§2.14',
  },
  exp_reports: {
    text: 'Answers the rows of one saved report, with its fields, filters and order. There is no API call that lists reports: the id is on the project’s Reports page. Needs API Export.',
    section: '§2.20',
  },
  exp_rc_v: {
    text: 'Answers the server’s version as plain text (e.g. 14.5.10), whatever the format. Any valid token works, super tokens too: a good way to test a token.',
    section: '§2.21',
  },
  exp_surv_link: {
    text: `Answers the record’s unique survey URL as plain text. ${SURVEY}`,
    section: '§2.22',
  },
  exp_surv_access_code: {
    text: `Answers the code a participant types on the survey page instead of using the link. ${SURVEY}`,
    versions: 'REDCap 14 and later.',
    section: '§2.22',
  },
  exp_surv_parts: {
    text: `Lists one survey’s participants: e-mail, identifier, record, invitation and response status, link and access code. Longitudinal projects need the event. ${SURVEY}`,
    versions: 'survey_queue_link appears in newer versions.',
    section: '§2.22',
  },
  exp_surv_queue_link: {
    text: 'Answers the link to the record’s survey queue as plain text; the project must use the Survey Queue. Needs Manage Survey Participants.',
    section: '§2.22',
  },
  exp_surv_ret_code: {
    text: `Answers the code to resume a saved, unfinished survey; the survey must have Save & Return Later on. ${SURVEY}`,
    section: '§2.22',
  },
  exp_users: {
    text: `Lists users with expiration, DAG and one value per right, plus forms and forms_export per instrument. ${USER_RIGHTS}`,
    versions:
      'user_rights can be 2 (read-only) in newer versions; form rights gained delete rights in v14.',
    section: '§2.23',
  },
  imp_users: {
    text: `Adds users or changes rights; rights left out keep their value. Answers the count. ${USER_RIGHTS}`,
    versions: 'The pre-v12 data_export right is still accepted by some versions.',
    section: '§2.23',
  },
  del_users: {
    text: `Removes users from the project (their accounts stay); answers the count. ${USER_RIGHTS}`,
    section: '§2.23',
  },
  exp_user_roles: {
    text: `Lists roles: unique role name (U-…), label and the rights each gives. ${USER_RIGHTS}`,
    section: '§2.24',
  },
  imp_user_roles: {
    text: `A blank unique_role_name creates a role; a known one updates it. Answers the count. ${USER_RIGHTS}`,
    section: '§2.24',
  },
  del_user_roles: {
    text: `Deletes roles by unique role name; answers the count. ${USER_RIGHTS}`,
    section: '§2.24',
  },
  exp_user_role_maps: {
    text: `Lists each user’s role (blank: none). ${USER_RIGHTS}`,
    versions: 'Newer versions add the user’s data_access_group.',
    section: '§2.24',
  },
  imp_user_role_maps: {
    text: `Gives users a role (blank takes it away); users not listed keep theirs. Answers the count. ${USER_RIGHTS}`,
    section: '§2.24',
  },
};
