import { describe, expect, it } from 'vitest';
import {
  ALICE_LONGITUDINAL_TOKEN,
  ALICE_SUPER_TOKEN,
  ALICE_TOKEN,
} from '../../mocks/fixtures/index.ts';
import { createMockRedcap, type MockRedcap } from '../../mocks/redcap.ts';
import { mockRoutes, pendingMessage, pendingMockRoutes } from '../../mocks/routes/index.ts';
import type { ParamValues } from '../../src/lib/methods/define-method.ts';
import { METHODS } from '../../src/lib/methods/index.ts';
import { isLongitudinalOnly, LONGITUDINAL_ONLY } from '../../src/lib/methods/longitudinal.ts';
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
        'imp_proj',
        'exp_proj_xml',
        'exp_rc_v',
        'exp_records',
        'exp_repeating_forms_events',
        'imp_arms',
        'del_arms',
        'imp_events',
        'del_events',
        'imp_inst_event_maps',
        'imp_repeating_forms_events',
        'imp_file',
        'imp_metadata',
        'imp_proj_sett',
        'imp_records',
        'rename_record',
        'randomize',
        // DAGs, users and roles (§2.15, §2.23, §2.24)
        'exp_dags',
        'imp_dags',
        'del_dags',
        'switch_dag',
        'exp_user_dag_maps',
        'imp_user_dag_maps',
        'exp_users',
        'imp_users',
        'del_users',
        'exp_user_roles',
        'imp_user_roles',
        'del_user_roles',
        'exp_user_role_maps',
        'imp_user_role_maps',
        // File Repository (§2.17)
        'create_folder_file_repo',
        'exp_list_file_repo',
        'exp_file_repo',
        'imp_file_repo',
        'del_file_repo',
        // Reports and surveys (§2.20, §2.22)
        'exp_reports',
        'exp_surv_link',
        'exp_surv_access_code',
        'exp_surv_parts',
        'exp_surv_queue_link',
        'exp_surv_ret_code',
      ].sort(),
    );
  });

  it('has no pending method left, and would name one in its 400 text', () => {
    expect(pendingMockRoutes).toEqual([]);
    expect(pendingMessage('exp_reports')).toBe(
      'The mock REDCap does not implement Export Reports (exp_reports) yet.',
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

  it('answers 400 on the classic project for exactly the methods held to be longitudinal only', async () => {
    const redcap = createMockRedcap();
    const classic400: string[] = [];
    for (const method of METHODS.filter((m) => m.id in mockRoutes && m.id !== 'imp_proj')) {
      const response = await send(redcap, method, method.examples[0]!, ALICE_TOKEN);
      if (response.status === 400) classic400.push(method.id);
      redcap.reset();
    }
    expect(classic400.sort()).toEqual([...LONGITUDINAL_ONLY].sort());
  });

  it('answers every example of every routed method with 200 on the seeded project', async () => {
    const redcap = createMockRedcap();
    // Arms, events and mappings answer REDCap's 400 on the classic project (tested in the
    // conformance suite): their examples go to the longitudinal demo.
    for (const method of METHODS.filter((m) => m.id in mockRoutes)) {
      // Create Project takes alice's super token only (§1.5, §2.19).
      const token =
        method.id === 'imp_proj'
          ? ALICE_SUPER_TOKEN
          : isLongitudinalOnly(method.id)
            ? ALICE_LONGITUDINAL_TOKEN
            : ALICE_TOKEN;
      for (const [i, example] of method.examples.entries()) {
        const response = await send(redcap, method, example, token);
        const body = typeof response.body === 'string' ? response.body : '(bytes)';
        expect([method.id, i, response.status, body]).toEqual([method.id, i, 200, body]);
        redcap.reset();
      }
    }
  });
});

/** A catalog example, built and encoded as the app sends it (multipart for uploads). */
async function send(
  redcap: MockRedcap,
  method: AnyMethod,
  example: ParamValues,
  token = ALICE_TOKEN,
) {
  const request = buildRedcapRequest(method, example, { apiUrl: 'http://mock.test/api/', token });
  const { body, contentType } = encodeBody(request);
  const encoded = new Response(body);
  return redcap.handle({
    method: 'POST',
    url: request.url,
    headers: { 'content-type': contentType ?? encoded.headers.get('content-type')! },
    body: new Uint8Array(await encoded.arrayBuffer()),
  });
}
