import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mockRoutes, routeFamilies, routeFor } from '../../mocks/routes/index.ts';
import { METHODS } from '../../src/lib/methods/index.ts';

/**
 * The route table is laid out like the catalog (issue #20): every method is answered from the
 * route file named as its catalog family (`src/lib/methods/<family>.ts` ↔
 * `mocks/routes/<family>.ts`), each family file exports exactly its methods' routes under
 * their method ids, the table is their union, and no route file imports another.
 */

const root = join(import.meta.dirname, '..', '..');
const methodsDir = join(root, 'src', 'lib', 'methods');
const routesDir = join(root, 'mocks', 'routes');
const catalog = new Set<unknown>(METHODS);

/** Catalog family name → the ids of the methods its file defines. */
async function catalogFamilies(): Promise<Map<string, string[]>> {
  const families = new Map<string, string[]>();
  for (const file of readdirSync(methodsDir)
    .filter((f) => f.endsWith('.ts'))
    .sort()) {
    const module = (await import(join(methodsDir, file))) as Record<string, unknown>;
    if (file === 'index.ts') continue;
    const ids = Object.values(module)
      .filter((value) => catalog.has(value))
      .map((value) => (value as { id: string }).id);
    if (ids.length > 0) families.set(file.replace(/\.ts$/, ''), ids.sort());
  }
  return families;
}

describe('mock route table laid out like the catalog', () => {
  it('has one route family per catalog family, with the same names', async () => {
    const families = await catalogFamilies();
    expect(families.size).toBe(18);
    expect(Object.keys(routeFamilies).sort()).toEqual([...families.keys()].sort());
  });

  it("exports from each family file exactly the routes of that family's methods, by method id", async () => {
    const families = await catalogFamilies();
    for (const [family, ids] of families) {
      const module = routeFamilies[family as keyof typeof routeFamilies] as Record<string, unknown>;
      expect(Object.keys(module).sort(), family).toEqual(ids);
      for (const id of ids) {
        const route = module[id] as { handle?: unknown; right?: unknown };
        expect(typeof route.handle, `${family}.${id}`).toBe('function');
        expect(['none', 'export', 'import', 'delete'], `${family}.${id}`).toContain(route.right);
      }
    }
  });

  it('answers every catalog method from the file of its own family, and nothing else', async () => {
    const families = await catalogFamilies();
    const owner = new Map<string, string>();
    for (const [family, ids] of families) for (const id of ids) owner.set(id, family);
    expect(Object.keys(mockRoutes).sort()).toEqual(METHODS.map((m) => m.id).sort());
    for (const method of METHODS) {
      const family = owner.get(method.id)!;
      const module = routeFamilies[family as keyof typeof routeFamilies] as Record<string, unknown>;
      expect(routeFor(method.id), method.id).toBe(module[method.id]);
    }
    expect(routeFor('constructor')).toBeUndefined();
    expect(routeFor('__proto__')).toBeUndefined();
  });

  it('keeps every route file a family: no route file imports another route file', () => {
    const files = readdirSync(routesDir).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
    expect(files.map((f) => f.replace(/\.ts$/, '')).sort()).toEqual(
      Object.keys(routeFamilies).sort(),
    );
    for (const file of files) {
      const text = readFileSync(join(routesDir, file), 'utf8');
      const specifiers = [...text.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]!);
      expect(
        specifiers.filter((s) => s.startsWith('./')),
        file,
      ).toEqual([]);
    }
  });
});
