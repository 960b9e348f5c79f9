import {
  getTargetInfo as getTarget,
  TARGET_CATALOG as TARGETS,
  type CatalogTargetId as TargetId,
} from '../../lib/snippets/catalog.ts';

const STORAGE_KEY = 'redcap-playground:snippet-target';

/** Remembers the chosen language (not a secret); the token choice is never remembered. */
export class SnippetState {
  targetId = $state<TargetId>(TARGETS[0].id);
  /** Put the real token in the code: only on explicit request, for this page only. */
  showToken = $state(false);
  readonly target = $derived(getTarget(this.targetId) ?? TARGETS[0]);
  readonly #storage: Storage | null;

  constructor(storage: Storage | null = safeLocalStorage()) {
    this.#storage = storage;
    const saved = storage?.getItem(STORAGE_KEY);
    if (saved && getTarget(saved)) this.targetId = saved as TargetId;
  }

  choose(id: string): void {
    if (!getTarget(id)) return;
    this.targetId = id as TargetId;
    try {
      this.#storage?.setItem(STORAGE_KEY, id);
    } catch {
      /* storage full or blocked: the choice still holds for this page */
    }
  }
}

function safeLocalStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
