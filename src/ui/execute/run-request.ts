import { FORWARDER_ERROR_HEADER, FORWARDER_LOCATION_HEADER } from '../../lib/execute/forward.ts';
import type { Transport } from '../../lib/execute/transport.ts';
import type { ParamValues } from '../../lib/methods/define-method.ts';
import { getMethod, type MethodId } from '../../lib/methods/index.ts';
import type { Connection } from '../../lib/redcap/connection.ts';
import { buildRedcapRequest } from '../../lib/redcap/request.ts';
import { parseResponse, type ParsedResponse } from '../../lib/redcap/response.ts';

export interface RunVariables {
  readonly methodId: MethodId;
  readonly values: ParamValues;
  readonly signal: AbortSignal;
}

export interface RunResult {
  readonly methodId: MethodId;
  readonly parsed: ParsedResponse;
  readonly timeMs: number;
  /** Set when the playground's forwarder answered itself (live mode), with a redirect's target. */
  readonly forwarderError: string | null;
  readonly location: string | null;
  /** The body's bytes, kept only when it is not text (files, PDFs) so it can be downloaded. */
  readonly bytes: Uint8Array | null;
}

/** Execute's one job: connect, build the request with the one builder, send, interpret. */
export async function runRequest(
  connect: (methodId: MethodId) => Promise<Connection>,
  transport: Transport,
  { methodId, values, signal }: RunVariables,
): Promise<RunResult> {
  const connection = await connect(methodId);
  signal.throwIfAborted();
  const request = buildRedcapRequest(getMethod(methodId), values, connection);
  const response = await transport.send(request, signal);
  const parsed = parseResponse(response);
  return {
    methodId,
    parsed,
    bytes: parsed.text === null ? response.bytes : null,
    timeMs: response.timeMs,
    forwarderError: response.headers[FORWARDER_ERROR_HEADER] ?? null,
    location: response.headers[FORWARDER_LOCATION_HEADER] ?? null,
  };
}
