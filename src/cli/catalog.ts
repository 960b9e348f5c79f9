// `npm run catalog`: every REDCap method of the playground as JSON on stdout, and nothing else.
// With an option, the catalog in another shape, one row of OPTIONS each: `-- --openapi` the
// OpenAPI 3.1 document (src/lib/openapi/), `-- --openapi-recording` the mock's answers it shows,
// `-- --postman` the Postman v2.1 collection, `-- --bruno <dir>` a Bruno collection written into
// <dir> (src/lib/collections/).
import { buildCatalog } from '../lib/form/catalog.ts';
import { METHODS } from '../lib/methods/index.ts';
import { printPostman, writeBruno } from './collections.ts';

interface Option {
  readonly flag: string;
  /** The names of the arguments it takes, for the usage line. */
  readonly args: readonly string[];
  run(args: readonly string[]): void | Promise<void>;
}

/** Prints a value as the catalog is printed: indented JSON and a line break. */
const printJson = (value: unknown): void => {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
};

const OPTIONS: readonly Option[] = [
  {
    flag: '--openapi',
    args: [],
    run: async () => printJson(await (await import('./openapi.ts')).openApiDocument()),
  },
  {
    flag: '--openapi-recording',
    args: [],
    run: async () => printJson(await (await import('./openapi.ts')).openApiRecording()),
  },
  { flag: '--postman', args: [], run: () => printPostman(METHODS) },
  { flag: '--bruno', args: ['<dir>'], run: ([dir]) => writeBruno(METHODS, dir!) },
];

function usage(): string {
  const forms = OPTIONS.map((o) => ['npm run -s catalog --', o.flag, ...o.args].join(' '));
  return ['usage: npm run -s catalog', ...forms.map((f) => `       ${f}`)].join('\n');
}

const [flag, ...rest] = process.argv.slice(2);
const option = OPTIONS.find((o) => o.flag === flag);
if (flag === undefined) {
  process.stdout.write(`${JSON.stringify(buildCatalog(METHODS), null, 2)}\n`);
} else if (!option || rest.length !== option.args.length || rest.some((a) => a === '')) {
  process.stderr.write(`${usage()}\n`);
  process.exitCode = 2;
} else {
  try {
    await option.run(rest);
  } catch (error) {
    // A directory that cannot be written, say: one line, not a stack trace.
    process.stderr.write(
      `catalog ${flag}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  }
}
