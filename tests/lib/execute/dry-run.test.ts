import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ALICE_TOKEN, CAROL_TOKEN } from '../../../mocks/fixtures/index.ts';
import { setupMockServer } from '../../../mocks/node.ts';
import { createRedcapClient } from '../../../src/lib/execute/client.ts';
import { dryRun, importRows, recordIdField } from '../../../src/lib/execute/dry-run.ts';
import { createFetchTransport } from '../../../src/lib/execute/transport.ts';
import type { MethodId } from '../../../src/lib/methods/index.ts';
import { buildProjectModel } from '../../../src/lib/project/model.ts';

/** The dry run over the real mock REDCap (msw/node), through the one client. */

const { server, redcap } = setupMockServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
beforeEach(() => redcap.reset());
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const API = 'http://mock.test/api/';

function clientAs(token: string) {
  const sent: MethodId[] = [];
  const client = createRedcapClient({
    transport: createFetchTransport({ target: () => API }),
    connect: (methodId) => {
      sent.push(methodId);
      return Promise.resolve({ apiUrl: API, token });
    },
  });
  return { client, sent };
}

describe('dryRun', () => {
  it('says which records a delete would remove and which do not exist', async () => {
    const { client, sent } = clientAs(ALICE_TOKEN);
    const lines = await dryRun('del_records', { records: ['1', '2', '999', '1'] }, { client });
    expect(lines).toEqual([
      'Deletes 2 record(s) that exist: 1, 2.',
      'Not found: 999. REDCap refuses the whole call when a record does not exist, so nothing would be deleted.',
    ]);
    // The id field from the dictionary, then one id-only export: nothing else is called.
    expect(sent).toEqual(['exp_metadata', 'exp_records']);
  });

  it('names the instrument whose data a delete would remove', async () => {
    const { client } = clientAs(ALICE_TOKEN);
    const lines = await dryRun('del_records', { records: ['1'], instrument: 'visit' }, { client });
    expect(lines).toEqual(['Deletes the visit data of 1 record(s) that exist: 1.']);
  });

  it('says which imported records are new and how many stored values blanks would erase', async () => {
    const { client } = clientAs(ALICE_TOKEN);
    const data = JSON.stringify([
      { record_id: '1', first_name: '' },
      { record_id: '900', first_name: 'New' },
    ]);
    const values = { format: 'json', type: 'flat', data, overwriteBehavior: 'overwrite' };
    expect(await dryRun('imp_records', values, { client })).toEqual([
      'Imports 2 record(s): 1 new (900), 1 existing (1) whose values will be updated.',
      'Overwrite is on: blank values would erase 1 stored value(s).',
    ]);
    expect(
      await dryRun('imp_records', { ...values, overwriteBehavior: 'normal' }, { client }),
    ).toHaveLength(1);
  });

  it('reads CSV imports too, and counts no erasure when no blank replaces a value', async () => {
    const { client } = clientAs(ALICE_TOKEN);
    const values = {
      format: 'csv',
      type: 'flat',
      data: 'record_id,first_name\n2,Grace\n',
      overwriteBehavior: 'overwrite',
    };
    expect(await dryRun('imp_records', values, { client })).toEqual([
      'Imports 1 record(s): 0 new (none), 1 existing (2) whose values will be updated.',
      'Overwrite is on, but no blank value would erase a stored one.',
    ]);
  });

  it('calls nothing when REDCap numbers the records or the data cannot be read', async () => {
    const { client, sent } = clientAs(ALICE_TOKEN);
    const data = '[{"record_id":"1"},{"record_id":"2"}]';
    expect(
      await dryRun('imp_records', { format: 'json', data, forceAutoNumber: true }, { client }),
    ).toEqual(['Creates 2 new record(s), numbered by REDCap (forceAutoNumber).']);
    expect(await dryRun('imp_records', { format: 'json', type: 'eav', data }, { client })).toEqual([
      'No dry run: only flat JSON or CSV data can be checked beforehand.',
    ]);
    expect(await dryRun('imp_metadata', { format: 'json', data }, { client })).toEqual([
      'No dry run: REDCap offers no way to check this change beforehand.',
    ]);
    expect(sent).toEqual([]);
  });

  it('fails with REDCap’s error, named by the method that was refused', async () => {
    const { client } = clientAs(CAROL_TOKEN);
    await expect(dryRun('del_records', { records: ['1'] }, { client })).rejects.toThrow(
      'Export Metadata (Data Dictionary) failed: You do not have API Export privileges',
    );
  });

  it('fails in plain words when the network fails, without the token', async () => {
    server.use(http.post(API, () => HttpResponse.error()));
    const { client } = clientAs(ALICE_TOKEN);
    const failed = dryRun('del_records', { records: ['1'] }, { client });
    await expect(failed).rejects.toThrow(/^The request could not be sent: .*did not answer/);
    await failed.catch((error: Error) => expect(error.message).not.toContain(ALICE_TOKEN));
  });

  it('fails when an export is not a list, instead of reading it as one', async () => {
    server.use(http.post(API, () => HttpResponse.json({ field_name: 'record_id' })));
    const { client } = clientAs(ALICE_TOKEN);
    await expect(dryRun('del_records', { records: ['1'] }, { client })).rejects.toThrow(
      'Export Metadata (Data Dictionary) did not return a list.',
    );
  });
});

/** A client that answers from tables and records every export it was asked for. */
function tableClient(stored: Record<string, string>[]) {
  const asked: [string, unknown][] = [];
  const client = {
    json: (methodId: string, values: Record<string, unknown>) => {
      asked.push([methodId, values]);
      if (methodId === 'exp_metadata')
        return Promise.resolve({ ok: true as const, value: [{ field_name: 'record_id' }] });
      const records = values['records'] as string[];
      return Promise.resolve({
        ok: true as const,
        value: stored.filter((row) => records.includes(row['record_id']!)),
      });
    },
  };
  return { client, asked };
}

describe('dryRun, by its tables', () => {
  const row = (id: string, event: string, more: Record<string, string>) => ({
    record_id: id,
    redcap_event_name: event,
    redcap_repeat_instrument: '',
    redcap_repeat_instance: '',
    ...more,
  });
  const stored = [
    row('1', 'e1', { a: 'x', b: '', c___1: '' }),
    row('1', 'e2', { a: 'y', b: 'z', c___1: '1' }),
    row('2', 'e1', { a: 'w', b: 'v', c___1: '1' }),
  ];

  it('counts only the blanks that meet a stored value of the same record and event', async () => {
    const { client, asked } = tableClient(stored);
    const data = JSON.stringify([
      row('1', 'e2', { a: '', b: '', c___1: '' }),
      row('3', 'e1', { a: '', b: '', c___1: '' }),
    ]);
    const lines = await dryRun(
      'imp_records',
      { format: 'json', type: 'flat', data, overwriteBehavior: 'overwrite' },
      { client },
    );
    expect(lines).toEqual([
      'Imports 2 record(s): 1 new (3), 1 existing (1) whose values will be updated.',
      'Overwrite is on: blank values would erase 3 stored value(s).',
    ]);
    expect(asked).toEqual([
      ['exp_metadata', { format: 'json', returnFormat: 'json' }],
      [
        'exp_records',
        {
          format: 'json',
          type: 'flat',
          records: ['1', '3'],
          fields: ['record_id'],
          returnFormat: 'json',
        },
      ],
      [
        'exp_records',
        {
          format: 'json',
          type: 'flat',
          records: ['1'],
          fields: ['record_id', 'a', 'b', 'c'],
          returnFormat: 'json',
        },
      ],
    ]);
  });

  it('tells repeat instances apart, and asks for a checkbox by its field name', async () => {
    const repeat = (instrument: string, instance: string, more: Record<string, string>) =>
      row('1', 'e1', {
        redcap_repeat_instrument: instrument,
        redcap_repeat_instance: instance,
        ...more,
      });
    const { client, asked } = tableClient([
      repeat('visit', '1', { a: 'x', d___10: '1' }),
      repeat('labs', '2', { a: 'x', d___10: '1' }),
      repeat('visit', '2', { a: '', d___10: '1' }),
    ]);
    const data = JSON.stringify([repeat('visit', '2', { a: '', d___10: '' })]);
    expect(
      await dryRun(
        'imp_records',
        { format: 'json', data, overwriteBehavior: 'overwrite' },
        { client },
      ),
    ).toContain('Overwrite is on: blank values would erase 1 stored value(s).');
    expect(asked[2]?.[1]).toMatchObject({ fields: ['record_id', 'a', 'd'] });
  });

  it('asks for no stored values when overwrite meets no existing record', async () => {
    const { client, asked } = tableClient(stored);
    const data = JSON.stringify([row('9', 'e1', { a: '' })]);
    expect(
      await dryRun(
        'imp_records',
        { format: 'json', data, overwriteBehavior: 'overwrite' },
        { client },
      ),
    ).toEqual(['Imports 1 record(s): 1 new (9), 0 existing (none) whose values will be updated.']);
    expect(asked).toHaveLength(2);
  });

  it('takes the first column as the record id when the id field is not in the data', async () => {
    const { client } = tableClient(stored);
    const data = JSON.stringify([{ study: '2', a: 'q' }]);
    expect(await dryRun('imp_records', { format: 'json', data }, { client })).toEqual([
      'Imports 1 record(s): 0 new (none), 1 existing (2) whose values will be updated.',
    ]);
  });

  it('reads an empty import and an empty delete without asking for records', async () => {
    const { client, asked } = tableClient(stored);
    expect(await dryRun('imp_records', { format: 'json', data: '[]' }, { client })).toEqual([
      'Imports 0 record(s): 0 new (none), 0 existing (none) whose values will be updated.',
    ]);
    expect(await dryRun('del_records', {}, { client })).toEqual([
      'Deletes 0 record(s) that exist: none.',
    ]);
    expect(asked.map(([id]) => id)).toEqual(['exp_metadata', 'exp_metadata']);
  });
});

describe('recordIdField', () => {
  it('is the model’s record id field when the model is known: no call is made', async () => {
    const { client, sent } = clientAs(ALICE_TOKEN);
    const model = buildProjectModel({
      metadata: [{ field_name: 'study_id', form_name: 'enrolment' }, { field_name: 'age' }],
    });
    expect(await recordIdField({ client, model })).toBe('study_id');
    expect(sent).toEqual([]);
    // The delete's id-only export asks for that field.
    const json = vi.spyOn(client, 'json');
    await dryRun('del_records', { records: ['1'] }, { client, model }).catch(() => {});
    expect(json.mock.calls[0]?.[1]).toMatchObject({ fields: ['study_id'] });
  });

  it('is read from the dictionary otherwise, as the model reads it', async () => {
    const { client } = clientAs(ALICE_TOKEN);
    expect(await recordIdField({ client })).toBe('record_id');
  });

  it('says so when the project has no fields', async () => {
    const { client } = clientAs(ALICE_TOKEN);
    const model = buildProjectModel({ metadata: [] });
    await expect(recordIdField({ client, model })).rejects.toThrow('The project has no fields.');
  });
});

describe('importRows', () => {
  it('reads JSON and CSV rows, and nothing else', () => {
    expect(importRows({ format: 'json', data: '[{"a":"1"}]' })).toEqual([{ a: '1' }]);
    expect(importRows({ format: 'csv', data: 'a,b\n1\n' })).toEqual([{ a: '1', b: '' }]);
    expect(importRows({ format: 'json', data: '{"a":1}' })).toBeNull();
    expect(importRows({ format: 'json', data: '[' })).toBeNull();
    expect(importRows({ format: 'xml', data: '<records/>' })).toBeNull();
    expect(importRows({ format: 'json', type: 'eav', data: '[]' })).toBeNull();
    expect(importRows({ format: 'json', data: ['[{"a":"1"}]'] })).toBeNull();
    expect(importRows({ format: 'json' })).toBeNull();
  });
});
