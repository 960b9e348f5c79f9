import { describe, expect, it } from 'vitest';
import { statusText, type CallResult } from '../../../src/lib/execute/call-result.ts';
import {
  explainAnswer,
  explainCall,
  explainConnectProblem,
  explainError,
  explainReadFailure,
  explainThrown,
  explainUnreadable,
  factsOf,
  succeeded,
} from '../../../src/lib/execute/explain.ts';

/** Every wording of explain.ts as a table: status × REDCap's text, and each forwarder error. */

const GENERIC_400 = /^REDCap refused the request for the reason above/;

describe('explainError: REDCap’s status and text', () => {
  it.each([
    [403, 'You do not have permissions to use the API', /^REDCap did not accept the token/],
    [400, 'You do not have permissions to use the API', GENERIC_400],
    [403, 'You do not have API Export privileges', /may not export data through the API/],
    [400, 'You do not have API Export privileges', GENERIC_400],
    [403, 'You do not have API Import/Update privileges', /may not import or change data/],
    [400, 'You do not have API Import/Update privileges', GENERIC_400],
    [403, 'You do not have Design privileges', /lacks a right this method needs/],
    [400, 'You do not have Design privileges', GENERIC_400],
    [400, 'The value of the parameter "content" is not valid', /recognise the content parameter/],
    [403, 'The value of the parameter "content" is not valid', null],
    [400, 'The value of "type" is not valid', GENERIC_400],
    [401, 'privileges', null],
    [500, 'Internal error', null],
  ] as const)('%i %s', (status, message, expected) => {
    const hint = explainError(status, message);
    if (expected === null) expect(hint).toBeNull();
    else expect(hint).toMatch(expected);
  });
});

describe('explainCall: the forwarder’s own answers', () => {
  const facts = { status: 502, mimeType: 'text/plain', text: '', error: null };
  it.each([
    ['not-configured', /does not forward to this API URL/],
    ['no-target', /does not forward to this API URL/],
    ['redirect', /^REDCap’s server answered with a redirect instead of data/],
    ['timeout', /did not answer in time/],
    ['network', /could not reach REDCap/],
    ['too-large', /^The request is larger than the forwarder accepts/],
    ['method', /^The forwarder only sends POST requests/],
    ['answer-too-large', /FORWARD_MAX_ANSWER_MB/],
    ['bad-answer', /not a readable HTTP answer/],
    ['busy', /FORWARD_MAX_CONCURRENT/],
    ['cross-origin', /only forwards calls from its own page/],
    ['length-required', /Content-Length/],
  ])('%s', (forwarderError, expected) => {
    expect(explainCall({ ...facts, forwarderError })).toMatch(expected);
  });

  it('says where a redirect went only when the forwarder said so', () => {
    expect(explainCall({ ...facts, forwarderError: 'redirect', location: 'https://a/b' })).toMatch(
      /^REDCap’s server answered with a redirect to https:\/\/a\/b instead/,
    );
    expect(explainCall({ ...facts, forwarderError: '' })).toBeNull();
  });
});

describe('explainCall: REDCap’s answers', () => {
  const base = { status: 200, mimeType: 'text/html', error: null };
  it.each([
    ['<!DOCTYPE html><html>', true],
    ['  \n<html lang="en">', true],
    ['<head><title>Login</title>', true],
    ['<body>', true],
    ['Please log in <html>', true],
    ['Please log in <html\n>', true],
    ['Please log in <htmlx>', false],
    ['x<!doctype html>', false],
    ['15.0.3', false],
    ['<hash><error>x</error></hash>', false],
  ])('%j is a web page: %s', (text, page) => {
    const hint = explainCall({ ...base, text });
    if (page) expect(hint).toMatch(/sent a web page instead of data/);
    else expect(hint).toBeNull();
  });

  it('says nothing answers at a 404, and passes other errors to explainError', () => {
    expect(explainCall({ ...base, status: 404, text: 'Not found' })).toMatch(
      /^Nothing answers at this address/,
    );
    expect(explainCall({ ...base, status: 400, text: '', error: 'bad' })).toMatch(GENERIC_400);
    expect(explainCall({ ...base, status: 400, text: '' })).toBeNull();
  });
});

function result(status: number, error: string | null, extra: Partial<CallResult> = {}) {
  return {
    methodId: 'exp_proj',
    parsed: {
      ok: status < 400,
      status,
      mimeType: 'application/json',
      format: 'json',
      text: error === null ? '{}' : JSON.stringify({ error }),
      error,
      size: 2,
    },
    timeMs: 1,
    statusText: '',
    headers: [],
    forwarderError: null,
    location: null,
    bytes: null,
    ...extra,
  } as CallResult;
}

describe('the words of the callers', () => {
  it('reads: REDCap’s status and text', () => {
    expect(explainAnswer(result(403, 'No rights'))).toBe('REDCap answered 403: No rights');
    expect(explainAnswer(result(500, null))).toBe('REDCap answered 500.');
  });

  it('the dry run: the method that failed, and REDCap’s text or the status', () => {
    expect(explainReadFailure('Export Records', result(403, 'No rights'))).toBe(
      'Export Records failed: No rights',
    );
    expect(explainReadFailure('Export Records', result(502, null))).toBe(
      'Export Records failed: HTTP 502',
    );
  });

  it('Connect: REDCap’s words, never a web page’s markup', () => {
    expect(explainConnectProblem('Export REDCap Version', result(403, 'Bad token'))).toBe(
      'Export REDCap Version: Bad token',
    );
    for (const error of ['  <html><body>Login</body></html>', null, ''])
      expect(explainConnectProblem('Export REDCap Version', result(502, error))).toBe(
        'Export REDCap Version did not return data (HTTP 502).',
      );
  });

  it('Connect goes ahead without Project Information, saying why', () => {
    expect(
      explainUnreadable(
        'Export Project Information',
        result(403, 'You do not have API Export privileges'),
      ),
    ).toMatch(
      /^Export Project Information was refused \(HTTP 403: You do not have API Export privileges\)\. The token is valid, but its user may not export data .* Connected all the same: every method the token's rights allow goes ahead/,
    );
    expect(explainUnreadable('Export Project Information', result(401, ' <p>no</p>'))).toBe(
      "Export Project Information was refused (HTTP 401). The token is valid, but its user lacks a right this method needs. Connected all the same: every method the token's rights allow goes ahead (a user with API Import/Update only can still import).",
    );
  });

  it('facts carry the forwarder’s headers; success needs text', () => {
    const forwarded = result(502, null, { forwarderError: 'busy', location: 'x' });
    expect(factsOf(forwarded)).toMatchObject({
      status: 502,
      forwarderError: 'busy',
      location: 'x',
    });
    expect(succeeded(result(200, null))).toBe(true);
    expect(succeeded(result(403, 'x'))).toBe(false);
    const pdf = result(200, null);
    expect(succeeded({ ...pdf, parsed: { ...pdf.parsed, text: null } })).toBe(false);
  });

  it('anything thrown becomes words', () => {
    expect(explainThrown('plain')).toBe('plain');
    expect(explainThrown(new Error('boom'))).toBe('boom');
    expect(explainThrown(new DOMException('x', 'TimeoutError'))).toMatch(/^No answer in time/);
  });

  it('status texts', () => {
    expect([statusText(200), statusText(403), statusText(299)]).toEqual(['OK', 'Forbidden', '']);
  });
});
