import { MAX_STATE_BYTES, tooLarge } from '../../../mocks/state/limits.ts';
import type { ConnectionState } from './connection.svelte.ts';
import type { MockStateCalls } from './mock-handle.ts';

/**
 * Save demo, Open demo and "keep the mock's data across reloads": the mock's whole state as one
 * file (mocks/state/file.ts), only mock data (the live connection is never in the mock). Loaded
 * with its controls, lazily. What happened is said in the mock's notice line.
 */

/** Hands the browser a file to save (an `<a download>` click on a blob URL). */
export type Download = (name: string, bytes: Uint8Array<ArrayBuffer>) => void;

export const browserDownload: Download = (name, bytes) => {
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // After the click has started the download.
  setTimeout(() => URL.revokeObjectURL(url), 0);
};

export const KEPT_NOTE = 'Kept in this browser: a reload keeps the mock’s data';

export class DemoFileState {
  /** The mock has state calls (the in-page mock does; test doubles may not). */
  available = $state(false);
  keep = $state(false);
  busy = $state(false);
  /** The keeping problem already said. */
  #told: string | null = null;
  readonly #connection: ConnectionState;
  readonly #download: Download;
  /** Today as `YYYY-MM-DD`, for the file's name. */
  readonly #today: (() => string) | undefined;

  constructor(
    connection: ConnectionState,
    download: Download = browserDownload,
    today?: () => string,
  ) {
    this.#connection = connection;
    this.#download = download;
    this.#today = today;
  }

  async #calls(): Promise<MockStateCalls | undefined> {
    return (await this.#connection.mockHandle()).state;
  }

  #say(text: string, ok: boolean): void {
    this.#connection.notice = { text, ok };
  }

  /** Once the mock runs: whether keeping is on, and a kept copy that could not be used. */
  async init(): Promise<void> {
    const calls = await this.#calls().catch(() => undefined);
    if (!calls) return;
    this.available = true;
    this.keep = calls.kept.on;
    if (calls.kept.problem) {
      this.#say(
        `The kept mock data could not be used, so the mock starts from its demo data: ${calls.kept.problem}`,
        false,
      );
    }
  }

  async #run(work: (calls: MockStateCalls) => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const calls = await this.#calls();
      if (calls) await work(calls);
    } catch (error) {
      this.#say(error instanceof Error ? error.message : String(error), false);
    } finally {
      this.busy = false;
    }
  }

  /** Downloads the mock's whole state as `redcap-mock-demo-<date>.json`. */
  save(): Promise<void> {
    return this.#run(async (calls) => {
      const saved = await calls.save();
      if (!saved.ok) return this.#say(`The demo was not saved: ${saved.message}`, false);
      // A one-off reading of the clock for a file name, not reactive state.
      // eslint-disable-next-line svelte/prefer-svelte-reactivity
      const day = this.#today?.() ?? new Date().toISOString().slice(0, 10);
      const name = `redcap-mock-demo-${day}.json`;
      this.#download(name, new Uint8Array(saved.bytes));
      this.#say(`Demo saved as ${name}`, true);
    });
  }

  /** Replaces the mock's whole state with a demo file's, or says why not (nothing changes). */
  open(file: File): Promise<void> {
    return this.#run(async (calls) => {
      if (file.size > MAX_STATE_BYTES) {
        return this.#say(`${file.name} was not opened: ${tooLarge(file.size)}`, false);
      }
      const opened = await calls.open(new Uint8Array(await file.arrayBuffer()));
      if (!opened.ok) return this.#say(`${file.name} was not opened: ${opened.message}`, false);
      const connection = this.#connection;
      connection.projects = opened.projects;
      if (!connection.choices.some((c) => c.key === connection.choiceKey))
        connection.choiceKey = connection.choices[0]?.key ?? '';
      // Answers shown from before belong to other data.
      connection.dataVersion++;
      this.#say(`Demo opened from ${file.name}`, true);
    });
  }

  /** While keeping is on: says once when its writes fail (too large, the browser's quota). */
  async check(): Promise<void> {
    const calls = await this.#calls().catch(() => undefined);
    const status = await calls?.status();
    if (!status) return;
    if (status.problem && status.problem !== this.#told) {
      this.#say(`The mock’s data is not being kept: ${status.problem}`, false);
    }
    this.#told = status.problem;
  }

  /** On: the mock's data is kept in IndexedDB from now on. Off: the kept copy is deleted. */
  setKeep(on: boolean): Promise<void> {
    return this.#run(async (calls) => {
      const kept = await calls.keep(on);
      this.keep = kept.on;
      if (kept.problem) this.#say(`The mock’s data cannot be kept: ${kept.problem}`, false);
      else
        this.#say(
          on ? 'The mock’s data is kept across reloads' : 'The mock’s data is no longer kept',
          true,
        );
    });
  }
}
