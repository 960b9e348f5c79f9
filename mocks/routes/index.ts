import { REDCAP_METHOD_KEYS, type RedcapMethodKey } from './catalog.ts';
import { exportFieldNames } from './field-names.ts';
import { exportInstruments } from './instruments.ts';
import { exportMetadata } from './metadata.ts';
import { exportProjectInfo } from './projects.ts';
import { deleteRecords, exportRecords, importRecords } from './records.ts';
import { exportVersion } from './redcap.ts';
import type { Route } from './types.ts';

/** The route table, keyed by REDCap's method keys (the catalog's ids). */
export const mockRoutes: Readonly<Partial<Record<RedcapMethodKey, Route>>> = {
  exp_field_names: exportFieldNames,
  exp_instr: exportInstruments,
  exp_metadata: exportMetadata,
  exp_proj: exportProjectInfo,
  exp_records: exportRecords,
  imp_records: importRecords,
  del_records: deleteRecords,
  exp_rc_v: exportVersion,
};

/** Every other method key of §2.1: the mock answers them with a 400 that names them. */
export const pendingMockRoutes: readonly string[] = REDCAP_METHOD_KEYS.filter(
  (key) => !(key in mockRoutes),
);

export function routeFor(id: string): Route | undefined {
  return (mockRoutes as Readonly<Record<string, Route>>)[id];
}

export { pendingMessage, REDCAP_METHOD_KEYS, REDCAP_METHOD_LABELS } from './catalog.ts';
export { ApiError, type Route, type RouteContext, type RouteRight } from './types.ts';
