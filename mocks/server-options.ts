/**
 * The command line of `npm run mock:server` / `npx redcap-mock`: one entry per option in
 * {@link SERVER_OPTIONS} (its name, its value's name, its help line and how its text is read);
 * the parser, the options' type and `--help` all follow from that list, so a new option is one
 * more entry.
 */

import { isRedcapVersion } from './redcap-version.ts';

/** One option: `--name value` or `--name=value`; `value: null` for a flag. */
interface OptionSpec<N extends string, T> {
  readonly name: N;
  readonly value: string | null;
  readonly help: string;
  /** The option's value from its text; throws an Error saying what is wrong. */
  readonly parse: (text: string) => T;
}

const option = <N extends string, T>(spec: OptionSpec<N, T>) => spec;

function wholeNumber(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) > 100_000) {
    throw new Error(`"${text}" is not a whole number from 0 to 100000`);
  }
  return Number(text);
}

function nonEmpty(text: string): string {
  if (text.trim() === '') throw new Error('it needs a value');
  return text;
}

export const SERVER_OPTIONS = [
  option({
    name: 'project',
    value: 'file',
    help: 'load a data dictionary (.csv) or a project XML file (.xml) as one more project; its tokens are printed with the others',
    parse: nonEmpty,
  }),
  option({
    name: 'records',
    value: 'N',
    help: 'fake records to make when the --project file has none (default 50; 0 for none)',
    parse: wholeNumber,
  }),
  option({
    name: 'seed',
    value: 'S',
    help: 'seed of the fake records: the same seed gives the same records (default 1)',
    parse: nonEmpty,
  }),
  option({
    name: 'state',
    value: 'file',
    help: 'start from a saved demo (Save demo in the page, or --save-on-exit); --project adds to it',
    parse: nonEmpty,
  }),
  option({
    name: 'save-on-exit',
    value: 'file',
    help: "on Ctrl-C (SIGINT) or SIGTERM, write the mock's whole state there",
    parse: nonEmpty,
  }),
  option({
    name: 'redcap-version',
    value: 'version',
    help: 'what Export REDCap Version answers (default 14.5.10), to try the version notes',
    parse: (text: string) => {
      if (!isRedcapVersion(text))
        throw new Error(`"${text}" is not a REDCap version such as 15.6.0`);
      return text;
    },
  }),
  option({ name: 'help', value: null, help: 'print this help and exit', parse: () => true }),
] as const;

type Spec = (typeof SERVER_OPTIONS)[number];

/** The options given, by name. */
export type ServerOptions = { readonly [S in Spec as S['name']]?: ReturnType<S['parse']> };

export type ParsedOptions =
  | { readonly ok: true; readonly options: ServerOptions }
  | { readonly ok: false; readonly error: string };

const ENVIRONMENT: readonly (readonly [string, string])[] = [
  ['PORT', 'the port (default 8787; 0 for any free port)'],
  ['MOCK_REQUEST_LOG', 'a file to append one JSON line per request to'],
  ['MOCK_PUBLIC_URL', 'the public base URL survey links start with'],
];

/** What `--help` prints. */
export function helpText(command = 'redcap-mock'): string {
  const usage = SERVER_OPTIONS.map((o) => `[--${o.name}${o.value ? ` ${o.value}` : ''}]`);
  const left = (o: Spec) => `  --${o.name}${o.value ? ` ${o.value}` : ''}`;
  const width =
    Math.max(
      ...SERVER_OPTIONS.map((o) => left(o).length),
      ...ENVIRONMENT.map(([name]) => name.length + 2),
    ) + 2;
  return [
    `Usage: ${command} ${usage.join(' ')}`,
    '',
    'A mock REDCap API on http://127.0.0.1:8787/api/ with public demo projects and tokens.',
    '',
    'Options:',
    ...SERVER_OPTIONS.map((o) => left(o).padEnd(width) + o.help),
    '',
    'Environment:',
    ...ENVIRONMENT.map(([name, help]) => `  ${name}`.padEnd(width) + help),
    '',
  ].join('\n');
}

/** Reads the command line (without node and the script); unknown options are an error. */
export function parseServerOptions(argv: readonly string[]): ParsedOptions {
  // Option names are the command line's: no prototype.
  const options = Object.create(null) as Record<string, unknown>;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const match = /^--([a-z][a-z-]*)(?:=(.*))?$/s.exec(arg);
    const spec = match ? SERVER_OPTIONS.find((o) => o.name === match[1]) : undefined;
    if (!match || !spec) {
      return { ok: false, error: `unknown option ${JSON.stringify(arg)} (see --help)` };
    }
    let text = match[2];
    if (spec.value === null) {
      if (text !== undefined) return { ok: false, error: `--${spec.name} takes no value` };
      text = '';
    } else if (text === undefined) {
      text = argv[++i];
      if (text === undefined || text.startsWith('--')) {
        return { ok: false, error: `--${spec.name} needs a ${spec.value}` };
      }
    }
    if (spec.name in options) return { ok: false, error: `--${spec.name} is given twice` };
    try {
      options[spec.name] = spec.parse(text);
    } catch (error) {
      return { ok: false, error: `--${spec.name}: ${(error as Error).message}` };
    }
  }
  if (options['project'] === undefined) {
    const without = ['records', 'seed'].filter((n) => n in options);
    if (without.length > 0) {
      return { ok: false, error: `--${without[0]} needs --project (the file to fill)` };
    }
  }
  return { ok: true, options: { ...options } as ServerOptions };
}
