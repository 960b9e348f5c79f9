import {
  FORWARDER_ERROR_HEADER,
  FORWARDER_LOCATION_HEADER,
  FORWARDER_UPSTREAM_STATUS_HEADER,
} from '../src/lib/execute/forward.ts';
import {
  FAILURE_KINDS,
  FAILURE_LABELS,
  isFailureKind,
  type FailureEvent,
  type FailureKind,
  type FailureSetting,
} from '../src/lib/workshop/types.ts';
import { NO_API_PERMISSION, formatDate } from './store/store.ts';
import { errorResponse, type Format, type MockResponse } from './wire/render.ts';

/**
 * Failures on demand (issue #23): a mock-only switch that makes the next calls fail the way real
 * servers fail, each reaching the page exactly as live mode's transport sees it. The page's live
 * calls go through `npm start`'s forwarder (src/server/forwarder.ts), so a timeout and a redirect
 * are the forwarder's own answers (its status, `x-forwarder-error` header and words); the rest are
 * what the REDCap server itself sends. The page explains them with live mode's code
 * (src/lib/execute/explain.ts): there is no second explanation path.
 */

export { FAILURE_KINDS, FAILURE_LABELS, isFailureKind };
export type { FailureEvent, FailureKind, FailureSetting };

/**
 * Set on a core answer that stands for "no answer at all": the msw handler turns it into a
 * network error (fetch rejects, as when the network is down). Never sent to a client.
 */
export const MOCK_NETWORK_ERROR_HEADER = 'x-mock-network-error';

/** Where the simulated redirect and login page point (a made-up single sign-on server). */
export const SSO_LOGIN_URL = 'https://login.example.edu/idp/profile/SAML2/Redirect/SSO';

/** The forwarder's default timeout (src/server/forwarder.ts DEFAULT_TIMEOUT_MS; FORWARD_TIMEOUT_S) in seconds. */
const FORWARDER_TIMEOUT_SECONDS = 60;

/** The mock's address as REDCap's rate limiter names it (the client's IP address). */
const CLIENT_IP = '127.0.0.1';

const html = { 'content-type': 'text/html; charset=UTF-8' };
const forwarderText = { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' };

/** Apache's page for a PHP fatal error, as a REDCap server behind Apache sends it. */
const SERVER_ERROR_PAGE =
  '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>500 Internal Server Error</title>\n</head><body>\n<h1>Internal Server Error</h1>\n<p>The server encountered an internal error or\nmisconfiguration and was unable to complete\nyour request.</p>\n<p>Please contact the server administrator at \n webmaster@redcap.example.edu to inform them of the time this error occurred,\n and the actions you performed just before this error.</p>\n<p>More information about this error may be available\nin the server error log.</p>\n</body></html>\n';

/** A single sign-on login page that answers instead of the API (status 200). */
const SSO_PAGE = `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Web Login Service</title></head>\n<body><main><h1>Web Login Service</h1>\n<form method="post" action="${SSO_LOGIN_URL}"><label>Username <input name="j_username"></label>\n<label>Password <input name="j_password" type="password"></label>\n<button type="submit" name="_eventId_proceed">Login</button></form></main></body></html>\n`;

/**
 * The answer a failure gives, or null for a kind the page could not tell apart from REDCap's own
 * answer. `returnFormat` shapes REDCap's errors; `today` dates the expiry.
 */
export function failureResponse(
  kind: FailureKind,
  returnFormat: Format,
  today: Date,
): MockResponse {
  switch (kind) {
    case 'network':
      return { status: 599, headers: { [MOCK_NETWORK_ERROR_HEADER]: '1' }, body: '' };
    case 'timeout':
      // What the forwarder answers when REDCap does not answer in time.
      return {
        status: 504,
        headers: { ...forwarderText, [FORWARDER_ERROR_HEADER]: 'timeout' },
        body: `REDCap did not answer within ${FORWARDER_TIMEOUT_SECONDS} s.\n`,
      };
    case 'server-error':
      return { status: 500, headers: html, body: SERVER_ERROR_PAGE };
    case 'sso-login':
      return { status: 200, headers: html, body: SSO_PAGE };
    case 'redirect':
      // The forwarder never follows a redirect: it says where REDCap's server pointed.
      return {
        status: 502,
        headers: {
          ...forwarderText,
          [FORWARDER_ERROR_HEADER]: 'redirect',
          [FORWARDER_LOCATION_HEADER]: SSO_LOGIN_URL,
          [FORWARDER_UPSTREAM_STATUS_HEADER]: '302',
        },
        body: "REDCap's server answered with a redirect (302) instead of data.\n",
      };
    case 'revoked-token':
      return errorResponse(403, NO_API_PERMISSION, returnFormat);
    case 'expired-user': {
      const yesterday = new Date(today.getTime() - 86_400_000);
      return errorResponse(
        403,
        `You do not have API rights because your privileges have expired for this project as of ${formatDate(yesterday)}.`,
        returnFormat,
      );
    }
    case 'rate-limit':
      // REDCap 15.7.6 Classes/Logging.php checkBannedIp: a 429 and these words, nothing else
      // (the Rate Limiter bans the IP address that went past its requests per minute).
      return {
        status: 429,
        headers: html,
        body: `Your IP address (${CLIENT_IP}) has been banned due to suspected abuse.`,
      };
  }
}

/** The switch: the mock core asks it before every call. */
export class FailureSwitch {
  #setting: FailureSetting | null = null;
  readonly #served: FailureEvent[] = [];

  get setting(): FailureSetting | null {
    return this.#setting;
  }

  /** On (for `count` calls, or until switched off when null), or off with null. */
  set(kind: FailureKind | null, count: number | null = null): void {
    if (kind === null) {
      this.#setting = null;
      return;
    }
    const remaining = count === null ? null : Math.max(1, Math.floor(count));
    this.#setting = { kind, remaining: Number.isFinite(remaining) ? remaining : null };
  }

  /** The failure for this call, if the switch is on; counts it down and remembers it. */
  take(): FailureKind | null {
    const setting = this.#setting;
    if (!setting) return null;
    if (setting.remaining !== null) {
      this.#setting =
        setting.remaining > 1 ? { kind: setting.kind, remaining: setting.remaining - 1 } : null;
    }
    return setting.kind;
  }

  record(event: FailureEvent): void {
    this.#served.push(event);
  }

  /** Every failure served since the start (or the last reset), oldest first. */
  served(): readonly FailureEvent[] {
    return [...this.#served];
  }

  reset(): void {
    this.#setting = null;
    this.#served.length = 0;
  }
}
