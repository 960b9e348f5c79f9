// `npm start`: build if the build is missing or stale, then serve it on 127.0.0.1.
import { join } from 'node:path';
import { buildIfStale } from './build-if-stale.ts';
import { createForwarder, parseRedcapUrls } from './forwarder.ts';
import { createStaticServer } from './server.ts';

export const DEFAULT_PORT = 4173;

/** PORT from the environment: an integer 0–65535 (0 picks a free port). */
export function parsePort(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer from 0 to 65535, got "${value}"`);
  }
  return port;
}

async function main(): Promise<void> {
  const projectRoot = join(import.meta.dirname, '..', '..');
  const port = parsePort(process.env['PORT']);
  const live = parseRedcapUrls(process.env['REDCAP_URL']);
  if (live.errors.length > 0) throw new Error(`REDCAP_URL: ${live.errors.join('; ')}`);
  await buildIfStale({ projectRoot });
  let running;
  try {
    running = await createStaticServer({
      root: join(projectRoot, 'dist'),
      port,
      handlers: [createForwarder({ targets: live.urls })],
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      const message = `port ${port} is in use: set PORT to another (PORT=0 picks a free one)`;
      throw new Error(message, { cause: error });
    }
    throw error;
  }
  console.log(`playground: ${running.url}`);
  console.log(
    live.urls.length > 0
      ? `live mode can call: ${live.urls.join(', ')}`
      : 'live mode: off (start with REDCAP_URL=https://your.redcap.server/api/ to call a real REDCap)',
  );
  const stop = (): void => {
    void running.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (import.meta.main) {
  main().catch((error: unknown) => {
    console.error(`playground: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
