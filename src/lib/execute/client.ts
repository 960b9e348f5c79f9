import type { ParamValues } from '../methods/define-method.ts';
import { getMethod, isMethodId, type MethodId } from '../methods/index.ts';
import type { Connection } from '../redcap/connection.ts';
import { buildRedcapRequest } from '../redcap/request.ts';
import { toCallResult, type CallResult } from './call-result.ts';
import { explainAnswer, explainThrown, succeeded } from './explain.ts';
import type { SendOptions, Transport } from './transport.ts';

/**
 * The one call path: connect, build the request with the one builder, send, read the answer,
 * and put a failure into words. Execute, Connect, the dry run, pickers and the project model all
 * call REDCap through a client.
 */
export interface RedcapClientDeps {
  readonly transport: Transport;
  /** Where a method goes, with which token; throws in plain words when it cannot be sent. */
  readonly connect: (methodId: MethodId) => Promise<Connection>;
  /** Each call is stopped after this long (a TimeoutError); no limit when unset. */
  readonly timeoutMs?: number;
}

export interface CallOptions extends SendOptions {
  readonly signal?: AbortSignal;
}

/** A read's value, or why there is none (in words safe to show: never the token). */
export type Outcome<T> =
  | { readonly ok: true; readonly value: T }
  | {
      readonly ok: false;
      readonly why: string;
      /** The answer, when one came (a refusal): for callers with words of their own. */
      readonly result?: CallResult;
    };

export interface RedcapClient {
  /** Any answer REDCap (or the forwarder) gave; throws only when no answer came (abort…). */
  send(methodId: MethodId, values: ParamValues, options?: CallOptions): Promise<CallResult>;
  /** A read's text: a refusal, an unknown method or no answer at all become `why`. */
  text(methodId: string, values: ParamValues, signal?: AbortSignal): Promise<Outcome<string>>;
  /** The same, parsed as JSON. */
  json(methodId: string, values: ParamValues, signal?: AbortSignal): Promise<Outcome<unknown>>;
}

/** Removes the token from words that came from elsewhere (an error's message). */
function withoutToken(words: string, token: string): string {
  return token ? words.split(token).join('[token]') : words;
}

export function createRedcapClient({
  transport,
  connect,
  timeoutMs,
}: RedcapClientDeps): RedcapClient {
  const signalFor = (signal?: AbortSignal): AbortSignal | undefined => {
    if (timeoutMs === undefined) return signal;
    const timeout = AbortSignal.timeout(timeoutMs);
    return signal ? AbortSignal.any([signal, timeout]) : timeout;
  };

  /** Sends; `seen` learns the token so that words about a failure can leave it out. */
  async function sendWith(
    methodId: MethodId,
    values: ParamValues,
    { signal: outer, ...options }: CallOptions,
    seen: { token: string },
  ): Promise<CallResult> {
    const signal = signalFor(outer);
    const connection = await connect(methodId);
    seen.token = connection.token;
    // A cancelled signal reaches the transport, whose fetch then sends nothing.
    const request = buildRedcapRequest(getMethod(methodId), values, connection);
    const response = await transport.send(request, signal, options);
    return toCallResult(methodId, response, signal);
  }

  async function text(
    methodId: string,
    values: ParamValues,
    signal?: AbortSignal,
  ): Promise<Outcome<string>> {
    if (!isMethodId(methodId)) return { ok: false, why: `Unknown method ${methodId}.` };
    const seen = { token: '' };
    try {
      const result = await sendWith(methodId, values, signal ? { signal } : {}, seen);
      if (!succeeded(result))
        return { ok: false, why: withoutToken(explainAnswer(result), seen.token), result };
      return { ok: true, value: result.parsed.text ?? '' };
    } catch (error) {
      return { ok: false, why: withoutToken(explainThrown(error), seen.token) };
    }
  }

  return {
    send: (methodId, values, options = {}) => sendWith(methodId, values, options, { token: '' }),
    text,
    async json(methodId, values, signal) {
      const answer = await text(methodId, values, signal);
      if (!answer.ok) return answer;
      try {
        return { ok: true, value: JSON.parse(answer.value) as unknown };
      } catch (error) {
        return { ok: false, why: explainThrown(error) };
      }
    },
  };
}
