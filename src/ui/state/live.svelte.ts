import { createRedcapClient } from '../../lib/execute/client.ts';
import type { LiveProject } from '../../lib/execute/connect.ts';
import { explainThrown } from '../../lib/execute/explain.ts';
import type { ForwarderConfig } from '../../lib/execute/forward.ts';
import type { Transport } from '../../lib/execute/transport.ts';
import { getMethod, type MethodId } from '../../lib/methods/index.ts';
import {
  checkApiUrl,
  checkToken,
  cleanToken,
  normalizeApiUrl,
  SUPER_TOKEN_METHODS,
  type Connection,
  type TokenKind,
} from '../../lib/redcap/connection.ts';

export interface LiveDeps {
  /** Sends through the same-origin forwarder. */
  readonly transport: Transport;
  readonly loadConfig: () => Promise<ForwarderConfig>;
  /** sessionStorage, used only after "Remember in this tab". Never localStorage. */
  readonly storage?: Storage | null;
  readonly timeoutMs?: number;
}

const TOKEN_KEY = 'redcap-playground:live-token';
const URL_KEY = 'redcap-playground:live-url';

/** Live mode's connection: API URL and token (in memory unless remembered for this tab). */
export class LiveState {
  urlInput = $state('');
  tokenInput = $state('');
  remember = $state(false);
  status = $state<'idle' | 'connecting' | 'connected' | 'failed'>('idle');
  /** Why the last Connect failed, with the next step in `hint`. */
  problem = $state<string | null>(null);
  hint = $state<string | null>(null);
  /** Something worth knowing that did not stop Connect (whitespace removed, super token). */
  notice = $state<string | null>(null);
  project = $state.raw<LiveProject | null>(null);
  writesUnlocked = $state(false);
  /** Set by a live link: the token field takes the focus as soon as the live panel shows. */
  askToken = $state(false);
  #connection: (Connection & { kind: TokenKind }) | null = null;
  readonly #deps: LiveDeps | null;
  #gate: () => Promise<unknown> = () => Promise.resolve();

  constructor(deps: LiveDeps | null = null) {
    this.#deps = deps;
    const token = deps?.storage?.getItem(TOKEN_KEY);
    if (token) {
      this.tokenInput = token;
      this.urlInput = deps?.storage?.getItem(URL_KEY) ?? '';
      this.remember = true;
    }
  }

  /** The API URL as connected (or as typed, normalised): what snippets show. */
  get apiUrl(): string {
    return (
      this.#connection?.apiUrl ?? (checkApiUrl(this.urlInput) ? '' : normalizeApiUrl(this.urlInput))
    );
  }

  /** The token requests carry, once connected; '' before. */
  get token(): string {
    return this.#connection?.token ?? '';
  }

  /**
   * What every live call waits for first: the switch to live mode, so that the mock's service
   * worker has let go of the page before a token travels (ConnectionState sets it).
   */
  waitBeforeSending(gate: () => Promise<unknown>): void {
    this.#gate = gate;
  }

  setRemember(on: boolean): void {
    this.remember = on;
    this.#persist();
  }

  #persist(): void {
    const storage = this.#deps?.storage;
    if (!storage) return;
    try {
      if (this.remember && this.#connection) {
        storage.setItem(TOKEN_KEY, this.#connection.token);
        storage.setItem(URL_KEY, this.#connection.apiUrl);
      } else if (!this.remember) {
        storage.removeItem(TOKEN_KEY);
        storage.removeItem(URL_KEY);
      }
    } catch {
      /* storage blocked: the token stays in memory only */
    }
  }

  /** Clears the token from memory, the field and this tab's storage. */
  forget(): void {
    this.tokenInput = '';
    this.#connection = null;
    this.remember = false;
    this.#persist();
    this.project = null;
    this.writesUnlocked = false;
    this.status = 'idle';
    this.problem = this.hint = this.notice = null;
  }

  unlockWrites(on = true): void {
    this.writesUnlocked = on && this.status === 'connected';
  }

  #fail(problem: string, hint: string | null = null): void {
    this.status = 'failed';
    this.problem = problem;
    this.hint = hint;
    this.#connection = null;
    this.project = null;
  }

  /** Checks URL and token, asks the forwarder, then REDCap for its version and the project. */
  async connect(): Promise<void> {
    if (this.status === 'connecting') return;
    this.problem = this.hint = this.notice = null;
    this.writesUnlocked = false;
    const urlProblem = checkApiUrl(this.urlInput);
    if (urlProblem) return this.#fail(urlProblem);
    const apiUrl = normalizeApiUrl(this.urlInput);
    this.urlInput = apiUrl;
    const { token, trimmed } = cleanToken(this.tokenInput);
    if (trimmed) {
      this.tokenInput = token;
      this.notice = 'Spaces or line breaks around the token were removed.';
    }
    const checked = checkToken(token);
    if ('problem' in checked) return this.#fail(checked.problem);
    if (!this.#deps) return this.#fail('Live mode is not available in this build.');
    this.status = 'connecting';
    this.#connection = null;
    try {
      // Live mode only: Connect's reading loads when first needed, not with the page.
      const [{ targets }, { readLiveProject, setupAdvice }] = await Promise.all([
        this.#deps.loadConfig(),
        import('../../lib/execute/connect.ts'),
      ]);
      if (!targets.includes(apiUrl)) return this.#fail(setupAdvice(apiUrl, targets));
      const connection = { apiUrl, token };
      // Every call of Connect's waits for the switch to live mode, and stops after timeoutMs.
      const client = createRedcapClient({
        transport: this.#deps.transport,
        connect: async () => {
          await this.#gate();
          return connection;
        },
        timeoutMs: this.#deps.timeoutMs ?? 60_000,
      });
      const reading = await readLiveProject(client, checked.kind);
      if (!reading.ok) return this.#fail(reading.problem, reading.hint);
      if (checked.kind === 'super') {
        this.notice =
          `${this.notice ?? ''} This is a 64-character super token: only Export REDCap Version and Create Project accept it.`.trim();
      }
      this.#connection = { ...connection, kind: checked.kind };
      this.project = reading.project;
      this.status = 'connected';
      this.#persist();
    } catch (error) {
      this.#fail(explainThrown(error));
    }
  }

  /** The connection a method is sent with; throws in plain words when it cannot be. */
  connectionFor(methodId: string): Connection {
    const connection = this.#connection;
    if (!connection) throw new Error('Connect to your REDCap project first (API URL and token).');
    if (connection.kind === 'super' && !SUPER_TOKEN_METHODS.includes(methodId)) {
      throw new Error(
        'A super token only works with Export REDCap Version and Create Project: use a project token for this method.',
      );
    }
    const method = getMethod(methodId as MethodId);
    if (method.destructive && !this.writesUnlocked) {
      throw new Error('Writes are locked for this connection: press “Unlock writes” first.');
    }
    return { apiUrl: connection.apiUrl, token: connection.token };
  }
}
