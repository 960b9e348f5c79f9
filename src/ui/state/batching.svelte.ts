import { getContext, setContext } from 'svelte';

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
