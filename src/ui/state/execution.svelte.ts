import { createMutation, useQueryClient, type QueryClient } from '@tanstack/svelte-query';
import type { CallResult } from '../../lib/execute/call-result.ts';
import { createRedcapClient } from '../../lib/execute/client.ts';
import type { SendOptions } from '../../lib/execute/transport.ts';
import { getMethod } from '../../lib/methods/index.ts';
import type { AppContext } from './context.ts';
import { HistoryState, type HistoryEntry } from './history.svelte.ts';
import type { FormValues } from './playground.svelte.ts';
import { invalidateProject } from './project.svelte.ts';
import { ResponseStream } from './response-stream.svelte.ts';
import { describeRun, historyEntry, previewOf, runKey } from './run-facts.ts';
import { workshopOf } from './workshop.svelte.ts';
import { WriteGuardState, type PendingWrite } from './write-guard.svelte.ts';

/** One Execute: the request, its cancel signal, and the progress and body sink of its answer. */
export interface RunVariables extends PendingWrite {
  readonly signal: AbortSignal;
  readonly options: SendOptions;
}

/** What the page does around a run that only the page can do (focus, scroll). */
export interface ExecutionHooks {
  /** The form was invalid: nothing was sent. */
  readonly onInvalid?: () => void;
  /** A request went out. */
  readonly onSent?: () => void;
}

/**
 * Execute's controller: sends the request on screen through the one client, keeps its answer
 * (a mutation), cancels it, records it in History, guards live writes, and streams the body.
 * Created in a component (the mutation needs the query client of the page), or in an effect root
 * with a query client of its own.
 */
export class ExecutionState {
  readonly history = new HistoryState();
  readonly stream: ResponseStream;
  readonly guard: WriteGuardState;
  readonly mutation;
  /** Which request the shown answer (or failure) belongs to. */
  answered = $state<{ readonly key: string; readonly label: string } | null>(null);
  readonly #context: AppContext;
  readonly #hooks: ExecutionHooks;
  #controller: AbortController | null = null;
  #sending: RunVariables | null = null;

  /** The request on screen, as a key: an answer to another key is an earlier request's. */
  readonly onScreen = $derived(
    this.keyOf({ methodId: this.#playground.methodId, values: this.#playground.values }),
  );
  /** Set when the answer shown is an earlier request's: what that request was. */
  readonly earlier = $derived(
    this.answered && this.answered.key !== this.onScreen ? this.answered.label : null,
  );
  /** The request on screen as Execute would send it, without the token (preview, snippets). */
  readonly preview = $derived.by(() => previewOf(this.#playground, this.#context.connection));

  /** `queryClient`: the page's (from the component tree) unless given, as in unit tests. */
  constructor(
    context: AppContext,
    hooks: ExecutionHooks = {},
    queryClient: QueryClient = useQueryClient(),
  ) {
    this.#context = context;
    this.#hooks = hooks;
    const { connection, transport } = context;
    this.stream = new ResponseStream(context.spawnTableWorker);
    this.guard = new WriteGuardState(connection, transport);
    const client = createRedcapClient({
      transport,
      connect: async (id) => {
        const connected = await connection.connect(id);
        // Only now is it known where the request goes (the mock may have been starting).
        const sending = this.#sending;
        if (sending) this.answered = { key: this.keyOf(sending), label: this.#describe(sending) };
        return connected;
      },
    });
    this.mutation = createMutation<CallResult, Error, RunVariables>(
      () => ({
        mutationFn: (variables) => {
          this.#sending = variables;
          return client.send(variables.methodId, variables.values, {
            signal: variables.signal,
            ...variables.options,
          });
        },
        // A write that worked may have changed what pickers and previews know of the project.
        onSuccess: (result) => {
          if (result.parsed.ok && getMethod(result.methodId).destructive)
            void invalidateProject(queryClient);
        },
        onSettled: (data, error, variables) => this.#record(data, error, variables),
      }),
      () => queryClient,
    );
  }

  /** Whether running the method on screen needs unlock and confirmation. */
  get guarded(): boolean {
    return this.guard.guards(this.#playground.methodId);
  }

  get #playground() {
    return this.#context.playground;
  }

  /** A request as a key, sent to where requests go now. */
  keyOf(request: Pick<PendingWrite, 'methodId' | 'values'>): string {
    return runKey(this.#context.connection, request);
  }

  #describe(write: Pick<PendingWrite, 'methodId'>): string {
    // A moment, not state: nothing reads it reactively.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    return describeRun(this.#context.connection, write, new Date());
  }

  #record(data: CallResult | undefined, error: Error | null, variables: RunVariables): void {
    const { methodId, values } = variables;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a moment, never changed
    const at = new Date();
    this.history.add(historyEntry(this.#context.connection, { methodId, values }, data, error, at));
    // An open lesson checks what the learner did (workshop mode, issue #23).
    workshopOf(this.#context.playground).recordCall(methodId, values, data, error);
  }

  /** Nothing of an earlier request stays on screen as if it answered this one. */
  clearAnswer(): void {
    this.mutation.reset();
    this.stream.clear();
    this.answered = null;
  }

  /** Runs the request on screen: after confirmation if it is a guarded write. */
  execute(): void {
    const { playground } = this.#context;
    if (this.mutation.isPending || this.guard.pending) return;
    if (!playground.revealErrors()) {
      // Nothing is sent, so no earlier answer may stay beside the error.
      this.clearAnswer();
      this.#hooks.onInvalid?.();
      return;
    }
    const write: PendingWrite = {
      methodId: playground.methodId,
      values: $state.snapshot(playground.values),
    };
    if (!this.guarded) return this.#send(write);
    // A locked guard asks nothing (the Execute button is disabled then too).
    this.guard.ask(write, (confirmed) => this.#send(confirmed));
  }

  #send(write: PendingWrite): void {
    this.answered = null;
    this.#controller = new AbortController();
    this.mutation.mutate({
      ...write,
      signal: this.#controller.signal,
      options: this.stream.begin(),
    });
    this.#hooks.onSent?.();
  }

  cancel(): void {
    this.#controller?.abort(new DOMException('The request was cancelled.', 'AbortError'));
    this.stream.clear();
  }

  /** Puts a past request back into the form, `data` and files included (History keeps them). */
  restore(entry: HistoryEntry): void {
    const { playground } = this.#context;
    playground.restore({ methodId: entry.methodId, values: { ...entry.values } as FormValues });
    for (const field of playground.fields) {
      const value = entry.values[field.name];
      if ((field.type === 'data' || field.type === 'file') && value !== undefined)
        playground.setValue(field.name, value);
    }
  }

  rerun(entry: HistoryEntry): void {
    this.restore(entry);
    this.execute();
  }

  /** Ctrl/Cmd+Enter runs, Escape cancels; a key an editor (Monaco) handled is left alone. */
  onkeydown(event: KeyboardEvent): void {
    if (event.defaultPrevented) return;
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      this.execute();
    } else if (event.key === 'Escape' && this.mutation.isPending) {
      event.preventDefault();
      this.cancel();
    }
  }
}
