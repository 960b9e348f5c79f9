import { describe, expect, it } from 'vitest';
import {
  extractRedcapError,
  parseContentType,
  parseResponse,
  prettyJson,
  type RedcapResponse,
} from '../../src/lib/redcap/response.ts';

function response(status: number, contentType: string, body: string | Uint8Array): RedcapResponse {
  return {
    status,
    statusText: '',
    headers: { 'content-type': contentType },
    bytes: typeof body === 'string' ? new TextEncoder().encode(body) : body,
    timeMs: 12,
  };
}

describe('parseResponse', () => {
  it('reads a JSON success by its content type', () => {
    const parsed = parseResponse(
      response(200, 'application/json; charset=utf-8', '[{"record_id":"1"}]'),
    );
    expect(parsed).toMatchObject({ ok: true, format: 'json', error: null, size: 19 });
    expect(parsed.text).toBe('[{"record_id":"1"}]');
  });

  it('reads CSV and XML by their content types', () => {
    expect(parseResponse(response(200, 'text/csv; charset=utf-8', 'a\n1\n')).format).toBe('csv');
    expect(parseResponse(response(200, 'text/xml; charset=utf-8', '<records/>')).format).toBe(
      'xml',
    );
  });

  // redcap-api.md §1.8: the three error shapes.
  it.each([
    ['application/json; charset=utf-8', '{"error":"You do not have permissions to use the API"}'],
    ['text/csv; charset=utf-8', 'ERROR: You do not have permissions to use the API'],
    [
      'text/xml; charset=utf-8',
      '<?xml version="1.0" encoding="UTF-8" ?>\n<hash><error>You do not have permissions to use the API</error></hash>',
    ],
  ])('takes REDCap’s message out of a %s error', (type, body) => {
    const parsed = parseResponse(response(403, type, body));
    expect(parsed.ok).toBe(false);
    expect(parsed.error).toBe('You do not have permissions to use the API');
  });

  it('decodes entities in XML error messages', () => {
    expect(
      extractRedcapError(
        '<hash><error>The value of the parameter &quot;content&quot; is not valid</error></hash>',
      ),
    ).toBe('The value of the parameter "content" is not valid');
  });

  it('falls back to the raw text, then to the status, for errors of another shape', () => {
    expect(parseResponse(response(500, 'text/html', 'Server exploded')).error).toBe(
      'Server exploded',
    );
    expect(parseResponse(response(502, 'text/html', '')).error).toBe('HTTP 502');
  });

  it('recognises a PDF by its bytes even when labelled text/html', () => {
    const pdf = new TextEncoder().encode('%PDF-1.4\n%âãÏÓ\n');
    const parsed = parseResponse(response(200, 'text/html; charset=UTF-8', pdf));
    expect(parsed.format).toBe('pdf');
    expect(parsed.text).toBeNull();
  });

  it('takes the file name from Content-Type name="…"', () => {
    const parsed = parseResponse(
      response(200, 'image/png; name="mugshot-1.png"', new Uint8Array([137, 80, 78, 71])),
    );
    expect(parsed.fileName).toBe('mugshot-1.png');
    expect(parsed.format).toBe('binary');
    expect(parsed.text).toBeNull();
  });

  it('treats a plain-text version labelled JSON as text that is not JSON', () => {
    const parsed = parseResponse(response(200, 'application/json; charset=utf-8', '14.5.10'));
    expect(parsed.text).toBe('14.5.10');
    expect(prettyJson(parsed.text!)).toBe('14.5.10');
  });
});

describe('parseContentType', () => {
  it('splits the media type and its parameters', () => {
    expect(parseContentType('text/plain; charset=UTF-8; name="a b.txt"')).toEqual({
      mimeType: 'text/plain',
      params: { charset: 'UTF-8', name: 'a b.txt' },
    });
    expect(parseContentType(undefined)).toEqual({ mimeType: '', params: {} });
  });
});
