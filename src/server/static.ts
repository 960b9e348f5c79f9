import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename, join, resolve, sep } from 'node:path';
import { chooseCoding, CODINGS, isCompressible, type Coding } from './encoding.ts';
import { mimeType } from './mime.ts';
import type { RequestHandler } from './handler.ts';

type Resolved =
  | { readonly kind: 'file'; readonly path: string; readonly stats: Stats }
  | { readonly kind: 'missing' }
  | { readonly kind: 'bad-request' };

function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root + sep);
}

/**
 * Maps a request target to a file under root, or says why not. The decoded path is resolved and
 * then checked for containment, so `..`, `%2e%2e`, `..%2f` and symlinks can never leave root.
 */
export async function resolveRequestPath(root: string, requestTarget: string): Promise<Resolved> {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(requestTarget, 'http://localhost').pathname);
  } catch {
    return { kind: 'bad-request' };
  }
  if (pathname.includes('\0')) return { kind: 'bad-request' };
  if (pathname.endsWith('/')) pathname += 'index.html';
  const rootDir = resolve(root);
  const candidate = join(rootDir, pathname);
  if (!isInside(rootDir, candidate)) return { kind: 'missing' };
  try {
    const [real, realRoot] = await Promise.all([realpath(candidate), realpath(rootDir)]);
    if (!isInside(realRoot, real)) return { kind: 'missing' };
    const stats = await stat(real);
    return stats.isFile() ? { kind: 'file', path: real, stats } : { kind: 'missing' };
  } catch {
    return { kind: 'missing' };
  }
}

/** Vite writes only content-hashed files under assets/: they never change, so cache them long. */
function cacheControl(urlPath: string, file: string): string {
  const hashed = /(^|\/)assets\//.test(urlPath) && /-[\w-]{8,}\.\w+$/.test(basename(file));
  return hashed ? 'public, max-age=31536000, immutable' : 'no-cache';
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.setHeader('Cache-Control', 'no-store');
  res.end(text);
}

/** The precompressed copy of `path` the request accepts (`encoding.ts`), if the build has it. */
async function encodedCopy(
  req: IncomingMessage,
  path: string,
): Promise<{ coding: Coding; path: string; stats: Stats } | null> {
  if (!isCompressible(path)) return null;
  const coding = chooseCoding(req.headers['accept-encoding']);
  if (coding === null) return null;
  const suffix = CODINGS.find(([c]) => c === coding)![1];
  try {
    const stats = await stat(path + suffix);
    return stats.isFile() ? { coding, path: path + suffix, stats } : null;
  } catch {
    return null;
  }
}

async function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  plain: Stats,
): Promise<void> {
  const encoded = await encodedCopy(req, path);
  const stats = encoded?.stats ?? plain;
  const tag = `${plain.size.toString(16)}-${Math.floor(plain.mtimeMs).toString(16)}`;
  const etag = `W/"${tag}${encoded ? `-${encoded.coding}` : ''}"`;
  res.setHeader('Content-Type', mimeType(path));
  res.setHeader('Cache-Control', cacheControl(req.url ?? '/', path));
  if (isCompressible(path)) res.setHeader('Vary', 'Accept-Encoding');
  res.setHeader('ETag', etag);
  if (req.headers['if-none-match'] === etag) {
    res.statusCode = 304;
    res.end();
    return;
  }
  res.statusCode = 200;
  if (encoded) res.setHeader('Content-Encoding', encoded.coding);
  res.setHeader('Content-Length', stats.size);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(encoded?.path ?? path);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

/** Serves files from root (the build): GET and HEAD only, `/` is index.html, nothing else. */
export function createStaticHandler(root: string): RequestHandler {
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      sendText(res, 405, 'Method not allowed\n');
      return true;
    }
    const resolved = await resolveRequestPath(root, req.url ?? '/');
    if (resolved.kind === 'bad-request') {
      sendText(res, 400, 'Bad request\n');
      return true;
    }
    if (resolved.kind === 'missing') return false;
    await sendFile(req, res, resolved.path, resolved.stats);
    return true;
  };
}
