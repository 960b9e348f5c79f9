import { describe, expect, it } from 'vitest';
import { createRedcapClient } from '../../../src/lib/execute/client.ts';
import { readLiveProject, setupAdvice } from '../../../src/lib/execute/connect.ts';
import { FORWARDER_ERROR_HEADER } from '../../../src/lib/execute/forward.ts';
import type { Transport } from '../../../src/lib/execute/transport.ts';
import type { RedcapResponse } from '../../../src/lib/redcap/response.ts';

/** Connect's reading on its own: the one client over a transport that answers by method. */

const API = 'https://redcap.example.edu/api/';
const TOKEN = 'A'.repeat(32);

type Answer = { status: number; body: string; type?: string; headers?: Record<string, string> };

function clientWith(answers: Readonly<Record<string, Answer | Error>>) {
  const sent: string[] = [];
  const transport: Transport = {
    send: (request) => {
      sent.push(request.methodId);
      const answer = answers[request.methodId];
      if (!answer) throw new Error(`unexpected call ${request.methodId}`);
      if (answer instanceof Error) return Promise.reject(answer);
      const response: RedcapResponse = {
        status: answer.status,
        statusText: '',
        headers: { 'content-type': answer.type ?? 'application/json', ...answer.headers },
        bytes: new TextEncoder().encode(answer.body),
        timeMs: 1,
      };
      return Promise.resolve(response);
    },
  };
  const client = createRedcapClient({
    transport,
    connect: () => Promise.resolve({ apiUrl: API, token: TOKEN }),
  });
  return { client, sent };
}

const VERSION: Answer = { status: 200, body: '14.5.10\n', type: 'text/plain' };
const INFO = (info: Record<string, unknown>): Answer => ({
  status: 200,
  body: JSON.stringify(info),
});

describe('readLiveProject', () => {
  it('reads the version, then the project information as the project model reads it', async () => {
    const { client, sent } = clientWith({
      exp_rc_v: VERSION,
      exp_proj: INFO({
        project_id: 321,
        project_title: 'Heart study',
        is_longitudinal: 1,
        in_production: 1,
      }),
    });
    expect(await readLiveProject(client, 'project')).toEqual({
      ok: true,
      project: {
        version: '14.5.10',
        title: 'Heart study',
        id: '321',
        longitudinal: true,
        production: true,
        unreadable: null,
      },
    });
    expect(sent).toEqual(['exp_rc_v', 'exp_proj']);
  });

  it('a classic project in development is neither longitudinal nor in production', async () => {
    const { client } = clientWith({
      exp_rc_v: VERSION,
      exp_proj: INFO({
        project_id: '7',
        project_title: 'Classic',
        is_longitudinal: 0,
        in_production: 0,
      }),
    });
    const reading = await readLiveProject(client, 'project');
    expect(reading).toMatchObject({
      ok: true,
      project: { title: 'Classic', id: '7', longitudinal: false, production: false },
    });
  });

  it('project information without in_production is not a production project', async () => {
    const { client } = clientWith({ exp_rc_v: VERSION, exp_proj: INFO({ project_id: '8' }) });
    expect(await readLiveProject(client, 'project')).toMatchObject({
      ok: true,
      project: { id: '8', title: '', production: false },
    });
  });

  it('with a super token reads the version only: the token has no project', async () => {
    const { client, sent } = clientWith({ exp_rc_v: VERSION });
    expect(await readLiveProject(client, 'super')).toEqual({
      ok: true,
      project: {
        version: '14.5.10',
        title: null,
        id: null,
        longitudinal: false,
        production: false,
        unreadable: null,
      },
    });
    expect(sent).toEqual(['exp_rc_v']);
  });

  it('a refused project information (403) still connects, saying what could not be read', async () => {
    const { client } = clientWith({
      exp_rc_v: VERSION,
      exp_proj: { status: 403, body: '{"error":"You do not have API Export privileges"}' },
    });
    const reading = await readLiveProject(client, 'project');
    if (!reading.ok) throw new Error(reading.problem);
    expect(reading.project.title).toBeNull();
    expect(reading.project.unreadable).toMatch(
      /^Export Project Information was refused \(HTTP 403: You do not have API Export privileges\)\./,
    );
    expect(reading.project.unreadable).not.toContain(TOKEN);
  });

  it('a refused version fails Connect in REDCap’s words, with the next step', async () => {
    const { client, sent } = clientWith({
      exp_rc_v: { status: 403, body: '{"error":"You do not have permissions to use the API"}' },
    });
    const reading = await readLiveProject(client, 'project');
    expect(reading).toMatchObject({
      ok: false,
      problem: 'Export REDCap Version: You do not have permissions to use the API',
    });
    if (reading.ok) return;
    expect(reading.hint).toEqual(expect.any(String));
    expect(sent).toEqual(['exp_rc_v']);
  });

  it('a server error on the project information fails Connect (only 4xx is soft)', async () => {
    const { client } = clientWith({
      exp_rc_v: VERSION,
      exp_proj: { status: 500, body: '<html>oops</html>', type: 'text/html' },
    });
    expect(await readLiveProject(client, 'project')).toEqual({
      ok: false,
      problem: 'Export Project Information did not return data (HTTP 500).',
      hint: expect.stringContaining('sent a web page instead of data'),
    });
  });

  it('the forwarder’s own 4xx is a failure, not a refusal by REDCap', async () => {
    const { client } = clientWith({
      exp_rc_v: VERSION,
      exp_proj: {
        status: 404,
        body: '{"error":"no target"}',
        headers: { [FORWARDER_ERROR_HEADER]: 'no-target' },
      },
    });
    const reading = await readLiveProject(client, 'project');
    expect(reading.ok).toBe(false);
    if (reading.ok) return;
    expect(reading.problem).toBe('Export Project Information: no target');
    expect(reading.hint).toEqual(expect.any(String));
  });

  it('an answer that is not project information is said so', async () => {
    const { client } = clientWith({
      exp_rc_v: VERSION,
      exp_proj: { status: 200, body: 'not json', type: 'text/plain' },
    });
    expect(await readLiveProject(client, 'project')).toEqual({
      ok: false,
      problem: 'The answer was not REDCap’s project information.',
      hint: null,
    });
  });

  it('no answer at all (a timeout) fails Connect in words', async () => {
    const timeout = new DOMException('The operation timed out.', 'TimeoutError');
    const { client } = clientWith({ exp_rc_v: timeout });
    expect(await readLiveProject(client, 'project')).toEqual({
      ok: false,
      problem: 'No answer in time: the call was stopped. Try again.',
      hint: null,
    });
  });
});

describe('setupAdvice', () => {
  it('says how to start the forwarder, or how to add a target to it', () => {
    expect(setupAdvice(API, [])).toContain(`REDCAP_URL=${API} npm start`);
    expect(setupAdvice(API, ['https://a.example/api/'])).toBe(
      `This playground’s server only forwards to https://a.example/api/. To call ${API}, restart it with REDCAP_URL=https://a.example/api/,${API} npm start.`,
    );
  });
});
