/** What a request needs to reach a REDCap project. */
export interface Connection {
  /** The REDCap API URL as the user knows it, e.g. https://redcap.example.edu/api/ */
  readonly apiUrl: string;
  readonly token: string;
}

/** The address of `npm run mock:server`: what mock-mode requests and snippets point at. */
export const MOCK_SERVER_API_URL = 'http://127.0.0.1:8787/api/';

/**
 * REDCap's API URL always ends in `/api/`: posting to `/api` gets a redirect that many clients
 * turn into a GET, losing the body (redcap-api.md §1.1). A base URL gets `/api/` appended.
 */
export function normalizeApiUrl(input: string): string {
  const trimmed = input.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return trimmed;
  }
  url.hash = '';
  url.search = '';
  let path = url.pathname.replace(/\/+$/, '');
  if (!/\/api$/i.test(path)) path = `${path}/api`;
  url.pathname = `${path}/`;
  return url.toString();
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/** Problems with an API URL, in plain words; null when it is usable. */
export function checkApiUrl(input: string): string | null {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return 'Enter the full address of your REDCap API, e.g. https://redcap.example.edu/api/';
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    return 'The API URL must start with https:// (plain http is allowed only for localhost).';
  }
  if (url.username || url.password) return 'The API URL must not contain a user name or password.';
  return null;
}

/** A token as pasted: surrounding whitespace and newlines removed, and whether any were. */
export function cleanToken(input: string): { token: string; trimmed: boolean } {
  const token = input.trim();
  return { token, trimmed: token !== input };
}

export type TokenKind = 'project' | 'super';

/**
 * REDCap's tokens are 32 hexadecimal characters; a super token (an administrator's, for Export
 * Version and Create Project only) has 64 (redcap-api.md §1.5). The message never repeats the
 * token itself.
 */
export function checkToken(token: string): { kind: TokenKind } | { problem: string } {
  if (token === '') return { problem: 'Enter the API token from your project’s API page.' };
  if (/\s/.test(token)) {
    return { problem: 'The token contains a space or a line break: copy it again from REDCap.' };
  }
  if (/^[0-9a-f]{32}$/i.test(token)) return { kind: 'project' };
  if (/^[0-9a-f]{64}$/i.test(token)) return { kind: 'super' };
  return {
    problem: `A REDCap token is 32 characters from 0–9 and A–F (64 for a super token); this one has ${token.length} character${token.length === 1 ? '' : 's'}${/[^0-9a-f]/i.test(token) ? ', some of them not 0–9 or A–F' : ''}.`,
  };
}

/** Methods a 64-character super token may call. */
export const SUPER_TOKEN_METHODS: readonly string[] = ['exp_rc_v', 'imp_proj'];
