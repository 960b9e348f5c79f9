import type { CallResult } from './call-result.ts';

/**
 * The one place a failed REDCap call becomes words: REDCap's own text, and our hint with the
 * next step (see shared/token-faq.md). Pure. No message here ever repeats the request (token).
 */

const TOKEN_STEPS =
  'Check, in REDCap, the project’s left menu → Applications → API: copy the token shown there again (a regenerated token replaces the old one), make sure it belongs to this project, that your token request was approved, and that your user rights include API Export or API Import/Update. Someone with User Rights access on the project can grant them.';

export function explainError(status: number, message: string): string | null {
  if (status === 403 && /privileges have expired/i.test(message)) {
    return 'The token is right, but your access to this project has expired on the date REDCap gives: the token stops working with it. Ask someone with User Rights access on the project to extend or remove your expiration date; the same token works again once they have.';
  }
  if (status === 403 && /permissions to use the API/i.test(message)) {
    return `REDCap did not accept the token. Common reasons: a mistyped or regenerated token, a token from another project, a token request not yet approved, missing API rights on this project, or expired access. ${TOKEN_STEPS}`;
  }
  if (status === 403 && /API Export privileges/i.test(message)) {
    return 'The token is valid, but its user may not export data through the API (a rights problem, not a bad token). Ask someone with User Rights access on the project to give you “API Export”.';
  }
  if (status === 403 && /API Import\/Update privileges/i.test(message)) {
    return 'The token is valid, but its user may not import or change data through the API (a rights problem, not a bad token). Ask someone with User Rights access on the project to give you “API Import/Update”.';
  }
  if (status === 403 && /privileges/i.test(message)) {
    return 'The token is valid, but its user lacks a right this method needs. Someone with User Rights access on the project can grant it.';
  }
  if (status === 400 && /"content" is not valid/.test(message)) {
    return 'REDCap did not recognise the content parameter for this method.';
  }
  if (status === 400) {
    return 'REDCap refused the request for the reason above: change that parameter in the form and run it again. Nothing was changed.';
  }
  return null;
}

/** What the playground's own forwarder says about a call it made (or refused to make). */
export interface CallFacts {
  readonly status: number;
  readonly mimeType: string;
  readonly text: string | null;
  /** REDCap's error message, if any. */
  readonly error: string | null;
  /** The forwarder's FORWARDER_ERROR_HEADER, when it answered itself. */
  readonly forwarderError?: string | null;
  /** FORWARDER_LOCATION_HEADER: where REDCap's server tried to redirect to. */
  readonly location?: string | null;
}

/** By the body, not the header: REDCap labels some plain answers (version, PDFs) text/html. */
function looksLikeHtml(facts: CallFacts): boolean {
  return /^\s*(<!doctype html|<html|<head|<body)|<html[\s>]/i.test(facts.text ?? '');
}

/** The hint for a call that got an answer (from REDCap or from the forwarder). */
export function explainCall(facts: CallFacts): string | null {
  switch (facts.forwarderError) {
    case 'not-configured':
    case 'no-target':
      return 'The playground’s server does not forward to this API URL. Stop it and start it again with REDCAP_URL=<your API URL> npm start (several URLs: separate them with commas), then connect again.';
    case 'redirect':
      return `REDCap’s server answered with a redirect${facts.location ? ` to ${facts.location}` : ''} instead of data. Usually the API URL is not quite right (copy it from the project’s API page; it ends in /api/) or a single sign-on login stands in front of the API. The playground never follows redirects, so your token was not sent on.`;
    case 'timeout':
      return 'REDCap did not answer in time. The server may be busy or the export very large: try fewer records or fields, or run it again later.';
    case 'network':
      return 'The playground’s server could not reach REDCap: check the API URL, your network or VPN, and that the REDCap server is up.';
    case 'too-large':
      return 'The request is larger than the forwarder accepts: send the data in smaller parts.';
    case 'method':
      return 'The forwarder only sends POST requests.';
    case 'answer-too-large':
      return 'REDCap’s answer is larger than the playground’s server passes on: ask for fewer records or fields, or restart npm start with a higher FORWARD_MAX_ANSWER_MB.';
    case 'bad-answer':
      return 'REDCap’s server sent something that is not a readable HTTP answer: check the API URL; a proxy or another service may answer at that address.';
    case 'busy':
      return 'The playground’s server is already making as many calls as it allows (FORWARD_MAX_CONCURRENT): wait for one to finish and run it again.';
    case 'cross-origin':
      return 'The playground’s server only forwards calls from its own page: open the playground at the address npm start printed.';
    case 'length-required':
      return 'The forwarder needs to know the request’s size in advance (Content-Length).';
  }
  if (facts.status === 429) {
    return 'REDCap’s rate limiter stopped the calls: too many requests came from your address within a minute, and REDCap may now block that address (its words say so). Wait, send fewer calls (batches, not one call per record), and ask your REDCap administrator to lift the block if it stays.';
  }
  if (looksLikeHtml(facts) && facts.status >= 500) {
    return `REDCap’s server sent a web page instead of data: its error page (HTTP ${facts.status}), so the server failed while handling the call. Your parameters are not the cause as far as it says: run it again later, and if it keeps failing tell your REDCap administrator the time of the call (the server’s error log has the reason).`;
  }
  if (looksLikeHtml(facts)) {
    return 'REDCap’s server sent a web page instead of data: the URL probably leads to a login page (single sign-on) or is not the API address. Use the API URL from the project’s API page (it ends in /api/).';
  }
  if (facts.status === 404) {
    return 'Nothing answers at this address: check the API URL (it ends in /api/).';
  }
  return facts.error ? explainError(facts.status, facts.error) : null;
}

/** The facts of a CallResult, as explainCall reads them. */
export function factsOf(result: CallResult): CallFacts {
  return { ...result.parsed, forwarderError: result.forwarderError, location: result.location };
}

/** Whether a result is an answer with data: 2xx, readable as text, nothing to explain. */
export function succeeded(result: CallResult): boolean {
  return result.parsed.ok && result.parsed.text !== null;
}

/** Why a read (picker, model, import helper) got no data: REDCap's status and its text. */
export function explainAnswer(result: CallResult): string {
  const { status, error } = result.parsed;
  return error ? `REDCap answered ${status}: ${error}` : `REDCap answered ${status}.`;
}

/** Why a read that the dry run needed failed: "Export Records failed: <REDCap's text>". */
export function explainReadFailure(label: string, result: CallResult): string {
  return `${label} failed: ${result.parsed.error ?? `HTTP ${result.parsed.status}`}`;
}

/** REDCap's message when it is words (not a web page), else ''. */
function redcapWords(result: CallResult): string {
  const { error } = result.parsed;
  return error && !error.trimStart().startsWith('<') ? error : '';
}

/** Connect's problem when one of its calls (`label`) failed, in REDCap's words if it had any. */
export function explainConnectProblem(label: string, result: CallResult): string {
  const why = redcapWords(result);
  return why ? `${label}: ${why}` : `${label} did not return data (HTTP ${result.parsed.status}).`;
}

/** Connect's notice when REDCap refused a part it could do without (HTTP 4xx): go ahead. */
export function explainUnreadable(label: string, result: CallResult): string {
  const why = redcapWords(result);
  const because =
    explainCall(factsOf(result)) ??
    'The token is valid, but its user lacks a right this method needs.';
  return `${label} was refused (HTTP ${result.parsed.status}${why ? `: ${why}` : ''}). ${because} Connected all the same: every method the token's rights allow goes ahead (a user with API Import/Update only can still import).`;
}

/** The message for a call that got no answer at all. Never repeats the request (token). */
export function explainFailure(error: Error): string {
  if (error.name === 'AbortError')
    return 'Cancelled: the request was stopped before an answer came.';
  if (error.name === 'TimeoutError') return 'No answer in time: the call was stopped. Try again.';
  if (error.name === 'TransportError') {
    return `${error.message}. The playground’s own server did not answer: is npm start still running? Check your network, then run it again.`;
  }
  return error.message;
}

/** explainFailure for anything thrown. */
export function explainThrown(error: unknown): string {
  return explainFailure(error instanceof Error ? error : new Error(String(error)));
}
