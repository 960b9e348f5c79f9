import { seedData } from '../../../mocks/fixtures/index.ts';
import { longitudinalDemoProject } from '../../../mocks/fixtures/longitudinal-demo.ts';
import { ApiError } from '../../../mocks/store/errors.ts';
import type { ImportOptions } from '../../../mocks/store/import.ts';
import type { ProjectData } from '../../../mocks/store/types.ts';

/** Fresh copies of the seeded projects for the store's own tests (no HTTP, no formats). */

export function classicProject(): ProjectData {
  return seedData().projects.find((p) => p.slug === 'classic-demo')!;
}

export function longitudinalProject(): ProjectData {
  return longitudinalDemoProject();
}

/** Import options as a plain Import Records sends them; the log rows are collected. */
export function importOptions(log: string[] = []): ImportOptions {
  return {
    overwrite: false,
    forceAutoNumber: false,
    dateFormat: 'YMD',
    apiTag: '(API)',
    log: (action, details) => log.push(`${action}: ${details}`),
  };
}

/** The refusal `run` throws (REDCap's status and text); fails the test if it does not refuse. */
export function refusal(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('not refused');
}
