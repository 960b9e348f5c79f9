import { describe, expect, it } from 'vitest';
import { ALICE_LONGITUDINAL_TOKEN, ALICE_TOKEN, seedData } from '../../mocks/fixtures/index.ts';
import { createMockRedcap, type MockRedcap } from '../../mocks/redcap.ts';
import { uniqueEventName } from '../../mocks/store/longitudinal.ts';

/** The longitudinal demo where the conformance suite's shared server cannot go. */

async function post(redcap: MockRedcap, fields: Record<string, string>) {
  const response = await redcap.handle({
    method: 'POST',
    url: 'http://mock.test/api/',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new TextEncoder().encode(
      new URLSearchParams({ format: 'json', returnFormat: 'json', ...fields }).toString(),
    ),
  });
  return { status: response.status, text: String(response.body) };
}

const L = { token: ALICE_LONGITUDINAL_TOKEN };

describe('the longitudinal demo', () => {
  it('is in the seed with its own token; mock:server and the chooser list it', () => {
    expect(createMockRedcap().tokens()).toContainEqual({
      project: 'longitudinal-demo',
      title: 'Longitudinal demo (mock)',
      username: 'alice',
      token: ALICE_LONGITUDINAL_TOKEN,
    });
    const project = seedData().projects.find((p) => p.slug === 'longitudinal-demo')!;
    expect(project.records).toHaveLength(12);
    expect(project.info).toMatchObject({ is_longitudinal: 1, project_id: 15 });
  });

  it('is the same on every seed (deterministic)', () => {
    expect(seedData().projects[1]).toEqual(seedData().projects[1]);
  });

  it('refuses structure changes in production, changing nothing (§2.1 notes)', async () => {
    const seed = seedData();
    seed.projects[1]!.info.in_production = 1;
    const redcap = createMockRedcap({ seed });
    const before = structuredClone(redcap.store.data);
    const message =
      'The project structure (arms, events, instrument-event mappings, repeating setup) can only be changed while the project is in Development status';
    const writes: Record<string, string>[] = [
      { content: 'arm', action: 'import', data: '[{"arm_num":"3","name":"C"}]' },
      { content: 'arm', action: 'delete', 'arms[0]': '2' },
      { content: 'event', action: 'import', data: '[{"event_name":"X","arm_num":"1"}]' },
      { content: 'event', action: 'delete', 'events[0]': 'final_arm_2' },
      {
        content: 'formEventMapping',
        data: '[{"arm_num":"1","unique_event_name":"baseline_arm_1","form":"vitals"}]',
      },
      { content: 'repeatingFormsEvents', data: '[]' },
    ];
    for (const fields of writes) {
      expect(await post(redcap, { ...L, ...fields })).toEqual({
        status: 400,
        text: JSON.stringify({ error: message }),
      });
    }
    expect(redcap.store.data).toEqual(before);
  });

  it('needs Project Design for structure imports (§2.1 notes)', async () => {
    const seed = seedData();
    seed.projects[1]!.users[0]!.rights.design = 0;
    const redcap = createMockRedcap({ seed });
    expect(
      await post(redcap, {
        ...L,
        content: 'arm',
        action: 'import',
        data: '[{"arm_num":"1","name":"A"}]',
      }),
    ).toEqual({
      status: 403,
      text: '{"error":"You do not have Project Design and Setup privileges"}',
    });
  });

  it('override=1 deletes every arm, event and their data first (§2.12)', async () => {
    const redcap = createMockRedcap();
    const r = await post(redcap, {
      ...L,
      content: 'arm',
      action: 'import',
      override: '1',
      data: '[{"arm_num":"1","name":"Only"}]',
    });
    expect(r).toEqual({ status: 200, text: '1' });
    expect(await post(redcap, { ...L, content: 'event' })).toEqual({ status: 200, text: '[]' });
    expect(await post(redcap, { ...L, content: 'record' })).toEqual({ status: 200, text: '[]' });
    expect(await post(redcap, { ...L, content: 'repeatingFormsEvents' })).toEqual({
      status: 200,
      text: '[]',
    });
  });

  it('imports a classic repeating setup without event_name (§2.14)', async () => {
    const redcap = createMockRedcap();
    const bad = await post(redcap, {
      token: ALICE_TOKEN,
      content: 'repeatingFormsEvents',
      data: '[{"event_name":"x","form_name":"nope","custom_form_label":""}]',
    });
    expect(bad).toEqual({
      status: 400,
      text: JSON.stringify({
        error:
          'Row 1: event_name must be blank in a classic project\nRow 1: form_name "nope" is not an instrument',
      }),
    });
    const ok = await post(redcap, {
      token: ALICE_TOKEN,
      content: 'repeatingFormsEvents',
      data: '[{"form_name":"health","custom_form_label":""},{"form_name":"visit","custom_form_label":"[visit_date]"}]',
    });
    expect(ok).toEqual({ status: 200, text: '2' });
    expect(await post(redcap, { token: ALICE_TOKEN, content: 'repeatingFormsEvents' })).toEqual({
      status: 200,
      text: '[{"form_name":"health","custom_form_label":""},{"form_name":"visit","custom_form_label":"[visit_date]"}]',
    });
  });

  it('answers files on longitudinal projects as REDCap does (tests/mocks/longitudinal-files)', async () => {
    const redcap = createMockRedcap();
    expect(
      await post(redcap, { ...L, content: 'file', action: 'export', record: '1', field: 'x' }),
    ).toEqual({
      status: 400,
      text: `{"error":"The field 'x' does not exist or is not a 'file' field"}`,
    });
  });

  it('generates unique event names as §2.13 describes', () => {
    const taken = new Set(['baseline_arm_1']);
    expect(uniqueEventName('Baseline', 1, taken)).toBe('baselineb_arm_1');
    expect(uniqueEventName('Event 1', 1, taken)).toBe('event_1_arm_1');
    expect(uniqueEventName('Baseline', 2, taken)).toBe('baseline_arm_2');
    expect(uniqueEventName('A very long event name indeed', 1, taken)).toBe(
      'a_very_long_event_arm_1',
    );
    expect(uniqueEventName('¿¿', 3, taken)).toBe('event_arm_3');
  });
});

describe("Delete Records' refusals on the longitudinal demo (REDCap's texts, issue #17)", () => {
  const PREFIX =
    'One or more of the records provided are either do not exist in this project or not valid with selected params. Note: No records were deleted. Records that do not exist: ';
  const del = (redcap: MockRedcap, fields: Record<string, string>) =>
    post(redcap, { ...L, content: 'record', action: 'delete', ...fields });
  const error = (message: string) => ({ status: 400, text: JSON.stringify({ error: message }) });

  it('names each record with its reason, and deletes nothing', async () => {
    const redcap = createMockRedcap();
    const two = { 'records[0]': '1', 'records[1]': '9' };
    expect(await del(redcap, { ...two, arm: '7' })).toEqual(
      error('The arm provided is not correct for the project.'),
    );
    // Record 1 is in arm 1 only; record 9 in arm 2.
    expect(await del(redcap, { ...two, arm: '2', event: 'nope_arm_2' })).toEqual(
      error(`${PREFIX}1: Record does not exists., 9: Invalid Unique Event Name.`),
    );
    expect(await del(redcap, { ...two, event: 'nope_arm_1' })).toEqual(
      error(`${PREFIX}1: Invalid Unique Event Name., 9: Invalid Unique Event Name.`),
    );
    expect(await del(redcap, { ...two, event: 'baseline_arm_1', instrument: 'nope' })).toEqual(
      error(`${PREFIX}1: Invalid instrument., 9: Invalid instrument.`),
    );
    expect(await del(redcap, { ...two, instrument: 'vitals' })).toEqual(
      error(
        `${PREFIX}1: Event is mandatory for longitudinal project., 9: Event is mandatory for longitudinal project.`,
      ),
    );
    const left = await post(redcap, {
      ...L,
      content: 'record',
      'records[0]': '1',
      'records[1]': '9',
    });
    expect((JSON.parse(left.text) as unknown[]).length).toBeGreaterThan(2);
  });
});
