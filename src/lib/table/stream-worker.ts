import { transferable, type FromTableWorker, type ToTableWorker } from './stream-protocol.ts';
import { TableJob } from './stream-job.ts';

/**
 * The table worker: reads one response body into table rows off the page's thread (a 100,000
 * record export is ~100 MB of JSON; parsing it in the page would freeze it for seconds).
 */
interface WorkerScope {
  postMessage(message: FromTableWorker, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToTableWorker>) => void): void;
}
const scope = self as unknown as WorkerScope;
let job: TableJob | null = null;

function post(message: FromTableWorker, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}

scope.addEventListener('message', (event) => {
  const message = event.data;
  try {
    if (message.type === 'start') {
      job = new TableJob({
        format: message.format,
        emit: (update) => post({ type: 'rows', update }),
      });
    } else if (message.type === 'chunk') {
      job?.write(new Uint8Array(message.bytes));
    } else if (job) {
      const { body, table } = job.end();
      job = null;
      const buffer = transferable(body);
      post({ type: 'done', body: buffer, table }, [buffer]);
    }
  } catch (error) {
    job = null;
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
});
