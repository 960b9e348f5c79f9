import type { MethodId } from './index.ts';

/**
 * Methods whose subject (arms, events, the instrument–event mapping) exists only in longitudinal
 * projects: on a classic project REDCap answers 400. Their examples run on a longitudinal project
 * (the OpenAPI recording, the collection runners, the mock's tests).
 */
export const LONGITUDINAL_ONLY: ReadonlySet<MethodId> = new Set<MethodId>([
  'exp_arms',
  'imp_arms',
  'del_arms',
  'exp_events',
  'imp_events',
  'del_events',
  'exp_inst_event_maps',
  'imp_inst_event_maps',
]);

export function isLongitudinalOnly(id: string): boolean {
  return (LONGITUDINAL_ONLY as ReadonlySet<string>).has(id);
}
