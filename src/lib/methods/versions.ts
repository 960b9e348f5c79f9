/**
 * REDCap version numbers (`14.5.10`): compared part by part as numbers. Used to warn, in live
 * mode, about a method or parameter newer than the connected server (issue #25).
 */

function parts(version: string): number[] | null {
  const match = /^\s*(\d+)\.(\d+)(?:\.(\d+))?\s*$/.exec(version);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)] : null;
}

/** Negative, zero or positive as a is older than, the same as or newer than b; null if unreadable. */
export function compareVersions(a: string, b: string): number | null {
  const pa = parts(a);
  const pb = parts(b);
  if (!pa || !pb) return null;
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i]! - pb[i]!;
  return 0;
}

/**
 * The note for something that came in REDCap `since`, on a server at `server`: only when both
 * are known and the server is older. Null otherwise (nothing is said where nothing is known).
 */
export function versionNote(since: string | undefined, server: string | null): string | null {
  if (since === undefined || !server) return null;
  const order = compareVersions(since, server);
  return order !== null && order > 0 ? `your REDCap ${server.trim()} may not know this` : null;
}
