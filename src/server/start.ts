// `npm start`: build if the build is missing or stale, then serve it on 127.0.0.1.
import { join } from 'node:path';
import { buildIfStale } from './build-if-stale.ts';
import { createForwarder, parseRedcapUrls, type ForwarderOptions } from './forwarder.ts';
import { allowedHostNames } from './hosts.ts';
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

/** A positive number from the environment (undefined when unset), e.g. FORWARD_TIMEOUT_S. */
export function parsePositive(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new Error(`${name} must be a positive number, got "${value}"`);
  return n;
}

/** The forwarder's limits from FORWARD_* settings (README, "Live mode"); defaults when unset. */
export function forwarderLimits(env: NodeJS.ProcessEnv): Omit<ForwarderOptions, 'targets'> {
  const mib = 1024 * 1024;
  const seconds = parsePositive('FORWARD_TIMEOUT_S', env['FORWARD_TIMEOUT_S']);
  const body = parsePositive('FORWARD_MAX_BODY_MB', env['FORWARD_MAX_BODY_MB']);
  const answer = parsePositive('FORWARD_MAX_ANSWER_MB', env['FORWARD_MAX_ANSWER_MB']);
  const concurrent = parsePositive('FORWARD_MAX_CONCURRENT', env['FORWARD_MAX_CONCURRENT']);
  return {
    ...(seconds !== undefined && { timeoutMs: seconds * 1000 }),
    ...(body !== undefined && { maxBodyBytes: Math.floor(body * mib) }),
    ...(answer !== undefined && { maxAnswerBytes: Math.floor(answer * mib) }),
    ...(concurrent !== undefined && { maxConcurrent: Math.max(1, Math.floor(concurrent)) }),
  };
}

async function main(): Promise<void> {
  const projectRoot = join(import.meta.dirname, '..', '..');
  const port = parsePort(process.env['PORT']);
  const live = parseRedcapUrls(process.env['REDCAP_URL']);
  if (live.errors.length > 0) throw new Error(`REDCAP_URL: ${live.errors.join('; ')}`);
  const host = process.env['HOST']?.trim() || '127.0.0.1';
  const limits = forwarderLimits(process.env);
  await buildIfStale({ projectRoot });
  let running;
  try {
    running = await createStaticServer({
      root: join(projectRoot, 'dist'),
      port,
      host,
      allowedHosts: allowedHostNames(host, process.env['ALLOWED_HOSTS']),
      handlers: [createForwarder({ targets: live.urls, ...limits })],
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
