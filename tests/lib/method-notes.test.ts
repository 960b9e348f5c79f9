import { describe, expect, it } from 'vitest';
import { METHODS, type MethodId } from '../../src/lib/methods/index.ts';
import { METHOD_NOTES } from '../../src/lib/methods/notes.ts';

describe('What REDCap does', () => {
  it('has a short note for every method of the catalog, and for nothing else', () => {
    expect(Object.keys(METHOD_NOTES).sort()).toEqual(METHODS.map((m) => m.id).sort());
    for (const [id, note] of Object.entries(METHOD_NOTES)) {
      expect(note.text.length, id).toBeGreaterThan(20);
      expect(note.text.length + (note.versions?.length ?? 0), id).toBeLessThanOrEqual(320);
    }
  });

  it('names its section of redcap-api.md’s method catalogue (§2.3 to §2.24)', () => {
    for (const [id, note] of Object.entries(METHOD_NOTES)) {
      const section = /^§2\.(\d+)$/.exec(note.section);
      expect(section, `${id} ${note.section}`).not.toBeNull();
      expect(Number(section![1]), id).toBeGreaterThanOrEqual(3);
      expect(Number(section![1]), id).toBeLessThanOrEqual(24);
    }
  });

  it.each<[MethodId, RegExp]>([
    ['exp_surv_access_code', /14/],
    ['randomize', /v14/],
    ['exp_file_repo', /v13/],
    ['imp_records', /backgroundProcess is v14/],
    ['exp_repeating_forms_events', /older versions answered 400/],
  ])('%s says which REDCap versions it needs', (id, versions) => {
    expect(METHOD_NOTES[id].versions).toMatch(versions);
  });

  it('says the rights a method needs where REDCap checks one', () => {
    expect(METHOD_NOTES.del_records.text).toMatch(/Delete Record/);
    expect(METHOD_NOTES.imp_users.text).toMatch(/User Rights/);
    expect(METHOD_NOTES.imp_proj.text).toMatch(/super token/);
  });
});
