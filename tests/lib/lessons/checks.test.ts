import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { batches } from '../../../src/lib/lessons/batches.ts';
import { longitudinalEvents } from '../../../src/lib/lessons/events.ts';
import { exportFormats } from '../../../src/lib/lessons/export-formats.ts';
import { fieldsForms } from '../../../src/lib/lessons/fields-forms.ts';
import { files } from '../../../src/lib/lessons/files.ts';
import { filterLogic } from '../../../src/lib/lessons/filter-logic.ts';
import { firstCall } from '../../../src/lib/lessons/first-call.ts';
import { importRecord } from '../../../src/lib/lessons/import-record.ts';
import { rightsDags } from '../../../src/lib/lessons/rights-dags.ts';
import { OUTPUT, script } from '../../../src/lib/lessons/script.ts';
import type { FilePart } from '../../../src/lib/methods/define-method.ts';
import { attempt, CLASSIC, mock, verdict } from './attempts.ts';

beforeAll(() => mock.server.listen({ onUnhandledFrame: 'error' }));
beforeEach(() => mock.redcap.reset());
afterAll(() => mock.server.close());

const passes = { pass: true };
const notYet = { pass: false, hint: expect.any(String) as string };
const json = { format: 'json', returnFormat: 'json' };

describe('lesson 2, the first call', () => {
  it('passes on Export REDCap Version answered with a version', async () => {
    const events = [await attempt(CLASSIC, 'exp_rc_v', { format: 'json' })];
    expect(await verdict(firstCall, events)).toMatchObject(passes);
  });

  it('gives a hint on another method, and on a refused token', async () => {
    const other = await attempt(CLASSIC, 'exp_proj', json);
    expect(await verdict(firstCall, [other])).toMatchObject(notYet);
    const refused = {
      ...(await attempt(CLASSIC, 'exp_rc_v', { format: 'json' })),
      answer: {
        status: 403,
        contentType: 'application/json',
        body: '{"error":"You do not have permissions to use the API"}',
        fileName: null,
        size: 55,
      },
    };
    const result = await verdict(firstCall, [refused]);
    expect(result).toMatchObject(notYet);
    expect(result).toMatchObject({ hint: expect.stringContaining('403') as string });
  });
});

describe('lesson 3, JSON and CSV', () => {
  it('passes once both a JSON and a CSV export came back', async () => {
    const events = [
      await attempt(CLASSIC, 'exp_records', { ...json, type: 'flat' }),
      await attempt(CLASSIC, 'exp_records', { format: 'csv', type: 'flat' }),
    ];
    expect(await verdict(exportFormats, events)).toMatchObject(passes);
  });

  it('is not done with JSON twice, nor with CSV alone, nor with XML', async () => {
    const twice = [
      await attempt(CLASSIC, 'exp_records', json),
      await attempt(CLASSIC, 'exp_records', json),
    ];
    expect(await verdict(exportFormats, twice)).toMatchObject(notYet);
    const csv = [await attempt(CLASSIC, 'exp_records', { format: 'csv' })];
    expect(await verdict(exportFormats, csv)).toMatchObject(notYet);
    const xml = [
      await attempt(CLASSIC, 'exp_records', { format: 'xml' }),
      await attempt(CLASSIC, 'exp_records', { format: 'csv' }),
    ];
    expect(await verdict(exportFormats, xml)).toMatchObject(notYet);
  });
});

describe('lesson 4, fields, forms and checkbox columns', () => {
  it('passes on record_id plus the health form, whose answer has the symptoms___ columns', async () => {
    const events = [
      await attempt(CLASSIC, 'exp_records', { ...json, fields: ['record_id'], forms: ['health'] }),
    ];
    const result = await verdict(fieldsForms, events);
    expect(result).toMatchObject(passes);
    expect(result).toMatchObject({ message: expect.stringContaining('symptoms___1') as string });
  });

  it('is not done with every field, nor without the checkbox, nor without the record id', async () => {
    const everything = [await attempt(CLASSIC, 'exp_records', json)];
    expect(await verdict(fieldsForms, everything)).toMatchObject(notYet);
    const noBoxes = [
      await attempt(CLASSIC, 'exp_records', { ...json, fields: ['record_id', 'age'] }),
    ];
    expect(await verdict(fieldsForms, noBoxes)).toMatchObject(notYet);
    const noId = [await attempt(CLASSIC, 'exp_records', { ...json, fields: ['symptoms'] })];
    expect(await verdict(fieldsForms, noId)).toMatchObject(notYet);
    const withDemographics = [
      await attempt(CLASSIC, 'exp_records', { ...json, forms: ['demographics', 'health'] }),
    ];
    expect(await verdict(fieldsForms, withDemographics)).toMatchObject(notYet);
  });
});

describe('lesson 5, filterLogic', () => {
  const fields = ['record_id', 'age'];

  it('passes when exactly the records over 40 (read from the store) came back', async () => {
    const events = [
      await attempt(CLASSIC, 'exp_records', { ...json, fields, filterLogic: '[age] > 40' }),
    ];
    expect(await verdict(filterLogic, events)).toMatchObject(passes);
  });

  it('is not done without a filter, with >= 39, or with the records named by hand', async () => {
    const none = [await attempt(CLASSIC, 'exp_records', { ...json, fields })];
    expect(await verdict(filterLogic, none)).toMatchObject(notYet);
    const wide = [
      await attempt(CLASSIC, 'exp_records', { ...json, fields, filterLogic: '[age] >= 39' }),
    ];
    expect(await verdict(filterLogic, wide)).toMatchObject(notYet);
    const other = [
      await attempt(CLASSIC, 'exp_records', { ...json, fields, filterLogic: "[sex] = '1'" }),
    ];
    expect(await verdict(filterLogic, other)).toMatchObject(notYet);
  });

  it('reads the store as it is now: a record made older joins the expected set', async () => {
    const before = [
      await attempt(CLASSIC, 'exp_records', { ...json, fields, filterLogic: '[age] > 40' }),
    ];
    await attempt(CLASSIC, 'imp_records', {
      ...json,
      data: '[{"record_id":"3","age":"77"}]',
    });
    expect(await verdict(filterLogic, before)).toMatchObject(notYet);
  });
});

describe('lesson 6, events and redcap_event_name', () => {
  const LONG = 'longitudinal-demo/alice';

  it('passes on Export Records of week_4_arm_1 in the longitudinal demo', async () => {
    const events = [await attempt(LONG, 'exp_records', { ...json, events: ['week_4_arm_1'] })];
    expect(await verdict(longitudinalEvents, events, LONG)).toMatchObject(passes);
  });

  it('is not done on the classic demo, with every event, or with another event', async () => {
    const classic = [await attempt(CLASSIC, 'exp_records', { ...json, events: ['week_4_arm_1'] })];
    expect(await verdict(longitudinalEvents, classic)).toMatchObject(notYet);
    const all = [await attempt(LONG, 'exp_records', json)];
    expect(await verdict(longitudinalEvents, all, LONG)).toMatchObject(notYet);
    const other = [await attempt(LONG, 'exp_records', { ...json, events: ['baseline_arm_1'] })];
    expect(await verdict(longitudinalEvents, other, LONG)).toMatchObject(notYet);
    const both = [
      await attempt(LONG, 'exp_records', { ...json, events: ['week_4_arm_1', 'baseline_arm_1'] }),
    ];
    expect(await verdict(longitudinalEvents, both, LONG)).toMatchObject(notYet);
  });
});

describe('lesson 7, import a record and read it back', () => {
  const ada = { ...json, data: '[{"record_id":"101","first_name":"Ada"}]' };
  const readBack = { ...json, records: ['101'] };

  it('passes when record 101 is in the store with a first name and was read back', async () => {
    const events = [
      await attempt(CLASSIC, 'imp_records', ada),
      await attempt(CLASSIC, 'exp_records', readBack),
    ];
    expect(await verdict(importRecord, events)).toMatchObject(passes);
  });

  it('is not done before the read-back, when the import failed, or without a first name', async () => {
    const importOnly = [await attempt(CLASSIC, 'imp_records', ada)];
    expect(await verdict(importRecord, importOnly)).toMatchObject(notYet);
    mock.redcap.reset();
    // A read-back before the import does not count.
    const early = [
      await attempt(CLASSIC, 'exp_records', readBack),
      await attempt(CLASSIC, 'imp_records', ada),
    ];
    expect(await verdict(importRecord, early)).toMatchObject(notYet);
    mock.redcap.reset();
    const refused = [
      await attempt('classic-demo/bob', 'imp_records', ada),
      await attempt(CLASSIC, 'exp_records', readBack),
    ];
    expect(refused[0]!.answer?.status).toBe(403);
    expect(await verdict(importRecord, refused)).toMatchObject(notYet);
    const nameless = [
      await attempt(CLASSIC, 'imp_records', { ...json, data: '[{"record_id":"101","age":"3"}]' }),
      await attempt(CLASSIC, 'exp_records', readBack),
    ];
    expect(await verdict(importRecord, nameless)).toMatchObject(notYet);
  });
});

describe('lesson 8, files', () => {
  const mine: FilePart = {
    kind: 'file',
    name: 'my-consent.txt',
    type: 'text/plain',
    bytes: new TextEncoder().encode('signed'),
  };
  const where = { field: 'consent_file', returnFormat: 'json' };

  it('passes after a download and an upload that the store now holds on record 2', async () => {
    const events = [
      await attempt(CLASSIC, 'exp_file', { ...where, record: '1' }),
      await attempt(CLASSIC, 'imp_file', { ...where, record: '2', file: mine }),
    ];
    expect(await verdict(files, events)).toMatchObject(passes);
  });

  it('is not done without the download, with a refused upload, or with the file on record 1', async () => {
    const uploadOnly = [await attempt(CLASSIC, 'imp_file', { ...where, record: '2', file: mine })];
    expect(await verdict(files, uploadOnly)).toMatchObject(notYet);
    mock.redcap.reset();
    const refused = [
      await attempt(CLASSIC, 'exp_file', { ...where, record: '1' }),
      await attempt('classic-demo/bob', 'imp_file', { ...where, record: '2', file: mine }),
    ];
    expect(await verdict(files, refused)).toMatchObject(notYet);
    const elsewhere = [
      await attempt(CLASSIC, 'exp_file', { ...where, record: '1' }),
      await attempt(CLASSIC, 'imp_file', { ...where, record: '1', file: mine }),
    ];
    expect(await verdict(files, elsewhere)).toMatchObject(notYet);
  });

  it('is not done when the upload was deleted again: the store decides', async () => {
    const events = [
      await attempt(CLASSIC, 'exp_file', { ...where, record: '1' }),
      await attempt(CLASSIC, 'imp_file', { ...where, record: '2', file: mine }),
    ];
    await attempt(CLASSIC, 'del_file', { ...where, record: '2' });
    expect(await verdict(files, events)).toMatchObject(notYet);
  });
});

describe('lesson 9, rights and DAGs', () => {
  const same = { ...json, fields: ['record_id'] };

  it('passes on the same export as bob (200), carol (403) and dave (his DAG only)', async () => {
    const events = [
      await attempt('classic-demo/bob', 'exp_records', same),
      await attempt('classic-demo/carol', 'exp_records', same),
      await attempt('classic-demo/dave', 'exp_records', same),
    ];
    expect(events.map((e) => e.answer?.status)).toEqual([200, 403, 200]);
    expect(await verdict(rightsDags, events)).toMatchObject(passes);
  });

  it('is not done with a user missing, or with alice in dave’s place', async () => {
    const two = [
      await attempt('classic-demo/bob', 'exp_records', same),
      await attempt('classic-demo/carol', 'exp_records', same),
    ];
    expect(await verdict(rightsDags, two)).toMatchObject(notYet);
    const alice = { ...(await attempt(CLASSIC, 'exp_records', same)) };
    const impostor = [...two, { ...alice, where: { ...alice.where, user: 'dave' } }];
    expect(await verdict(rightsDags, impostor)).toMatchObject(notYet);
    const carolOther = [
      await attempt('classic-demo/bob', 'exp_records', same),
      await attempt('classic-demo/carol', 'exp_metadata', json),
      await attempt('classic-demo/dave', 'exp_records', same),
    ];
    expect(await verdict(rightsDags, carolOther)).toMatchObject(notYet);
  });
});

describe('lesson 11, big exports in batches', () => {
  const BIG = 'large-1k/alice';

  it('passes on the ids of large-1k, then a batch of them', async () => {
    const events = [
      await attempt(BIG, 'exp_records', { ...json, fields: ['record_id'] }),
      await attempt(BIG, 'exp_records', { ...json, records: ['1', '2', '3'] }),
    ];
    expect(await verdict(batches, events, BIG)).toMatchObject(passes);
  });

  it('is not done on a small project, without the batch, or with the batch first', async () => {
    const small = [
      await attempt(CLASSIC, 'exp_records', { ...json, fields: ['record_id'] }),
      await attempt(CLASSIC, 'exp_records', { ...json, records: ['1', '2'] }),
    ];
    expect(await verdict(batches, small)).toMatchObject(notYet);
    const ids = await attempt(BIG, 'exp_records', { ...json, fields: ['record_id'] });
    expect(await verdict(batches, [ids], BIG)).toMatchObject(notYet);
    const batch = await attempt(BIG, 'exp_records', { ...json, records: ['1', '2', '3'] });
    expect(await verdict(batches, [batch, ids], BIG)).toMatchObject(notYet);
    const everything = await attempt(BIG, 'exp_records', json);
    expect(await verdict(batches, [ids, everything], BIG)).toMatchObject(notYet);
  });
});

describe('lesson 12, the call as a script', () => {
  const call = { format: 'json', fields: ['record_id', 'age'] };

  it('passes when the pasted output is the mock’s answer to a call made here, as scripts print it', async () => {
    const here = await attempt(CLASSIC, 'exp_records', call);
    // What a snippet prints from mock:server for the same call: a fresh mock with the same seed.
    const there = await attempt(CLASSIC, 'exp_records', call);
    const rows = JSON.parse(there.answer!.body!) as Record<string, string>[];
    // Python and curl | jq: pretty-printed; Perl's canonical JSON: keys sorted.
    const pretty = `${JSON.stringify(rows, null, 2)}\n`;
    const keysSorted = JSON.stringify(
      rows.map((row) => Object.fromEntries(Object.entries(row).sort())),
      null,
      4,
    );
    for (const printed of [pretty, keysSorted])
      expect(
        await verdict(script, [here, { kind: 'input', name: OUTPUT, text: printed }]),
      ).toMatchObject(passes);
    // curl without jq on a CSV export: the body as sent, CRLF line ends and all.
    const csv = await attempt(CLASSIC, 'exp_records', { ...call, format: 'csv' });
    const printedCsv = `${csv.answer!.body!.replace(/\n/g, '\r\n')}\n`;
    expect(
      await verdict(script, [csv, { kind: 'input', name: OUTPUT, text: printedCsv }]),
    ).toMatchObject(passes);
  });

  it('gives a hint on nothing pasted, an error, another call’s output, or rows reordered', async () => {
    const here = await attempt(CLASSIC, 'exp_records', call);
    expect(await verdict(script, [here])).toMatchObject(notYet);
    for (const refused of [
      '{"error":"You do not have permissions to use the API"}',
      'HTTP 403: You do not have permissions to use the API',
    ]) {
      const error = await verdict(script, [here, { kind: 'input', name: OUTPUT, text: refused }]);
      expect(error).toMatchObject({
        pass: false,
        hint: expect.stringContaining('error') as string,
      });
    }
    const other = await attempt(CLASSIC, 'exp_records', { format: 'json', fields: ['record_id'] });
    expect(
      await verdict(script, [here, { kind: 'input', name: OUTPUT, text: other.answer!.body! }]),
    ).toMatchObject(notYet);
    const reversed = JSON.stringify((JSON.parse(here.answer!.body!) as unknown[]).reverse());
    expect(
      await verdict(script, [here, { kind: 'input', name: OUTPUT, text: reversed }]),
    ).toMatchObject(notYet);
    // Pasted before any call was made here: nothing to compare with.
    expect(
      await verdict(script, [{ kind: 'input', name: OUTPUT, text: here.answer!.body! }]),
    ).toMatchObject(notYet);
  });
});
