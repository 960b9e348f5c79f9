/**
 * The largest project file the mock loads (a project XML with data can be large): apart from
 * load.ts so the page checks it before reading a file, without loading the reader.
 */
export const MAX_PROJECT_FILE_BYTES = 50 * 1024 * 1024;

export function tooLarge(name: string, size: number): string | null {
  if (size <= MAX_PROJECT_FILE_BYTES) return null;
  const mb = (size / 1024 / 1024).toFixed(1);
  return `The file "${name}" is too large (${mb} MB): the mock loads files up to ${MAX_PROJECT_FILE_BYTES / 1024 / 1024} MB.`;
}
