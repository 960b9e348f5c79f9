import { createQuery } from '@tanstack/svelte-query';
import { getContext, setContext } from 'svelte';
import { distinctRecordIds } from '../../lib/execute/batching.ts';
import type { AppContext } from './context.ts';
import { makeJsonCall, projectKey } from './project.svelte.ts';

/**
 * The batching suggestion for big exports, shared with the code snippet: while the Export
 * Records call in the form is likely huge, `batchSize` holds the suggested number of record ids
 * per call (the snippet can loop over batches of that size); null otherwise.
 */
export class BatchingState {
  batchSize = $state<number | null>(null);
}

const KEY = Symbol('batching');

export function setBatching(state: BatchingState): BatchingState {
  return setContext(KEY, state);
}

/** Undefined outside the Playground (e.g. a panel rendered alone in a test). */
export function getBatching(): BatchingState | undefined {
  return getContext<BatchingState | undefined>(KEY);
}

/**
 * Every record id of the connected project, from the cheapest call that gives them: Export
 * Records of the record id field alone. Cached per project; only while `recordIdField()` names
 * the field (the project's structure is known) and `enabled()`.
 */
export function createRecordIdsQuery(
  context: AppContext,
  enabled: () => boolean,
  recordIdField: () => string | null,
) {
  const call = makeJsonCall(context);
  return createQuery(() => {
    const key = projectKey(context.connection);
    const field = recordIdField();
    return {
      queryKey: [...(key ?? ['project', 'none']), 'record-ids', field ?? ''],
      queryFn: async ({ signal }) => {
        const answer = await call(
          'exp_records',
          { format: 'json', type: 'flat', fields: field! },
          signal,
        );
        if (!answer.ok) throw new Error(answer.why);
        return distinctRecordIds(answer.json, field!);
      },
      enabled: key !== null && field !== null && enabled(),
      staleTime: 5 * 60 * 1000,
      retry: false,
    };
  });
}
