import { fromHash, toHash, unknownMethodIn, type UrlState } from '../../lib/form/url-state.ts';
import { lessonIn, pageHash, pageOf, withLesson } from '../../lib/lessons/route.ts';
import { getMethod } from '../../lib/methods/index.ts';
import type { ConnectionState } from './connection.svelte.ts';
import type { PlaygroundState } from './playground.svelte.ts';
import { workshopOf } from './workshop.svelte.ts';

/** The hash for the request being composed, as the address bar and Copy link show it. */
export function currentHash(playground: PlaygroundState, connection?: ConnectionState): string {
  const live = connection?.mode === 'live';
  const hash = toHash(playground.method, playground.values, {
    includeData: playground.includeDataInUrl,
    mode: live ? 'live' : 'mock',
    apiUrl: live ? connection.live.apiUrl || connection.live.urlInput.trim() : undefined,
    // The demo project and user are public: a link opens on the same ones.
    mock: live ? undefined : connection?.linkKey,
  });
  // An open lesson rides along: the link opens the same lesson at the same step.
  return withLesson(hash, workshopOf(playground).place);
}

/** The address bar's hash: a page of its own (lessons, About), or the request's. */
function shownHash(playground: PlaygroundState, connection?: ConnectionState): string {
  const page = workshopOf(playground).page;
  return page ? pageHash(page) : currentHash(playground, connection);
}

/** The link Copy link copies: this page with the request's hash (never a token). */
export function shareLink(playground: PlaygroundState, connection?: ConnectionState): string {
  return `${location.origin}${location.pathname}${location.search}${currentHash(playground, connection)}`;
}

/**
 * A live link: switch to live mode, fill in the API URL (unless already connected) and ask for
 * the token, which a link never carries.
 */
async function openLive(state: UrlState, connection: ConnectionState): Promise<void> {
  const live = connection.live;
  const connected = live.status === 'connected';
  if (state.apiUrl && !connected) live.urlInput = state.apiUrl;
  await connection.setMode('live');
  if (connected) return;
  live.notice = `This link is for ${state.apiUrl ?? 'a live REDCap'}: enter your token for it and press Connect. A link never carries a token.`;
  live.askToken = true;
}

/**
 * Keeps the address bar's hash and the request in step: the hash carries the method and its
 * parameters, and in live mode the API URL (never the token, data or files). A new method is a
 * new history entry, so Back and Forward move between methods; parameter edits replace the
 * current entry. Call during component initialisation.
 */
export function syncWithUrl(playground: PlaygroundState, connection?: ConnectionState): void {
  const workshop = workshopOf(playground);
  const restore = () => {
    workshop.page = pageOf(location.hash);
    if (workshop.page) return;
    void workshop.open(lessonIn(location.hash));
    const state = fromHash(location.hash, getMethod);
    if (!state) {
      const unknown = unknownMethodIn(location.hash, getMethod);
      if (unknown !== null) playground.unknownMethodId = unknown;
      return;
    }
    playground.restore(state);
    if (state.mode === 'live' && connection) void openLive(state, connection);
    else if (state.mock && connection) {
      if (connection.mode === 'live') void connection.setMode('mock');
      connection.chooseFromLink(state.mock);
    }
  };
  restore();
  let shownMethod = playground.methodId;

  let shownPage = workshop.page;

  $effect(() => {
    const hash = shownHash(playground, connection);
    if (hash === location.hash) return;
    if (playground.methodId !== shownMethod || workshop.page !== shownPage)
      history.pushState(null, '', hash);
    else history.replaceState(null, '', hash);
    shownMethod = playground.methodId;
    shownPage = workshop.page;
  });

  $effect(() => {
    const onPop = () => {
      restore();
      shownMethod = playground.methodId;
      shownPage = workshop.page;
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  });
}
