import { MOCK_SERVER_API_URL, type Connection } from '../../lib/redcap/connection.ts';

export interface MockUser {
  readonly username: string;
  /** The mock's tokens are public demo tokens. */
  readonly token: string;
}

export interface MockProject {
  readonly slug: string;
  readonly title: string;
  readonly users: readonly MockUser[];
}

/** What the running mock gives the page: its projects and users, and its controls. */
export interface MockHandle {
  readonly projects: readonly MockProject[];
  /** Method ids the mock does not answer yet. */
  readonly pendingMethods: readonly string[];
  /** Back to the seed data of every project. */
  reset(): Promise<void>;
}

export type MockStarter = () => Promise<MockHandle>;

/** One choice of the chooser: a project and one of its users. */
export interface MockChoice {
  readonly key: string;
  readonly project: MockProject;
  readonly user: MockUser;
}

export const RESET_DONE = 'Demo data reset';

/**
 * Where requests go. Mock mode only for now (live mode adds URL and token here). The mock starts
 * in parallel with the first render; Execute waits for it. In mock mode the token sent is that
 * of the chosen project and user.
 */
export class ConnectionState {
  readonly mode = $state<'mock'>('mock');
  status = $state<'starting' | 'ready' | 'failed'>('starting');
  error = $state<string | null>(null);
  pendingMethods = $state<readonly string[]>([]);
  projects = $state.raw<readonly MockProject[]>([]);
  /** The chosen `<slug>/<username>`; the first user of the first project until changed. */
  choiceKey = $state('');
  resetting = $state(false);
  /** What the last mock action did ("Demo data reset"), until the next request. */
  notice = $state<{ readonly text: string; readonly ok: boolean } | null>(null);

  readonly choices: readonly MockChoice[] = $derived(
    this.projects.flatMap((project) =>
      project.users.map((user) => ({ key: `${project.slug}/${user.username}`, project, user })),
    ),
  );
  readonly choice: MockChoice | undefined = $derived(
    this.choices.find((c) => c.key === this.choiceKey) ?? this.choices[0],
  );
  readonly projectTitle = $derived(this.choice?.project.title ?? '');

  readonly #ready: Promise<MockHandle>;

  constructor(startMock: MockStarter) {
    this.#ready = startMock().then(
      (handle) => {
        this.status = 'ready';
        this.projects = handle.projects;
        this.choiceKey = this.choices[0]?.key ?? '';
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

  /** Picks the mock project and user whose token requests carry from now on. */
  choose(key: string): void {
    if (!this.choices.some((c) => c.key === key)) return;
    this.choiceKey = key;
    this.notice = null;
  }

  /** Puts every mock project back to its seed and says so. */
  async resetDemoData(): Promise<void> {
    if (this.resetting) return;
    this.resetting = true;
    this.notice = null;
    try {
      await (await this.#ready).reset();
      this.notice = { text: RESET_DONE, ok: true };
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      this.notice = { text: `The demo data could not be reset: ${why}`, ok: false };
    } finally {
      this.resetting = false;
    }
  }

  /** Waits for the mock, then gives the connection to send with. */
  async connect(): Promise<Connection> {
    await this.#ready;
    this.notice = null;
    const token = this.choice?.user.token;
    if (token === undefined) throw new Error('The mock has no project user to send requests as.');
    return { apiUrl: this.apiUrl, token };
  }
}
