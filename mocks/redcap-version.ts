/**
 * `mock:server --redcap-version 15.6.0` (issue #25): the version Export REDCap Version answers,
 * so the playground's "may not know this parameter" notes can be tried against the mock. The
 * flag is read in server.ts and travels to the core as MOCK_REDCAP_VERSION.
 */

export const REDCAP_VERSION_FLAG = '--redcap-version';
export const REDCAP_VERSION_ENV = 'MOCK_REDCAP_VERSION';

/** A REDCap version as REDCap writes it: `14.5.10`. */
export function isRedcapVersion(value: string): boolean {
  return /^\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(value);
}

/**
 * The version the flag asks for (`--redcap-version 15.6.0` or `--redcap-version=15.6.0`),
 * undefined when absent; an Error with the usage when present but not a version.
 */
export function redcapVersionArg(argv: readonly string[]): string | undefined {
  const at = argv.findIndex(
    (a) => a === REDCAP_VERSION_FLAG || a.startsWith(`${REDCAP_VERSION_FLAG}=`),
  );
  if (at === -1) return undefined;
  const arg = argv[at]!;
  const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[at + 1];
  if (value === undefined || !isRedcapVersion(value)) {
    throw new Error(`${REDCAP_VERSION_FLAG} needs a REDCap version such as 15.6.0`);
  }
  return value;
}
