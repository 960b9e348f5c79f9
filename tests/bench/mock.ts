import { generateSeed } from '../../mocks/fixtures/generate.ts';
import { ALICE_TOKEN } from '../../mocks/fixtures/index.ts';
import { createMockRedcap, type MockRequest, type MockResponse } from '../../mocks/redcap.ts';
import type { Benchmark } from './harness.ts';

/**
 * The mock core's own cost, in Node, without msw or HTTP: Export Records of a large project
 * against JSON.stringify of the same rows, and Import Records of 1,000 rows.
 */

const RECORDS = 10_000;
const FIELDS = 50;
const IMPORTED = 1_000;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function post(fields: Record<string, string>): MockRequest {
  return {
    method: 'POST',
    url: 'http://127.0.0.1:8787/api/',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: encoder.encode(new URLSearchParams({ token: ALICE_TOKEN, ...fields }).toString()),
  };
}

const text = (response: MockResponse) =>
  typeof response.body === 'string' ? response.body : decoder.decode(response.body);

/** A benchmark must time the real path: fail loudly on an error answer. */
async function expectOk(response: Promise<MockResponse>, what: string): Promise<string> {
  const answer = await response;
  if (answer.status !== 200) throw new Error(`${what}: HTTP ${answer.status} ${text(answer)}`);
  return text(answer);
}

export async function mockBenchmarks(): Promise<Benchmark[]> {
  const redcap = createMockRedcap({ seed: generateSeed({ records: RECORDS, fields: FIELDS }) });
  const exportRequest = { content: 'record', format: 'json', type: 'flat', returnFormat: 'json' };
  // The request body is made once: the timed part is what the mock does with it.
  const exportBody = post(exportRequest).body;

  const exported = await expectOk(redcap.handle(post(exportRequest)), 'Export Records');
  const rows = JSON.parse(exported) as Record<string, string>[];
  if (rows.length !== RECORDS) throw new Error(`Export Records gave ${rows.length} rows`);
  const columns = Object.keys(rows[0]!).length;

  const importRows = rows.slice(0, IMPORTED).map((row, i) => ({
    ...row,
    record_id: String(RECORDS + i + 1),
  }));
  const data = JSON.stringify(importRows);
  const importFields = { content: 'record', format: 'json', type: 'flat', data };
  const importBody = post(importFields).body;
  const imported = await expectOk(redcap.handle(post(importFields)), 'Import Records');
  if (JSON.parse(imported).count !== IMPORTED) throw new Error(`Import Records: ${imported}`);
  redcap.reset();

  const request = (body: Uint8Array): MockRequest => ({ ...post({}), body });
  return [
    {
      suite: 'mock',
      name: `Export Records, flat JSON, ${RECORDS.toLocaleString('en')} × ${columns} columns`,
      subject: {
        label: 'handle()',
        run: () => expectOk(redcap.handle(request(exportBody)), 'Export Records'),
      },
      reference: { label: 'JSON.stringify(rows)', run: () => JSON.stringify(rows) },
      goal: { kind: 'ratio', max: 3 },
    },
    {
      suite: 'mock',
      name: `Import Records, JSON, ${IMPORTED.toLocaleString('en')} new records × ${columns} columns`,
      subject: {
        label: 'handle()',
        // New records every run: the store goes back to its seed first, untimed.
        before: () => redcap.reset(),
        run: () => expectOk(redcap.handle(request(importBody)), 'Import Records'),
      },
      reference: { label: 'JSON.parse(data)', run: () => JSON.parse(data) },
      goal: { kind: 'ms', below: 1000 },
    },
  ];
}
