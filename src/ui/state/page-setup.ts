import { setAppContext, type AppContext } from './context.ts';
import { syncWithUrl } from './url-sync.svelte.ts';

/**
 * What the whole page shares, set up once while Playground initialises: the app context and the
 * address kept in step with the form. Light on purpose: it runs before the method list is usable.
 */
export function setUpPage(context: AppContext): AppContext {
  const shared = setAppContext(context);
  // The build's prerender (src/prerender.ts) renders the page where there is no address.
  if (typeof location !== 'undefined') syncWithUrl(shared.playground, shared.connection);
  return shared;
}
