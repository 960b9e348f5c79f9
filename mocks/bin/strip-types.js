// Preloaded by redcap-mock.js (and so by the server's worker thread): Node strips the types of
// .ts files itself, except inside node_modules, where an installed copy lives. This hook does
// it there, for this package's files only, with Node's own stripper.
import { readFileSync } from 'node:fs';
import { registerHooks, stripTypeScriptTypes } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = new URL('../../', import.meta.url).href;

registerHooks({
  load(url, context, nextLoad) {
    if (url.startsWith(root) && url.endsWith('.ts') && url.includes('/node_modules/')) {
      const source = readFileSync(fileURLToPath(url), 'utf8');
      return { format: 'module', source: stripTypeScriptTypes(source), shortCircuit: true };
    }
    return nextLoad(url, context);
  },
});
