/**
 * What a project user may do through the API, in a few words for the mock user chooser
 * ("export only", "no API Export", "DAG site_a only", "rights expired"), read from the same
 * rights REDCap checks (§1.5, §2.23).
 */

/** The rights that decide what a token can do through the API (1: has it, 0: not). */
export interface AccessRights {
  readonly api_export: number;
  readonly api_import: number;
  readonly record_create: number;
  readonly record_rename: number;
  readonly record_delete: number;
  readonly design: number;
  readonly user_rights: number;
  readonly data_access_groups: number;
}

export interface AccessFacts {
  readonly rights: AccessRights;
  /** `YYYY-MM-DD`, or '' for none: from that day on every call answers 403. */
  readonly expiration: string;
  /** The unique name of the user's DAG, or '' for none. */
  readonly data_access_group: string;
  /** The DAGs Switch DAG may move the user into ('' is "no DAG"). */
  readonly dag_switch?: readonly string[];
}

export interface AccessSummary {
  /** A few words: "export only", "no API Export · DAG site_a only", "full rights". */
  readonly short: string;
  /** Everything the user cannot do, one clause each. */
  readonly details: readonly string[];
}

/** `today` as `YYYY-MM-DD` (UTC), as REDCap compares expiration dates. */
export function summarizeAccess(user: AccessFacts, today: string): AccessSummary {
  const r = user.rights;
  if (user.expiration !== '' && user.expiration <= today) {
    const why = `rights expired on ${user.expiration}: every call answers 403`;
    return { short: 'rights expired', details: [why] };
  }
  const short: string[] = [];
  const details: string[] = [];
  if (r.api_export && !r.api_import) short.push('export only');
  else if (!r.api_export && r.api_import) short.push('no API Export');
  else if (!r.api_export && !r.api_import) short.push('no API rights');
  if (!r.api_export) details.push('no API Export: exports answer 403');
  if (!r.api_import) details.push('no API Import: imports and deletes answer 403');
  if (user.data_access_group !== '') {
    short.push(`DAG ${user.data_access_group} only`);
    const others = (user.dag_switch ?? []).filter((d) => d !== user.data_access_group);
    details.push(
      `in DAG ${user.data_access_group}: sees only its records` +
        (others.length > 0
          ? `; Switch DAG may move to ${others.map((d) => d || 'no DAG').join(', ')}`
          : ''),
    );
  }
  const records = (['record_create', 'record_rename', 'record_delete'] as const)
    .filter((right) => !r[right])
    .map((right) => right.slice('record_'.length));
  if (records.length > 0) details.push(`cannot ${records.join(', ')} records`);
  const modules = (
    [
      ['design', 'Project Design'],
      ['user_rights', 'User Rights'],
      ['data_access_groups', 'Data Access Groups'],
    ] as const
  )
    .filter(([right]) => !r[right])
    .map(([, name]) => name);
  if (modules.length > 0) details.push(`no ${modules.join(', ')} rights`);
  if (user.expiration !== '') details.push(`rights expire on ${user.expiration}`);
  return { short: short.length > 0 ? short.join(' · ') : 'full rights', details };
}
