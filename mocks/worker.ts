import * as z from 'zod/mini';
import { createMockRedcap } from './redcap.ts';
import { serveMockRedcap } from './worker-host.ts';
import type { Endpoint } from './worker-protocol.ts';

/**
 * The browser mock's Web Worker (started by browser.ts): the store lives here, so a large
 * export or import never blocks the page. State lasts as long as the tab.
 */

// As in src/main.ts: the worker runs under the page's CSP, which forbids eval.
z.config({ jitless: true });

serveMockRedcap(self as unknown as Endpoint, createMockRedcap());
