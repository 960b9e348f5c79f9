import { accessSuite } from './access.ts';
import type { Target } from './client.ts';
import { fileRepositorySuite } from './file-repository.ts';
import { filesSuite } from './files.ts';
import { logicSuite } from './logic.ts';
import { loggingSuite } from './logging.ts';
import { longitudinalSuite } from './longitudinal.ts';
import { pdfSuite } from './pdf.ts';
import { productionSuite } from './production.ts';
import { projectXmlSuite } from './project-xml.ts';
import { recordsDeleteSuite } from './records-delete.ts';
import { recordsExportSuite } from './records-export.ts';
import { recordsImportRulesSuite } from './records-import-rules.ts';
import { recordsValuesSuite } from './records-values.ts';
import { recordsWriteSuite } from './records-write.ts';
import { reportsSurveysSuite } from './reports-surveys.ts';
import { semanticsSuite } from './semantics.ts';
import { structureWriteSuite } from './structure-write.ts';
import { structureSuite } from './structure.ts';
import { transportSuite } from './transport.ts';

/**
 * The conformance suite: what a REDCap client sees, with expected bodies written from
 * ../shared/redcap-api.md (sections cited) and the mock's documented choices
 * (mocks/README.md). Run against msw/node and against `npm run mock:server`; every test that
 * writes puts things back, so the suites share one server.
 */
export function conformanceSuite(target: Target): void {
  transportSuite(target);
  structureSuite(target);
  structureWriteSuite(target);
  recordsExportSuite(target);
  recordsValuesSuite(target);
  logicSuite(target);
  recordsWriteSuite(target);
  recordsImportRulesSuite(target);
  recordsDeleteSuite(target);
  filesSuite(target);
  fileRepositorySuite(target);
  pdfSuite(target);
  loggingSuite(target);
  longitudinalSuite(target);
  accessSuite(target);
  reportsSurveysSuite(target);
  productionSuite(target);
  projectXmlSuite(target);
  semanticsSuite(target);
}

export type { Target } from './client.ts';
