import { METHODS } from '../lib/methods/index.ts';
import { buildOpenApi, type OpenApiDocument } from '../lib/openapi/document.ts';
import type { Recording } from '../lib/openapi/exchanges.ts';
import { recordExchanges } from './openapi-record.ts';

/** `npm run -s catalog -- --openapi`: the document, from the mock's answers of this run. */
export async function openApiDocument(): Promise<OpenApiDocument> {
  return buildOpenApi(METHODS, await recordExchanges(METHODS));
}

/**
 * `npm run -s catalog -- --openapi-recording`: the mock's answers alone, as the page ships them
 * (src/lib/openapi/recording.json; tests/lib/openapi.test.ts says when it is out of date).
 */
export async function openApiRecording(): Promise<Recording> {
  return recordExchanges(METHODS);
}
