import { describe, expect, it } from 'vitest';
import { ALICE_TOKEN } from '../../mocks/fixtures/index.ts';
import { createMockRedcap } from '../../mocks/redcap.ts';

async function surveyLink(publicBaseUrl?: string) {
  const redcap = createMockRedcap(publicBaseUrl ? { publicBaseUrl } : {});
  const fields = { token: ALICE_TOKEN, content: 'surveyLink', record: '1', instrument: 'health' };
  const response = await redcap.handle({
    method: 'POST',
    url: 'http://127.0.0.1:8787/api/',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new TextEncoder().encode(new URLSearchParams(fields).toString()),
  });
  return { status: response.status, text: String(response.body) };
}

describe('survey links on the public base URL', () => {
  it('use the address the request came to by default', async () => {
    const r = await surveyLink();
    expect(r.status).toBe(200);
    expect(r.text).toMatch(/^http:\/\/127\.0\.0\.1:8787\/surveys\/\?s=[A-Z0-9]{10}$/);
  });

  it('use publicBaseUrl when given (mock:server: MOCK_PUBLIC_URL), slash or not', async () => {
    for (const base of [
      'https://redcap.example.edu/redcap',
      'https://redcap.example.edu/redcap/',
    ]) {
      const r = await surveyLink(base);
      expect(r.text).toMatch(/^https:\/\/redcap\.example\.edu\/redcap\/surveys\/\?s=[A-Z0-9]{10}$/);
    }
  });
});
