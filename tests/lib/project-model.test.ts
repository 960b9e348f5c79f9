import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALICE_LONGITUDINAL_TOKEN, ALICE_TOKEN, CAROL_TOKEN } from '../../mocks/fixtures/index.ts';
import { setupMockServer } from '../../mocks/node.ts';
import { createFetchTransport } from '../../src/lib/execute/transport.ts';
import { getMethod, isMethodId } from '../../src/lib/methods/index.ts';
import { buildProjectModel, loadProjectModel, type JsonCall } from '../../src/lib/project/model.ts';
import { buildRedcapRequest } from '../../src/lib/redcap/request.ts';
import { parseResponse } from '../../src/lib/redcap/response.ts';

const { server } = setupMockServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterAll(() => server.close());

const transport = createFetchTransport({ target: () => 'http://mock.test/api/' });

function callAs(token: string): JsonCall {
  return async (methodId, values) => {
    if (!isMethodId(methodId)) throw new Error(methodId);
    const request = buildRedcapRequest(getMethod(methodId), values, { apiUrl: 'x', token });
    const parsed = parseResponse(await transport.send(request));
    return parsed.ok
      ? { ok: true, value: JSON.parse(parsed.text!) as unknown }
      : { ok: false, why: `REDCap answered ${parsed.status}: ${parsed.error}` };
  };
}

describe('loadProjectModel', () => {
  it('reads the classic demo: dictionary, instruments, export names, repeating, no events', async () => {
    const model = await loadProjectModel(callAs(ALICE_TOKEN));
    expect(model.longitudinal).toBe(false);
    expect(model.recordIdField).toBe('record_id');
    expect(model.instruments.map((i) => i.instrument_name)).toContain('demographics');
    expect(model.fields.find((f) => f.field_name === 'symptoms')?.field_type).toBe('checkbox');
    expect(model.exportFieldNames.some((f) => f.export_field_name === 'symptoms___1')).toBe(true);
    expect(model.repeating.map((r) => r.form_name)).toEqual(['visit']);
    expect(model.events).toEqual([]);
    expect(model.missing).toEqual({});
  });

  it('reads arms, events and mappings of the longitudinal demo, values as strings', async () => {
    const model = await loadProjectModel(callAs(ALICE_LONGITUDINAL_TOKEN));
    expect(model.longitudinal).toBe(true);
    expect(model.arms.map((a) => a.arm_num)).toEqual(['1', '2']);
    expect(model.events.length).toBeGreaterThan(3);
    expect(model.mappings.every((m) => typeof m.arm_num === 'string')).toBe(true);
  });

  it('says why a part is missing instead of failing (no API Export right)', async () => {
    const model = await loadProjectModel(callAs(CAROL_TOKEN));
    expect(model.missing.metadata).toMatch(/403: You do not have API Export privileges/);
    expect(model.fields).toEqual([]);
  });
});

describe('buildProjectModel', () => {
  it('stringifies numbers and fills absent columns', () => {
    const model = buildProjectModel({
      info: { is_longitudinal: 1, project_id: 7 },
      arms: [{ arm_num: 1, name: 'Arm 1' }],
      metadata: [{ field_name: 'id', form_name: 'f' }],
    });
    expect(model.longitudinal).toBe(true);
    expect(model.arms).toEqual([{ arm_num: '1', name: 'Arm 1' }]);
    expect(model.fields[0]!.field_type).toBe('');
    expect(model.recordIdField).toBe('id');
  });
});
