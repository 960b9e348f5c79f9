import { describe, expect, it } from 'vitest';
import { mockChannel } from './worker-channel.ts';
import { ALICE_TOKEN } from '../../mocks/fixtures/index.ts';

// The page mock's REDCap version (#25), over a real MessageChannel as between page and worker.

const channel = () => mockChannel().client;

async function exportVersion(client: ReturnType<typeof channel>): Promise<string> {
  const body = new TextEncoder().encode(
    new URLSearchParams({ token: ALICE_TOKEN, content: 'version', format: 'json' }).toString(),
  );
  const response = await client.handle({
    method: 'POST',
    url: 'http://mock.test/api/',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  return new TextDecoder().decode(response.body as Uint8Array);
}

describe('the page mock’s REDCap version', () => {
  it('reads 14.5.10, answers the version set, and keeps it through Reset demo data', async () => {
    const client = channel();
    expect(await client.redcapVersion()).toBe('14.5.10');
    expect(await client.redcapVersion('13.1.27')).toBe('13.1.27');
    expect(await exportVersion(client)).toBe('13.1.27');
    await client.reset();
    expect(await exportVersion(client)).toBe('13.1.27');
  });

  it('ignores what is not a version', async () => {
    const client = channel();
    expect(await client.redcapVersion('latest')).toBe('14.5.10');
    expect(await client.redcapVersion('<b>15</b>')).toBe('14.5.10');
    expect(await exportVersion(client)).toBe('14.5.10');
  });
});
