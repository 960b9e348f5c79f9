import { describe, expect, it } from 'vitest';
import { ALICE_TOKEN } from '../../mocks/fixtures/index.ts';
import { createMockRedcap } from '../../mocks/redcap.ts';
import { mockRoutes, pendingMockRoutes } from '../../mocks/routes/index.ts';
import { METHODS } from '../../src/lib/methods/index.ts';
import { toUrlEncoded } from '../../src/lib/redcap/encode.ts';
import { buildRedcapRequest } from '../../src/lib/redcap/request.ts';

/** The route table against REDCap's 55 method keys (§2.1) and the catalog. */
describe('mock route table', () => {
  it('covers every catalog method (all 55 of §2.1): each routed or pending, never both', () => {
    const all = METHODS.map((m) => m.id);
    expect(all).toHaveLength(55);
    const routed = Object.keys(mockRoutes) as (typeof all)[number][];
    expect(routed.filter((k) => pendingMockRoutes.includes(k))).toEqual([]);
    expect(new Set(pendingMockRoutes).size).toBe(pendingMockRoutes.length);
    expect([...routed, ...pendingMockRoutes].sort()).toEqual([...all].sort());
  });

  it('routes the eight methods of the foundation', () => {
    expect(Object.keys(mockRoutes).sort()).toEqual(
      [
        'del_records',
        'exp_field_names',
        'exp_instr',
        'exp_metadata',
        'exp_proj',
        'exp_rc_v',
        'exp_records',
        'imp_records',
      ].sort(),
    );
  });

  it('answers each catalog example: routed methods never say "not implemented"', async () => {
    const redcap = createMockRedcap();
    for (const method of METHODS) {
      const example = method.examples[0]!;
      const request = buildRedcapRequest(method, example, {
        apiUrl: 'http://mock.test/api/',
        token: ALICE_TOKEN,
      });
      if (request.bodyKind !== 'urlencoded') continue;
      const response = await redcap.handle({
        method: 'POST',
        url: request.url,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new TextEncoder().encode(toUrlEncoded(request.body)),
      });
      const pending = String(response.body).includes('The mock REDCap does not implement');
      expect([method.id, pending]).toEqual([method.id, pendingMockRoutes.includes(method.id)]);
      redcap.reset();
    }
  });
});
