import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { msw } from 'msw/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { entryLinksPlugin } from './src/build/entry-links.ts';
import { prerenderPlugin } from './src/build/prerender.ts';
import { precompressPlugin } from './src/server/encoding.ts';

/**
 * Svelte's browser build for component tests, in Vite's client environment only: the
 * testing-library default adds it everywhere, which breaks msw/node (DESIGN.md gotcha 2).
 */
function browserConditionForClientTests(): Plugin {
  return {
    name: 'browser-condition-for-client-tests',
    configEnvironment(name, config) {
      if (!process.env['VITEST'] || name !== 'client') return;
      const conditions = config.resolve?.conditions ?? [
        'module',
        'browser',
        'development|production',
      ];
      return {
        resolve: {
          conditions: conditions.includes('browser') ? conditions : ['browser', ...conditions],
        },
      };
    },
  };
}

export default defineConfig({
  // Relative base: the built app works from any static host and sub-path.
  base: './',
  plugins: [
    svelte(),
    msw({ mode: 'worker-only' }),
    svelteTesting({ resolveBrowser: false }),
    browserConditionForClientTests(),
    prerenderPlugin(),
    entryLinksPlugin(),
    precompressPlugin(),
  ],
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
  },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['tests/{lib,mocks,server,cli,mutation}/**/*.test.ts', 'tests/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'happy-dom',
          include: ['tests/ui/**/*.test.ts'],
          setupFiles: ['tests/ui/setup.ts'],
        },
      },
    ],
  },
});
