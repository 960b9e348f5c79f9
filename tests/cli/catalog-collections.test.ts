import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const catalog = (...args: string[]) =>
  spawnSync(process.execPath, ['src/cli/catalog.ts', ...args], { cwd: root, encoding: 'utf8' });

/** `npm run -s catalog -- --postman | --bruno <dir>` (#25): the options table and its refusals. */
describe('npm run catalog: collections', () => {
  it('prints the Postman collection, and nothing else, on stdout', () => {
    const { status, stdout, stderr } = catalog('--postman');
    expect([status, stderr]).toEqual([0, '']);
    const collection = JSON.parse(stdout) as { info: { schema: string }; item: unknown[] };
    expect(collection.info.schema).toContain('v2.1.0');
    expect(collection.item).toHaveLength(17);
  });

  it('writes the Bruno collection and the example uploads into the directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bruno-cli-'));
    try {
      const { status, stdout, stderr } = catalog('--bruno', dir);
      expect([status, stdout]).toEqual([0, '']);
      expect(stderr).toMatch(/^wrote 74 files to /);
      const top = readdirSync(dir).sort();
      expect(top).toContain('bruno.json');
      expect(top).toContain('collection.bru');
      expect(top).toContain('consent.pdf');
      expect(readdirSync(join(dir, 'Records')).sort()).toContain('exp_records.bru');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says in one line why it cannot write the directory', () => {
    const { status, stderr } = catalog('--bruno', '/proc/version/not-a-dir');
    expect(status).toBe(1);
    expect(stderr).toMatch(/^catalog --bruno: \S.*\n$/);
  });

  it.each([[['--bruno']], [['--nope']], [['--postman', 'extra']], [['--bruno', '']]])(
    'refuses %j with the usage and exit code 2',
    (args) => {
      const { status, stdout, stderr } = catalog(...args);
      expect([status, stdout]).toEqual([2, '']);
      expect(stderr).toContain('npm run -s catalog -- --bruno <dir>');
    },
  );
});
