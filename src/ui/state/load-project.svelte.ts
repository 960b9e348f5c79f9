import type { ConnectionState } from './connection.svelte.ts';
import type { LoadProgressFacts, ProjectFileFacts } from './mock-handle.ts';

/**
 * "Load your project…": a file is chosen (picker or drop), the mock says what it holds, asks
 * how many fake records to make when it has none, then builds the project in its worker with
 * progress. A refused file shows the mock's words (line and column) and loses nothing: another
 * file can be chosen at once.
 */

export type LoadStep = 'choose' | 'reading' | 'ask' | 'loading' | 'done';

export const DEFAULT_RECORDS = 50;
export const MAX_RECORDS = 100_000;

const PHASES: Readonly<Record<LoadProgressFacts['phase'], string>> = {
  reading: 'Reading the file',
  generating: 'Making fake records',
  importing: 'Importing them',
};

export class LoadProjectState {
  readonly #connection: ConnectionState;
  step = $state<LoadStep>('choose');
  file = $state.raw<File | null>(null);
  summary = $state.raw<ProjectFileFacts | null>(null);
  /** Why the last file was refused ('' when it was not). */
  refusal = $state('');
  records = $state(DEFAULT_RECORDS);
  seed = $state('1');
  progress = $state.raw<LoadProgressFacts | null>(null);

  constructor(connection: ConnectionState) {
    this.#connection = connection;
  }

  get progressText(): string {
    const p = this.progress;
    if (!p) return '';
    return p.total > 1 ? `${PHASES[p.phase]}: ${p.done} of ${p.total}` : `${PHASES[p.phase]}…`;
  }

  get recordsProblem(): string {
    const n = this.records;
    return Number.isInteger(n) && n >= 0 && n <= MAX_RECORDS
      ? ''
      : `A whole number from 0 to ${MAX_RECORDS}`;
  }

  /** The running mock's loader; null in live mode. */
  async #loader() {
    const connection = this.#connection;
    return connection.mode === 'mock' ? ((await connection.mockHandle()).loader ?? null) : null;
  }

  /** Reads what a file holds; a file without records then asks how many to make. */
  async choose(file: File): Promise<void> {
    this.file = file;
    this.summary = null;
    this.refusal = '';
    this.step = 'reading';
    const loader = await this.#loader();
    if (!loader) return this.#refuse('The mock is not running: switch to mock mode first.');
    const answer = await loader.inspect(file).catch((error: unknown) => this.#failed(error));
    if (!answer.ok) return this.#refuse(answer.message);
    this.summary = answer.summary;
    if (answer.summary.records === 0) this.step = 'ask';
    else await this.load();
  }

  /** Builds the project; on success it is chosen in the Mock project chooser. */
  async load(): Promise<void> {
    const file = this.file;
    if (!file || this.recordsProblem !== '') return;
    this.step = 'loading';
    this.progress = null;
    const loader = await this.#loader();
    if (!loader) return this.#refuse('The mock is not running: switch to mock mode first.');
    const options = { records: this.records, seed: this.seed };
    const answer = await loader
      .load(file, options, (p) => (this.progress = p))
      .catch((error: unknown) => this.#failed(error));
    if (!answer.ok) return this.#refuse(answer.message);
    const made = answer.fake
      ? `${answer.records} fake records (seed ${this.seed})`
      : `${answer.records} records from the file`;
    // Listed and chosen with its first user (alice), like a project the mock started with.
    const connection = this.#connection;
    const { project } = answer;
    connection.projects = [...connection.projects.filter((p) => p.slug !== project.slug), project];
    connection.choose(`${project.slug}/${project.users[0]?.username ?? ''}`);
    connection.dataVersion++;
    connection.notice = { text: `Loaded ${project.title}: ${made}`, ok: true };
    this.step = 'done';
  }

  #failed(error: unknown): { ok: false; message: string } {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }

  #refuse(message: string): void {
    this.refusal = message;
    this.step = 'choose';
  }
}
