import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { initialValues } from '../../../src/lib/form/describe-schema.ts';
import { METHODS, getMethod } from '../../../src/lib/methods/index.ts';
import { validateParams } from '../../../src/lib/methods/validate.ts';
import { MOCK_SERVER_API_URL } from '../../../src/lib/redcap/connection.ts';
import { buildRedcapRequest } from '../../../src/lib/redcap/request.ts';
import { generateSnippet, TARGETS } from '../../../src/lib/snippets/index.ts';
import { FIXTURE_TOKEN, fixtureOptions, fixtureRequest, SNIPPET_FIXTURES } from './fixtures.ts';

const GOLDEN_DIR = new URL('../../fixtures/snippets/', import.meta.url);
const goldenName = (fixture: string, target: (typeof TARGETS)[number]) =>
  `${fixture}.${target.id}.${target.extension}`;

/** Golden files: every fixture × every target, reviewed like code (`npx vitest run -u` writes). */
describe.each(TARGETS.map((t) => [t.id, t] as const))('snippet target %s', (_id, target) => {
  it.each(SNIPPET_FIXTURES.map((f) => [f.name, f] as const))('%s', async (_name, fixture) => {
    const code = generateSnippet(target, fixtureRequest(fixture), fixtureOptions(fixture));
    if (!fixture.showToken) expect(code).not.toContain(FIXTURE_TOKEN);
    await expect(code).toMatchFileSnapshot(
      new URL(goldenName(fixture.name, target), GOLDEN_DIR).pathname,
    );
  });
});

describe('snippet fixtures', () => {
  it('are valid requests, as the form would send them', () => {
    for (const fixture of SNIPPET_FIXTURES) {
      const method = getMethod(fixture.method);
      const result = validateParams(method, { ...initialValues(method), ...fixture.params });
      expect([fixture.name, result.ok && 'valid']).toEqual([fixture.name, 'valid']);
    }
  });

  it('leave no golden file behind that the matrix no longer writes', () => {
    const expected = new Set(
      SNIPPET_FIXTURES.flatMap((f) => TARGETS.map((t) => goldenName(f.name, t))),
    );
    const stale = readdirSync(GOLDEN_DIR).filter((file) => !expected.has(file));
    expect(stale).toEqual([]);
  });
});

describe('every example of every method', () => {
  it('makes a snippet in every target that never contains the token', () => {
    for (const method of METHODS) {
      for (const example of method.examples) {
        const request = buildRedcapRequest(method, example, {
          apiUrl: MOCK_SERVER_API_URL,
          token: FIXTURE_TOKEN,
        });
        for (const target of TARGETS) {
          const code = generateSnippet(target, request, { mock: true, title: method.label });
          expect([method.id, target.id, code.includes(FIXTURE_TOKEN)]).toEqual([
            method.id,
            target.id,
            false,
          ]);
          expect(code.endsWith('\n')).toBe(true);
        }
      }
    }
  });
});
