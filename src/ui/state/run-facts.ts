import { statusText, type CallResult } from '../../lib/execute/call-result.ts';
import { requestKey } from '../../lib/form/request-key.ts';
import { getMethod } from '../../lib/methods/index.ts';
import { buildRedcapRequest, redactToken, type RedcapRequest } from '../../lib/redcap/request.ts';
import type { ConnectionState } from './connection.svelte.ts';
import type { HistoryEntry } from './history.svelte.ts';
import type { PlaygroundState } from './playground.svelte.ts';
import type { PendingWrite } from './write-guard.svelte.ts';

/*
 * What ExecutionState says about a run, as pure functions of where requests go now: its key,
 * its words, its History entry, and the preview. No token ever reaches any of them.
 */

type Where = Pick<ConnectionState, 'mode' | 'live' | 'choice' | 'wrongToken' | 'dataVersion'>;

/** A request as a key, sent to where requests go now: an answer to another key is an earlier request's. */
export function runKey(
  connection: Where,
  request: Pick<PendingWrite, 'methodId' | 'values'>,
): string {
  return requestKey(request.methodId, request.values, {
    mode: connection.mode,
    where:
      connection.mode === 'live'
        ? connection.live.apiUrl
        : `${connection.choice?.key ?? ''}${connection.wrongToken ? ' (wrong token)' : ''}`,
    dataVersion: connection.dataVersion,
  });
}

/** "Export Records on Test project · tester, sent at 10:04:05": what an earlier answer was. */
export function describeRun(
  connection: Where,
  request: Pick<PendingWrite, 'methodId'>,
  at: Date,
): string {
  const to =
    connection.mode === 'live'
      ? connection.live.apiUrl
      : connection.choice
        ? `${connection.choice.project.title} · ${connection.choice.user.username}`
        : 'the mock';
  return `${getMethod(request.methodId).label} on ${to}, sent at ${at.toLocaleTimeString('en-GB')}`;
}

/** The History entry of a settled run: its answer's status, or why none came. */
export function historyEntry(
  connection: Where,
  request: PendingWrite,
  data: CallResult | undefined,
  error: Error | null,
  at: Date,
): Omit<HistoryEntry, 'id'> {
  const status = data?.parsed.status ?? null;
  return {
    at,
    methodId: request.methodId,
    values: request.values,
    mode: connection.mode,
    apiUrl: connection.mode === 'live' ? connection.live.apiUrl : '',
    status,
    outcome:
      status !== null
        ? `HTTP ${status} ${statusText(status)}`.trim()
        : error?.name === 'AbortError'
          ? 'Cancelled'
          : 'No answer',
    timeMs: data?.timeMs ?? null,
  };
}

/** The request on screen as Execute would send it, without the token (preview, snippets). */
export function previewOf(
  playground: Pick<PlaygroundState, 'method' | 'validation'>,
  connection: Pick<ConnectionState, 'apiUrl'>,
): RedcapRequest | null {
  if (!playground.validation.ok) return null;
  const connected = { apiUrl: connection.apiUrl, token: '' };
  return redactToken(
    buildRedcapRequest(playground.method, playground.validation.params, connected),
  );
}
