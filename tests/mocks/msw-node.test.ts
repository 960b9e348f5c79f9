import { afterAll, beforeAll, describe } from 'vitest';
import { setupMockServer } from '../../mocks/node.ts';
import { conformanceSuite } from './conformance/index.ts';

/** The suite through msw/node: real fetch, intercepted for any `…/api/` URL (here with a prefix). */
describe('mock REDCap through msw/node', () => {
  const { server } = setupMockServer();
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterAll(() => server.close());

  conformanceSuite({ apiUrl: () => 'https://redcap.mock.test/redcap/api/' });
});
