import { createQuery, useQueryClient, type QueryClient } from '@tanstack/svelte-query';
import { loadProjectModel, type ProjectModel } from '../../lib/project/model.ts';
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
 * The connected project's structure (dictionary, instruments, events…) as a component sees it,
 * cached per project in the page's query client. Read only once something `wanted` it (a picker
 * opened, a preview shown): in live mode every read is a call to the real server, so loading
 * the page sends nothing. What was read stays readable by every ProjectState of the same
 * project, wanted or not. Created in a component (the query needs the page's query client).
 */
export class ProjectState {
  /** The project the connection points at now; null while nothing can answer. */
  readonly key = $derived.by(() => projectKey(this.#context.connection));
  readonly #query;
  /** The model, once read. */
  readonly model: ProjectModel | undefined = $derived.by(() => this.#query.data);
  /** Why it could not be read; null otherwise. */
  readonly error: Error | null = $derived.by(() => this.#query.error ?? null);
  /** A read is under way (the first one, or a new one after a write). */
  readonly fetching: boolean = $derived.by(() => this.#query.isFetching);
  /** Being read, with nothing to show yet. */
  readonly loading: boolean = $derived(this.fetching && this.model === undefined);
  readonly #context: AppContext;
  readonly #client: QueryClient;

  constructor(context: AppContext, wanted: () => boolean = () => true) {
    this.#context = context;
    this.#client = useQueryClient();
    const call = appClient(context).json;
    this.#query = createQuery(() => ({
      queryKey: this.key ?? ['project', 'none'],
      queryFn: ({ signal }) => loadProjectModel(call, signal),
      enabled: this.key !== null && wanted(),
      staleTime: Infinity,
    }));
  }

  /** The model now, from the cache or read once (a button that needs it, not a query's render). */
  load(): Promise<ProjectModel> {
    const call = appClient(this.#context).json;
    return this.#client.fetchQuery({
      queryKey: projectKey(this.#context.connection) ?? ['project', 'none'],
      // No abort signal: a query that used it is cancelled when its observers resubscribe,
      // which a click's read must survive.
      queryFn: () => loadProjectModel(call),
      staleTime: Infinity,
    });
  }
}

/** After a write that may change structure or records: read everything again when next needed. */
export function invalidateProject(client: QueryClient): Promise<void> {
  return client.invalidateQueries({ queryKey: ['project'] });
}
