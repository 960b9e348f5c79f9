import { ownBuffer, type Endpoint } from '../worker/endpoint.ts';
import type { FromTableWorker, ToTableWorker } from './stream-protocol.ts';
import { TableJob } from './stream-job.ts';
import { serveTableViews } from './view-host.ts';

/** The worker's side of the channel: the worker's own scope, or a fake in tests. */
export type TableWorkerScope = Endpoint<ToTableWorker, FromTableWorker>;

/**
 * Answers one body at a time: start → chunks → end, then rows as they come and the body. A
 * `view` message hands over a port on which the worker serves a grid's views instead.
 */
export function serveTableJobs(scope: TableWorkerScope): void {
  let job: TableJob | null = null;
  const post = (message: FromTableWorker, transfer: Transferable[] = []): void =>
    scope.postMessage(message, transfer);

  scope.addEventListener('message', (event) => {
    const message = event.data;
    try {
      if (message.type === 'view') {
        serveTableViews(message.port);
      } else if (message.type === 'start') {
        job = new TableJob({
          format: message.format,
          emit: (update) => post({ type: 'rows', update }),
        });
      } else if (message.type === 'chunk') {
        job?.write(new Uint8Array(message.bytes));
      } else if (job) {
        const { body, table } = job.end();
        job = null;
        const buffer = ownBuffer(body);
        post({ type: 'done', body: buffer, table }, [buffer]);
      }
    } catch (error) {
      job = null;
      post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  });
}
