import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PARTS } from './parts';
import { duration, scoreOf } from './run';

const root = join(import.meta.dirname, '..', '..');

describe('the mutation parts (npm run mutation -- --all)', () => {
  it('name files and tests that exist, once each', () => {
    const names = PARTS.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    const missing = PARTS.flatMap((p) => [...p.files, ...(p.tests ?? [])]).filter(
      (f) => !existsSync(join(root, f)),
    );
    expect(missing).toEqual([]);
  });

  it('cover every rule file of the mock (store, wire, routes, odm)', () => {
    const covered = new Set(PARTS.flatMap((p) => p.files));
    const rules = ['store', 'wire', 'routes', 'odm'].flatMap((dir) =>
      readdirSync(join(root, 'mocks', dir))
        .filter((f) => f.endsWith('.ts') && f !== 'types.ts')
        .map((f) => `mocks/${dir}/${f}`),
    );
    expect(rules.filter((f) => !covered.has(f))).toEqual([]);
  });
});

describe('scoreOf', () => {
  it('counts killed and timed-out mutants as detected, over all but ignored and errors', () => {
    const m = (status: string) => ({ status });
    const report = {
      files: {
        'a.ts': { mutants: [m('Killed'), m('Killed'), m('Survived'), m('Ignored')] },
        'b.ts': { mutants: [m('Timeout'), m('NoCoverage'), m('CompileError'), m('RuntimeError')] },
      },
    };
    expect(scoreOf(report)).toEqual({
      mutants: 5,
      detected: 3,
      survived: 1,
      noCoverage: 1,
      score: 60,
    });
    expect(scoreOf({ files: {} }).score).toBe(100);
  });

  it('writes durations as minutes and seconds', () => {
    expect([duration(0), duration(59), duration(60), duration(3725)]).toEqual([
      '0 s',
      '59 s',
      '1 min 0 s',
      '62 min 5 s',
    ]);
  });
});
