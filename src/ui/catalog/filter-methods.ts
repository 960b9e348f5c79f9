import type { MethodDefinition } from '../../lib/methods/define-method.ts';

/** Methods whose label, key, content, action or description contains every word of the query. */
export function filterMethods<M extends MethodDefinition>(
  methods: readonly M[],
  query: string,
): M[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...methods];
  return methods.filter((m) => {
    const haystack = [m.label, m.id, m.content, m.action ?? '', m.group, m.description]
      .join(' ')
      .toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}
