import type { CallResult } from '../execute/call-result.ts';
import { explainCall, explainFailure, factsOf } from '../execute/explain.ts';
import type { FailureEvent } from '../workshop/types.ts';
import type { FailureMetEvent } from './types.ts';

/**
 * Whether an Execute met a failure on demand, and with which explanation: `fresh` is what the
 * mock served since the learner's previous call (its own record, the truth about the scenario).
 * The newest of them is this call's when it was served for this method with the status the page
 * got (0: no answer). The explanation is the page's own, the same code as live mode:
 * `explainCall(factsOf(result))` for an answer, `explainFailure(error)` for none.
 */
export function failureMet(
  fresh: readonly FailureEvent[],
  methodId: string,
  result: CallResult | undefined,
  error: Error | null,
): FailureMetEvent | null {
  const served = fresh.at(-1);
  const status = result ? result.parsed.status : 0;
  if (!served || served.status !== status) return null;
  if (served.methodId !== null && served.methodId !== methodId) return null;
  const explained = result
    ? (explainCall(factsOf(result)) ?? '')
    : error
      ? explainFailure(error)
      : '';
  return { kind: 'failure', scenario: served.kind, methodId, status, explained };
}
