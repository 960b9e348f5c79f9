import { checkApiUrl, MOCK_SERVER_API_URL, normalizeApiUrl } from '../../lib/redcap/connection.ts';

const MOCK_SERVER_URL_KEY = 'redcap-playground:mock-server-url';

/** localStorage when the page may use it: it holds preferences, never a token. */
export function preferences(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/**
 * Where mock-mode snippets and the preview point: `npm run mock:server`'s address, which a
 * developer who started it with another PORT changes (remembered: not a secret).
 */
export class MockServerUrlState {
  url = $state(MOCK_SERVER_API_URL);
  readonly #prefs: Storage | null;

  constructor(prefs: Storage | null = preferences()) {
    this.#prefs = prefs;
    try {
      const saved = prefs?.getItem(MOCK_SERVER_URL_KEY);
      if (saved && !checkApiUrl(saved)) this.url = normalizeApiUrl(saved);
    } catch {
      /* storage blocked: the default address */
    }
  }

  /** Takes another address; the problem in words when it is no API URL (nothing changes then). */
  set(input: string): string | null {
    const problem = checkApiUrl(input);
    if (problem) return problem;
    this.url = normalizeApiUrl(input);
    try {
      if (this.url === MOCK_SERVER_API_URL) this.#prefs?.removeItem(MOCK_SERVER_URL_KEY);
      else this.#prefs?.setItem(MOCK_SERVER_URL_KEY, this.url);
    } catch {
      /* storage full or blocked: the address holds for this page */
    }
    return null;
  }
}
