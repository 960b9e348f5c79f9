import type { SpawnTableWorker, TableWorker } from './stream-client.ts';
import { serveTableJobs } from './stream-host.ts';
import type { FromTableWorker, ToTableWorker } from './stream-protocol.ts';

/**
 * The table worker's code run in the page, over a MessageChannel: for environments without
 * Web Workers (unit tests under happy-dom). Never loaded by the app itself.
 */
export const spawnLocalTableWorker: SpawnTableWorker = () => {
  const { port1, port2 } = new MessageChannel();
  serveTableJobs({
    postMessage: (message: FromTableWorker, transfer: Transferable[]) =>
      port2.postMessage(message, transfer),
    addEventListener: (_type, listener) =>
      port2.addEventListener('message', listener as (event: MessageEvent) => void),
  });
  port2.start();
  port1.start();
  const worker: TableWorker = {
    postMessage: (message: ToTableWorker, transfer: Transferable[]) =>
      port1.postMessage(message, transfer),
    addEventListener: (type: 'message' | 'error', listener: (event: never) => void) => {
      if (type === 'message')
        port1.addEventListener('message', listener as (event: MessageEvent) => void);
    },
    terminate: () => {
      port1.close();
      port2.close();
    },
  };
  return worker;
};
