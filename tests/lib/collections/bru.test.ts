import { collectionRunTests } from './runners.ts';

// The exported collection run by bru against mock:server: see runners.ts.
collectionRunTests('bru');
