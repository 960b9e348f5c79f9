import { describe, expect, it } from 'vitest';
import { checkData } from '../../src/lib/methods/check-data.ts';
import { PlaygroundState } from '../../src/ui/state/playground.svelte.ts';

// Issue #22: the page's entry does not carry the CSV, XML and JSON readers; the workspace gives
// the form its `data` reader when it sets up (workspace-setup.ts), before the form shows.
describe('PlaygroundState: reading data in its format', () => {
  it('checks the schema at once, and reads data only once the workspace has given the reader', () => {
    const playground = new PlaygroundState('imp_records');
    playground.setValue('format', 'json');
    playground.setValue('data', '[{"record_id": "1",}]');
    // Without the reader the text is not read; what the schema needs is checked all the same.
    expect(playground.validation.ok).toBe(true);
    playground.setValue('data', '');
    expect(playground.validation).toMatchObject({
      ok: false,
      errors: { data: expect.any(String) },
    });

    playground.setValue('data', '[{"record_id": "1",}]');
    playground.useDataCheck(checkData);
    expect(playground.validation).toMatchObject({
      ok: false,
      errors: { data: expect.stringContaining('JSON') },
    });
    playground.setValue('data', '[{"record_id": "1"}]');
    expect(playground.validation.ok).toBe(true);
  });
});
