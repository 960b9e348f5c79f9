import { setupServer, type SetupServer } from 'msw/node';
import { createHandlers } from './handlers.ts';
import { createMockRedcap, type MockRedcap, type MockRedcapOptions } from './redcap.ts';

/** The path every REDCap API URL ends with: any origin, any prefix (`/redcap/api/`). */
export const NODE_MOCK_ADDRESS = '*/api/';

/**
 * msw's server for tests: every `…/api/` request is answered by a fresh mock REDCap.
 * Listen with `{ onUnhandledFrame: 'error' }` (msw 3's name for onUnhandledRequest).
 */
export function setupMockServer(options: MockRedcapOptions = {}): {
  server: SetupServer;
  redcap: MockRedcap;
} {
  const redcap = createMockRedcap(options);
  return { server: setupServer(...createHandlers(NODE_MOCK_ADDRESS, redcap)), redcap };
}
