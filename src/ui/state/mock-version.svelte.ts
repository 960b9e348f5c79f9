import type { ConnectionState } from './connection.svelte.ts';
import type { MockHandle } from './mock-handle.ts';

/**
 * The mock's REDCap version (issue #25): what its Export REDCap Version answers, read from the
 * running mock and changed from its settings. The form's "your REDCap … may not know this
 * parameter" notes follow it in mock mode, and the connected server's in live mode. Kept beside
 * the connection (one per ConnectionState), not in it.
 */
export class MockVersionState {
  /** Null until the running mock has said (or when it cannot say). */
  version = $state<string | null>(null);
  #handle: MockHandle | null = null;

  /** Reads the version of the running mock, once per mock started (a new one starts afresh). */
  async refresh(connection: ConnectionState): Promise<void> {
    const handle = await connection.mockHandle();
    if (handle === this.#handle) return;
    this.#handle = handle;
    this.version = (await handle.redcapVersion?.()) ?? null;
  }

  /** Sets what the running mock answers; says what happened, for the mock's notice line. */
  async set(value: string): Promise<{ readonly text: string; readonly ok: boolean }> {
    const wanted = value.trim();
    if (!/^\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(wanted)) {
      return { text: `Not a REDCap version: "${wanted}" (e.g. 15.6.0)`, ok: false };
    }
    if (!this.#handle?.redcapVersion) {
      return { text: 'This mock cannot change its REDCap version', ok: false };
    }
    this.version = await this.#handle.redcapVersion(wanted);
    return { text: `The mock now answers REDCap ${this.version}`, ok: true };
  }
}

const states = new WeakMap<ConnectionState, MockVersionState>();

/** The mock version state of a connection (made on first use). */
export function mockVersionOf(connection: ConnectionState): MockVersionState {
  let state = states.get(connection);
  if (!state) {
    state = new MockVersionState();
    states.set(connection, state);
  }
  return state;
}

/** The version the notes compare with: the connected live server's, or the running mock's. */
export function serverVersionOf(connection: ConnectionState): string | null {
  if (connection.mode === 'live') {
    const { live } = connection;
    return live.status === 'connected' ? (live.project?.version ?? null) : null;
  }
  return connection.status === 'ready' ? mockVersionOf(connection).version : null;
}
