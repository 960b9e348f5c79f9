import { describe, expect, it } from 'vitest';
import { createMockRedcap } from '../../mocks/redcap.ts';
import { createFromOdm, exportJson, post } from './odm-support.ts';

/**
 * Round trip (issue #17, part 2): for every seeded project, Export Project XML → Create Project
 * gives a project whose metadata, instruments, arms, events, mappings, repeating setup, DAGs and
 * records export exactly as the original's.
 */

const redcap = createMockRedcap();
const seeded = redcap.store.data.projects.map((p) => {
  // A user who sees every record and every form: the project's first user without a DAG.
  const user = p.users.find((u) => u.token !== '' && u.data_access_group === '')!;
  return { slug: p.slug, token: user.token, longitudinal: p.info.is_longitudinal === 1 };
});

async function exports(token: string, longitudinal: boolean) {
  const get = (content: string, extra: Record<string, string> = {}) =>
    exportJson(redcap, token, content, extra);
  return {
    metadata: await get('metadata'),
    instruments: await get('instrument'),
    repeating: await get('repeatingFormsEvents'),
    dags: (
      (await get('dag')) as { data_access_group_name: string; unique_group_name: string }[]
    ).map((d) => ({ name: d.data_access_group_name, unique: d.unique_group_name })),
    records: await get('record', { exportDataAccessGroups: 'true' }),
    eav: await get('record', { type: 'eav' }),
    ...(longitudinal && {
      arms: await get('arm'),
      events: ((await get('event')) as Record<string, unknown>[]).map(({ event_id: _, ...e }) => e),
      mappings: await get('formEventMapping'),
    }),
  };
}

describe('Export Project XML → Create Project round trip', () => {
  it.each(seeded)('rebuilds $slug identically', async ({ token, longitudinal }) => {
    const xml = await post(redcap, {
      token,
      content: 'project_xml',
      exportDataAccessGroups: 'true',
      exportFiles: 'true',
    });
    expect(xml.status).toBe(200);
    const created = await createFromOdm(redcap, xml.text);
    expect(created.status, created.text).toBe(200);
    const copy = created.text;
    const original = await exports(token, longitudinal);
    const rebuilt = await exports(copy, longitudinal);
    expect(rebuilt).toEqual(original);
    expect((original.records as unknown[]).length).toBeGreaterThan(0);
    // And the copy writes the same project XML again (apart from the title and time stamps).
    const again = await post(redcap, {
      token: copy,
      content: 'project_xml',
      exportDataAccessGroups: 'true',
      exportFiles: 'true',
    });
    const body = (text: string) => text.slice(text.indexOf('<ClinicalData'));
    expect(body(again.text).replace(/StudyOID="[^"]*" MetaDataVersionOID="[^"]*"/, '')).toBe(
      body(xml.text).replace(/StudyOID="[^"]*" MetaDataVersionOID="[^"]*"/, ''),
    );
  });
});
