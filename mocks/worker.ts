import * as z from 'zod/mini';
import { LARGE_PROJECTS } from './fixtures/large.ts';
import { createMockRedcap } from './redcap.ts';
import { Keeper, indexedDbStorage } from './state/keep.ts';
import { writeState } from './state/file.ts';
import { serveMockRedcap } from './worker-host.ts';
import type { Endpoint } from './worker-protocol.ts';

/**
 * The browser mock's Web Worker (started by browser.ts): the store lives here, so a large
 * export or import never blocks the page. State lasts as long as the tab.
 */

// As in src/main.ts: the worker runs under the page's CSP, which forbids eval.
z.config({ jitless: true });

// The large projects are listed at once and built on their token's first use.
const redcap = createMockRedcap({ lazyProjects: LARGE_PROJECTS });
// "Keep the mock's data across reloads" (off unless a kept copy exists): IndexedDB, when the
// browser gives workers one (not in some private modes).
const keeper =
  typeof indexedDB === 'undefined'
    ? null
    : new Keeper(
        indexedDbStorage(indexedDB),
        () => writeState(redcap.store),
        (why) => console.warn('mock REDCap: the data could not be kept:', why),
      );
serveMockRedcap(self as unknown as Endpoint, redcap, keeper);
