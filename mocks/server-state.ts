import { openSync, readSync, closeSync, fstatSync, renameSync, writeFileSync } from 'node:fs';
import type { MockStore } from './store/store.ts';
import type { MockRedcapData } from './store/types.ts';
import { MAX_STATE_BYTES, readStateBytes, tooLarge, writeState } from './state/file.ts';

/**
 * `mock:server --state <file>` (start from a saved demo) and `--save-on-exit <file>` (write one
 * on SIGINT/SIGTERM): the same file as the page's Save demo / Open demo (mocks/state/file.ts).
 */

/**
 * Reads a saved demo from disk: its data, or why not in words that name the file. The size is
 * checked before anything is read.
 */
export function readStateFile(
  path: string,
): { ok: true; data: MockRedcapData } | { ok: false; message: string } {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, message: `${path}: cannot be read (${code ?? String(error)}).` };
  }
  try {
    const size = fstatSync(fd).size;
    if (size > MAX_STATE_BYTES) return { ok: false, message: `${path}: ${tooLarge(size)}` };
    const bytes = new Uint8Array(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, bytes, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    const result = readStateBytes(bytes.subarray(0, read));
    return result.ok
      ? { ok: true, data: result.data }
      : { ok: false, message: `${path}: ${result.message}` };
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes the store's state to `path` (through a temporary file renamed over it, so a stop in the
 * middle never leaves half a file): null, or why not.
 */
export function writeStateFile(store: MockStore, path: string): string | null {
  const saved = writeState(store);
  if (!saved.ok) return `${path}: ${saved.message}`;
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, saved.text);
    renameSync(temporary, path);
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return `${path}: cannot be written (${code ?? String(error)}).`;
  }
}
