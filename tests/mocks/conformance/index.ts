import { recordsExportSuite } from './records-export.ts';
import { recordsWriteSuite } from './records-write.ts';
import { structureSuite } from './structure.ts';
import type { Target } from './client.ts';
import { transportSuite } from './transport.ts';

/**
 * The conformance suite: what a REDCap client sees, with expected bodies written from
 * /work/shared/redcap-api.md (sections cited) and the mock's documented choices
 * (mocks/README.md). Run against msw/node and against `npm run mock:server`.
 */
export function conformanceSuite(target: Target): void {
  transportSuite(target);
  structureSuite(target);
  recordsExportSuite(target);
  recordsWriteSuite(target);
}

export type { Target } from './client.ts';
