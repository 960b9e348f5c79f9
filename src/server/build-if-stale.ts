import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** Everything a build is made from (relative to the project root); missing entries are skipped. */
export const BUILD_INPUTS: readonly string[] = [
  'src',
  'mocks',
  'public',
  'index.html',
  'vite.config.ts',
  'package.json',
  'package-lock.json',
];

export interface Newest {
  readonly path: string;
  readonly mtimeMs: number;
}

/** The most recently modified file under the given files and directories, or null if none. */
export async function newestFile(paths: readonly string[]): Promise<Newest | null> {
  let newest: Newest | null = null;
  const visit = async (path: string): Promise<void> => {
    let stats;
    try {
      stats = await stat(path);
    } catch {
      return; // an input that does not exist (yet) cannot make the build stale
    }
    if (stats.isDirectory()) {
      const entries = await readdir(path);
      await Promise.all(entries.map((entry) => visit(join(path, entry))));
    } else if (!newest || stats.mtimeMs > newest.mtimeMs) {
      newest = { path, mtimeMs: stats.mtimeMs };
    }
  };
  await Promise.all(paths.map(visit));
  return newest;
}

export interface Staleness {
  readonly stale: boolean;
  /** Why a build is needed, in plain words (empty when it is not). */
  readonly reason: string;
}

/**
 * The build is dist/index.html's age: Vite empties dist/ and writes index.html on every build,
 * so any input modified after it means the build no longer matches the sources.
 */
export async function checkBuild(
  projectRoot: string,
  distDir = join(projectRoot, 'dist'),
  inputs: readonly string[] = BUILD_INPUTS,
): Promise<Staleness> {
  let builtAt: number;
  try {
    builtAt = (await stat(join(distDir, 'index.html'))).mtimeMs;
  } catch {
    return { stale: true, reason: `no build in ${relative(projectRoot, distDir) || distDir}/` };
  }
  const newest = await newestFile(inputs.map((input) => join(projectRoot, input)));
  if (newest && newest.mtimeMs > builtAt) {
    return { stale: true, reason: `${relative(projectRoot, newest.path)} changed after the build` };
  }
  return { stale: false, reason: '' };
}

/** `vite build` in a child process on this same Node, its output shown as it comes. */
export function runViteBuild(projectRoot: string): Promise<void> {
  const vite = join(projectRoot, 'node_modules', '.bin', 'vite');
  if (!existsSync(vite)) {
    return Promise.reject(new Error('Vite is not installed: run `npm ci` first.'));
  }
  return new Promise((resolveBuild, rejectBuild) => {
    const child = spawn(process.execPath, [vite, 'build'], { cwd: projectRoot, stdio: 'inherit' });
    child.on('error', rejectBuild);
    child.on('exit', (code, signal) =>
      code === 0
        ? resolveBuild()
        : rejectBuild(new Error(`vite build failed (${signal ?? `exit code ${code}`})`)),
    );
  });
}

export interface BuildIfStaleOptions {
  readonly projectRoot: string;
  readonly distDir?: string;
  readonly inputs?: readonly string[];
  readonly build?: (projectRoot: string) => Promise<void>;
  readonly log?: (message: string) => void;
}

/** Builds when the build is missing or older than its inputs; returns whether it built. */
export async function buildIfStale(options: BuildIfStaleOptions): Promise<boolean> {
  const { projectRoot, build = runViteBuild, log = console.log } = options;
  const { stale, reason } = await checkBuild(projectRoot, options.distDir, options.inputs);
  if (!stale) return false;
  log(`playground: building (${reason})`);
  await build(projectRoot);
  return true;
}
