// Issue #22: the method list is in the HTML (prerendered) and usable before the app's entry has
// arrived and hydrated it. The page's first script is tiny (src/boot.ts): it answers clicks on the
// prerendered list at once, marks the method chosen, and hands the choice to the app, which takes
// over when it has hydrated the list. A click is never lost, however slow the entry is.

/** The prerendered method list, as MethodList.svelte renders it. */
export const METHOD_NAV = 'nav[aria-label="API methods"]';
/** Each method's button carries its id (MethodList.svelte). */
export const METHOD_BUTTON = 'button[data-method]';

export interface EarlyClicks {
  /** The id of the method last clicked before the app took over, if any (not checked here). */
  readonly chosen: string | null;
  /** The app has hydrated the list: from now on its own handlers answer. */
  stop(): void;
}

/**
 * Answers clicks on the prerendered method list until `stop`: the clicked method becomes the
 * current one (`aria-current`), as it will be in the app. Marks `<html data-interactive>` once
 * the list answers. Null when the page has no prerendered list (`npm run dev`): the app mounts it.
 */
export function answerEarlyClicks(doc: Document): EarlyClicks | null {
  const nav = doc.querySelector(METHOD_NAV);
  if (!nav) return null;
  let chosen: string | null = null;
  let stopped = false;
  const onClick = (event: Event): void => {
    const target = event.target;
    const button = target instanceof Element ? target.closest(METHOD_BUTTON) : null;
    const id = button?.getAttribute('data-method');
    if (!button || !id || !nav.contains(button)) return;
    chosen = id;
    for (const other of nav.querySelectorAll('[aria-current]'))
      other.removeAttribute('aria-current');
    button.setAttribute('aria-current', 'true');
  };
  nav.addEventListener('click', onClick);
  doc.documentElement.setAttribute('data-interactive', '');
  return {
    get chosen() {
      return chosen;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      nav.removeEventListener('click', onClick);
    },
  };
}

/** The entry could not be loaded (network, a stale deployment): said where the workspace goes. */
export function showLoadFailure(doc: Document): void {
  const status = doc.querySelector('.workspace-loading');
  if (!status) return;
  status.setAttribute('role', 'alert');
  status.textContent = 'The playground could not be loaded. Reload the page to try again.';
}
