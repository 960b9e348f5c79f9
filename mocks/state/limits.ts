/**
 * The largest demo file Open demo, the kept copy and `--state` accept, in bytes (UTF-8). Its
 * own small module: the page checks a chosen file's size before reading it, without loading the
 * file reader (zod) into the page.
 *
 * A built `large-10k` saves to 13.1 MB (written in 0.15 s, read and checked in 1.5 s); a built
 * `large-100k` (126 MB) is refused when saved, with the way out (Reset demo data).
 */
export const MAX_STATE_BYTES = 64 * 1024 * 1024;

const MIB = 1024 * 1024;

export const tooLarge = (bytes: number): string =>
  `The demo file is ${(bytes / MIB).toFixed(1)} MB; the most a demo file may hold is ${MAX_STATE_BYTES / MIB} MB.`;
