// `npm run catalog`: every REDCap method of the playground as JSON on stdout, and nothing else.
// With an option, the catalog in another shape (the table below: one line per option).
import { buildCatalog } from '../lib/form/catalog.ts';
import { METHODS } from '../lib/methods/index.ts';

type Output = (args: readonly string[]) => Promise<unknown>;

const OUTPUTS: ReadonlyMap<string, Output> = new Map<string, Output>([
  ['--openapi', async () => (await import('./openapi.ts')).openApiDocument()],
  ['--openapi-recording', async () => (await import('./openapi.ts')).openApiRecording()],
]);

const [option, ...args] = process.argv.slice(2);
if (option === undefined) {
  process.stdout.write(`${JSON.stringify(buildCatalog(METHODS), null, 2)}\n`);
} else {
  const output = OUTPUTS.get(option);
  if (!output) {
    process.stderr.write(`Unknown option ${option}. Options: ${[...OUTPUTS.keys()].join(', ')}\n`);
    process.exit(2);
  }
  process.stdout.write(`${JSON.stringify(await output(args), null, 2)}\n`);
}
