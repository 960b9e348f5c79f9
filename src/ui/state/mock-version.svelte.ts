import type { ConnectionState } from './connection.svelte.ts';
import type { MockHandle } from './mock-handle.ts';

/**
 * The mock's REDCap version (issue #25): what its Export REDCap Version answers, read from the
 * mock once it has started and changed from its settings. The form's "your REDCap … may not
 * know this parameter" notes follow it in mock mode, and the connected server's in live mode.
 */
export class MockVersionState {
  /** Null until the mock has said (or when it cannot say). */
  version = $state<string | null>(null);
  #handle: MockHandle | null = null;

  /** Reads the version of a mock that has just started. */
  attach(handle: MockHandle): void {
    this.#handle = handle;
    void handle.redcapVersion?.().then(
      (version) => (this.version = version),
      () => {},
    );
  }

  /** Sets what the mock answers; says what happened, for the mock's notice line. */
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

/** The version the notes compare with: the connected live server's, or the mock's. */
export function serverVersionOf(connection: ConnectionState): string | null {
  if (connection.mode === 'live') {
    const { live } = connection;
    return live.status === 'connected' ? (live.project?.version ?? null) : null;
  }
  return connection.status === 'ready' ? connection.mockVersion.version : null;
}
