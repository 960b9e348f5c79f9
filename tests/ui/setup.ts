import { cleanup } from '@testing-library/svelte';
import { afterEach } from 'vitest';
import * as z from 'zod/mini';

// As in the app (src/main.ts): no eval-compiled validators.
z.config({ jitless: true });

// The per-project setupFiles replace testing-library's auto-cleanup file, so clean up here.
afterEach(() => {
  cleanup();
  // The playground keeps its request in the URL hash; start every test from a clean address.
  history.replaceState(null, '', '/');
});
