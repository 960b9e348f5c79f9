import * as z from 'zod/mini';
import { LARGE_PROJECTS } from './fixtures/large.ts';
import { createMockRedcap } from './redcap.ts';
import { serveMockRedcap } from './worker-host.ts';
import type { Endpoint } from './worker-protocol.ts';

/**
 * The browser mock's Web Worker (started by browser.ts): the store lives here, so a large
 * export or import never blocks the page. State lasts as long as the tab.
 */

// As in src/main.ts: the worker runs under the page's CSP, which forbids eval.
z.config({ jitless: true });

// The large projects are listed at once and built on their token's first use.
serveMockRedcap(self as unknown as Endpoint, createMockRedcap({ lazyProjects: LARGE_PROJECTS }));
