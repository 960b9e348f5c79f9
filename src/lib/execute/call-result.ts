import { FORWARDER_ERROR_HEADER, FORWARDER_LOCATION_HEADER } from '../../lib/execute/forward.ts';
import type { SendOptions, Transport } from '../../lib/execute/transport.ts';
import type { ParamValues } from '../../lib/methods/define-method.ts';
import { getMethod, type MethodId } from '../../lib/methods/index.ts';
import type { Connection } from '../../lib/redcap/connection.ts';
import { buildRedcapRequest } from '../../lib/redcap/request.ts';
import {
  extractRedcapError,
  parseResponse,
  type ParsedResponse,
  type RedcapResponse,
} from '../../lib/redcap/response.ts';

export interface RunVariables {
  readonly methodId: MethodId;
  readonly values: ParamValues;
  readonly signal: AbortSignal;
  /** Progress and a body sink (the table worker) for this call. */
  readonly options?: SendOptions;
}

export interface RunResult {
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

/** Bodies above this are decoded a slice at a time, yielding between slices. */
export const DECODE_SLICE = 4 * 1024 * 1024;

/**
 * Decoding 100 MB in one go holds the page for a second or more; slices of a few MB with a
 * pause between keep every task short. Joined with +, the slices form one string lazily.
 */
async function decodeInSlices(bytes: Uint8Array, signal: AbortSignal): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  for (let at = 0; at < bytes.byteLength; at += DECODE_SLICE) {
    text += decoder.decode(bytes.subarray(at, at + DECODE_SLICE), { stream: true });
    await new Promise((resolve) => setTimeout(resolve, 0));
    signal.throwIfAborted();
  }
  return text + decoder.decode();
}

/** parseResponse, with large bodies decoded without a long task. */
export async function parseLargeResponse(
  response: RedcapResponse,
  signal: AbortSignal,
): Promise<ParsedResponse> {
  const { bytes } = response;
  if (bytes.byteLength <= DECODE_SLICE) return parseResponse(response);
  // The head alone decides the format (a PDF labelled text/html is recognised by its bytes).
  const head = parseResponse({ ...response, bytes: bytes.subarray(0, 8) });
  if (head.text === null) return { ...head, size: bytes.byteLength };
  const text = await decodeInSlices(bytes, signal);
  const error = head.ok ? null : extractRedcapError(text) || text;
  return { ...head, text, error, size: bytes.byteLength };
}

/** Execute's one job: connect, build the request with the one builder, send, interpret. */
export async function runRequest(
  connect: (methodId: MethodId) => Promise<Connection>,
  transport: Transport,
  { methodId, values, signal, options }: RunVariables,
): Promise<RunResult> {
  const connection = await connect(methodId);
  signal.throwIfAborted();
  const request = buildRedcapRequest(getMethod(methodId), values, connection);
  const response = await transport.send(request, signal, options);
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
