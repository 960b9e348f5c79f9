// Playwright against the real `npm start` (build + static server with the production CSP), in
// Debian's Chromium (DESIGN.md gotcha 7: never `npx playwright install`).
import { defineConfig } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { STANDIN_API_URL, STANDIN_LOG, STANDIN_PORT } from './standin.ts';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const results = fileURLToPath(new URL('../../test-results/', import.meta.url));
const PORT = Number(process.env['E2E_PORT'] ?? 4174);
const ci = process.env['CI'] === 'true' || process.env['CI'] === '1';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  // Not test-results/ itself: Playwright empties its outputDir, and vitest.json lives there.
  outputDir: `${results}e2e`,
  fullyParallel: false,
  workers: ci ? 1 : undefined,
  forbidOnly: ci,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: `${results}playwright.json` }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: [
    {
      command: 'npm run mock:server',
      cwd: projectRoot,
      env: { PORT: String(STANDIN_PORT), MOCK_REQUEST_LOG: STANDIN_LOG },
      // It answers only POST /api/ (501 otherwise, like REDCap): wait for the port.
      port: STANDIN_PORT,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
    },
    {
      command: 'npm start',
      cwd: projectRoot,
      env: { PORT: String(PORT), REDCAP_URL: STANDIN_API_URL },
      url: `http://127.0.0.1:${PORT}/`,
      // A build may run first if dist/ is stale.
      timeout: 180_000,
      // Never another server that happens to listen there: `npm test` picks free ports (E2E_PORT,
      // E2E_STANDIN_PORT); run directly, a busy port stops Playwright with a message.
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
    },
  ],
});
