// `npm run catalog`: every REDCap method of the playground as JSON on stdout, and nothing else.
import { buildCatalog } from '../lib/form/catalog.ts';
import { METHODS } from '../lib/methods/index.ts';

process.stdout.write(`${JSON.stringify(buildCatalog(METHODS), null, 2)}\n`);
