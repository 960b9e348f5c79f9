import { getMethod, type MethodId } from '../methods/index.ts';
import { buildProjectModel } from '../project/model.ts';
import type { TokenKind } from '../redcap/connection.ts';
import type { CallResult } from './call-result.ts';
import type { RedcapClient } from './client.ts';
import {
  explainCall,
  explainConnectProblem,
  explainThrown,
  explainUnreadable,
  factsOf,
} from './explain.ts';

/** What Connect learns about the project behind the token. */
export interface LiveProject {
  readonly version: string;
  /** Null with a super token: it belongs to a user, not a project. */
  readonly title: string | null;
  readonly id: string | null;
  readonly longitudinal: boolean;
  readonly production: boolean;
  /**
   * Why Export Project Information could not be read (a token without the API Export right),
   * in REDCap's words: Connect still succeeds, and every method the rights allow goes ahead.
   */
  readonly unreadable: string | null;
}

/** Connect's reading: the project, or why Connect failed (with the next step in `hint`). */
export type ConnectReading =
  | { readonly ok: true; readonly project: LiveProject }
  | { readonly ok: false; readonly problem: string; readonly hint: string | null };

/** The live-mode advice when the forwarder does not (yet) forward to `url`. */
export function setupAdvice(url: string, targets: readonly string[]): string {
  return targets.length === 0
    ? `Live mode is not set up on this playground’s server. Stop it and start it again with REDCAP_URL=${url} npm start; real REDCap servers only answer pages from their own origin, so the playground’s server forwards the calls.`
    : `This playground’s server only forwards to ${targets.join(', ')}. To call ${url}, restart it with REDCAP_URL=${[...targets, url].join(',')} npm start.`;
}

/** A call's answer when it has data, else why Connect fails; `refused` when REDCap said no (4xx). */
type Answer =
  | { readonly ok: true; readonly result: CallResult }
  | {
      readonly ok: false;
      readonly problem: string;
      readonly hint: string | null;
      readonly refused: CallResult | null;
    };

async function call(
  client: RedcapClient,
  id: MethodId,
  values: Record<string, string>,
): Promise<Answer> {
  const result = await client.send(id, values);
  const hint = explainCall(factsOf(result));
  if (result.parsed.ok && !hint) return { ok: true, result };
  const { status } = result.parsed;
  const refused = !result.forwarderError && status >= 400 && status < 500 ? result : null;
  return { ok: false, problem: explainConnectProblem(getMethod(id).label, result), hint, refused };
}

/**
 * Asks REDCap for its version, then (with a project token) for the project information, read as
 * the project model reads it: the same parsing for Connect and the pickers. The version answers
 * any valid token; project information needs API Export. A token with import rights only is
 * still a good token: Connect succeeds and says what could not be read.
 */
export async function readLiveProject(
  client: RedcapClient,
  kind: TokenKind,
): Promise<ConnectReading> {
  try {
    const version = await call(client, 'exp_rc_v', { format: 'json' });
    if (!version.ok) return { ok: false, problem: version.problem, hint: version.hint };
    const project: LiveProject = {
      version: version.result.parsed.text?.trim() ?? '',
      title: null,
      id: null,
      longitudinal: false,
      production: false,
      unreadable: null,
    };
    if (kind === 'super') return { ok: true, project };
    const info = await call(client, 'exp_proj', { format: 'json', returnFormat: 'json' });
    if (!info.ok && info.refused) {
      const unreadable = explainUnreadable(getMethod('exp_proj').label, info.refused);
      return { ok: true, project: { ...project, unreadable } };
    }
    if (!info.ok) return { ok: false, problem: info.problem, hint: info.hint };
    const model = buildProjectModel({ info: JSON.parse(info.result.parsed.text ?? '{}') });
    return {
      ok: true,
      project: {
        ...project,
        title: model.info['project_title'] ?? '',
        id: model.info['project_id'] ?? '',
        longitudinal: model.longitudinal,
        production: model.info['in_production'] === '1',
      },
    };
  } catch (error) {
    const problem =
      error instanceof SyntaxError
        ? 'The answer was not REDCap’s project information.'
        : explainThrown(error);
    return { ok: false, problem, hint: null };
  }
}
