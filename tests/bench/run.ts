// `npm run bench` runs every benchmark of the project; `npm run bench:<suite>` (or
// `node tests/bench/run.ts <suite>…`) only the named suites. One table; exit 0 whatever the
// outcome: benchmarks are reported, not asserted.
import { appBenchmarks, firstLoadSuite } from './app.ts';
import { figure, formatTable, measure, type Benchmark, type Result } from './harness.ts';
import { httpBenchmarks } from './http.ts';
import { mockBenchmarks } from './mock.ts';
import { projectBenchmarks } from './project.ts';

const SUITES: Readonly<Record<string, () => Promise<Benchmark[]>>> = {
  mock: mockBenchmarks,
  http: httpBenchmarks,
  app: appBenchmarks,
  'first-load': firstLoadSuite,
  project: projectBenchmarks,
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !(name in SUITES));
  if (unknown.length > 0) {
    console.error(
      `bench: unknown suite ${unknown.join(', ')}; known: ${Object.keys(SUITES).join(', ')}`,
    );
    process.exitCode = 2;
    return;
  }
  // first-load is a part of app, to run alone: the whole bench measures it once.
  const names = wanted.length > 0 ? wanted : Object.keys(SUITES).filter((n) => n !== 'first-load');
  const gc = 'gc' in globalThis ? 'on' : 'off (run with --expose-gc)';
  console.log(`bench: ${names.join(', ')}; Node ${process.version}; GC between runs ${gc}`);
  const results: Result[] = [];
  for (const name of names) {
    for (const benchmark of await SUITES[name]!()) {
      process.stdout.write(`  ${benchmark.name}… `);
      const result = await measure(benchmark);
      console.log(figure(result.subjectMs, benchmark.unit));
      results.push(result);
    }
  }
  const runs = results.map((r) => r.benchmark.subject.figures?.length ?? r.benchmark.runs ?? 7);
  console.log(
    `\nmedian (longest tasks: the worst) of ${Math.min(...runs)}–${Math.max(...runs)} runs after warm-up, subject and reference alternating\n`,
  );
  console.log(formatTable(results));
  const failed = results.filter((r) => !r.pass).length;
  console.log(`\n${results.length - failed} of ${results.length} within their goal`);
}

await main();
