import { describe, expect, it } from 'vitest';
import { getMethod } from '../../src/lib/methods/index.ts';
import { buildRedcapRequest, redactToken, REDACTED_TOKEN } from '../../src/lib/redcap/request.ts';
import { generateSnippet, TARGETS } from '../../src/lib/snippets/index.ts';

const TOKEN = '0123456789ABCDEF0123456789ABCDEF';
const request = buildRedcapRequest(
  getMethod('exp_records'),
  { format: 'json', records: ['1'] },
  { apiUrl: 'https://redcap.example.edu/api/', token: TOKEN },
);

describe('redactToken', () => {
  it('replaces the token and nothing else', () => {
    const redacted = redactToken(request);
    expect(JSON.stringify(redacted)).not.toContain(TOKEN);
    expect(redacted.body[0]).toEqual(['token', REDACTED_TOKEN]);
    expect(redacted.body.slice(1)).toEqual(request.body.slice(1));
    expect(redacted.url).toBe(request.url);
  });

  it('does not change the original request', () => {
    redactToken(request);
    expect(request.body[0]).toEqual(['token', TOKEN]);
  });

  it('keeps the token out of every snippet unless asked', () => {
    for (const target of TARGETS) {
      expect(generateSnippet(target, request)).not.toContain(TOKEN);
      expect(generateSnippet(target, request, { showToken: true })).toContain(TOKEN);
    }
  });
});
