import { serveTableJobs, type TableWorkerScope } from './stream-host.ts';

/**
 * The table worker (started by stream-client.ts): reads one response body into table rows off
 * the page's thread. A 100,000-record export is ~100 MB of JSON; parsing it in the page would
 * freeze it for seconds.
 */
serveTableJobs(self as unknown as TableWorkerScope);
