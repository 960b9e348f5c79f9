/**
 * File names, sizes and blobs for the response's Copy / Download. Pure apart from `saveBlob`.
 */
import type { ParsedResponse } from '../../lib/redcap/response.ts';

/**
 * Above this size the Pretty view shows plain text without highlighting (Monaco tokenising
 * megabytes freezes the page), and the text views show only their start: Download has it all.
 */
export const OVERSIZE_BYTES = 2 * 1024 * 1024;
/** How much of an oversize body the plain text views show. */
export const PREVIEW_CHARS = 256 * 1024;

const EXTENSIONS: Readonly<Record<string, string>> = {
  json: 'json',
  csv: 'csv',
  xml: 'xml',
  pdf: 'pdf',
};

const MIME_EXTENSIONS: Readonly<Record<string, string>> = {
  'text/html': 'html',
  'text/plain': 'txt',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'application/zip': 'zip',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
};

/** A file name REDCap gives is used as is, without any path part. */
function safeName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f<>:"|?*]/g, '_').trim();
  return clean === '' || clean === '.' || clean === '..' ? '' : clean;
}

/**
 * The name to save a response under: the name REDCap gives in Content-Type for file exports,
 * else `redcap-<method id>.<extension of the format>`.
 */
export function downloadName(
  methodId: string,
  parsed: Pick<ParsedResponse, 'fileName' | 'format' | 'mimeType'>,
): string {
  const given = parsed.fileName ? safeName(parsed.fileName) : '';
  if (given) return given;
  const ext =
    EXTENSIONS[parsed.format] ??
    MIME_EXTENSIONS[parsed.mimeType] ??
    (parsed.format === 'text' ? 'txt' : 'bin');
  return `redcap-${methodId}.${ext}`;
}

/** The body as a Blob of its type (PDFs as application/pdf, whatever REDCap labelled them). */
export function responseBlob(
  parsed: Pick<ParsedResponse, 'format' | 'mimeType' | 'text'>,
  bytes: Uint8Array | null,
): Blob | null {
  const type =
    parsed.format === 'pdf' ? 'application/pdf' : parsed.mimeType || 'application/octet-stream';
  if (parsed.text !== null) return new Blob([parsed.text], { type });
  if (bytes) return new Blob([bytes as Uint8Array<ArrayBuffer>], { type });
  return null;
}

/** Saves through a temporary link (the CSP allows blob: downloads; no server round trip). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
