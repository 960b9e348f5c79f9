import { createQuery, type QueryClient } from '@tanstack/svelte-query';
import {
  listChoices,
  MODEL_SOURCES,
  modelChoices,
  repositoryChoices,
  type Choice,
  type ChoiceSource,
  type RepositoryListing,
} from '../../lib/project/choices.ts';
import {
  loadProjectModel,
  type JsonCall,
  type ProjectModel,
  type ProjectPart,
} from '../../lib/project/model.ts';
import { appClient, type AppContext } from './context.ts';
import type { ConnectionState } from './connection.svelte.ts';

/**
 * Identifies the project behind the connection, without the token: queries keyed by it refetch
 * when the user picks another mock project or connects elsewhere. Null while nothing can answer.
 */
export function projectKey(connection: ConnectionState): readonly string[] | null {
  if (connection.mode === 'mock') {
    return connection.status === 'ready' ? ['project', 'mock', connection.choice?.key ?? ''] : null;
  }
  const project = connection.live.project;
  if (connection.live.status !== 'connected' || !project || project.id === null) return null;
  return ['project', 'live', connection.live.apiUrl, project.id];
}

/**
 * The connected project's structure (dictionary, instruments, events…), cached per project.
 * Read only once something `wanted` it (a picker opened, a preview shown): in live mode every
 * read is a call to the real server, so loading the page sends nothing. What was read stays
 * readable by every query of the same key, wanted or not.
 */
export function createProjectQuery(context: AppContext, wanted: () => boolean = () => true) {
  const call = appClient(context).json;
  return createQuery(() => {
    const key = projectKey(context.connection);
    return {
      queryKey: key ?? ['project', 'none'],
      queryFn: ({ signal }) => loadProjectModel(call, signal),
      enabled: key !== null && wanted(),
      staleTime: Infinity,
    };
  });
}

/** The model now, from the cache or read once (a button that needs it, not a query's render). */
export function fetchProjectModel(context: AppContext, client: QueryClient): Promise<ProjectModel> {
  const key = projectKey(context.connection);
  const call = appClient(context).json;
  return client.fetchQuery({
    queryKey: key ?? ['project', 'none'],
    // No abort signal: a query that used it is cancelled when its observers resubscribe,
    // which a click's read must survive.
    queryFn: () => loadProjectModel(call),
    staleTime: Infinity,
  });
}

/** A picker's list: the choices, or why there are none (then free entry is all there is). */
export interface ChoiceList {
  readonly choices: readonly Choice[];
  readonly why: string | null;
}

const REPORTS_WHY =
  'REDCap has no API method that lists reports: type the Report ID shown on the project’s Reports page.';

/** Which part of the model a model source needs, and what to say in a classic project. */
const MODEL_PART: Partial<Record<ChoiceSource, ProjectPart>> = {
  fields: 'metadata',
  'dictionary-fields': 'metadata',
  'file-fields': 'metadata',
  forms: 'instruments',
  arms: 'arms',
  events: 'events',
};

/** The choices of a model source, or why there are none. */
export function fromModel(
  model: ProjectModel,
  source: ChoiceSource,
  values: Parameters<typeof modelChoices>[2] = {},
): ChoiceList {
  const part = MODEL_PART[source];
  // Without Project Info, whether the project is longitudinal is unknown too.
  const infoMissing = source === 'arms' || source === 'events' ? model.missing.info : undefined;
  const missing = infoMissing ?? (part ? model.missing[part] : undefined);
  if (missing) return { choices: [], why: `Could not read them: ${missing}` };
  if ((source === 'arms' || source === 'events') && !model.longitudinal)
    return { choices: [], why: 'This project is not longitudinal: it has no arms or events.' };
  return { choices: modelChoices(model, source, values), why: null };
}

const FOLDER_LIMIT = 25;

/** The File Repository, folder by folder from the top (at most 25 folders read). */
async function readRepository(
  call: JsonCall,
  signal: AbortSignal,
): Promise<ChoiceList | RepositoryListing[]> {
  const listings: RepositoryListing[] = [];
  const queue: { id: string; path: string }[] = [{ id: '', path: 'Top level' }];
  while (queue.length > 0 && listings.length < FOLDER_LIMIT) {
    const { id, path } = queue.shift()!;
    const answer = await call(
      'exp_list_file_repo',
      { format: 'json', ...(id && { folder_id: id }) },
      signal,
    );
    if (!answer.ok) {
      if (listings.length === 0) return { choices: [], why: `Could not list them: ${answer.why}` };
      continue;
    }
    listings.push({ path, json: answer.value });
    for (const folder of repositoryChoices('folders', [{ path, json: answer.value }]))
      queue.push({
        id: folder.value,
        path: `${path === 'Top level' ? '' : `${path} / `}${folder.label}`,
      });
  }
  return listings;
}

/** Reads one list that is not part of the model: records, DAGs, users, roles, repository. */
async function readList(
  call: JsonCall,
  source: ChoiceSource,
  model: ProjectModel | undefined,
  signal: AbortSignal,
): Promise<ChoiceList> {
  if (source === 'reports') return { choices: [], why: REPORTS_WHY };
  if (source === 'folders' || source === 'files') {
    const read = await readRepository(call, signal);
    return Array.isArray(read) ? { choices: repositoryChoices(source, read), why: null } : read;
  }
  const idField = model?.recordIdField ?? '';
  const request: Partial<Record<ChoiceSource, [string, Record<string, string | string[]>]>> = {
    // Only the record id field: the smallest export that names every record (and event row).
    records: ['exp_records', { fields: [idField] }],
    dags: ['exp_dags', {}],
    users: ['exp_users', {}],
    roles: ['exp_user_roles', {}],
  };
  const [methodId, values] = request[source] ?? ['', {}];
  const answer = await call(methodId, { format: 'json', ...values }, signal);
  if (!answer.ok) return { choices: [], why: `Could not list them: ${answer.why}` };
  return { choices: listChoices(source, answer.value, idField), why: null };
}

/**
 * A list of its own, for the sources the model does not hold, keyed by the project: records
 * (which need the record id field, so they wait for the model), DAGs, users, roles, the File
 * Repository; reports answer at once that REDCap cannot list them.
 */
export function createListQuery(
  context: AppContext,
  source: () => ChoiceSource,
  wanted: () => boolean,
  model: () => ProjectModel | undefined,
) {
  const call = appClient(context).json;
  return createQuery(() => {
    const key = projectKey(context.connection);
    const s = source();
    const own = !MODEL_SOURCES.has(s);
    const ready = s !== 'records' || model() !== undefined;
    return {
      queryKey: [...(key ?? ['project', 'none']), 'list', s],
      queryFn: ({ signal }) => readList(call, s, model(), signal),
      enabled: key !== null && own && ready && wanted(),
      staleTime: Infinity,
    };
  });
}

/** After a write that may change structure or records: read everything again when next needed. */
export function invalidateProject(client: QueryClient): Promise<void> {
  return client.invalidateQueries({ queryKey: ['project'] });
}
