import { createRedcapClient, type RedcapClient } from '../../lib/execute/client.ts';
import type { Transport } from '../../lib/execute/transport.ts';
import type { ParamValues } from '../../lib/methods/define-method.ts';
import { getMethod, type MethodId } from '../../lib/methods/index.ts';
import type { ConnectionState } from './connection.svelte.ts';

/** One write waiting for the user's word: what it is, and what the dry run found. */
export interface PendingWrite {
  readonly methodId: MethodId;
  readonly values: ParamValues;
}

/**
 * Live mode's guard on writes: every destructive method is locked until "Unlock writes", and
 * each run waits for a confirmation that says what will happen (with a dry run where REDCap
 * allows one). Production projects also need their project id typed.
 */
export class WriteGuardState {
  pending = $state.raw<PendingWrite | null>(null);
  lines = $state.raw<readonly string[] | null>(null);
  dryRunError = $state<string | null>(null);
  typedId = $state('');
  #abort: AbortController | null = null;
  #onConfirm: ((write: PendingWrite) => void) | null = null;
  readonly #connection: ConnectionState;
  readonly #client: RedcapClient;

  constructor(connection: ConnectionState, transport: Transport) {
    this.#connection = connection;
    // The dry run reads with the live connection only: it never reaches the mock.
    this.#client = createRedcapClient({
      transport,
      connect: (methodId) => Promise.resolve(connection.live.connectionFor(methodId)),
    });
  }

  /** Whether running this method needs unlock and confirmation. */
  guards(methodId: MethodId): boolean {
    return this.#connection.mode === 'live' && getMethod(methodId).destructive;
  }

  get locked(): boolean {
    return !this.#connection.live.writesUnlocked;
  }

  get production(): boolean {
    return this.#connection.live.project?.production === true;
  }

  get projectId(): string {
    return this.#connection.live.project?.id ?? '';
  }

  /** Confirm is possible once the dry run is done (or failed) and, in production, the id typed. */
  get canConfirm(): boolean {
    if (!this.pending || (this.lines === null && this.dryRunError === null)) return false;
    return !this.production || this.typedId.trim() === this.projectId;
  }

  /** Opens the confirmation and starts the dry run; `onConfirm` sends the write. */
  ask(write: PendingWrite, onConfirm: (write: PendingWrite) => void): void {
    if (this.pending || this.locked) return;
    this.pending = write;
    this.lines = null;
    this.dryRunError = null;
    this.typedId = '';
    this.#onConfirm = onConfirm;
    const abort = (this.#abort = new AbortController());
    void (async () => {
      try {
        // Live writes only: the dry run's code loads when first needed, not with the page.
        const { dryRun } = await import('../../lib/execute/dry-run.ts');
        const lines = await dryRun(write.methodId, write.values, {
          client: this.#client,
          signal: abort.signal,
        });
        if (!abort.signal.aborted) this.lines = lines;
      } catch (error) {
        if (abort.signal.aborted) return;
        this.dryRunError = `The dry run could not check this change: ${error instanceof Error ? error.message : String(error)}`;
      }
    })();
  }

  confirm(): void {
    const write = this.pending;
    if (!write || !this.canConfirm) return;
    this.close();
    this.#onConfirm?.(write);
  }

  close(): void {
    this.#abort?.abort();
    this.pending = null;
    this.lines = null;
    this.dryRunError = null;
    this.typedId = '';
  }
}
