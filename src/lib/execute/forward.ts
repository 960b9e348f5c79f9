/**
 * The protocol between the page and `npm start`'s same-origin forwarder (live mode): real REDCap
 * servers send no CORS headers, so the page posts to its own origin and the forwarder calls the
 * REDCap API URL named in a header — only if that URL is configured (REDCAP_URL).
 */

/** Where the page posts live calls. */
export const FORWARD_PATH = '/__redcap_forward__/';
/** GET: the API URLs the forwarder may call, as JSON `{ "targets": [...] }`. */
export const FORWARD_CONFIG_PATH = '/__redcap_forward__/config';
/** The REDCap API URL to call (normalised, ending in /api/). */
export const FORWARD_TARGET_HEADER = 'x-redcap-api-url';
/** Present on answers the forwarder makes itself (never on REDCap's own answers). */
export const FORWARDER_ERROR_HEADER = 'x-forwarder-error';
/** With a redirect: where REDCap's server tried to send the request, and its status. */
export const FORWARDER_LOCATION_HEADER = 'x-forwarder-location';
export const FORWARDER_UPSTREAM_STATUS_HEADER = 'x-forwarder-upstream-status';

/** On every answer passed on from REDCap: the most bytes the forwarder passes (a cut answer hit it). */
export const FORWARDER_MAX_ANSWER_HEADER = 'x-forwarder-max-answer-bytes';

export type ForwarderError =
  | 'method'
  | 'no-target'
  | 'not-configured'
  | 'too-large'
  | 'redirect'
  | 'timeout'
  | 'network'
  | 'cross-origin'
  | 'length-required'
  | 'busy'
  | 'bad-answer'
  | 'answer-too-large'
  | 'bad-request';

/** What GET FORWARD_CONFIG_PATH answers: the API URLs live mode may call. */
export interface ForwarderConfig {
  readonly targets: readonly string[];
}

/** Asks the page's own server which REDCap API URLs it forwards to; none when it has no forwarder. */
export async function loadForwarderConfig(
  base = '/',
  fetchImpl: typeof fetch = (...args) => fetch(...args),
): Promise<ForwarderConfig> {
  const res = await fetchImpl(`${base.replace(/\/$/, '')}${FORWARD_CONFIG_PATH}`, {
    cache: 'no-store',
    credentials: 'omit',
  });
  if (!res.ok || !(res.headers.get('content-type') ?? '').includes('json')) return { targets: [] };
  const body = (await res.json()) as { targets?: unknown };
  return {
    targets: Array.isArray(body.targets)
      ? body.targets.filter((t): t is string => typeof t === 'string')
      : [],
  };
}
