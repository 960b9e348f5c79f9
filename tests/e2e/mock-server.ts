// Shared with the snippet execution tests: tests/support/mock-server.ts.
export { apiUrlFrom, startMockServer, type MockServer } from '../support/mock-server.ts';
