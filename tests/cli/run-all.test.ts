import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  closingLine,
  e2ePorts,
  freePort,
  installCommand,
  missingPackages,
  playwrightCounts,
  requiredPackages,
  vitestCounts,
} from '../run-all.ts';

describe('closingLine', () => {
  it('prints passed and failed, and skipped only when there are any', () => {
    expect(closingLine({ passed: 123, failed: 0, skipped: 0 }, false)).toBe('123 passed, 0 failed');
    expect(closingLine({ passed: 5, failed: 1, skipped: 2 }, false)).toBe(
      '5 passed, 1 failed, 2 skipped',
    );
  });

  it('counts skipped tests as failed under CI', () => {
    expect(closingLine({ passed: 5, failed: 1, skipped: 2 }, true)).toBe('5 passed, 3 failed');
  });
});

describe('vitestCounts', () => {
  it('reads the JSON reporter, counting todo as skipped and a file that did not load as failed', () => {
    expect(
      vitestCounts({
        numPassedTests: 10,
        numFailedTests: 2,
        numPendingTests: 1,
        numTodoTests: 1,
        testResults: [
          { status: 'failed', assertionResults: [{ status: 'failed' }] },
          { status: 'failed', assertionResults: [] },
          { status: 'passed', assertionResults: [{ status: 'passed' }] },
        ],
      }),
    ).toEqual({ passed: 10, failed: 3, skipped: 2 });
  });
});

describe('playwrightCounts', () => {
  it('counts flaky as passed and errors outside tests as failed', () => {
    expect(
      playwrightCounts({
        stats: { expected: 4, unexpected: 1, flaky: 1, skipped: 2 },
        errors: [{ message: 'webServer exited early' }],
      }),
    ).toEqual({ passed: 5, failed: 2, skipped: 2 });
  });
});

describe('end-to-end ports', () => {
  it('picks ports nothing listens on, never the fixed ones, unless the environment sets them', async () => {
    // Something already listens on the old fixed port: it must not be chosen.
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const taken = (busy.address() as { port: number }).port;
    try {
      const ports = await e2ePorts({ E2E_PORT: '' });
      expect(Object.keys(ports)).toEqual(['E2E_PORT', 'E2E_STANDIN_PORT']);
      for (const value of Object.values(ports)) {
        expect(Number(value)).toBeGreaterThan(0);
        expect(Number(value)).not.toBe(taken);
      }
      // A picked port can really be listened on.
      const probe = createServer();
      await new Promise<void>((resolve, reject) => {
        probe.once('error', reject);
        probe.listen(Number(ports['E2E_PORT']), '127.0.0.1', resolve);
      });
      await new Promise((resolve) => probe.close(resolve));
      expect(await e2ePorts({ E2E_PORT: '5999', E2E_STANDIN_PORT: '5998' })).toEqual({
        E2E_PORT: '5999',
        E2E_STANDIN_PORT: '5998',
      });
    } finally {
      await new Promise((resolve) => busy.close(resolve));
    }
  });

  it('freePort gives an unprivileged port that is free now', async () => {
    const a = await freePort();
    expect(a).toBeGreaterThan(1024);
  });
});

describe('the Debian packages npm test needs', () => {
  const list = requiredPackages(
    readFileSync(new URL('../../.ci/packages', import.meta.url), 'utf8'),
  );

  it('reads .ci/packages: names only, comments and blank lines left out', () => {
    expect(list).toContain('chromium');
    expect(list).toContain('r-cran-httr');
    expect(list.every((name) => /^[a-z0-9][a-z0-9.+-]*$/.test(name))).toBe(true);
    expect(requiredPackages('# a comment\n\n a  b\n#c d\ne')).toEqual(['a', 'b', 'e']);
  });

  it('names what is missing and the one command that installs it', () => {
    const installed = new Set(['curl', 'bash']);
    const missing = missingPackages(['chromium', 'curl', 'bash', 'php-cli'], (n) =>
      installed.has(n),
    );
    expect(missing).toEqual(['chromium', 'php-cli']);
    expect(installCommand(missing)).toBe(
      'sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium php-cli',
    );
  });
});
