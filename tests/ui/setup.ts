import { cleanup } from '@testing-library/svelte';
import { afterEach } from 'vitest';
import * as z from 'zod/mini';
import { loadWorkspace } from '../../src/ui/workspace.ts';

// As in the app (src/main.ts): no eval-compiled validators.
z.config({ jitless: true });

// The per-project setupFiles replace testing-library's auto-cleanup file, so clean up here.
afterEach(() => {
  cleanup();
  // The playground keeps its request in the URL hash; start every test from a clean address.
  history.replaceState(null, '', '/');
});

// The workspace is a lazy chunk in the app (src/ui/workspace.ts); loaded once here, it renders
// synchronously in every component test, as it did when it was part of the page's script.
await loadWorkspace();
