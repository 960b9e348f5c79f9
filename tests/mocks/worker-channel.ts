import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach } from 'vitest';
import { createMockRedcap, type MockRedcap } from '../../mocks/redcap.ts';
import { connectMockRedcap } from '../../mocks/worker-client.ts';
import { serveMockRedcap } from '../../mocks/worker-host.ts';
import type { Endpoint } from '../../mocks/worker-protocol.ts';
import type { Keeper } from '../../mocks/state/keep.ts';

/**
 * The page's mock channel in a test: the worker's side (`serveMockRedcap`) and the page's
 * (`connectMockRedcap`) over a real MessageChannel, with the same structured clone and transfer
 * rules as a Worker. The ports close after each test.
 */
const ports: MessagePort[] = [];
afterEach(() => {
  for (const port of ports.splice(0)) port.close();
});

export function mockChannel(redcap: MockRedcap = createMockRedcap(), keeper: Keeper | null = null) {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  serveMockRedcap(port1 as unknown as Endpoint, redcap, keeper);
  const client = connectMockRedcap(port2 as unknown as Endpoint);
  port1.start();
  port2.start();
  return { client, redcap };
}
