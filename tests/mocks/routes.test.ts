import { describe, expect, it } from 'vitest';
import { ALICE_TOKEN } from '../../mocks/fixtures/index.ts';
import { createMockRedcap } from '../../mocks/redcap.ts';
import { mockRoutes, pendingMockRoutes, REDCAP_METHOD_KEYS } from '../../mocks/routes/index.ts';
import { METHODS } from '../../src/lib/methods/index.ts';
import { toUrlEncoded } from '../../src/lib/redcap/encode.ts';
import { buildRedcapRequest } from '../../src/lib/redcap/request.ts';

/** The route table against REDCap's 55 method keys (§2.1) and the catalog. */
describe('mock route table', () => {
  it('covers the 55 method keys of §2.1: each routed or pending, never both', () => {
    expect(REDCAP_METHOD_KEYS).toHaveLength(55);
    const routed = Object.keys(mockRoutes);
    expect(routed.filter((k) => pendingMockRoutes.includes(k))).toEqual([]);
    expect([...routed, ...pendingMockRoutes].sort()).toEqual([...REDCAP_METHOD_KEYS].sort());
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

  it('has a route or a pending entry for every catalog method', () => {
    const known = new Set([...Object.keys(mockRoutes), ...pendingMockRoutes]);
    expect(METHODS.map((m) => m.id).filter((id) => !known.has(id))).toEqual([]);
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
