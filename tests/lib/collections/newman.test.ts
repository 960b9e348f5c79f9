import { collectionRunTests } from './runners.ts';

// The exported collection run by newman against mock:server: see runners.ts.
collectionRunTests('newman');
