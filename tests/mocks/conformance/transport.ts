import { describe, expect, it } from 'vitest';
import { ALICE_SUPER_TOKEN, ALICE_TOKEN } from '../../../mocks/fixtures/index.ts';
import { client, CT, NO_PERMISSION, XML_HEAD, type Target } from './client.ts';

/** The request pipeline: verb, body, token, formats, routing (redcap-api.md §1). */
export function transportSuite(target: Target) {
  const api = client(target);

  describe('HTTP verb (§1.2)', () => {
    it('answers GET with 501 in XML when no format is given', async () => {
      const r = await api.raw({ method: 'GET' });
      expect(r.status).toBe(501);
      expect(r.contentType).toBe(CT.xml);
      expect(r.text).toBe(
        `${XML_HEAD}\n<hash><error>The requested method is not implemented.</error></hash>`,
      );
    });

    it('renders the 501 in the format named in the query string', async () => {
      const r = await api.raw({ method: 'GET' }, '?format=json');
      expect(r.status).toBe(501);
      expect(r.contentType).toBe(CT.json);
      expect(r.text).toBe('{"error":"The requested method is not implemented."}');
    });

    it('answers PUT with 501 too', async () => {
      const r = await api.raw({ method: 'PUT', body: 'x' }, '?returnFormat=csv');
      expect([r.status, r.text]).toEqual([501, 'ERROR: The requested method is not implemented.']);
    });
  });

  describe('token (§1.3, §1.5, §1.8)', () => {
    it('refuses a JSON body with 403: PHP sees no fields, so no token', async () => {
      const r = await api.raw({
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: ALICE_TOKEN, content: 'version', format: 'json' }),
      });
      expect(r.status).toBe(403);
      expect(r.text).toBe(`${XML_HEAD}\n<hash><error>${NO_PERMISSION}</error></hash>`);
    });

    it.each([
      ['missing', null],
      ['unknown', 'ABCDEF0123456789ABCDEF0123456789'],
      ['malformed', '3F2504E0-4F89-11D3-9A0C-0305E82C3301'],
      ['too short', '3F2504E04F8911D3'],
    ])('answers a %s token with 403 in returnFormat', async (_, token) => {
      const pairs: [string, string][] = [
        ['content', 'version'],
        ['returnFormat', 'json'],
      ];
      if (token !== null) pairs.unshift(['token', token]);
      const r = await api.form(pairs);
      expect(r.status).toBe(403);
      expect(r.contentType).toBe(CT.json);
      expect(r.text).toBe(`{"error":"${NO_PERMISSION}"}`);
    });

    it('accepts multipart bodies like urlencoded ones (§1.3)', async () => {
      const body = new FormData();
      body.append('token', ALICE_TOKEN);
      body.append('content', 'version');
      const r = await api.raw({ method: 'POST', body });
      expect([r.status, r.text]).toEqual([200, '14.5.10']);
    });
  });

  describe('format and returnFormat (§1.6, §1.9)', () => {
    const bad = (extra: [string, string][]) =>
      api.form([['token', ALICE_TOKEN], ['content', 'nonsense'], ...extra]);

    it('errors in XML when neither is given', async () => {
      const r = await bad([]);
      expect(r.status).toBe(400);
      expect(r.contentType).toBe(CT.xml);
      expect(r.text).toBe(
        `${XML_HEAD}\n<hash><error>The value of the parameter "content" is not valid</error></hash>`,
      );
    });

    it('falls back from returnFormat to format', async () => {
      const r = await bad([['format', 'csv']]);
      expect(r.contentType).toBe(CT.csv);
      expect(r.text).toBe('ERROR: The value of the parameter "content" is not valid');
    });

    it('lower-cases returnFormat but matches format case-sensitively', async () => {
      expect((await bad([['returnFormat', 'JSON']])).text).toBe(
        '{"error":"The value of the parameter \\"content\\" is not valid"}',
      );
      expect((await bad([['format', 'JSON']])).contentType).toBe(CT.xml);
    });

    it('lets returnFormat win over format for errors', async () => {
      const r = await bad([
        ['format', 'xml'],
        ['returnFormat', 'csv'],
      ]);
      expect(r.text).toBe('ERROR: The value of the parameter "content" is not valid');
    });
  });

  describe('routing (§1.10)', () => {
    it('answers an unknown action with 400', async () => {
      const r = await api.form([
        ['token', ALICE_TOKEN],
        ['content', 'record'],
        ['action', 'bogus'],
        ['returnFormat', 'json'],
      ]);
      expect(r.status).toBe(400);
      expect(r.text).toBe('{"error":"The value of the parameter \\"action\\" is not valid"}');
    });

    it('answers a missing content with 400', async () => {
      const r = await api.form([
        ['token', ALICE_TOKEN],
        ['format', 'csv'],
      ]);
      expect([r.status, r.text]).toEqual([
        400,
        'ERROR: The value of the parameter "content" is not valid',
      ]);
    });

    it('routes content=report to Export Reports (no method is pending any more)', async () => {
      const r = await api.form([
        ['token', ALICE_TOKEN],
        ['content', 'report'],
        ['format', 'json'],
      ]);
      expect([r.status, r.text]).toEqual([
        400,
        '{"error":"The parameter \'report_id\' is missing"}',
      ]);
    });

    // §1.8: classic projects refuse the longitudinal exports (REDCapR reads this exact text).
    it.each([
      ['arm', 'arms'],
      ['event', 'events'],
      ['formEventMapping', 'form/event mappings'],
    ])('answers content=%s on a classic project with REDCap’s 400', async (content, what) => {
      const r = await api.form([
        ['token', ALICE_TOKEN],
        ['content', content],
        ['format', 'csv'],
      ]);
      expect([r.status, r.text]).toEqual([
        400,
        `ERROR: You cannot export ${what} for classic projects`,
      ]);
    });
  });

  describe('super token (§1.5, §2.21)', () => {
    it('exports the version', async () => {
      const r = await api.call('exp_rc_v', { format: 'json' }, ALICE_SUPER_TOKEN);
      expect([r.status, r.text]).toEqual([200, '14.5.10']);
    });

    it('is refused by project methods with 403', async () => {
      const r = await api.call('exp_records', { format: 'json' }, ALICE_SUPER_TOKEN);
      expect([r.status, r.text]).toEqual([403, `{"error":"${NO_PERMISSION}"}`]);
    });
  });

  describe('Export REDCap Version (§2.21, §1.6)', () => {
    it('answers plain text without a newline, labelled with the format', async () => {
      const r = await api.call('exp_rc_v', { format: 'json' });
      expect([r.status, r.contentType, r.text]).toEqual([200, CT.json, '14.5.10']);
    });

    it('is labelled XML when no format is sent', async () => {
      const r = await api.call('exp_rc_v', {});
      expect([r.contentType, r.text]).toEqual([CT.xml, '14.5.10']);
    });

    it('is plain text in CSV too', async () => {
      const r = await api.call('exp_rc_v', { format: 'csv' });
      expect([r.contentType, r.text]).toEqual([CT.csv, '14.5.10']);
    });
  });
}
