/** A response as it arrived, before interpretation. */
export interface RedcapResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly bytes: Uint8Array;
  /** Milliseconds from sending to the last byte. */
  readonly timeMs: number;
}

export type BodyFormat = 'json' | 'csv' | 'xml' | 'pdf' | 'text' | 'binary';

export interface ParsedResponse {
  readonly status: number;
  readonly ok: boolean;
  readonly format: BodyFormat;
  readonly mimeType: string;
  /** The body as text; null for binary bodies (PDF, images, other files). */
  readonly text: string | null;
  /**
   * Large bodies only (parseLargeResponse): the text's first HEAD_BYTES as a string of its own.
   * `text` is then a string joined from slices, and the first `slice` or search of it copies all
   * of it into one in a single task (~65 ms at 100,000 records); previews read this instead.
   */
  readonly head?: string;
  /** REDCap's error message when the call failed, from whichever shape it came in. */
  readonly error: string | null;
  /** The file name REDCap gives in `Content-Type: <mime>; name="<file>"`. */
  readonly fileName: string | null;
  readonly size: number;
}

export interface ContentType {
  readonly mimeType: string;
  readonly params: Readonly<Record<string, string>>;
}

export function parseContentType(header: string | undefined | null): ContentType {
  const [type = '', ...rest] = (header ?? '').split(';');
  const params: Record<string, string> = {};
  for (const part of rest) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2)
      value = value.slice(1, -1);
    params[key] = value;
  }
  return { mimeType: type.trim().toLowerCase(), params };
}

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

function isPdf(bytes: Uint8Array): boolean {
  return PDF_MAGIC.every((b, i) => bytes[i] === b);
}

function formatOf(mimeType: string): BodyFormat {
  if (mimeType === 'application/json') return 'json';
  if (mimeType === 'text/csv') return 'csv';
  if (mimeType === 'text/xml' || mimeType === 'application/xml') return 'xml';
  if (mimeType === 'application/pdf') return 'pdf';
  if (mimeType.startsWith('text/') || mimeType === '') return 'text';
  return 'binary';
}

const XML_ERROR = /<hash>\s*<error>([\s\S]*?)<\/error>\s*<\/hash>/;

function decodeXmlText(text: string): string {
  const cdata = /^<!\[CDATA\[([\s\S]*)\]\]>$/.exec(text.trim());
  if (cdata) return cdata[1]!;
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * REDCap's error message from a body in any of its three shapes (§1.8): JSON {"error":"…"},
 * CSV `ERROR: …`, XML <hash><error>…</error></hash>. Null if the body has none of them.
 */
export function extractRedcapError(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (parsed && typeof parsed === 'object' && 'error' in parsed) {
        const error = (parsed as { error: unknown }).error;
        if (typeof error === 'string') return error;
      }
    } catch {
      /* not JSON: try the other shapes */
    }
  }
  if (trimmed.startsWith('ERROR: ')) return trimmed.slice('ERROR: '.length);
  const xml = XML_ERROR.exec(trimmed);
  if (xml) return decodeXmlText(xml[1]!);
  return null;
}

export function parseResponse(response: RedcapResponse): ParsedResponse {
  const contentType = parseContentType(response.headers['content-type']);
  const { bytes, status } = response;
  let format = formatOf(contentType.mimeType);
  // REDCap sometimes labels PDFs text/html (§2.11): trust the bytes.
  if (isPdf(bytes)) format = 'pdf';
  const text = format === 'pdf' || format === 'binary' ? null : new TextDecoder().decode(bytes);
  const ok = status >= 200 && status < 300;
  const error = ok ? null : (text !== null && extractRedcapError(text)) || text || `HTTP ${status}`;
  return {
    status,
    ok,
    format,
    mimeType: contentType.mimeType,
    text,
    error,
    fileName: contentType.params['name'] ?? null,
    size: bytes.byteLength,
  };
}

/** Pretty-printed JSON when the text is JSON, else the text unchanged. */
export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
