/**
 * "Keep the mock's data across reloads": the saved demo file's text in the browser's IndexedDB
 * (the same format as Save demo), written by the mock's Web Worker after each change. Off by
 * default; the kept copy's presence is the setting, so turning it off deletes the copy.
 */

/** Where the kept copy lives: one text under one key. */
export interface KeptStorage {
  read(): Promise<string | undefined>;
  write(text: string): Promise<void>;
  clear(): Promise<void>;
}

export const KEPT_DATABASE = 'redcap-api-playground-mock';
const STORE = 'state';
const KEY = 'demo';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

/** The copy in IndexedDB (`redcap-api-playground-mock` → `state` → `demo`). */
export function indexedDbStorage(factory: IDBFactory = indexedDB): KeptStorage {
  let opened: Promise<IDBDatabase> | undefined;
  const database = () =>
    (opened ??= new Promise<IDBDatabase>((resolve, reject) => {
      const open = factory.open(KEPT_DATABASE, 1);
      open.onupgradeneeded = () => open.result.createObjectStore(STORE);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error ?? new Error('IndexedDB could not be opened'));
      open.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
    }));
  async function run<T>(mode: IDBTransactionMode, op: (s: IDBObjectStore) => IDBRequest<T>) {
    const db = await database();
    const tx = db.transaction(STORE, mode);
    const result = await request(op(tx.objectStore(STORE)));
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
    return result;
  }
  return {
    async read() {
      const value = await run('readonly', (s) => s.get(KEY) as IDBRequest<unknown>);
      return typeof value === 'string' ? value : undefined;
    },
    async write(text) {
      await run('readwrite', (s) => s.put(text, KEY));
    },
    async clear() {
      await run('readwrite', (s) => s.delete(KEY));
    },
  };
}

/**
 * Writes the state after changes, one write at a time: a change during a write makes one more
 * write after it, never a pile of them. `snapshot` answers the text to keep, or null when the
 * state cannot be kept (too large), with `failed` told why.
 */
export class Keeper {
  readonly #storage: KeptStorage;
  readonly #snapshot: () => { ok: true; text: string } | { ok: false; message: string };
  readonly #failed: (message: string) => void;
  #on = false;
  #problem: string | null = null;
  #dirty = false;
  #writing: Promise<void> | null = null;

  constructor(
    storage: KeptStorage,
    snapshot: () => { ok: true; text: string } | { ok: false; message: string },
    failed: (message: string) => void = () => {},
  ) {
    this.#storage = storage;
    this.#snapshot = snapshot;
    this.#failed = failed;
  }

  get on(): boolean {
    return this.#on;
  }

  /** Why the last write failed (the kept copy is then as last written), or null. */
  get problem(): string | null {
    return this.#problem;
  }

  /** The kept copy, if any (and keeping is then on). */
  async restore(): Promise<string | undefined> {
    const text = await this.#storage.read();
    this.#on = text !== undefined;
    return text;
  }

  /** On: writes the state now (resolves once it is written). Off: deletes the kept copy. */
  async set(on: boolean): Promise<void> {
    this.#on = on;
    this.#problem = null;
    if (on) {
      this.changed();
      await this.idle();
    } else {
      this.#dirty = false;
      await this.#writing;
      await this.#storage.clear();
    }
  }

  /** The state changed: write it soon, if keeping is on. */
  changed(): void {
    if (!this.#on) return;
    this.#dirty = true;
    this.#writing ??= this.#drain().finally(() => (this.#writing = null));
  }

  /** Resolves once every change so far is written. */
  async idle(): Promise<void> {
    while (this.#writing) await this.#writing;
  }

  #fail(message: string): void {
    this.#problem = message;
    this.#failed(message);
  }

  async #drain(): Promise<void> {
    // Let the request that changed the state answer first.
    await new Promise((resolve) => setTimeout(resolve, 0));
    while (this.#dirty && this.#on) {
      this.#dirty = false;
      const snapshot = this.#snapshot();
      if (!snapshot.ok) return this.#fail(snapshot.message);
      try {
        await this.#storage.write(snapshot.text);
        this.#problem = null;
      } catch (error) {
        return this.#fail(error instanceof Error ? error.message : String(error));
      }
      // Turned off while writing: the copy just written must not stay.
      if (!this.#on) await this.#storage.clear();
    }
  }
}
