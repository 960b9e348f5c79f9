import type { Connection } from '../../lib/redcap/connection.ts';
import { LiveState } from './live.svelte.ts';
import {
  resolveLink,
  WRONG_TOKEN,
  type MockChoice,
  type MockHandle,
  type MockProject,
  type MockStarter,
} from './mock-handle.ts';
import { MockServerUrlState, preferences } from './mock-server-url.svelte.ts';

export type { MockChoice, MockHandle, MockProject, MockStarter, MockUser } from './mock-handle.ts';
export { WRONG_TOKEN };

export const RESET_DONE = 'Demo data reset';

export type Mode = 'mock' | 'live';

/**
 * Where requests go. Mock mode (the default): the mock starts in parallel with the first render,
 * Execute waits for it, and the token sent is that of the chosen project and user. Live mode: the
 * mock is stopped and `live` holds the real API URL and token.
 */
export class ConnectionState {
  readonly live: LiveState;
  mode = $state<Mode>('mock');
  status = $state<'starting' | 'ready' | 'failed' | 'stopped'>('starting');
  error = $state<string | null>(null);
  pendingMethods = $state<readonly string[]>([]);
  projects = $state.raw<readonly MockProject[]>([]);
  /** The chosen `<slug>/<username>`; the first user of the first project until changed. */
  choiceKey = $state('');
  resetting = $state(false);
  /** Mock mode: send WRONG_TOKEN instead of the chosen user's, to show REDCap's 403. */
  wrongToken = $state(false);
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
  get projectTitle(): string {
    return this.mode === 'live'
      ? (this.live.project?.title ?? '')
      : (this.choice?.project.title ?? '');
  }

  /** Bumped by every reset of the demo data: answers from before belong to other data. */
  dataVersion = $state(0);
  /** A project and user a shared link asked for, checked once the mock has listed its own. */
  #linked = $state<string | null>(null);

  #ready!: Promise<MockHandle>;
  #switching: Promise<void> = Promise.resolve();
  readonly #startMock: MockStarter;

  /** Where mock-mode snippets and the preview point (`npm run mock:server`, remembered). */
  readonly mockServer: MockServerUrlState;

  constructor(
    startMock: MockStarter,
    live: LiveState = new LiveState(),
    prefs: Storage | null = preferences(),
  ) {
    this.#startMock = startMock;
    this.live = live;
    this.mockServer = new MockServerUrlState(prefs);
    this.live.waitBeforeSending(() => this.#switching);
    this.#start();
  }

  /** Mock ↔ live. Live stops the mock's service worker; back to mock starts it again. */
  setMode(mode: Mode): Promise<void> {
    if (mode === this.mode) return this.#switching;
    this.mode = mode;
    this.notice = null;
    this.#switching = this.#switching.then(async () => {
      if (mode === 'live') {
        const handle = await this.#ready.catch(() => null);
        await handle?.stop?.();
        this.status = 'stopped';
      } else {
        this.#start();
        await this.#ready.catch(() => {});
      }
    });
    return this.#switching;
  }

  #start(): void {
    this.status = 'starting';
    this.error = null;
    this.#ready = this.#startMock().then(
      (handle) => {
        this.status = 'ready';
        this.projects = handle.projects;
        if (this.#linked !== null) this.#applyLinked();
        if (!this.choices.some((c) => c.key === this.choiceKey))
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

  /** The API URL snippets show: live, the user's; mock, the address of `npm run mock:server`. */
  get apiUrl(): string {
    if (this.mode === 'live') return this.live.apiUrl || 'https://redcap.example.edu/api/';
    return this.mockServer.url;
  }

  /** The token "Show token in code" puts in snippets: the live one or the chosen mock user's. */
  get token(): string {
    if (this.mode === 'live') return this.live.token;
    return this.wrongToken ? WRONG_TOKEN : (this.choice?.user.token ?? '');
  }

  /** Picks the mock project and user whose token requests carry from now on. */
  choose(key: string): void {
    if (!this.choices.some((c) => c.key === key)) return;
    this.choiceKey = key;
    this.notice = null;
  }

  /** What a link carries in mock mode: the chosen pair, or the one a link asked for (pending). */
  get linkKey(): string | undefined {
    return this.#linked ?? this.choice?.key;
  }

  /**
   * The mock project and user a shared link names (`<slug>/<username>`, public demo identities).
   * Before the mock has started it is remembered and applied when the mock lists its projects; a
   * pair this mock does not have is said, not silently replaced.
   */
  chooseFromLink(key: string): void {
    this.#linked = key;
    if (this.status === 'ready') this.#applyLinked();
  }

  #applyLinked(): void {
    const key = this.#linked;
    this.#linked = null;
    const outcome = key === null ? null : resolveLink(key, this.choices, this.choice);
    if (outcome && 'choiceKey' in outcome) {
      this.choiceKey = outcome.choiceKey;
      this.notice = null;
    } else if (outcome) this.notice = { text: outcome.notice, ok: false };
  }

  /** Puts every mock project back to its seed and says so. */
  async resetDemoData(): Promise<void> {
    if (this.resetting) return;
    this.resetting = true;
    this.notice = null;
    try {
      await (await this.#ready).reset();
      this.dataVersion++;
      this.notice = { text: RESET_DONE, ok: true };
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      this.notice = { text: `The demo data could not be reset: ${why}`, ok: false };
    } finally {
      this.resetting = false;
    }
  }

  /** The running mock (Save/Open demo, Load your project, the workshop use it); rejects if it failed. */
  mockHandle = (): Promise<MockHandle> => this.#ready;

  /** Waits for the mock (or the switch to live), then gives the connection to send with. */
  async connect(methodId = ''): Promise<Connection> {
    await this.#switching;
    if (this.mode === 'live') return this.live.connectionFor(methodId);
    await this.#ready;
    this.notice = null;
    const token = this.wrongToken ? WRONG_TOKEN : this.choice?.user.token;
    if (token === undefined) throw new Error('The mock has no project user to send requests as.');
    return { apiUrl: this.apiUrl, token };
  }
}
