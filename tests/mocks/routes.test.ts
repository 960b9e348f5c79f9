import { describe, expect, it } from 'vitest';
import { ALICE_TOKEN } from '../../mocks/fixtures/index.ts';
import { createMockRedcap, type MockRedcap } from '../../mocks/redcap.ts';
import { mockRoutes, pendingMockRoutes } from '../../mocks/routes/index.ts';
import type { ParamValues } from '../../src/lib/methods/define-method.ts';
import { METHODS } from '../../src/lib/methods/index.ts';
import { encodeBody } from '../../src/lib/redcap/encode.ts';
import { buildRedcapRequest } from '../../src/lib/redcap/request.ts';

type AnyMethod = (typeof METHODS)[number];

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

  it('routes the foundation and the records core (issues 1 and 2)', () => {
    expect(Object.keys(mockRoutes).sort()).toEqual(
      [
        'del_file',
        'del_records',
        'exp_arms',
        'exp_events',
        'exp_inst_event_maps',
        'exp_field_names',
        'exp_file',
        'exp_instr',
        'exp_instr_pdf',
        'exp_logging',
        'exp_metadata',
        'exp_next_id',
        'exp_proj',
        'exp_rc_v',
        'exp_records',
        'exp_repeating_forms_events',
        'imp_file',
        'imp_metadata',
        'imp_proj_sett',
        'imp_records',
        'rename_record',
      ].sort(),
    );
  });

  it('answers each catalog example: routed methods never say "not implemented"', async () => {
    const redcap = createMockRedcap();
    for (const method of METHODS) {
      const response = await send(redcap, method, method.examples[0]!);
      const pending = String(response.body).includes('The mock REDCap does not implement');
      expect([method.id, pending]).toEqual([method.id, pendingMockRoutes.includes(method.id)]);
      redcap.reset();
    }
  });

  it('answers every example of every routed method with 200 on the seeded project', async () => {
    const redcap = createMockRedcap();
    // The seeded project is classic: these answer REDCap's 400 (tested in the conformance suite).
    const classicRefusals = ['exp_arms', 'exp_events', 'exp_inst_event_maps'];
    for (const method of METHODS.filter(
      (m) => m.id in mockRoutes && !classicRefusals.includes(m.id),
    )) {
      for (const [i, example] of method.examples.entries()) {
        const response = await send(redcap, method, example);
        const body = typeof response.body === 'string' ? response.body : '(bytes)';
        expect([method.id, i, response.status, body]).toEqual([method.id, i, 200, body]);
        redcap.reset();
      }
    }
  });
});

/** A catalog example, built and encoded as the app sends it (multipart for uploads). */
async function send(redcap: MockRedcap, method: AnyMethod, example: ParamValues) {
  const request = buildRedcapRequest(method, example, {
    apiUrl: 'http://mock.test/api/',
    token: ALICE_TOKEN,
  });
  const { body, contentType } = encodeBody(request);
  const encoded = new Response(body);
  return redcap.handle({
    method: 'POST',
    url: request.url,
    headers: { 'content-type': contentType ?? encoded.headers.get('content-type')! },
    body: new Uint8Array(await encoded.arrayBuffer()),
  });
}
