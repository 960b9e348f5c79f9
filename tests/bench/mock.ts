import { generateSeed } from '../../mocks/fixtures/generate.ts';
import { ALICE_TOKEN, MOCK_REDCAP_VERSION } from '../../mocks/fixtures/index.ts';
import { LARGE_PROJECTS } from '../../mocks/fixtures/large.ts';
import { createMockRedcap, type MockRequest, type MockResponse } from '../../mocks/redcap.ts';
import type { Benchmark } from './harness.ts';

/**
 * The mock core's own cost, in Node, without msw or HTTP: Export Records of a large project
 * against JSON.stringify of the same rows, and Import Records of 1,000 rows; then the 100k
 * project of mock:server and the browser worker (`large-100k`): its generation time and heap
 * growth, and Export Records of it against JSON.stringify of the same rows.
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

const gc = (globalThis as { gc?: () => void }).gc;
const MB = 1024 * 1024;

function heapUsed(): number {
  gc?.();
  return process.memoryUsage().heapUsed;
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
  return [...baseBenchmarks(), ...(await largeProjectBenchmarks())];

  function baseBenchmarks(): Benchmark[] {
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
}

/**
 * `large-100k` (100,000 records × 50 fields) as mock:server builds it on its token's first use.
 * The heap growth is measured once, here (GC before and after), and shown in the benchmark's
 * name; the generation is then timed on its own against making the same number of plain
 * strings, and the export against JSON.stringify of its own rows.
 */
async function largeProjectBenchmarks(): Promise<Benchmark[]> {
  const lazy = LARGE_PROJECTS.find((l) => l.slug === 'large-100k')!;
  const redcap = createMockRedcap({
    seed: { version: MOCK_REDCAP_VERSION, projects: [], superTokens: [] },
    lazyProjects: [lazy],
  });
  const post100k = (fields: Record<string, string>): MockRequest => ({
    ...post(fields),
    body: encoder.encode(new URLSearchParams({ token: lazy.token, ...fields }).toString()),
  });
  const before = heapUsed();
  const started = performance.now();
  await expectOk(redcap.handle(post100k({ content: 'project', format: 'json' })), 'first call');
  const firstCallMs = performance.now() - started;
  const growthMb = (heapUsed() - before) / MB;
  const project = redcap.store.projects.find((p) => p.slug === lazy.slug);
  if (!project || project.records.length !== 100_000) throw new Error('large-100k not built');

  const exportRequest = { content: 'record', format: 'json', type: 'flat', returnFormat: 'json' };
  const exportBody = post100k(exportRequest).body;
  const rows = JSON.parse(
    await expectOk(redcap.handle(post100k(exportRequest)), 'Export Records (100k)'),
  ) as Record<string, string>[];
  if (rows.length !== 100_000) throw new Error(`Export Records gave ${rows.length} rows`);
  const columns = Object.keys(rows[0]!).length;
  const cells = 100_000 * columns;
  return [
    {
      suite: 'mock',
      name: `Generate large-100k, 100,000 × ${columns} columns (first call ${(firstCallMs / 1000).toFixed(1)} s, heap +${growthMb.toFixed(0)} MB)`,
      subject: { label: 'build()', run: () => lazy.build().records.length },
      reference: {
        label: `${(cells / 1e6).toFixed(1)}M strings`,
        run: () => {
          const made: string[][] = [];
          for (let r = 0; r < 100_000; r++) {
            const row: string[] = [];
            for (let c = 0; c < columns; c++) row.push(`v${r}_${c}`);
            made.push(row);
          }
          return made.length;
        },
      },
      goal: { kind: 'ms', below: 10_000 },
      warmup: 0,
      runs: 3,
    },
    {
      suite: 'mock',
      name: `Export Records of large-100k, flat JSON, 100,000 × ${columns} columns`,
      subject: {
        label: 'handle()',
        run: () => expectOk(redcap.handle({ ...post100k({}), body: exportBody }), 'Export'),
      },
      reference: { label: 'JSON.stringify(rows)', run: () => JSON.stringify(rows) },
      goal: { kind: 'ratio', max: 3 },
      warmup: 1,
      runs: 3,
    },
  ];
}
