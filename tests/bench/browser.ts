// Plumbing for the browser benchmarks: the `npm start` build and server in this process, the
// stand-in REDCap (`npm run mock:server`) as a child, a blank Vite + Svelte app built the same
// way as the playground, and Debian's Chromium (DESIGN.md gotcha 7).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from '@playwright/test';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * `window.gc()` is exposed so a run can start from a collected heap: otherwise the garbage of
 * the previous run (a 100 MB JSON.parse) is collected, in one long pause, during the next.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--js-flags=--expose-gc',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface StandIn {
  /** `http://127.0.0.1:<port>/api/` */
  readonly apiUrl: string;
  stop(): void;
}

/** `npm run mock:server` on a free port, as live mode's REDCap. */
export async function startStandIn(): Promise<StandIn> {
  const child: ChildProcess = spawn(process.execPath, ['mocks/server.ts'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const apiUrl = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`mock:server exited (${code})`)));
    lines.on('line', (line) => {
      const match = /^listening: (\S+)/.exec(line);
      if (match) resolve(match[1]!);
    });
  });
  // Keep reading so the banner cannot fill the pipe.
  lines.on('line', () => {});
  return { apiUrl, stop: () => void child.kill() };
}

const BLANK_DIR = join(PROJECT_ROOT, '.cache', 'bench-blank');

/**
 * A blank Vite + Svelte app (one <h1>), built with the project's own Vite, Svelte plugin and
 * target, into .cache/ (ignored by git; inside the project so `svelte` resolves): the
 * reference for load time and size. Remove it with removeBlankApp() (ESLint would read it).
 */
export async function buildBlankApp(): Promise<string> {
  const dir = BLANK_DIR;
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Blank</title></head>\n' +
      '<body><div id="app"></div><script type="module" src="./main.ts"></script></body>\n</html>\n',
  );
  writeFileSync(
    join(dir, 'main.ts'),
    "import { mount } from 'svelte';\nimport App from './App.svelte';\n\n" +
      "mount(App, { target: document.getElementById('app')! });\n",
  );
  writeFileSync(join(dir, 'App.svelte'), '<h1>Blank</h1>\n');
  const { build } = await import('vite');
  const { svelte } = await import('@sveltejs/vite-plugin-svelte');
  const outDir = join(dir, 'dist');
  await build({
    root: dir,
    base: './',
    configFile: false,
    logLevel: 'warn',
    plugins: [svelte()],
    build: { outDir, emptyOutDir: true, target: 'es2022' },
  });
  return outDir;
}

export function removeBlankApp(): void {
  rmSync(BLANK_DIR, { recursive: true, force: true });
}
