import { describe, expect, it } from 'vitest';
import { seedData } from '../../mocks/fixtures/index.ts';
import { summarizeAccess, type AccessRights } from '../../src/lib/project/user-access.ts';
import { withAccess } from '../../src/ui/state/start-mock.ts';

const TODAY = '2026-12-06';
const FULL: AccessRights = {
  api_export: 1,
  api_import: 1,
  record_create: 1,
  record_rename: 1,
  record_delete: 1,
  design: 1,
  user_rights: 1,
  data_access_groups: 1,
};
const facts = (
  rights: Partial<AccessRights>,
  more: { expiration?: string; dag?: string } = {},
) => ({
  rights: { ...FULL, ...rights },
  expiration: more.expiration ?? '',
  data_access_group: more.dag ?? '',
});

describe('summarizeAccess', () => {
  it('reads the classic demo’s users from the seed’s own rights', () => {
    const classic = seedData().projects[0]!;
    const short = new Map(
      classic.users.map((u) => [u.username, summarizeAccess(u, TODAY).short] as const),
    );
    expect(Object.fromEntries(short)).toEqual({
      alice: 'full rights',
      bob: 'export only',
      carol: 'no API Export',
      dave: 'DAG site_a only',
      erin: 'rights expired',
    });
  });

  it.each<[string, ReturnType<typeof facts>, string, string[]]>([
    ['full rights', facts({}), 'full rights', []],
    [
      'export only',
      facts({ api_import: 0, record_delete: 0 }),
      'export only',
      ['no API Import: imports and deletes answer 403', 'cannot delete records'],
    ],
    [
      'no export',
      facts({ api_export: 0, design: 0, user_rights: 0 }),
      'no API Export',
      ['no API Export: exports answer 403', 'no Project Design, User Rights rights'],
    ],
    [
      'no API at all',
      facts({ api_export: 0, api_import: 0 }),
      'no API rights',
      ['no API Export: exports answer 403', 'no API Import: imports and deletes answer 403'],
    ],
    [
      'in a DAG',
      facts({}, { dag: 'site_a' }),
      'DAG site_a only',
      ['in DAG site_a: sees only its records'],
    ],
    [
      'expired yesterday',
      facts({}, { expiration: '2026-12-05' }),
      'rights expired',
      ['rights expired on 2026-12-05: every call answers 403'],
    ],
    [
      'expires today',
      facts({}, { expiration: TODAY }),
      'rights expired',
      [`rights expired on ${TODAY}: every call answers 403`],
    ],
    [
      'expires later',
      facts({}, { expiration: '2027-01-01' }),
      'full rights',
      ['rights expire on 2027-01-01'],
    ],
  ])('%s', (_, user, short, details) => {
    expect(summarizeAccess(user, TODAY)).toEqual({ short, details });
  });

  it('names the DAGs Switch DAG may move the user into', () => {
    const dave = { ...facts({}, { dag: 'site_a' }), dag_switch: ['site_a', 'site_b', ''] };
    expect(summarizeAccess(dave, TODAY).details).toEqual([
      'in DAG site_a: sees only its records; Switch DAG may move to site_b, no DAG',
    ]);
  });
});

describe('withAccess', () => {
  it('adds each user’s summary by token, and leaves unknown tokens bare', () => {
    const summary = { short: 'export only', details: [] };
    const projects = withAccess(
      [
        {
          slug: 'p',
          title: 'P',
          users: [
            { username: 'bob', token: 'B' },
            { username: 'x', token: 'X' },
          ],
        },
      ],
      new Map([['B', summary]]),
    );
    expect(projects[0]!.users).toEqual([
      { username: 'bob', token: 'B', access: summary },
      { username: 'x', token: 'X' },
    ]);
  });
});
