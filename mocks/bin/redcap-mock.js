#!/usr/bin/env node
// `npx redcap-mock [--project file] …`: the mock REDCap server (mocks/server.ts) from an
// installed copy of the playground. Node runs .ts files itself, but not from inside
// node_modules (ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING): the server runs in a child Node
// that first loads strip-types.js, whose hook strips the types of the playground's own files
// there (a preload also runs in the server's worker thread). Plain JavaScript, so any Node
// with type stripping can start it.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(`redcap-mock needs Node 22.18 or later; this is Node ${process.version}.`);
  process.exit(1);
}

const server = fileURLToPath(new URL('../server.ts', import.meta.url));
const hooks = new URL('./strip-types.js', import.meta.url).href;
const child = spawn(
  process.execPath,
  ['--disable-warning=ExperimentalWarning', '--import', hooks, server, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
