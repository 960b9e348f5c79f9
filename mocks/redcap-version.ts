/**
 * `mock:server --redcap-version 15.6.0` (issue #25): the version Export REDCap Version answers,
 * so the playground's "may not know this parameter" notes can be tried against the mock. The
 * option is one entry of server-options.ts; the core reads it from its workerData.
 */

/** A REDCap version as REDCap writes it: `14.5.10`. */
export function isRedcapVersion(value: string): boolean {
  return /^\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(value);
}
