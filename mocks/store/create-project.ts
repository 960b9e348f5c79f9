import { DICTIONARY_COLUMNS } from '../../src/lib/methods/dictionary.ts';
import { uniqueGroupName } from './access.ts';
import { checkDictionary } from './dictionary-import.ts';
import { badRequest } from './errors.ts';
import { importRows, type ImportOptions } from './import.ts';
import { importLongitudinalRows } from './import-longitudinal.ts';
import { mainSlot } from './records.ts';
import { fullRights } from './rights.ts';
import { formatTimestamp, type MockStore } from './store.ts';
import type {
  Arm,
  Cells,
  DataSlot,
  FormEventMapping,
  Instrument,
  MetadataRow,
  ProjectData,
  ProjectUser,
  RepeatingForm,
} from './types.ts';

/**
 * Create Project (§2.19) with a 64-character super token (§1.5): one row of settings in, the
 * new project's 32-hex token out as plain text. The new project is what REDCap makes from an
 * empty template: one instrument `my_first_instrument` holding `record_id`, and, when
 * longitudinal, arm 1 "Arm 1" with event "Event 1" (`event_1_arm_1`). The super token's user
 * owns it with full rights. With `odm` (a project XML file, read by `odm/read.ts`) the whole
 * project comes from the file: instruments, fields, arms, events, designations, repeating setup,
 * DAGs, surveys, project attributes and records (through Import Records' own checks). The project
 * is built aside and added to the store only when all of it is good: a broken file changes
 * nothing.
 */

/** The mock's 403 for a project token with `content=project` + `data` (§1.5, §2.19). */
export const CREATE_PROJECT_NEEDS_SUPER_TOKEN =
  'Create Project needs a super API token (64 characters); a project token cannot create projects.';

export interface TemplateSurvey {
  readonly form: string;
  readonly title: string;
  readonly saveAndReturn: boolean;
}

/** A file value of ClinicalData (`ItemDataBase64Binary`): where it goes and its bytes. */
export interface TemplateFile {
  readonly record: string;
  readonly event: string | null;
  readonly repeatInstrument: string | null;
  readonly instance: number | null;
  readonly field: string;
  readonly name: string;
  readonly mime: string;
  readonly bytes: Uint8Array;
}

/** A whole project to create (Create Project with `odm`: a project XML file, read). */
export interface ProjectTemplate {
  readonly instruments: Instrument[];
  readonly metadata: MetadataRow[];
  readonly repeating: RepeatingForm[];
  /** GlobalVariables project attributes by info key (only those the file has). */
  readonly attributes: Map<string, string>;
  readonly longitudinal: boolean;
  readonly arms: Arm[];
  readonly events: {
    arm_num: number;
    event_name: string;
    unique_event_name: string;
    custom_event_label: string;
  }[];
  readonly formEvents: FormEventMapping[];
  /** DAG labels, in the file's order. */
  readonly dags: string[];
  readonly surveys: TemplateSurvey[];
  readonly surveyEmailField: string;
  /** Import rows (as Import Records reads them), one per FormData. */
  readonly rows: Cells[];
  /** The form of each row. */
  readonly rowForms: string[];
  /** Record id → DAG unique name, for records that carry one. */
  readonly recordDags: Map<string, string>;
  readonly files: TemplateFile[];
}

/** The row keys Create Project reads (§2.19); other keys are passed over. */
const FLAGS = ['is_longitudinal', 'surveys_enabled', 'record_autonumbering_enabled'] as const;

export const FIRST_INSTRUMENT = 'my_first_instrument';

function recordIdRow(): MetadataRow {
  const blank = Object.fromEntries(DICTIONARY_COLUMNS.map((c) => [c, ''])) as MetadataRow;
  return {
    ...blank,
    field_name: 'record_id',
    form_name: FIRST_INSTRUMENT,
    field_type: 'text',
    field_label: 'Record ID',
  };
}

/** 32 uppercase hex characters no project user holds yet. */
function newToken(projects: readonly ProjectData[]): string {
  const taken = new Set(projects.flatMap((p) => p.users.map((u) => u.token.toUpperCase())));
  for (;;) {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    const token = Array.from(bytes, (b) => b.toString(16).padStart(2, '0'))
      .join('')
      .toUpperCase();
    if (!taken.has(token)) return token;
  }
}

/** A template's dictionary must pass Import Metadata's checks (before its settings are read). */
export function checkTemplate(template: ProjectTemplate): void {
  const problems = checkDictionary(template.metadata);
  if (problems.length > 0) throw badRequest(problems.join('\n'));
}

/**
 * Creates a project for `username` (a super token's user) from one row of settings and, when
 * given, a whole template (checked with {@link checkTemplate}); stores it only when all of it is good and logs its creation.
 * Returns the owner's new project token.
 */
export function createProject(
  store: MockStore,
  username: string,
  settings: Cells,
  template: ProjectTemplate | null,
  apiTag: string,
): string {
  const row = new Map(settings.map(([k, v]) => [k, v.trim()]));
  const title = row.get('project_title') ?? '';
  if (title === '') throw badRequest('The "project_title" of the new project is missing.');
  const purpose = row.get('purpose') ?? '';
  if (!/^[0-4]$/.test(purpose)) {
    throw badRequest('The value of "purpose" must be 0, 1, 2, 3 or 4');
  }
  const purposeOther = row.get('purpose_other') ?? '';
  if ((purpose === '1' || purpose === '2') && purposeOther === '') {
    throw badRequest(
      'The "purpose_other" is required when "purpose" is 1 (Other) or 2 (Research).',
    );
  }
  const flags: Record<(typeof FLAGS)[number], number> = {
    is_longitudinal: 0,
    surveys_enabled: 0,
    record_autonumbering_enabled: 0,
  };
  for (const key of FLAGS) {
    const value = row.get(key);
    if (value === undefined || value === '') continue;
    if (value !== '0' && value !== '1') throw badRequest(`The value of "${key}" must be 0 or 1`);
    flags[key] = Number(value);
  }
  // The file's own settings win over the row's (REDCap reads them from GlobalVariables).
  const fromFile = (key: string): number | null => {
    const value = template?.attributes.get(key);
    return value === '0' || value === '1' ? Number(value) : null;
  };
  if (template) {
    flags.surveys_enabled = fromFile('surveys_enabled') ?? flags.surveys_enabled;
    flags.record_autonumbering_enabled =
      fromFile('record_autonumbering_enabled') ?? flags.record_autonumbering_enabled;
    if (template.longitudinal) flags.is_longitudinal = 1;
  }
  const text = (key: string): string => template?.attributes.get(key) ?? '';

  const projects = store.data.projects;
  const projectId = Math.max(0, ...projects.map((p) => p.info.project_id)) + 1;
  const token = newToken(projects);
  const known = projects.flatMap((p) => p.users).find((u) => u.username === username);
  const owner: ProjectUser = {
    username: username,
    email: known?.email ?? '',
    firstname: known?.firstname ?? '',
    lastname: known?.lastname ?? '',
    token,
    expiration: '',
    data_access_group: '',
    rights: fullRights(
      template ? template.instruments.map((i) => i.instrument_name) : [FIRST_INSTRUMENT],
    ),
    role: '',
  };
  const now = formatTimestamp(store.now());
  const project: ProjectData = {
    slug: `project-${projectId}`,
    info: {
      project_id: projectId,
      project_title: title,
      creation_time: now,
      production_time: '',
      in_production: 0,
      project_language: 'English',
      purpose: Number(purpose),
      // REDCap keeps purpose_other only where it means something (Other, Research).
      purpose_other: purpose === '1' || purpose === '2' ? purposeOther : '',
      project_notes: row.get('project_notes') ?? '',
      custom_record_label: text('custom_record_label'),
      secondary_unique_field: text('secondary_unique_field'),
      is_longitudinal: flags.is_longitudinal,
      has_repeating_instruments_or_events: (template?.repeating.length ?? 0) > 0 ? 1 : 0,
      surveys_enabled: flags.surveys_enabled,
      scheduling_enabled: fromFile('scheduling_enabled') ?? 0,
      record_autonumbering_enabled: flags.record_autonumbering_enabled,
      randomization_enabled: fromFile('randomization_enabled') ?? 0,
      ddp_enabled: 0,
      project_irb_number: '',
      project_grant_number: '',
      project_pi_firstname: '',
      project_pi_lastname: '',
      project_pi_email: '',
      display_today_now_button: fromFile('display_today_now_button') ?? 1,
      missing_data_codes: text('missing_data_codes'),
      external_modules: '',
      bypass_branching_erase_field_prompt: fromFile('bypass_branching_erase_field_prompt') ?? 0,
    },
    instruments: template?.instruments ?? [
      { instrument_name: FIRST_INSTRUMENT, instrument_label: 'My First Instrument' },
    ],
    metadata: template?.metadata ?? [recordIdRow()],
    repeating: template?.repeating ?? [],
    records: [],
    edocs: [],
    nextDocId: 1 + Math.max(300, ...projects.map((p) => p.nextDocId)),
    users: [owner],
    log: [],
    // DAG ids are unique on the server (REDCap's group_id), also for a later Import DAGs.
    nextDagId:
      1 +
      Math.max(
        0,
        ...projects.flatMap((p) => p.dags ?? []).map((d) => d.data_access_group_id),
        ...projects.map((p) => (p.nextDagId ?? 1) - 1),
      ),
  };
  if (flags.is_longitudinal === 1) {
    const eventId =
      1 +
      Math.max(
        0,
        ...projects.flatMap((p) => p.events ?? []).map((e) => e.event_id),
        ...projects.map((p) => (p.nextEventId ?? 1) - 1),
      );
    if (template?.longitudinal) {
      project.arms = template.arms;
      project.events = template.events.map((e, i) => ({ event_id: eventId + i, ...e }));
      project.formEvents = template.formEvents;
      project.nextEventId = eventId + template.events.length;
    } else {
      project.arms = [{ arm_num: 1, name: 'Arm 1' }];
      project.events = [
        {
          event_id: eventId,
          arm_num: 1,
          event_name: 'Event 1',
          unique_event_name: 'event_1_arm_1',
          custom_event_label: '',
        },
      ];
      // Every instrument on the one event.
      project.formEvents = project.instruments.map((i) => ({
        unique_event_name: 'event_1_arm_1',
        form: i.instrument_name,
      }));
      project.repeating = project.repeating.map((r) => ({ event_name: 'event_1_arm_1', ...r }));
      project.nextEventId = eventId + 1;
    }
  }
  if (template) fillFromOdm(project, template);
  projects.push(project);
  store.appendLog(project, {
    username,
    action: 'Manage/Design',
    details: `Create project ${apiTag}`,
    record: '',
  });
  return token;
}

/** DAGs, surveys, records and files of an `odm` into the new (not yet stored) project. */
function fillFromOdm(project: ProjectData, odm: ProjectTemplate): void {
  if (odm.dags.length > 0) {
    const firstId = project.nextDagId ?? 1;
    const taken = new Set<string>();
    project.dags = odm.dags.map((name, i) => {
      const unique = uniqueGroupName(name, taken);
      taken.add(unique);
      return {
        data_access_group_id: firstId + i,
        data_access_group_name: name,
        unique_group_name: unique,
      };
    });
    project.nextDagId = firstId + odm.dags.length;
  }
  if (odm.surveys.length > 0) {
    project.surveys = {
      surveys: odm.surveys.map((s) => ({ ...s })),
      queue: false,
      emailField: odm.surveyEmailField,
      responses: [],
    };
  }
  if (odm.rows.length > 0) {
    const options: ImportOptions = {
      overwrite: false,
      forceAutoNumber: false,
      dateFormat: 'YMD',
      apiTag: '(API)',
      log: () => undefined,
    };
    if (project.info.is_longitudinal === 1) importLongitudinalRows(project, odm.rows, options);
    else importRows(project, odm.rows, options);
    // Import Records gives a form with data the status Incomplete; a file keeps what it says
    // (a form whose FormData has no status stays without one, as in the exporting project).
    odm.rows.forEach((cells, i) => {
      const status = `${odm.rowForms[i]!}_complete`;
      if (cells.some(([name]) => name === status)) return;
      const slot = findSlot(project, cells);
      if (slot) delete slot.values[status];
    });
  }
  for (const [id, dag] of odm.recordDags) {
    const record = project.records.find((r) => r.id === id);
    if (!record) continue;
    if (!(project.dags ?? []).some((d) => d.unique_group_name === dag)) {
      throw badRequest(
        `The "odm" of Create Project is not a REDCap project XML file: the record "${id}" is in the unknown data access group "${dag}".`,
      );
    }
    record.dag = dag;
  }
  for (const file of odm.files) {
    const record = project.records.find((r) => r.id === file.record);
    if (!record) continue;
    let slot =
      file.event === null && file.instance === null
        ? mainSlot(record)
        : record.slots.find(
            (s) =>
              s.event === file.event &&
              s.repeatInstrument === file.repeatInstrument &&
              s.instance === file.instance,
          );
    if (!slot) {
      slot = {
        event: file.event,
        repeatInstrument: file.repeatInstrument,
        instance: file.instance,
        // Field names are data: no prototype.
        values: Object.create(null) as Record<string, string>,
        checked: Object.create(null) as Record<string, string[]>,
      };
      record.slots.push(slot);
    }
    const docId = project.nextDocId++;
    project.edocs.push({ doc_id: docId, name: file.name, mime: file.mime, bytes: file.bytes });
    slot.values[file.field] = String(docId);
  }
}

/** The stored slot an import row went to. */
function findSlot(project: ProjectData, cells: Cells): DataSlot | undefined {
  const cell = (name: string) => cells.find(([n]) => n === name)?.[1] ?? '';
  const record = project.records.find((r) => r.id === cells[0]![1]);
  if (!record) return undefined;
  const event = cell('redcap_event_name') || null;
  const instrument = cell('redcap_repeat_instrument') || null;
  const instance =
    cell('redcap_repeat_instance') === '' ? null : Number(cell('redcap_repeat_instance'));
  return record.slots.find(
    (s) =>
      (s.event ?? null) === event &&
      s.repeatInstrument === instrument &&
      (s.instance ?? null) === instance,
  );
}
