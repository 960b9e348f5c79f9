import { fromHash, toHash } from '../../lib/form/url-state.ts';
import { getMethod } from '../../lib/methods/index.ts';
import type { PlaygroundState } from './playground.svelte.ts';

/**
 * Keeps the address bar's hash and the request in step: the hash carries the method and its
 * parameters (never the token, data or files). A new method is a new history entry, so Back and
 * Forward move between methods; parameter edits replace the current entry.
 * Call during component initialisation.
 */
export function syncWithUrl(playground: PlaygroundState): void {
  const restore = () => {
    const state = fromHash(location.hash, getMethod);
    if (state) playground.restore(state);
  };
  restore();
  let shownMethod = playground.methodId;

  $effect(() => {
    const hash = toHash(playground.method, playground.values, {
      includeData: playground.includeDataInUrl,
    });
    if (hash === location.hash) return;
    if (playground.methodId !== shownMethod) history.pushState(null, '', hash);
    else history.replaceState(null, '', hash);
    shownMethod = playground.methodId;
  });

  $effect(() => {
    const onPop = () => {
      restore();
      shownMethod = playground.methodId;
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  });
}
