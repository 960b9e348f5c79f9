import type {
  Completion,
  CompletionItem,
  LogicAssist,
  LogicModel,
} from '../../../lib/project/logic-assist.ts';

const MAX_ITEMS = 100;
const NO_MODEL: LogicModel = {
  fields: [],
  instruments: [],
  events: [],
  mappings: [],
  longitudinal: false,
};

/**
 * The logic editor's completion list: what is offered for the text before the cursor, which
 * item is active, and how keys move through it. LogicEditor.svelte owns the textarea.
 */
export class LogicCompletion {
  completion = $state<Completion | null>(null);
  active = $state(0);
  readonly items = $derived(this.completion ? this.completion.items.slice(0, MAX_ITEMS) : []);
  readonly open = $derived(this.items.length > 0);

  /** Offers what fits at `cursor`: names at once, functions only when asked (`force`). */
  refresh(
    assist: LogicAssist | null,
    model: LogicModel | null,
    text: string,
    cursor: number,
    force: boolean,
  ): void {
    if (!assist) return;
    const next = assist.complete(text, cursor, model ?? NO_MODEL);
    const automatic = next !== null && next.items[0]?.kind !== 'function';
    this.completion = next !== null && (force || this.open || automatic) ? next : null;
    this.active = 0;
  }

  close(): void {
    this.completion = null;
  }

  /**
   * A key while the list is open: arrows (and Ctrl+Home/End) move, Esc closes. Answers the item
   * that Enter or Tab accepts; the key is left alone when it does nothing here.
   */
  key(event: KeyboardEvent): CompletionItem | null {
    const count = this.items.length;
    switch (event.key) {
      case 'ArrowDown':
        this.active = (this.active + 1) % count;
        break;
      case 'ArrowUp':
        this.active = (this.active - 1 + count) % count;
        break;
      case 'Home':
      case 'End':
        if (!event.ctrlKey) return null;
        this.active = event.key === 'Home' ? 0 : count - 1;
        break;
      case 'Enter':
      case 'Tab': {
        const item = this.items[this.active];
        if (!item) return null;
        event.preventDefault();
        return item;
      }
      case 'Escape':
        event.stopPropagation();
        this.close();
        break;
      default:
        return null;
    }
    event.preventDefault();
    return null;
  }
}
