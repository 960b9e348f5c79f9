import { createQuery } from '@tanstack/svelte-query';
import { getMethod, isMethodId } from '../../lib/methods/index.ts';
import { loadProjectModel, type JsonCall } from '../../lib/project/model.ts';
import { buildRedcapRequest } from '../../lib/redcap/request.ts';
import { parseResponse } from '../../lib/redcap/response.ts';
import type { AppContext } from './context.ts';
import type { ConnectionState } from './connection.svelte.ts';

/**
 * Calls a read method with the current connection and answers parsed JSON, or why it could not
 * (in words safe to show: never the request, which holds the token).
 */
export function makeJsonCall({ connection, transport }: AppContext): JsonCall {
  return async (methodId, values, signal) => {
    if (!isMethodId(methodId)) return { ok: false, why: `Unknown method ${methodId}.` };
    try {
      const target = await connection.connect(methodId);
      const request = buildRedcapRequest(getMethod(methodId), values, target);
      const parsed = parseResponse(await transport.send(request, signal));
      if (!parsed.ok || parsed.text === null) {
        return {
          ok: false,
          why: parsed.error
            ? `REDCap answered ${parsed.status}: ${parsed.error}`
            : `REDCap answered ${parsed.status}.`,
        };
      }
      return { ok: true, json: JSON.parse(parsed.text) as unknown };
    } catch (error) {
      return { ok: false, why: error instanceof Error ? error.message : String(error) };
    }
  };
}

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

/** The connected project's structure (dictionary, instruments, events…), cached per project. */
export function createProjectQuery(context: AppContext) {
  const call = makeJsonCall(context);
  return createQuery(() => {
    const key = projectKey(context.connection);
    return {
      queryKey: key ?? ['project', 'none'],
      queryFn: ({ signal }) => loadProjectModel(call, signal),
      enabled: key !== null,
      staleTime: Infinity,
    };
  });
}
