import { describe, expect, it } from 'vitest';
import { TransportError } from '../../../src/lib/execute/transport.ts';
import { explainCall, explainError, explainFailure } from '../../../src/lib/execute/explain.ts';

const facts = { status: 200, mimeType: 'application/json', text: '[]', error: null };

describe('explainCall', () => {
  it('says a 403 bad token is a token problem, with the steps from the token FAQ', () => {
    const hint = explainCall({
      ...facts,
      status: 403,
      error: 'You do not have permissions to use the API',
    });
    expect(hint).toMatch(/did not accept the token/);
    expect(hint).toMatch(/another project/);
    expect(hint).toMatch(/not yet approved/);
    expect(hint).toMatch(/Applications → API/);
  });

  it('says a missing API Export right is a rights problem, not a bad token', () => {
    const hint = explainCall({
      ...facts,
      status: 403,
      error: 'You do not have API Export privileges',
    });
    expect(hint).toMatch(/rights problem, not a bad token/);
    expect(hint).toMatch(/API Export/);
  });

  it('passes REDCap’s own 400 message on with the next step', () => {
    expect(explainError(400, 'The value of the parameter "format" is not valid')).toMatch(
      /change that parameter/,
    );
  });

  it('tells how to set REDCAP_URL when the forwarder may not call the URL', () => {
    expect(explainCall({ ...facts, status: 421, forwarderError: 'not-configured' })).toMatch(
      /REDCAP_URL=/,
    );
  });

  it('shows where a redirect went', () => {
    const hint = explainCall({
      ...facts,
      status: 502,
      forwarderError: 'redirect',
      location: 'https://sso.example.edu/login',
    });
    expect(hint).toContain('https://sso.example.edu/login');
    expect(hint).toMatch(/ends in \/api\//);
  });

  it('recognises an HTML page instead of data (a login page or a wrong URL)', () => {
    const hint = explainCall({
      ...facts,
      mimeType: 'text/html',
      text: '<!DOCTYPE html><html><body>Log in</body></html>',
    });
    expect(hint).toMatch(/web page instead of data/);
  });

  it('does not take REDCap’s plain version answer, labelled text/html, for a web page', () => {
    expect(explainCall({ ...facts, mimeType: 'text/html', text: '14.5.10' })).toBeNull();
  });

  it('explains network failures and timeouts of the forwarder', () => {
    expect(explainCall({ ...facts, status: 502, forwarderError: 'network' })).toMatch(/VPN/);
    expect(explainCall({ ...facts, status: 504, forwarderError: 'timeout' })).toMatch(/in time/);
  });
});

describe('explainFailure', () => {
  it.each([
    ['answer-too-large', 502, /FORWARD_MAX_ANSWER_MB/],
    ['bad-answer', 502, /not a readable HTTP answer/],
    ['busy', 503, /FORWARD_MAX_CONCURRENT/],
    ['cross-origin', 403, /its own page/],
    ['length-required', 411, /Content-Length/],
  ])('explains the forwarder’s own %s answer', (kind, status, hint) => {
    expect(explainCall({ ...facts, status, forwarderError: kind })).toMatch(hint);
  });

  it('says a cancelled call was cancelled', () => {
    expect(explainFailure(new DOMException('x', 'AbortError'))).toMatch(/Cancelled/);
  });

  it('says what to check when the playground’s own server did not answer', () => {
    expect(explainFailure(new TransportError('The request could not be sent: Failed'))).toMatch(
      /npm start/,
    );
  });
});
