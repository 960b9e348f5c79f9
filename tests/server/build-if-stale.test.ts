import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildIfStale, checkBuild, newestFile } from '../../src/server/build-if-stale.ts';

let root: string;

/** Writes a file with a given modification time (seconds since the epoch). */
async function file(path: string, mtime: number): Promise<void> {
  const full = join(root, path);
  await mkdir(dirname(full), { recursive: true });
  await writeFile(full, path);
  await utimes(full, mtime, mtime);
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'playground-build-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('newestFile', () => {
  it('finds the newest file in nested directories and skips inputs that do not exist', async () => {
    await file('src/a.ts', 1000);
    await file('src/deep/er/b.ts', 3000);
    await file('index.html', 2000);
    const newest = await newestFile(['src', 'index.html', 'missing'].map((p) => join(root, p)));
    expect(newest).toEqual({ path: join(root, 'src/deep/er/b.ts'), mtimeMs: 3_000_000 });
  });

  it('returns null when there is nothing', async () => {
    expect(await newestFile([join(root, 'missing')])).toBeNull();
  });
});

describe('checkBuild', () => {
  it('is stale when there is no build', async () => {
    await file('src/main.ts', 1000);
    expect(await checkBuild(root)).toEqual({ stale: true, reason: 'no build in dist/' });
  });

  it('is fresh when the build is newer than every input', async () => {
    await file('src/main.ts', 1000);
    await file('mocks/server.ts', 1500);
    await file('package-lock.json', 1800);
    await file('dist/index.html', 2000);
    expect(await checkBuild(root)).toEqual({ stale: false, reason: '' });
  });

  it.each([
    'src/ui/deep/Component.svelte',
    'mocks/fixtures/demo.json',
    'public/favicon.svg',
    'index.html',
    'vite.config.ts',
    'package.json',
    'package-lock.json',
  ])('is stale when %s changed after the build, and says so', async (input) => {
    await file('src/main.ts', 1000);
    await file('dist/index.html', 2000);
    await file(input, 3000);
    expect(await checkBuild(root)).toEqual({
      stale: true,
      reason: `${input} changed after the build`,
    });
  });

  it('ignores files that are not build inputs', async () => {
    await file('src/main.ts', 1000);
    await file('dist/index.html', 2000);
    await file('tests/some.test.ts', 3000);
    await file('README.md', 3000);
    expect((await checkBuild(root)).stale).toBe(false);
  });
});

describe('buildIfStale', () => {
  it('builds a missing build once, and not again when nothing changed', async () => {
    await file('src/main.ts', 1000);
    const builds: string[] = [];
    const logs: string[] = [];
    const build = async (projectRoot: string) => {
      builds.push(projectRoot);
      await file('dist/index.html', 2000);
    };
    expect(await buildIfStale({ projectRoot: root, build, log: (m) => logs.push(m) })).toBe(true);
    expect(await buildIfStale({ projectRoot: root, build, log: (m) => logs.push(m) })).toBe(false);
    expect(builds).toEqual([root]);
    expect(logs).toEqual(['playground: building (no build in dist/)']);
  });

  it('passes a failed build on to the caller', async () => {
    const build = () => Promise.reject(new Error('vite build failed (exit code 1)'));
    await expect(buildIfStale({ projectRoot: root, build, log: () => {} })).rejects.toThrow(
      'vite build failed',
    );
  });
});
