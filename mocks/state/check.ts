import { formStatusName } from '../store/dictionary.ts';
import type { MockRedcapData, ProjectData } from '../store/types.ts';

/**
 * What the schema cannot see: a saved state whose parts name each other must agree, or the
 * mock would answer nonsense (or fail) later, far from the file. Returns the first problem, in
 * words that name the project and the thing, or null.
 */
export function checkState(data: MockRedcapData, unbuilt: readonly string[]): string | null {
  const slugs = new Set<string>();
  const tokens = new Map<string, string>();
  for (const project of data.projects) {
    if (!/^[A-Za-z0-9._-]+$/.test(project.slug)) {
      return `the project id “${project.slug}” is not a plain name (letters, digits, . _ -).`;
    }
    if (slugs.has(project.slug)) return `two projects are both “${project.slug}”.`;
    if (unbuilt.includes(project.slug)) {
      return `the project “${project.slug}” is both saved and listed as not built.`;
    }
    slugs.add(project.slug);
    for (const user of project.users) {
      if (user.token === '') continue;
      if (!/^[0-9A-Fa-f]{32}$/.test(user.token)) {
        return `in project “${project.slug}”, the token of ${user.username} is not 32 hexadecimal characters.`;
      }
      const owner = tokens.get(user.token.toUpperCase());
      if (owner) {
        return `the token of ${user.username} in “${project.slug}” is also ${owner}’s: a token belongs to one user of one project.`;
      }
      tokens.set(user.token.toUpperCase(), `${user.username} in “${project.slug}”`);
    }
    const problem = checkProject(project);
    if (problem) return `in project “${project.slug}”, ${problem}`;
  }
  for (const s of data.superTokens) {
    if (!/^[0-9A-Fa-f]{64}$/.test(s.token)) {
      return `the super token of ${s.username} is not 64 hexadecimal characters.`;
    }
  }
  return null;
}

function checkProject(project: ProjectData): string | null {
  const forms = new Set(project.instruments.map((i) => i.instrument_name));
  const values = new Set<string>();
  const checkboxes = new Set<string>();
  for (const field of project.metadata) {
    if (values.has(field.field_name) || checkboxes.has(field.field_name)) {
      return `the field “${field.field_name}” is in the data dictionary twice.`;
    }
    if (!forms.has(field.form_name)) {
      return `the field “${field.field_name}” is on the instrument “${field.form_name}”, which the project does not have.`;
    }
    if (field.field_type === 'checkbox') checkboxes.add(field.field_name);
    else if (field.field_type !== 'descriptive') values.add(field.field_name);
  }
  for (const form of forms) values.add(formStatusName(form));
  const events = new Set((project.events ?? []).map((e) => e.unique_event_name));
  const dags = new Set((project.dags ?? []).map((d) => d.unique_group_name));
  const roles = new Set((project.roles ?? []).map((r) => r.unique_role_name));
  const longitudinal = project.info.is_longitudinal === 1;

  const ids = new Set<string>();
  for (const record of project.records) {
    const where = `record “${record.id}”`;
    if (ids.has(record.id)) return `the ${where} is saved twice.`;
    ids.add(record.id);
    if (record.dag !== '' && !dags.has(record.dag)) {
      return `the ${where} is in the data access group “${record.dag}”, which the project does not have.`;
    }
    for (const slot of record.slots) {
      if (longitudinal ? slot.event === null || !events.has(slot.event) : slot.event !== null) {
        return `the ${where} has data on the event “${slot.event ?? ''}”, which the project does not have.`;
      }
      if (slot.repeatInstrument !== null && !forms.has(slot.repeatInstrument)) {
        return `the ${where} repeats the instrument “${slot.repeatInstrument}”, which the project does not have.`;
      }
      if (slot.instance !== null && slot.instance < 1) {
        return `the ${where} has the repeat instance ${slot.instance} (instances start at 1).`;
      }
      const unknown =
        Object.keys(slot.values).find((name) => !values.has(name)) ??
        Object.keys(slot.checked).find((name) => !checkboxes.has(name));
      if (unknown !== undefined) {
        return `the ${where} has a value for the field “${unknown}”, which is not in the project’s data dictionary.`;
      }
    }
  }
  const docs = new Set<number>();
  for (const doc of project.edocs) {
    if (docs.has(doc.doc_id)) return `two files have the id ${doc.doc_id}.`;
    if (doc.doc_id >= project.nextDocId) {
      return `the file ${doc.doc_id} is not below the next file id, ${project.nextDocId}.`;
    }
    docs.add(doc.doc_id);
  }
  for (const user of project.users) {
    if (user.data_access_group !== '' && !dags.has(user.data_access_group)) {
      return `the user ${user.username} is in the data access group “${user.data_access_group}”, which the project does not have.`;
    }
    if (user.role !== undefined && user.role !== '' && !roles.has(user.role)) {
      return `the user ${user.username} has the role “${user.role}”, which the project does not have.`;
    }
  }
  return null;
}
