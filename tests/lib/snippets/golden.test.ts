import { describe, expect, it } from 'vitest';
import { METHODS } from '../../../src/lib/methods/index.ts';
import { MOCK_SERVER_API_URL } from '../../../src/lib/redcap/connection.ts';
import { buildRedcapRequest } from '../../../src/lib/redcap/request.ts';
import { generateSnippet, TARGETS } from '../../../src/lib/snippets/index.ts';

const TOKEN = 'C0FFEE00C0FFEE00C0FFEE00C0FFEE00';

/** Golden files: every method example × every target, reviewed like code. */
describe.each(TARGETS.map((t) => [t.id, t] as const))('snippet target %s', (_id, target) => {
  for (const method of METHODS) {
    method.examples.forEach((example, i) => {
      it(`${method.id} example ${i + 1}`, async () => {
        const request = buildRedcapRequest(method, example, {
          apiUrl: MOCK_SERVER_API_URL,
          token: TOKEN,
        });
        const code = generateSnippet(target, request, { mock: true, title: method.label });
        expect(code).not.toContain(TOKEN);
        await expect(code).toMatchFileSnapshot(
          `../../fixtures/snippets/${method.id}-${i + 1}.${target.id}.golden.${target.extension}`,
        );
      });
    });
  }
});
