import { createQuery, type QueryClient } from '@tanstack/svelte-query';
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

/** After a write that may change structure or records: read everything again when next needed. */
export function invalidateProject(client: QueryClient): Promise<void> {
  return client.invalidateQueries({ queryKey: ['project'] });
}
