import { MOCK_SERVER_API_URL, type Connection } from '../../lib/redcap/connection.ts';

/** What the running mock gives the page: a token for the demo project, and its title. */
export interface MockHandle {
  readonly token: string;
  readonly projectTitle: string;
  /** Method ids the mock does not answer yet. */
  readonly pendingMethods: readonly string[];
  reset(): void;
}

export type MockStarter = () => Promise<MockHandle>;

/**
 * Where requests go. Mock mode only for now (live mode adds URL and token here). The mock starts
 * in parallel with the first render; Execute waits for it.
 */
export class ConnectionState {
  readonly mode = $state<'mock'>('mock');
  status = $state<'starting' | 'ready' | 'failed'>('starting');
  error = $state<string | null>(null);
  projectTitle = $state('');
  pendingMethods = $state<readonly string[]>([]);
  readonly #ready: Promise<MockHandle>;

  constructor(startMock: MockStarter) {
    this.#ready = startMock().then(
      (handle) => {
        this.status = 'ready';
        this.projectTitle = handle.projectTitle;
        this.pendingMethods = handle.pendingMethods;
        return handle;
      },
      (error: unknown) => {
        this.status = 'failed';
        this.error = error instanceof Error ? error.message : String(error);
        throw error;
      },
    );
    // The failure is shown through `status`; awaiting callers get the rejection.
    this.#ready.catch(() => {});
  }

  /** Whether the mock answers this method yet (it answers a clear 400 otherwise). */
  isPending(methodId: string): boolean {
    return this.mode === 'mock' && this.pendingMethods.includes(methodId);
  }

  /** The API URL snippets show: in mock mode, the address of `npm run mock:server`. */
  get apiUrl(): string {
    return MOCK_SERVER_API_URL;
  }

  /** Waits for the mock, then gives the connection to send with. */
  async connect(): Promise<Connection> {
    const handle = await this.#ready;
    return { apiUrl: this.apiUrl, token: handle.token };
  }
}
