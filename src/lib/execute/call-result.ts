import type { MethodId } from '../methods/index.ts';
import {
  extractRedcapError,
  parseResponse,
  type ParsedResponse,
  type RedcapResponse,
} from '../redcap/response.ts';
import { FORWARDER_ERROR_HEADER, FORWARDER_LOCATION_HEADER } from './forward.ts';

/** What one call brought back: REDCap's answer, read, with what the forwarder said about it. */
export interface CallResult {
  readonly methodId: MethodId;
  readonly parsed: ParsedResponse;
  readonly timeMs: number;
  /** The status line's text and the answer's headers as received (names in lower case). */
  readonly statusText: string;
  readonly headers: readonly (readonly [name: string, value: string])[];
  /** Set when the playground's forwarder answered itself (live mode), with a redirect's target. */
  readonly forwarderError: string | null;
  readonly location: string | null;
  /** The body's bytes, kept only when it is not text (files, PDFs) so it can be downloaded. */
  readonly bytes: Uint8Array | null;
}

/** The reason phrase of the statuses REDCap sends, for History and the status line. */
const STATUS_TEXT: Readonly<Record<number, string>> = {
  200: 'OK',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  406: 'Not Acceptable',
  500: 'Internal Server Error',
  501: 'Not Implemented',
};

export function statusText(status: number): string {
  return STATUS_TEXT[status] ?? '';
}

/** Bodies above this are decoded a slice at a time, yielding between slices. */
export const DECODE_SLICE = 4 * 1024 * 1024;

/**
 * Decoding 100 MB in one go holds the page for a second or more; slices of a few MB with a
 * pause between keep every task short. Joined with +, the slices form one string lazily.
 */
async function decodeInSlices(bytes: Uint8Array, signal?: AbortSignal): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  for (let at = 0; at < bytes.byteLength; at += DECODE_SLICE) {
    text += decoder.decode(bytes.subarray(at, at + DECODE_SLICE), { stream: true });
    await new Promise((resolve) => setTimeout(resolve, 0));
    signal?.throwIfAborted();
  }
  return text + decoder.decode();
}

/** How much of a large body's start `head` holds (the text views preview 256 K characters). */
export const HEAD_BYTES = 256 * 1024;

/** The first `HEAD_BYTES` as text, without a character cut in two at the end. */
function decodeHead(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes.subarray(0, HEAD_BYTES), { stream: true });
}

/** parseResponse, with large bodies decoded without a long task. */
export async function parseLargeResponse(
  response: RedcapResponse,
  signal?: AbortSignal,
): Promise<ParsedResponse> {
  const { bytes } = response;
  if (bytes.byteLength <= DECODE_SLICE) return parseResponse(response);
  // The head alone decides the format (a PDF labelled text/html is recognised by its bytes).
  const start = parseResponse({ ...response, bytes: bytes.subarray(0, 8) });
  if (start.text === null) return { ...start, size: bytes.byteLength };
  const text = await decodeInSlices(bytes, signal);
  const error = start.ok ? null : extractRedcapError(text) || text;
  return { ...start, text, head: decodeHead(bytes), error, size: bytes.byteLength };
}

/** Reads one answer into a CallResult: the body parsed, the forwarder's headers as facts. */
export async function toCallResult(
  methodId: MethodId,
  response: RedcapResponse,
  signal?: AbortSignal,
): Promise<CallResult> {
  const parsed = await parseLargeResponse(response, signal);
  return {
    methodId,
    parsed,
    bytes: parsed.text === null ? response.bytes : null,
    timeMs: response.timeMs,
    statusText: response.statusText,
    headers: Object.entries(response.headers),
    forwarderError: response.headers[FORWARDER_ERROR_HEADER] ?? null,
    location: response.headers[FORWARDER_LOCATION_HEADER] ?? null,
  };
}
