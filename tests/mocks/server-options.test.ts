import { describe, expect, it } from 'vitest';
import { helpText, parseServerOptions, SERVER_OPTIONS } from '../../mocks/server-options.ts';

/** The command line of mock:server / redcap-mock (issue #24 item 4). */

describe('parseServerOptions', () => {
  it('reads --project, --records and --seed, with a space or an equals sign', () => {
    expect(parseServerOptions(['--project', 'dd.csv', '--records=20', '--seed', 'ci'])).toEqual({
      ok: true,
      options: { project: 'dd.csv', records: 20, seed: 'ci' },
    });
    expect(parseServerOptions([])).toEqual({ ok: true, options: {} });
    expect(parseServerOptions(['--help'])).toEqual({ ok: true, options: { help: true } });
  });

  it.each([
    [['--projet', 'x.csv'], 'unknown option "--projet" (see --help)'],
    [['x.csv'], 'unknown option "x.csv" (see --help)'],
    [['--project'], '--project needs a file'],
    [['--project', '--records', '3'], '--project needs a file'],
    [
      ['--project', 'a.csv', '--records', 'many'],
      '--records: "many" is not a whole number from 0 to 100000',
    ],
    [
      ['--project', 'a.csv', '--records', '100001'],
      '--records: "100001" is not a whole number from 0 to 100000',
    ],
    [['--project', 'a.csv', '--project', 'b.csv'], '--project is given twice'],
    [['--help=yes'], '--help takes no value'],
    [['--records', '5'], '--records needs --project (the file to fill)'],
    [['--seed', '5'], '--seed needs --project (the file to fill)'],
    [['--constructor', 'x'], 'unknown option "--constructor" (see --help)'],
    [['--project', ' '], '--project: it needs a value'],
  ])('%j → %s', (argv, error) => {
    expect(parseServerOptions(argv)).toEqual({ ok: false, error });
  });
});

describe('helpText', () => {
  const help = helpText();

  it('lists every option with its value and help line, and the environment variables', () => {
    for (const option of SERVER_OPTIONS) {
      const left = `--${option.name}${option.value ? ` ${option.value}` : ''}`;
      expect(help).toMatch(new RegExp(`^  ${left} +${option.help.replace(/[()]/g, '\\$&')}$`, 'm'));
      expect(help.split('\n')[0]).toContain(`[${left}]`);
    }
    for (const name of ['PORT', 'MOCK_REQUEST_LOG', 'MOCK_PUBLIC_URL']) {
      expect(help).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
    }
  });
});
