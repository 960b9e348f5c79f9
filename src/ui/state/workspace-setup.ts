import { getContext, setContext } from 'svelte';
import { checkData } from '../../lib/methods/check-data.ts';
import { BatchingState, setBatching } from './batching.svelte.ts';
import type { AppContext } from './context.ts';
import { ExecutionState, type ExecutionHooks } from './execution.svelte.ts';

const KEY = Symbol('execution');

/**
 * What the workspace shares, set up once while Workspace initialises (it loads after the
 * method list): the form's reader of `data` (CSV, JSON, XML), the batching suggestion for big exports (read by the snippet) and Execute's
 * controller, which the workspace's panels read with getExecution().
 */
export function setUpWorkspace(context: AppContext, hooks: ExecutionHooks = {}): ExecutionState {
  // The form reads `data` in its format from now on (the entry does not carry the readers).
  context.playground.useDataCheck(checkData);
  setBatching(new BatchingState());
  return setContext(KEY, new ExecutionState(context, hooks));
}

/** Execute's controller of the page: render inside Workspace (or set it up in a test). */
export function getExecution(): ExecutionState {
  const run = getContext<ExecutionState | undefined>(KEY);
  if (!run) throw new Error('ExecutionState is missing: render inside <Workspace>');
  return run;
}
