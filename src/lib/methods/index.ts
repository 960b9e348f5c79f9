import type { MethodDefinition } from './define-method.ts';
import { exportFieldNames } from './field-names.ts';
import { exportInstruments } from './instruments.ts';
import { exportMetadata } from './metadata.ts';
import { exportProjectInfo } from './projects.ts';
import { deleteRecords, exportRecords, importRecords } from './records.ts';
import { exportVersion } from './redcap.ts';

/** Every method of the playground, in REDCap's group order, then the Playground's order. */
export const METHODS = [
  exportFieldNames,
  exportInstruments,
  exportMetadata,
  exportProjectInfo,
  exportRecords,
  importRecords,
  deleteRecords,
  exportVersion,
] as const;

export type MethodId = (typeof METHODS)[number]['id'];

const byId = new Map<string, MethodDefinition<MethodId>>(METHODS.map((m) => [m.id, m]));

export function isMethodId(id: string): id is MethodId {
  return byId.has(id);
}

export function getMethod(id: MethodId): MethodDefinition<MethodId>;
export function getMethod(id: string): MethodDefinition<MethodId> | undefined;
export function getMethod(id: string): MethodDefinition<MethodId> | undefined {
  return byId.get(id);
}

export type { MethodDefinition } from './define-method.ts';
