import {
  childElements,
  readXml,
  textOf,
  XmlError,
  type XmlElement,
} from '../../src/lib/xml/xml.ts';
import { classicDemoOtherUsers, classicDemoRoles } from '../fixtures/classic-demo-access.ts';
import { readOdmProject } from '../odm/read.ts';
import { createProject, type ProjectTemplate } from '../store/create-project.ts';
import { ApiError } from '../store/errors.ts';
import { importLongitudinalRows } from '../store/import-longitudinal.ts';
import { importRows, type ImportOptions } from '../store/import.ts';
import type { MockStore } from '../store/store.ts';
import type { Dag, ProjectData } from '../store/types.ts';
import { ProjectFileError, readDictionaryCsv, type DictionaryFile } from './dictionary-file.ts';
import { fakeRecords } from './fake-records.ts';
import { tooLarge } from './limits.ts';

/**
 * "Load your project…" and `mock:server --project`: a data dictionary CSV or a project XML
 * file becomes a new mock project, built with the store's own operations (Create Project from
 * a template, Import Records for the records), with alice (full rights) and the demo's other
 * users (bob export only, carol no export, dave in a DAG, erin expired) on fixed tokens. The
 * project is added whole or not at all: any problem removes what was begun.
 */

export { MAX_PROJECT_FILE_BYTES } from './limits.ts';
export const DEFAULT_FAKE_RECORDS = 50;
export const MAX_FAKE_RECORDS = 100_000;

export interface ProjectFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface ProjectFileSummary {
  readonly kind: 'dictionary' | 'project-xml';
  readonly title: string;
  readonly fields: number;
  readonly forms: number;
  /** Records the file brings (a project XML with data); 0 = the mock makes fake ones. */
  readonly records: number;
  readonly longitudinal: boolean;
}

export interface LoadOptions {
  /** Fake records to make when the file has none ({@link DEFAULT_FAKE_RECORDS} if absent). */
  readonly records?: number;
  readonly seed?: string | number;
  readonly onProgress?: (progress: LoadProgress) => void;
}

export interface LoadProgress {
  readonly phase: 'reading' | 'generating' | 'importing';
  readonly done: number;
  readonly total: number;
}

export interface LoadedProject extends ProjectFileSummary {
  readonly slug: string;
  /** The new project's users and their (public, fixed) tokens, alice first. */
  readonly users: readonly { readonly username: string; readonly token: string }[];
  /** Whether the records were made here (the file had none). */
  readonly fake: boolean;
}

interface ReadFile {
  readonly summary: ProjectFileSummary;
  readonly template: ProjectTemplate;
  readonly dictionary: DictionaryFile | null;
  readonly settings: [string, string][];
}

const one = (message: string) => new ProjectFileError([{ line: 0, column: 0, message }]);

/** The text of a file, or why it is not one the mock reads (size, binary, encoding). */
function fileText(file: ProjectFile): string {
  const large = tooLarge(file.name, file.bytes.byteLength);
  if (large) throw one(large);
  if (file.bytes.byteLength === 0) throw one(`The file "${file.name}" is empty.`);
  if (file.bytes.includes(0)) {
    throw one(
      `The file "${file.name}" is not text (it holds binary bytes): load a data dictionary (.csv) or a project XML file (.xml).`,
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(file.bytes).replace(/^\ufeff/, '');
  } catch {
    // REDCap writes UTF-8; a spreadsheet may have saved it as Windows-1252.
    return new TextDecoder('windows-1252').decode(file.bytes);
  }
}

/** `Clinic_Visits_DataDictionary_2024-05-01.csv` → `Clinic Visits`. */
function titleFromName(name: string): string {
  const base = name
    .replace(/^.*[\\/]/, '')
    .replace(/\.[^.]*$/, '')
    .replace(/_DataDictionary(_\d{4}-\d{2}-\d{2})?$/i, '')
    .replace(/_/g, ' ')
    .trim();
  return base === '' ? 'My project' : base;
}

const labelOf = (form: string) => form.replace(/_/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase());

function fromDictionary(file: ProjectFile, text: string): ReadFile {
  const dictionary = readDictionaryCsv(text);
  const forms = [...new Set(dictionary.rows.map((r) => r.form_name))];
  const template: ProjectTemplate = {
    instruments: forms.map((f) => ({ instrument_name: f, instrument_label: labelOf(f) })),
    metadata: dictionary.rows,
    repeating: [],
    attributes: new Map(),
    longitudinal: false,
    arms: [],
    events: [],
    formEvents: [],
    dags: [],
    surveys: [],
    surveyEmailField: '',
    rows: [],
    rowForms: [],
    recordDags: new Map(),
    files: [],
  };
  const title = titleFromName(file.name);
  return {
    summary: {
      kind: 'dictionary',
      title,
      fields: dictionary.rows.length,
      forms: forms.length,
      records: 0,
      longitudinal: false,
    },
    template,
    dictionary,
    settings: [
      ['project_title', title],
      ['purpose', '0'],
    ],
  };
}

/** `ODM > Study > GlobalVariables > StudyName`'s text, entities decoded by the XML reader. */
function studyNameOf(root: XmlElement): string | undefined {
  let element: XmlElement | undefined = root;
  for (const name of ['Study', 'GlobalVariables', 'StudyName']) {
    element = element && childElements(element, name)[0];
  }
  return element && textOf(element);
}

function fromProjectXml(file: ProjectFile, text: string): ReadFile {
  let root: XmlElement;
  try {
    root = readXml(text);
  } catch (error) {
    if (error instanceof XmlError) {
      const detail = error.message.replace(/ \(line \d+, column \d+\)$/, '');
      throw new ProjectFileError([
        { line: error.line, column: error.column, message: `not well-formed XML: ${detail}` },
      ]);
    }
    throw error;
  }
  let template: ProjectTemplate;
  try {
    template = readOdmProject(text);
  } catch (error) {
    if (error instanceof ApiError) {
      throw one(
        error.message.replace('The "odm" of Create Project is not', `"${file.name}" is not`),
      );
    }
    throw error;
  }
  const title = studyNameOf(root)?.trim() || titleFromName(file.name);
  const purpose = template.attributes.get('purpose') ?? '0';
  const settings: [string, string][] = [
    ['project_title', title],
    ['purpose', /^[0-4]$/.test(purpose) ? purpose : '0'],
    ['purpose_other', template.attributes.get('purpose_other') ?? ''],
    ['project_notes', template.attributes.get('project_notes') ?? ''],
  ];
  if (/^[12]$/.test(purpose) && (template.attributes.get('purpose_other') ?? '') === '') {
    settings[1] = ['purpose', '0'];
  }
  return {
    summary: {
      kind: 'project-xml',
      title,
      fields: template.metadata.length,
      forms: template.instruments.length,
      records: new Set(template.rows.map((r) => r[0]?.[1])).size,
      longitudinal: template.longitudinal,
    },
    template,
    dictionary: null,
    settings,
  };
}

/** Reads a file without loading it: what it holds, or a {@link ProjectFileError}. */
export function readProjectFile(file: ProjectFile): ReadFile {
  const text = fileText(file);
  const start = text.trimStart();
  const looksXml = start.startsWith('<') || /\.xml$/i.test(file.name);
  if (start.startsWith('{') || start.startsWith('[')) {
    throw one(
      `"${file.name}" is JSON: load a data dictionary (.csv, Project Setup → Data Dictionary → Download) or a project XML file (.xml, Other Functionality → Export entire project).`,
    );
  }
  if (looksXml) return fromProjectXml(file, text);
  return fromDictionary(file, text);
}

export function inspectProjectFile(file: ProjectFile): ProjectFileSummary {
  return readProjectFile(file).summary;
}

/**
 * Tokens of a loaded project: fixed per user and per loaded project (the first loaded is 1, the
 * next 2, …), so scripts and CI can rely on them: the first `--project` gives alice
 * `A11CED1C700000000000000000000001`.
 */
const TOKEN_PREFIX: ReadonlyMap<string, string> = new Map([
  ['alice', 'A11CE'],
  ['bob', 'B0B5'],
  ['carol', 'CA401'],
  ['dave', 'DA7E'],
  ['erin', 'E41B'],
]);

export function loadedProjectToken(username: string, ordinal: number): string {
  const prefix = `${TOKEN_PREFIX.get(username) ?? 'F00D'}D1C7`;
  return `${prefix}${String(ordinal).padStart(32 - prefix.length, '0')}`;
}

/** Which loaded project this is in `store`: one more than those loaded before. */
function loadedOrdinal(store: MockStore): number {
  const marker = loadedProjectToken('alice', 0).slice(0, 9);
  return 1 + store.data.projects.filter((p) => p.users[0]?.token.startsWith(marker)).length;
}

const DEMO_DAGS = ['Site A', 'Site B', 'Site C'];

/**
 * The demo's other users and roles on the new project. A dictionary has no DAGs: the demo's
 * three are added, and dave is in the first. A project XML keeps its own DAGs (what it exports
 * is what was loaded); without any, dave (the DAG user) is left out.
 */
function addDemoAccess(project: ProjectData, addDags: boolean, ordinal: number): void {
  const forms = project.instruments.map((i) => i.instrument_name);
  if ((project.dags ?? []).length === 0 && addDags) {
    const first = project.nextDagId ?? 1;
    project.dags = DEMO_DAGS.map((name, i): Dag => ({
      data_access_group_id: first + i,
      data_access_group_name: name,
      unique_group_name: name.toLowerCase().replace(' ', '_'),
    }));
    project.nextDagId = first + DEMO_DAGS.length;
  }
  const dags = (project.dags ?? []).map((d) => d.unique_group_name);
  project.roles = classicDemoRoles(forms);
  const others = classicDemoOtherUsers(forms).flatMap((user) => {
    if (user.username !== 'dave') return [user];
    if (dags.length === 0) return [];
    return [{ ...user, data_access_group: dags[0]!, dag_switch: dags.slice(0, 2) }];
  });
  project.users.push(...others);
  const alice = project.users[0]!;
  alice.username = 'alice';
  alice.email = 'alice@example.org';
  alice.firstname = 'Alice';
  alice.lastname = 'Example';
  if (dags.length > 0) alice.dag_switch = ['', ...dags];
  for (const user of project.users) {
    user.token = loadedProjectToken(user.username, ordinal);
  }
}

/**
 * Loads a file as a new project of `store` (and of its seed, so a reset keeps it): checks it,
 * creates the project, adds the demo users and, when the file has no records, `records` fake
 * ones. Throws a {@link ProjectFileError} (or an ApiError from Import Records) and leaves the
 * store as it was.
 */
export function loadProjectFile(
  store: MockStore,
  file: ProjectFile,
  options: LoadOptions = {},
): LoadedProject {
  const progress = options.onProgress ?? (() => {});
  progress({ phase: 'reading', done: 0, total: 1 });
  const read = readProjectFile(file);
  const wanted = options.records ?? DEFAULT_FAKE_RECORDS;
  if (!Number.isInteger(wanted) || wanted < 0 || wanted > MAX_FAKE_RECORDS) {
    throw one(`The number of records must be a whole number from 0 to ${MAX_FAKE_RECORDS}.`);
  }
  const before = store.data.projects.length;
  const ordinal = loadedOrdinal(store);
  try {
    createProject(store, 'alice', read.settings, read.template, '(API)');
    const project = store.data.projects[store.data.projects.length - 1]!;
    addDemoAccess(project, read.summary.kind === 'dictionary', ordinal);
    const fake = read.summary.records === 0 && wanted > 0;
    if (fake) {
      const made = fakeRecords(project, {
        records: wanted,
        seed: options.seed ?? 1,
        onProgress: (done, total) => progress({ phase: 'generating', done, total }),
      });
      progress({ phase: 'importing', done: 0, total: made.rows.length });
      const importOptions: ImportOptions = {
        overwrite: false,
        forceAutoNumber: false,
        dateFormat: 'YMD',
        apiTag: '(API)',
        log: () => undefined,
      };
      if (project.info.is_longitudinal === 1) {
        importLongitudinalRows(project, made.rows, importOptions);
      } else importRows(project, made.rows, importOptions);
      for (const record of project.records) record.dag = made.dags.get(record.id) ?? '';
      progress({ phase: 'importing', done: made.rows.length, total: made.rows.length });
    }
    store.adopt(project);
    return {
      ...read.summary,
      records: project.records.length,
      slug: project.slug,
      users: project.users.map((u) => ({ username: u.username, token: u.token })),
      fake,
    };
  } catch (error) {
    store.data.projects.splice(before);
    if (error instanceof ApiError) {
      throw one(`The project could not be built: ${error.message}`);
    }
    throw error;
  }
}
