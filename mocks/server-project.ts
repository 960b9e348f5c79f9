import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { MockRedcap } from './redcap.ts';
import type { ServerOptions } from './server-options.ts';
import { ProjectFileError } from './project/dictionary-file.ts';
import { MAX_PROJECT_FILE_BYTES } from './project/limits.ts';
import { loadProjectFile } from './project/load.ts';

/**
 * `mock:server --project file [--records N] [--seed S]`: the file loaded into the server's mock
 * before it answers, as the page's "Load your project…" does. Returns the banner's line about
 * it; throws an Error whose message says what is wrong with the file (and where).
 */
export function loadFromCommandLine(redcap: MockRedcap, options: ServerOptions): string[] {
  const path = options.project;
  if (path === undefined) return [];
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      `--project: cannot read ${JSON.stringify(path)}${code === 'ENOENT' ? ': no such file' : code ? ` (${code})` : ''}`,
      { cause: error },
    );
  }
  if (bytes.byteLength > MAX_PROJECT_FILE_BYTES)
    bytes = bytes.subarray(0, MAX_PROJECT_FILE_BYTES + 1);
  try {
    const seed = options.seed ?? '1';
    const loaded = loadProjectFile(
      redcap.store,
      { name: basename(path), bytes },
      { ...(options.records !== undefined && { records: options.records }), seed },
    );
    const records = loaded.fake
      ? `${loaded.records} fake records, seed ${seed}`
      : `${loaded.records} records from the file`;
    return [
      `loaded: ${basename(path)} as project ${loaded.slug} "${loaded.title}" (${loaded.fields} fields, ${records})`,
    ];
  } catch (error) {
    if (error instanceof ProjectFileError) {
      throw new Error(`--project: ${basename(path)} is refused:\n${error.message}`, {
        cause: error,
      });
    }
    throw error;
  }
}
