import { describe, expect, it } from 'vitest';
import { seedData } from '../../mocks/fixtures/index.ts';
import { classicDemoProject as legacyClassic } from '../../mocks/fixtures/legacy-classic-demo.ts';
import { longitudinalDemoProject as legacyLongitudinal } from '../../mocks/fixtures/legacy-longitudinal-demo.ts';
import { productionDemoProject as legacyProduction } from '../../mocks/fixtures/legacy-production-demo.ts';

/**
 * TEMPORARY (issue #20, seeds through the store's operations): the seed built by Import Records,
 * writeRow and the file upload equals the hand-built one, key order included (JSON.stringify
 * is order-sensitive), slot order, checked arrays and doc ids. Deleted with the old builders.
 */
describe('seedData through the store equals the hand-built seed', () => {
  const legacy = [legacyClassic(), legacyLongitudinal(), legacyProduction()];
  const now = seedData().projects;
  it.each([0, 1, 2])('project %i', (i) => {
    expect(now[i]).toStrictEqual(legacy[i]);
    expect(JSON.stringify(now[i])).toBe(JSON.stringify(legacy[i]));
  });
});
