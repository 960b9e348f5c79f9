import { fileURLToPath } from 'node:url';

/** `npm run mock:server` standing in for a real REDCap in live mode (tests/e2e/live.spec.ts). */
export const STANDIN_PORT = Number(process.env['E2E_STANDIN_PORT'] ?? 8799);
export const STANDIN_API_URL = `http://127.0.0.1:${STANDIN_PORT}/api/`;
/** MOCK_REQUEST_LOG of the stand-in: one JSON line per request it answered. */
export const STANDIN_LOG = fileURLToPath(
  new URL('../../test-results/standin-requests.ndjson', import.meta.url),
);
