// Precompressed build outputs (issue #22): `vite build` writes a `.br` and a `.gz` beside each
// text file (`precompressPlugin`), and the static server sends the one the request accepts.
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { promisify } from 'node:util';
import type { Plugin } from 'vite';

export type Coding = 'br' | 'gzip';

/** The file suffix of each coding, in the server's order of preference. */
export const CODINGS: readonly (readonly [Coding, string])[] = [
  ['br', '.br'],
  ['gzip', '.gz'],
];

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.map', '.svg', '.txt']);
/** Below this a compressed copy saves less than a packet: not worth a second file. */
const MIN_BYTES = 1024;
/** Headers longer than this are read only so far (the codings come first in practice). */
const MAX_HEADER = 4096;

/**
 * The coding to send for an `Accept-Encoding` header (RFC 9110 §12.5.3), or null for the plain
 * file. Each listed coding's `q` counts (missing → 1; malformed → the entry is ignored); `*`
 * stands for codings not named; `x-gzip` is gzip. Among codings with q > 0 the highest wins,
 * brotli on a tie. Never throws, whatever the header holds.
 */
export function chooseCoding(header: string | readonly string[] | undefined): Coding | null {
  if (header === undefined) return null;
  const text = (typeof header === 'string' ? header : header.join(',')).slice(0, MAX_HEADER);
  const q = new Map<string, number>();
  for (const part of text.split(',')) {
    const [rawName = '', ...params] = part.split(';');
    const name = rawName.trim().toLowerCase();
    if (name === '') continue;
    let weight = 1;
    let valid = true;
    for (const param of params) {
      const [key = '', value = ''] = param.split('=').map((s) => s.trim().toLowerCase());
      if (key !== 'q') continue;
      if (!/^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(value)) valid = false;
      else weight = Number(value);
    }
    if (!valid) continue;
    const coding = name === 'x-gzip' ? 'gzip' : name;
    q.set(coding, Math.max(weight, q.get(coding) ?? 0));
  }
  const star = q.get('*');
  let best: Coding | null = null;
  let bestQ = 0;
  for (const [coding] of CODINGS) {
    const weight = q.get(coding) ?? star ?? 0;
    if (weight > bestQ) {
      best = coding;
      bestQ = weight;
    }
  }
  return best;
}

export function isCompressible(path: string): boolean {
  return COMPRESSIBLE.has(extname(path).toLowerCase());
}

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

async function* filesUnder(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile()) yield path;
  }
}

/**
 * Writes `<file>.br` (quality 11) and `<file>.gz` (level 9) beside every compressible file of
 * `dir` of at least 1 KiB, each only when smaller than the file. Returns how many it wrote.
 */
export async function precompress(dir: string): Promise<number> {
  let written = 0;
  for await (const path of filesUnder(dir)) {
    if (!isCompressible(path) || (await stat(path)).size < MIN_BYTES) continue;
    const bytes = await readFile(path);
    const encoded = await Promise.all([
      brotli(bytes, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 11,
          [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        },
      }),
      gz(bytes, { level: 9 }),
    ]);
    for (const [i, [, suffix]] of CODINGS.entries()) {
      const body = encoded[i]!;
      if (body.length >= bytes.length) continue;
      await writeFile(path + suffix, body);
      written += 1;
    }
  }
  return written;
}

/** Vite plugin: precompress the build output once it is written. */
export function precompressPlugin(): Plugin {
  let outDir = 'dist';
  return {
    name: 'playground-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      await precompress(outDir);
    },
  };
}
