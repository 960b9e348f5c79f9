import { describe, expect, it } from 'vitest';
import {
  ALICE_LONGITUDINAL_TOKEN,
  ALICE_PRODUCTION_TOKEN,
  ALICE_TOKEN,
  CAROL_TOKEN,
  DAVE_TOKEN,
  seedData,
} from '../../mocks/fixtures/index.ts';
import { createMockRedcap, type MockRedcap } from '../../mocks/redcap.ts';
import { DEFAULT_400 } from '../../mocks/wire/render.ts';
import type { MockRedcapData } from '../../mocks/store/types.ts';
import { sendPairs, type Pairs } from './redcap-error.ts';

/**
 * Arms, events, instrument-event mappings (mocks/routes/longitudinal.ts) and DAGs
 * (mocks/routes/dags.ts) as a client sees them: status and body, one table row per edge
 * (issue #19's mutation survivors).
 */

const LONG = ALICE_LONGITUDINAL_TOKEN;
const JSON_TYPE = 'application/json; charset=utf-8';

function mock(change?: (data: MockRedcapData) => void): MockRedcap {
  const seed = seedData();
  change?.(seed);
  return createMockRedcap({ seed });
}

async function call(redcap: MockRedcap, token: string, pairs: Pairs) {
  return sendPairs(redcap, [['token', token], ...pairs]);
}

/** The JSON body of a call that must succeed. */
async function ok(redcap: MockRedcap, token: string, pairs: Pairs): Promise<unknown> {
  const res = await call(redcap, token, [['format', 'json'], ...pairs]);
  expect(res.status, res.text).toBe(200);
  return JSON.parse(res.text) as unknown;
}

/** The newest log row's details. */
async function lastLog(redcap: MockRedcap, token: string): Promise<string> {
  const rows = (await ok(redcap, token, [['content', 'log']])) as {
    action: string;
    details: string;
  }[];
  return `${rows[0]!.action}| ${rows[0]!.details}`;
}

const err = (message: string) => JSON.stringify({ error: message });

const armsJson = (redcap: MockRedcap) =>
  ok(redcap, LONG, [['content', 'arm']]) as Promise<{ arm_num: number; name: string }[]>;
const eventsJson = (redcap: MockRedcap, token = LONG) =>
  ok(redcap, token, [['content', 'event']]) as Promise<Record<string, unknown>[]>;
const mapJson = (redcap: MockRedcap, extra: Pairs = []) =>
  ok(redcap, LONG, [['content', 'formEventMapping'], ...extra]) as Promise<
    { arm_num: number; unique_event_name: string; form: string }[]
  >;

describe('structure routes on a classic project', () => {
  it.each([
    ['arm', 'export', [], 'You cannot export arms for classic projects'],
    ['event', 'export', [], 'You cannot export events for classic projects'],
    [
      'formEventMapping',
      'export',
      [],
      'You cannot export form/event mappings for classic projects',
    ],
    [
      'arm',
      'import',
      [['data', '[{"arm_num":"1","name":"A"}]']],
      'You cannot import arms for classic projects',
    ],
    ['event', 'import', [['data', '[]']], 'You cannot import events for classic projects'],
    [
      'formEventMapping',
      'import',
      [['data', '[]']],
      'You cannot import form/event mappings for classic projects',
    ],
    ['arm', 'delete', [['arms[0]', '1']], 'You cannot delete arms for classic projects'],
    ['event', 'delete', [['events[0]', 'x']], 'You cannot delete events for classic projects'],
  ] as const)('%s %s answers 400 %j', async (content, action, extra, message) => {
    const res = await call(mock(), ALICE_TOKEN, [
      ['content', content],
      ['action', action],
      ['format', 'json'],
      ...(extra as Pairs),
    ]);
    expect([res.status, res.type, res.text]).toEqual([400, JSON_TYPE, err(message)]);
  });
});

describe('structure writes in production status', () => {
  const MESSAGE =
    'The project structure (arms, events, instrument-event mappings, repeating setup) can only be changed while the project is in Development status';
  it.each([
    ['arm', 'import', [['data', '[{"arm_num":"3","name":"C"}]']]],
    ['arm', 'delete', [['arms[0]', '2']]],
    ['event', 'import', [['data', '[{"event_name":"X","arm_num":"1"}]']]],
    ['event', 'delete', [['events[0]', 'final_arm_2']]],
    [
      'formEventMapping',
      'import',
      [['data', '[{"unique_event_name":"baseline_arm_1","form":"vitals"}]']],
    ],
  ] as const)('%s %s answers 400 and changes nothing', async (content, action, extra) => {
    const redcap = mock();
    const before = await eventsJson(redcap, ALICE_PRODUCTION_TOKEN);
    const res = await call(redcap, ALICE_PRODUCTION_TOKEN, [
      ['content', content],
      ['action', action],
      ['format', 'json'],
      ...(extra as Pairs),
    ]);
    expect([res.status, res.text]).toEqual([400, err(MESSAGE)]);
    expect(await eventsJson(redcap, ALICE_PRODUCTION_TOKEN)).toEqual(before);
  });
});

describe('Export Arms, Events and Mappings: the arms filter, formats and log', () => {
  it.each([
    [[['arms[0]', '2']], [2]],
    [[['arms[0]', '1']], [1]],
    [
      [
        ['arms[0]', '2'],
        ['arms[1]', '1'],
      ],
      [1, 2],
    ],
    [[], [1, 2]],
    [[['arms', '2']], [1, 2]], // a plain string is not an array parameter: ignored
  ] as const)('arms %j → arms %j in each export', async (extra, wanted) => {
    const redcap = mock();
    const arms = (await ok(redcap, LONG, [['content', 'arm'], ...(extra as Pairs)])) as {
      arm_num: number;
    }[];
    expect(arms.map((a) => a.arm_num)).toEqual(wanted);
    const events = (await ok(redcap, LONG, [['content', 'event'], ...(extra as Pairs)])) as {
      arm_num: number;
    }[];
    expect([...new Set(events.map((e) => e.arm_num))]).toEqual(wanted);
    const maps = await mapJson(redcap, extra as Pairs);
    expect([...new Set(maps.map((e) => e.arm_num))]).toEqual(wanted);
  });

  it.each(['arm', 'event', 'formEventMapping'])(
    '%s: an arm the project lacks is a 400 naming it',
    async (content) => {
      const res = await call(mock(), LONG, [
        ['content', content],
        ['format', 'json'],
        ['arms[0]', '1'],
        ['arms[1]', '3'],
        ['arms[2]', 'x'],
      ]);
      expect([res.status, res.text]).toEqual([
        400,
        err(`The following values in the parameter "arms" are not valid: '3', 'x'`),
      ]);
    },
  );

  it('exports arms in arm order, whatever order they were added in', async () => {
    const redcap = mock((data) => {
      data.projects[1]!.arms = [
        { arm_num: 2, name: 'Drug B' },
        { arm_num: 1, name: 'Drug A' },
      ];
    });
    expect(await armsJson(redcap)).toEqual([
      { arm_num: 1, name: 'Drug A' },
      { arm_num: 2, name: 'Drug B' },
    ]);
  });

  it.each([
    ['arm', 'Export arms (API Playground)'],
    ['event', 'Export events (API Playground)'],
    ['formEventMapping', 'Export instrument-event mappings (API Playground)'],
  ])('%s export logs %j', async (content, details) => {
    const redcap = mock();
    await ok(redcap, LONG, [
      ['content', content],
      ['playground', '1'],
    ]);
    expect(await lastLog(redcap, LONG)).toBe(`Manage/Design | ${details}`);
  });

  it.each([
    [
      'arm',
      'odm',
      'text/xml; charset=utf-8',
      '<item><arm_num><![CDATA[1]]></arm_num><name><![CDATA[Drug A]]></name></item>',
    ],
    ['event', 'odm', 'text/xml; charset=utf-8', '<event_id><![CDATA[41]]></event_id>'],
    ['formEventMapping', 'odm', 'text/xml; charset=utf-8', '<form><![CDATA[enrollment]]></form>'],
    ['arm', 'csv', 'text/csv; charset=utf-8', 'arm_num,name\n1,"Drug A"\n'],
    [
      'event',
      'csv',
      'text/csv; charset=utf-8',
      'event_name,arm_num,unique_event_name,custom_event_label,event_id\n',
    ],
    [
      'formEventMapping',
      'csv',
      'text/csv; charset=utf-8',
      'arm_num,unique_event_name,form\n1,baseline_arm_1,enrollment\n',
    ],
  ])('%s format=%s answers %s', async (content, format, type, part) => {
    const res = await call(mock(), LONG, [
      ['content', content],
      ['format', format],
    ]);
    expect(res.status).toBe(200);
    expect(res.type).toBe(type);
    expect(res.text).toContain(part);
  });

  it('adds the day offsets after arm_num when scheduling is on', async () => {
    const redcap = mock((data) => {
      const project = data.projects[1]!;
      project.info.scheduling_enabled = 1;
      project.events![0]!.day_offset = 3;
      project.events![0]!.offset_min = 1;
      project.events![0]!.offset_max = 2;
    });
    const events = await eventsJson(redcap);
    expect(events[0]).toEqual({
      event_name: 'Baseline',
      arm_num: 1,
      day_offset: 3,
      offset_min: 1,
      offset_max: 2,
      unique_event_name: 'baseline_arm_1',
      custom_event_label: '',
      event_id: 41,
    });
    expect(Object.keys(events[1]!)).toEqual(Object.keys(events[0]!));
    expect(events[1]).toMatchObject({ day_offset: 0, offset_min: 0, offset_max: 0 });
  });

  it('exports mappings per event in form order, not in the order they were stored', async () => {
    const redcap = mock((data) => {
      data.projects[1]!.formEvents!.reverse();
    });
    const maps = await mapJson(redcap, [['arms[0]', '1']]);
    expect(maps.map((m) => `${m.unique_event_name}:${m.form}`)).toEqual([
      'baseline_arm_1:enrollment',
      'baseline_arm_1:vitals',
      'week_4_arm_1:vitals',
      'week_4_arm_1:adverse_events',
      'unscheduled_arm_1:vitals',
      'unscheduled_arm_1:adverse_events',
      'follow_up_arm_1:completion',
    ]);
  });
});

describe('Import Arms', () => {
  const importArms = (redcap: MockRedcap, data: string, extra: Pairs = []) =>
    call(redcap, LONG, [
      ['content', 'arm'],
      ['action', 'import'],
      ['format', 'json'],
      ['data', data],
      ...extra,
    ]);

  it.each([
    ['[]', DEFAULT_400],
    ['[{"arm_num":"0","name":"Zero"}]', 'Row 1: arm_num must be a whole number of 1 or more'],
    ['[{"arm_num":"01","name":"A"}]', 'Row 1: arm_num must be a whole number of 1 or more'],
    ['[{"arm_num":"1.5","name":"A"}]', 'Row 1: arm_num must be a whole number of 1 or more'],
    ['[{"name":"A"}]', 'Row 1: arm_num must be a whole number of 1 or more'],
    ['[{"arm_num":"3"}]', 'Row 1: the arm name cannot be empty'],
    ['[{"arm_num":"3","name":"  "}]', 'Row 1: the arm name cannot be empty'],
    [
      '[{"arm_num":"3","name":"C"},{"arm_num":"x","name":""}]',
      'Row 2: arm_num must be a whole number of 1 or more\nRow 2: the arm name cannot be empty',
    ],
  ])('%s → 400 %j, nothing changes', async (data, message) => {
    const redcap = mock();
    const res = await importArms(redcap, data);
    expect([res.status, res.text]).toEqual([400, err(message)]);
    expect((await armsJson(redcap)).length).toBe(2);
  });

  it('renames an arm, adds new ones in arm order, answers the row count and logs', async () => {
    const redcap = mock();
    const res = await importArms(
      redcap,
      '[{"arm_num":"5","name":"Drug E"},{"arm_num":" 1 ","name":" Renamed "},{"arm_num":"3","name":"Drug C"}]',
      [['playground', '1']],
    );
    expect([res.status, res.text]).toEqual([200, '3']);
    expect(await lastLog(redcap, LONG)).toBe('Manage/Design | Import arms (API Playground)');
    expect(await armsJson(redcap)).toEqual([
      { arm_num: 1, name: 'Renamed' },
      { arm_num: 2, name: 'Drug B' },
      { arm_num: 3, name: 'Drug C' },
      { arm_num: 5, name: 'Drug E' },
    ]);
    // Without override the events stay.
    expect((await eventsJson(redcap)).length).toBe(7);
  });

  it.each([
    ['1', 0],
    ['true', 0],
    ['0', 7],
    ['', 7],
  ])('override=%j: events left %i', async (override, left) => {
    const redcap = mock();
    const res = await importArms(redcap, '[{"arm_num":"1","name":"Only"}]', [
      ['override', override],
    ]);
    expect([res.status, res.text]).toEqual([200, '1']);
    expect((await armsJson(redcap)).map((a) => a.arm_num)).toEqual(left === 0 ? [1] : [1, 2]);
    expect((await eventsJson(redcap)).length).toBe(left);
  });

  it('reads CSV with the csvDelimiter sent', async () => {
    const redcap = mock();
    const res = await call(redcap, LONG, [
      ['content', 'arm'],
      ['action', 'import'],
      ['format', 'csv'],
      ['csvDelimiter', ';'],
      ['data', 'arm_num;name\n3;Drug C'],
    ]);
    expect([res.status, res.text]).toEqual([200, '1']);
    expect((await armsJson(redcap)).at(-1)).toEqual({ arm_num: 3, name: 'Drug C' });
  });
});

describe('Delete Arms and Events', () => {
  it.each([
    ['arm', [['arms', '2']], DEFAULT_400],
    ['arm', [], DEFAULT_400],
    ['arm', [['arms[0]', ' ']], DEFAULT_400],
    ['arm', [['arms[0]', '3']], `The following values in the parameter "arms" are not valid: '3'`],
    ['event', [['events', 'final_arm_2']], DEFAULT_400],
    [
      'event',
      [['events[0]', 'nope']],
      `The following values in the parameter "events" are not valid: 'nope'`,
    ],
  ] as const)('%s %j → 400 %j', async (content, extra, message) => {
    const redcap = mock();
    const res = await call(redcap, LONG, [
      ['content', content],
      ['action', 'delete'],
      ['format', 'json'],
      ...(extra as Pairs),
    ]);
    expect([res.status, res.text]).toEqual([400, err(message)]);
    expect((await eventsJson(redcap)).length).toBe(7);
  });

  it('deletes an arm with its events (and only those), counting each arm once', async () => {
    const redcap = mock();
    const res = await call(redcap, LONG, [
      ['content', 'arm'],
      ['action', 'delete'],
      ['arms[0]', '2'],
      ['arms[1]', '2'],
      ['playground', '1'],
    ]);
    expect([res.status, res.text]).toEqual([200, '1']);
    expect(await lastLog(redcap, LONG)).toBe('Manage/Design | Delete arms (API Playground)');
    expect(await armsJson(redcap)).toEqual([{ arm_num: 1, name: 'Drug A' }]);
    expect((await eventsJson(redcap)).map((e) => e.unique_event_name)).toEqual([
      'baseline_arm_1',
      'week_4_arm_1',
      'unscheduled_arm_1',
      'follow_up_arm_1',
    ]);
  });

  it('deletes the events named, answers their count and logs', async () => {
    const redcap = mock();
    const res = await call(redcap, LONG, [
      ['content', 'event'],
      ['action', 'delete'],
      ['events[0]', 'final_arm_2'],
      ['events[1]', 'week_4_arm_1'],
      ['playground', '1'],
    ]);
    expect([res.status, res.text]).toEqual([200, '2']);
    expect(await lastLog(redcap, LONG)).toBe('Manage/Design | Delete events (API Playground)');
    expect((await eventsJson(redcap)).map((e) => e.unique_event_name)).toEqual([
      'baseline_arm_1',
      'unscheduled_arm_1',
      'follow_up_arm_1',
      'baseline_arm_2',
      'week_4_arm_2',
    ]);
  });
});

describe('Import Events', () => {
  const importEvents = (redcap: MockRedcap, rows: unknown[], extra: Pairs = []) =>
    call(redcap, LONG, [
      ['content', 'event'],
      ['action', 'import'],
      ['format', 'json'],
      ['data', JSON.stringify(rows)],
      ...extra,
    ]);

  it.each([
    [[], [], DEFAULT_400],
    [[{ arm_num: '1' }], [], 'Row 1: the event name cannot be empty'],
    [[{ event_name: 'X', arm_num: '3' }], [], 'Row 1: arm_num "3" is not an arm of this project'],
    [[{ event_name: 'X', arm_num: '0' }], [], 'Row 1: arm_num "0" is not an arm of this project'],
    [[{ event_name: 'X', arm_num: '01' }], [], 'Row 1: arm_num "01" is not an arm of this project'],
    [[{ event_name: 'X' }], [], 'Row 1: arm_num "" is not an arm of this project'],
    [
      [{ event_name: 'X', arm_num: '1', unique_event_name: 'nope' }],
      [],
      'Row 1: unique_event_name "nope" is not an event of this project',
    ],
    [
      [{ event_name: 'X', arm_num: '2', unique_event_name: 'baseline_arm_1' }],
      [],
      'Row 1: the event "baseline_arm_1" belongs to arm 1',
    ],
    [
      [
        { event_name: 'Y', arm_num: '1' },
        { event_name: '', arm_num: '9', unique_event_name: 'nope' },
      ],
      [],
      'Row 2: the event name cannot be empty\nRow 2: arm_num "9" is not an arm of this project\nRow 2: unique_event_name "nope" is not an event of this project',
    ],
  ] as const)('%j %j → 400 %j, nothing changes', async (rows, extra, message) => {
    const redcap = mock();
    const res = await importEvents(redcap, [...rows], extra as unknown as Pairs);
    expect([res.status, res.text]).toEqual([400, err(message)]);
    expect((await eventsJson(redcap)).length).toBe(7);
  });

  it('an unknown unique_event_name with a bad arm reports both problems', async () => {
    const res = await importEvents(mock(), [
      { event_name: 'X', arm_num: 'x', unique_event_name: 'baseline_arm_1' },
    ]);
    // arm "x" is not a number: only the arm problem, not "belongs to arm 1"
    expect([res.status, res.text]).toEqual([
      400,
      err('Row 1: arm_num "x" is not an arm of this project'),
    ]);
  });

  it('updates an event named by unique_event_name: name, label and offsets sent, others kept', async () => {
    const redcap = mock((data) => {
      data.projects[1]!.info.scheduling_enabled = 1;
      data.projects[1]!.events![1]!.day_offset = 28;
      data.projects[1]!.events![1]!.offset_max = 5;
    });
    const res = await importEvents(
      redcap,
      [
        {
          event_name: 'Week 4b',
          arm_num: '1',
          unique_event_name: 'week_4_arm_1',
          custom_event_label: 'W4',
          offset_min: '2',
        },
        { event_name: 'Base', arm_num: '', unique_event_name: 'baseline_arm_1' },
      ],
      [['playground', '1']],
    );
    // an empty arm_num is checked like any other: not an arm
    expect(res.status).toBe(400);
    const res2 = await importEvents(redcap, [
      {
        event_name: 'Week 4b',
        arm_num: '1',
        unique_event_name: 'week_4_arm_1',
        custom_event_label: 'W4',
        offset_min: '2',
      },
    ]);
    expect([res2.status, res2.text]).toEqual([200, '1']);
    const events = await eventsJson(redcap);
    expect(events.length).toBe(7);
    expect(events[1]).toEqual({
      event_name: 'Week 4b',
      arm_num: 1,
      day_offset: 28,
      offset_min: 2,
      offset_max: 5,
      unique_event_name: 'week_4_arm_1',
      custom_event_label: 'W4',
      event_id: 42,
    });
  });

  it('keeps the label when the row has none, and reads a blank or non-number offset as 0', async () => {
    const redcap = mock((data) => {
      data.projects[1]!.info.scheduling_enabled = 1;
      data.projects[1]!.events![0]!.custom_event_label = 'Keep';
      data.projects[1]!.events![0]!.day_offset = 9;
      data.projects[1]!.events![0]!.offset_min = 9;
      data.projects[1]!.events![0]!.offset_max = 9;
    });
    const res = await importEvents(redcap, [
      {
        event_name: 'Baseline',
        arm_num: '1',
        unique_event_name: 'baseline_arm_1',
        day_offset: '',
        offset_min: 'abc',
        offset_max: '1.5',
      },
    ]);
    expect([res.status, res.text]).toEqual([200, '1']);
    expect((await eventsJson(redcap))[0]).toMatchObject({
      custom_event_label: 'Keep',
      day_offset: 0,
      offset_min: 0,
      offset_max: 1.5,
    });
  });

  it('creates events with the next event id, a derived unique name, and in arm order', async () => {
    const redcap = mock((data) => {
      data.projects[1]!.info.scheduling_enabled = 1;
    });
    const res = await importEvents(
      redcap,
      [
        { event_name: 'Extra', arm_num: '2', day_offset: '7', custom_event_label: 'E' },
        { event_name: 'Baseline', arm_num: '1' },
      ],
      [['playground', '1']],
    );
    expect([res.status, res.text]).toEqual([200, '2']);
    expect(await lastLog(redcap, LONG)).toBe('Manage/Design | Import events (API Playground)');
    const events = await eventsJson(redcap);
    expect(events.map((e) => [e.unique_event_name, e.event_id, e.arm_num])).toEqual([
      ['baseline_arm_1', 41, 1],
      ['week_4_arm_1', 42, 1],
      ['unscheduled_arm_1', 43, 1],
      ['follow_up_arm_1', 44, 1],
      ['baselineb_arm_1', 49, 1],
      ['baseline_arm_2', 45, 2],
      ['week_4_arm_2', 46, 2],
      ['final_arm_2', 47, 2],
      ['extra_arm_2', 48, 2],
    ]);
    expect(events.find((e) => e.event_id === 48)).toEqual({
      event_name: 'Extra',
      arm_num: 2,
      day_offset: 7,
      offset_min: 0,
      offset_max: 0,
      unique_event_name: 'extra_arm_2',
      custom_event_label: 'E',
      event_id: 48,
    });
    expect(events.find((e) => e.event_id === 49)?.custom_event_label).toBe('');
  });

  it('without a stored next id or any event, a new event takes id 1', async () => {
    const redcap = mock((data) => {
      delete data.projects[1]!.nextEventId;
    });
    const res = await importEvents(
      redcap,
      [{ event_name: 'First', arm_num: '1' }],
      [['override', '1']],
    );
    expect([res.status, res.text]).toEqual([200, '1']);
    expect((await eventsJson(redcap)).map((e) => [e.unique_event_name, e.event_id])).toEqual([
      ['first_arm_1', 1],
    ]);
  });

  it('without a stored next id, a new event takes the largest id plus one', async () => {
    const redcap = mock((data) => {
      delete data.projects[1]!.nextEventId;
    });
    await importEvents(redcap, [{ event_name: 'Extra', arm_num: '1' }]);
    const created = (await eventsJson(redcap)).find((e) => e.event_name === 'Extra');
    expect(created?.event_id).toBe(48);
  });

  it('override replaces every event; unique_event_name is then not checked', async () => {
    const redcap = mock();
    const res = await importEvents(
      redcap,
      [{ event_name: 'Only', arm_num: '2', unique_event_name: 'nope' }],
      [['override', '1']],
    );
    expect([res.status, res.text]).toEqual([200, '1']);
    expect((await eventsJson(redcap)).map((e) => [e.unique_event_name, e.event_id])).toEqual([
      ['only_arm_2', 48],
    ]);
  });
});

describe('Import Instrument-Event Mappings', () => {
  const importMap = (redcap: MockRedcap, rows: unknown[], extra: Pairs = []) =>
    call(redcap, LONG, [
      ['content', 'formEventMapping'],
      ['action', 'import'],
      ['format', 'json'],
      ['data', JSON.stringify(rows)],
      ...extra,
    ]);

  it.each([
    [[], DEFAULT_400],
    [
      [{ unique_event_name: 'nope', form: 'vitals' }],
      'Row 1: unique_event_name "nope" is not an event of this project',
    ],
    [[{ form: 'vitals' }], 'Row 1: unique_event_name "" is not an event of this project'],
    [
      [{ arm_num: '2', unique_event_name: 'baseline_arm_1', form: 'vitals' }],
      'Row 1: the event "baseline_arm_1" belongs to arm 1',
    ],
    [
      [{ unique_event_name: 'baseline_arm_1', form: 'nope' }],
      'Row 1: form "nope" is not an instrument',
    ],
    [[{ unique_event_name: 'baseline_arm_1' }], 'Row 1: form "" is not an instrument'],
    [
      [
        { unique_event_name: 'baseline_arm_1', form: 'vitals' },
        { arm_num: '1', unique_event_name: 'x', form: 'y' },
      ],
      'Row 2: unique_event_name "x" is not an event of this project\nRow 2: form "y" is not an instrument',
    ],
  ])('%j → 400 %j, nothing changes', async (rows, message) => {
    const redcap = mock();
    const before = await mapJson(redcap);
    const res = await importMap(redcap, rows);
    expect([res.status, res.text]).toEqual([400, err(message)]);
    expect(await mapJson(redcap)).toEqual(before);
  });

  it('replaces every mapping, once per pair; answers the rows sent and logs', async () => {
    const redcap = mock();
    const res = await importMap(
      redcap,
      [
        { arm_num: '1', unique_event_name: 'week_4_arm_1', form: 'completion' },
        { arm_num: '', unique_event_name: 'baseline_arm_2', form: 'vitals' },
        { unique_event_name: 'week_4_arm_1', form: 'completion' },
        { unique_event_name: 'week_4_arm_1', form: 'enrollment' },
      ],
      [['playground', '1']],
    );
    expect([res.status, res.text]).toEqual([200, '4']);
    expect(await lastLog(redcap, LONG)).toBe(
      'Manage/Design | Import instrument-event mappings (API Playground)',
    );
    expect(
      (await mapJson(redcap)).map((m) => `${m.arm_num}:${m.unique_event_name}:${m.form}`),
    ).toEqual([
      '1:week_4_arm_1:enrollment',
      '1:week_4_arm_1:completion',
      '2:baseline_arm_2:vitals',
    ]);
  });
});

describe('DAGs', () => {
  const dagsJson = (redcap: MockRedcap) =>
    ok(redcap, ALICE_TOKEN, [['content', 'dag']]) as Promise<
      {
        data_access_group_name: string;
        unique_group_name: string;
        data_access_group_id: number;
      }[]
    >;
  const importDags = (redcap: MockRedcap, rows: unknown[], extra: Pairs = []) =>
    call(redcap, ALICE_TOKEN, [
      ['content', 'dag'],
      ['action', 'import'],
      ['format', 'json'],
      ['data', JSON.stringify(rows)],
      ...extra,
    ]);

  it('exports the three DAGs, in CSV and as XML for odm, and logs', async () => {
    const redcap = mock();
    expect(await dagsJson(redcap)).toEqual([
      { data_access_group_name: 'Site A', unique_group_name: 'site_a', data_access_group_id: 1 },
      { data_access_group_name: 'Site B', unique_group_name: 'site_b', data_access_group_id: 2 },
      { data_access_group_name: 'Site C', unique_group_name: 'site_c', data_access_group_id: 3 },
    ]);
    const csv = await call(redcap, ALICE_TOKEN, [
      ['content', 'dag'],
      ['format', 'csv'],
      ['playground', '1'],
    ]);
    expect(csv.text.split('\n')[0]).toBe(
      'data_access_group_name,unique_group_name,data_access_group_id',
    );
    expect(await lastLog(redcap, ALICE_TOKEN)).toBe('Manage/Design | Export DAGs (API Playground)');
    const xml = await call(redcap, ALICE_TOKEN, [
      ['content', 'dag'],
      ['format', 'odm'],
    ]);
    expect([xml.status, xml.type]).toEqual([200, 'text/xml; charset=utf-8']);
    expect(xml.text).toContain('<unique_group_name><![CDATA[site_b]]></unique_group_name>');
  });

  it.each([
    ['dag', 'export', []],
    ['dag', 'import', [['data', '[{"data_access_group_name":"X"}]']]],
    ['dag', 'delete', [['dags[0]', 'site_c']]],
    ['userDagMapping', 'export', []],
    ['userDagMapping', 'import', [['data', '[{"username":"bob","redcap_data_access_group":""}]']]],
  ] as const)('%s %s: a user in a DAG gets 403', async (content, action, extra) => {
    const redcap = mock();
    const res = await call(redcap, DAVE_TOKEN, [
      ['content', content],
      ['action', action],
      ['format', 'json'],
      ...(extra as Pairs),
    ]);
    expect(res.status).toBe(403);
    expect((await dagsJson(redcap)).length).toBe(3);
  });

  it.each([
    [[], DEFAULT_400],
    [[{ unique_group_name: 'site_a' }], 'The data_access_group_name cannot be blank'],
    [
      [{ data_access_group_name: 'X', unique_group_name: 'nope' }],
      "The unique_group_name 'nope' is not a data access group of the project",
    ],
    [
      [{ data_access_group_name: '' }, { data_access_group_name: 'Y', unique_group_name: 'zz' }],
      "The data_access_group_name cannot be blank\nThe unique_group_name 'zz' is not a data access group of the project",
    ],
  ])('import %j → 400 %j', async (rows, message) => {
    const redcap = mock();
    const res = await importDags(redcap, rows);
    expect([res.status, res.text]).toEqual([400, err(message)]);
    expect((await dagsJson(redcap)).length).toBe(3);
  });

  it.each([
    ['New DAG', 'new_dag'],
    ['dag-a', 'daga'],
    ['  Site  A!  ', 'site__a'],
    ['___', 'dag'],
    ['***', 'dag'],
    ['A very long group name indeed', 'a_very_long_group_'],
    ['Site A', 'site_a_2'],
    ['Site-C', 'sitec'],
    ['_x_', 'x'],
    ['__x y__', 'x_y'],
  ])('a new DAG labelled %j is named %j', async (label, unique) => {
    const redcap = mock();
    const res = await importDags(redcap, [{ data_access_group_name: label }]);
    expect([res.status, res.text]).toEqual([200, '1']);
    expect((await dagsJson(redcap)).at(-1)).toEqual({
      data_access_group_name: label.trim(),
      unique_group_name: unique,
      data_access_group_id: 4,
    });
  });

  it('numbers taken names _2, _3… within 18 characters, ids from the next id on', async () => {
    const redcap = mock((data) => {
      data.projects[0]!.dags = [
        {
          data_access_group_id: 7,
          data_access_group_name: 'L',
          unique_group_name: 'abcdefghijklmnopqr',
        },
        {
          data_access_group_id: 2,
          data_access_group_name: 'M',
          unique_group_name: 'abcdefghijklmnop_2',
        },
      ];
      delete data.projects[0]!.nextDagId;
    });
    const res = await importDags(redcap, [
      { data_access_group_name: 'abcdefghijklmnopqrstu' },
      { data_access_group_name: 'abcdefghijklmnopqr' },
    ]);
    expect([res.status, res.text]).toEqual([200, '2']);
    expect((await dagsJson(redcap)).slice(2)).toEqual([
      {
        data_access_group_name: 'abcdefghijklmnopqrstu',
        unique_group_name: 'abcdefghijklmnop_3',
        data_access_group_id: 8,
      },
      {
        data_access_group_name: 'abcdefghijklmnopqr',
        unique_group_name: 'abcdefghijklmnop_4',
        data_access_group_id: 9,
      },
    ]);
  });

  it('the first DAG of a project without any takes id 1', async () => {
    const redcap = mock((data) => {
      data.projects[0]!.dags = [];
      delete data.projects[0]!.nextDagId;
    });
    const res = await importDags(redcap, [{ data_access_group_name: 'One' }]);
    expect([res.status, res.text]).toEqual([200, '1']);
    expect(await dagsJson(redcap)).toEqual([
      { data_access_group_name: 'One', unique_group_name: 'one', data_access_group_id: 1 },
    ]);
  });

  it('renames a DAG named by unique_group_name, keeps its id, and logs', async () => {
    const redcap = mock();
    const res = await importDags(
      redcap,
      [{ data_access_group_name: 'Site Bee', unique_group_name: 'site_b' }],
      [['playground', '1']],
    );
    expect([res.status, res.text]).toEqual([200, '1']);
    expect(await lastLog(redcap, ALICE_TOKEN)).toBe('Manage/Design | Import DAGs (API Playground)');
    expect((await dagsJson(redcap))[1]).toEqual({
      data_access_group_name: 'Site Bee',
      unique_group_name: 'site_b',
      data_access_group_id: 2,
    });
  });

  it('deletes DAGs: their records and users are then in none; dag_switch loses them', async () => {
    const redcap = mock();
    const res = await call(redcap, ALICE_TOKEN, [
      ['content', 'dag'],
      ['action', 'delete'],
      ['dags[0]', 'site_a'],
      ['dags[1]', 'site_a'],
      ['playground', '1'],
    ]);
    expect([res.status, res.text]).toEqual([200, '1']);
    expect(await lastLog(redcap, ALICE_TOKEN)).toBe('Manage/Design | Delete DAGs (API Playground)');
    expect((await dagsJson(redcap)).map((d) => d.unique_group_name)).toEqual(['site_b', 'site_c']);
    const project = redcap.store.data.projects[0]!;
    expect(project.records.filter((r) => r.dag === 'site_a')).toEqual([]);
    expect(project.records.filter((r) => r.dag === 'site_b').map((r) => r.id)).toEqual([
      '6',
      '7',
      '8',
    ]);
    const dave = project.users.find((u) => u.username === 'dave')!;
    expect([dave.data_access_group, dave.dag_switch]).toEqual(['', ['site_b']]);
    const alice = project.users.find((u) => u.username === 'alice')!;
    expect(alice.dag_switch).toEqual(['', 'site_b', 'site_c']);
  });

  it.each([
    [[['dags', 'site_a']], DEFAULT_400],
    [[['dags[0]', 'nope']], `The following values in the parameter "dags" are not valid: 'nope'`],
  ] as const)('delete %j → 400 %j', async (extra, message) => {
    const res = await call(mock(), ALICE_TOKEN, [
      ['content', 'dag'],
      ['action', 'delete'],
      ['format', 'json'],
      ...(extra as Pairs),
    ]);
    expect([res.status, res.text]).toEqual([400, err(message)]);
  });

  it.each([
    [ALICE_TOKEN, 'site_b', 200, '1', 'site_b'],
    [ALICE_TOKEN, ' site_c ', 200, '1', 'site_c'],
    [ALICE_TOKEN, '', 200, '1', ''],
    [DAVE_TOKEN, 'site_b', 200, '1', 'site_b'],
    [CAROL_TOKEN, 'site_a', 400, err("You may not switch into the data access group 'site_a'"), ''],
    [
      CAROL_TOKEN,
      '',
      400,
      err('You may not leave your data access group with the DAG Switcher'),
      '',
    ],
    [
      DAVE_TOKEN,
      '',
      400,
      err('You may not leave your data access group with the DAG Switcher'),
      'site_a',
    ],
    [
      DAVE_TOKEN,
      'site_c',
      400,
      err("You may not switch into the data access group 'site_c'"),
      'site_a',
    ],
    [
      ALICE_TOKEN,
      'nope',
      400,
      err(
        `The value of the parameter "dag" is not valid: 'nope' is not a data access group of the project`,
      ),
      '',
    ],
  ])('switch (%s) to %j → %i %s', async (token, dag, status, body, now) => {
    const redcap = mock();
    const res = await call(redcap, token, [
      ['content', 'dag'],
      ['action', 'switch'],
      ['format', 'json'],
      ['dag', dag],
    ]);
    expect([res.status, res.text]).toEqual([status, body]);
    const user = redcap.store.data.projects[0]!.users.find(
      (u) =>
        u.username === (token === DAVE_TOKEN ? 'dave' : token === CAROL_TOKEN ? 'carol' : 'alice'),
    )!;
    expect(user.data_access_group).toBe(now);
  });

  it('switch logs', async () => {
    const redcap = mock();
    await call(redcap, ALICE_TOKEN, [
      ['content', 'dag'],
      ['action', 'switch'],
      ['dag', 'site_a'],
      ['playground', '1'],
    ]);
    // alice is now in site_a, and Export Logging still answers her
    const rows = (await ok(redcap, ALICE_TOKEN, [['content', 'log']])) as { details: string }[];
    expect(rows[0]!.details).toBe('Switch DAG (API Playground)');
  });

  it('exports and imports user-DAG assignments', async () => {
    const redcap = mock();
    const before = (await ok(redcap, ALICE_TOKEN, [
      ['content', 'userDagMapping'],
      ['playground', '1'],
    ])) as { username: string; redcap_data_access_group: string }[];
    expect(before.map((r) => `${r.username}:${r.redcap_data_access_group}`)).toEqual([
      'alice:',
      'bob:',
      'carol:',
      'dave:site_a',
      'erin:',
    ]);
    expect(await lastLog(redcap, ALICE_TOKEN)).toBe(
      'Manage/Design | Export User-DAG assignments (API Playground)',
    );
    const res = await call(redcap, ALICE_TOKEN, [
      ['content', 'userDagMapping'],
      ['action', 'import'],
      ['format', 'json'],
      ['playground', '1'],
      [
        'data',
        JSON.stringify([
          { username: 'bob', redcap_data_access_group: 'site_c' },
          { username: 'dave', redcap_data_access_group: '' },
          { username: 'carol' },
        ]),
      ],
    ]);
    expect([res.status, res.text]).toEqual([200, '3']);
    const after = (await ok(redcap, ALICE_TOKEN, [['content', 'userDagMapping']])) as {
      username: string;
      redcap_data_access_group: string;
    }[];
    expect(after.map((r) => `${r.username}:${r.redcap_data_access_group}`)).toEqual([
      'alice:',
      'bob:site_c',
      'carol:',
      'dave:',
      'erin:',
    ]);
    const csv = await call(redcap, ALICE_TOKEN, [
      ['content', 'userDagMapping'],
      ['format', 'odm'],
    ]);
    expect([csv.status, csv.type]).toEqual([200, 'text/xml; charset=utf-8']);
  });

  it.each([
    [[], DEFAULT_400],
    [
      [{ username: 'zed', redcap_data_access_group: '' }],
      "The user 'zed' is not a user of the project",
    ],
    [
      [{ username: 'bob', redcap_data_access_group: 'nope' }],
      "The data access group 'nope' does not exist",
    ],
    [
      [{ redcap_data_access_group: 'x' }],
      "The user '' is not a user of the project\nThe data access group 'x' does not exist",
    ],
  ])('import user-DAG %j → 400 %j', async (rows, message) => {
    const redcap = mock();
    const res = await call(redcap, ALICE_TOKEN, [
      ['content', 'userDagMapping'],
      ['action', 'import'],
      ['format', 'json'],
      ['data', JSON.stringify(rows)],
    ]);
    expect([res.status, res.text]).toEqual([400, err(message)]);
  });
});
