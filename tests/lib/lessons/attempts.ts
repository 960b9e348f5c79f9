import { vi } from 'vitest';
import { FIXTURE_TOKENS } from '../../../mocks/fixtures/index.ts';
import { LARGE_PROJECTS } from '../../../mocks/fixtures/large.ts';
import { setupMockServer } from '../../../mocks/node.ts';
import { createRedcapClient } from '../../../src/lib/execute/client.ts';
import { createFetchTransport } from '../../../src/lib/execute/transport.ts';
import { answerOf, gatherReads } from '../../../src/lib/lessons/reads.ts';
import { safeCheck } from '../../../src/lib/lessons/schema.ts';
import type { CallEvent, Lesson, LessonEvent } from '../../../src/lib/lessons/types.ts';
import type { ParamValues } from '../../../src/lib/methods/define-method.ts';
import type { MethodId } from '../../../src/lib/methods/index.ts';

/**
 * Lesson checks against the real mock over msw/node: each attempt is sent as a learner would
 * send it (as a demo project's user, through the one client), and the check reads the answers
 * and the store as the page does.
 */
export const mock = setupMockServer({ lazyProjects: LARGE_PROJECTS.slice(0, 1) });

const API = 'http://mock.test/api/';
const transport = createFetchTransport({ target: () => API });

function tokenOf(who: string): string {
  const [project, user] = who.split('/');
  const large = LARGE_PROJECTS.find((p) => p.slug === project && p.username === user);
  const token =
    large?.token ?? FIXTURE_TOKENS.find((t) => t.project === project && t.username === user)?.token;
  if (!token) throw new Error(`no demo user ${who}`);
  return token;
}

function clientAs(who: string) {
  const token = tokenOf(who);
  return createRedcapClient({
    transport,
    connect: vi.fn(() => Promise.resolve({ apiUrl: API, token })),
  });
}

/** One call as `who` (`<project slug>/<user>`), as the lesson panel records it. */
export async function attempt(
  who: string,
  methodId: MethodId,
  values: ParamValues,
): Promise<CallEvent> {
  const result = await clientAs(who).send(methodId, values);
  const [project = '', user = ''] = who.split('/');
  return {
    kind: 'call',
    methodId,
    values,
    where: { mode: 'mock', project, user },
    answer: answerOf(result),
  };
}

export const CLASSIC = 'classic-demo/alice';

/** The lesson's verdict on these events, with its reads made now as `who`. */
export async function verdict(lesson: Lesson, events: readonly LessonEvent[], who = CLASSIC) {
  const client = clientAs(who);
  const reads = await gatherReads(lesson, events, (id, values) => client.send(id, values));
  const checked = safeCheck(lesson, { events, reads });
  if (checked.broken !== null) throw new Error(`broken check: ${checked.broken}`);
  return checked.result;
}
