import { getContext, setContext } from 'svelte';
import { BatchingState, setBatching } from './batching.svelte.ts';
import { setAppContext, type AppContext } from './context.ts';
import { ExecutionState, type ExecutionHooks } from './execution.svelte.ts';
import { syncWithUrl } from './url-sync.svelte.ts';

const KEY = Symbol('execution');

/**
 * Everything the page shares, set up once while Playground initialises: the app context, the
 * batching suggestion for big exports (read by the snippet), the address kept in step with the
 * form, and Execute's controller, which the page's panels read with getExecution().
 */
export function setUpPage(context: AppContext, hooks: ExecutionHooks = {}): ExecutionState {
  const { playground, connection } = setAppContext(context);
  setBatching(new BatchingState());
  syncWithUrl(playground, connection);
  return setContext(KEY, new ExecutionState(context, hooks));
}

/** Execute's controller of the page: render inside Playground (or set it up in a test). */
export function getExecution(): ExecutionState {
  const run = getContext<ExecutionState | undefined>(KEY);
  if (!run) throw new Error('ExecutionState is missing: render inside <Playground>');
  return run;
}
