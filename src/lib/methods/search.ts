import type { MethodDefinition } from './define-method.ts';

/**
 * Method search as users type it: words of the label, key, group, description and parameter
 * names, plus the words people use for REDCap's own ("download" for export, "dictionary" for
 * metadata), ranked by relevance. Every word of the query must match something.
 */

/** Everyday words for the catalog's verbs and nouns: each also searches for these. */
const SYNONYMS: ReadonlyMap<string, readonly string[]> = new Map([
  ['download', ['export']],
  ['get', ['export']],
  ['fetch', ['export']],
  ['read', ['export']],
  ['pull', ['export']],
  ['retrieve', ['export']],
  ['list', ['export']],
  ['upload', ['import']],
  ['push', ['import']],
  ['write', ['import']],
  ['save', ['import']],
  ['update', ['import']],
  ['remove', ['delete']],
  ['erase', ['delete']],
  ['data', ['records']],
  ['dictionary', ['metadata']],
  ['codebook', ['metadata']],
  ['variables', ['metadata', 'fields']],
  ['log', ['logging']],
  ['audit', ['logging']],
  ['rights', ['users']],
  ['permissions', ['users']],
  ['privileges', ['users']],
  ['dag', ['dags']],
  ['forms', ['instruments']],
  ['url', ['link']],
]);

/**
 * Words a method answers to that its own text does not say. "token" points at the two calls
 * that check one (any valid token can read the version; Project Information names its project).
 */
const KEYWORDS: ReadonlyMap<string, readonly string[]> = new Map([
  ['exp_records', ['data', 'download', 'rows', 'filter', 'query', 'spreadsheet']],
  ['imp_records', ['data', 'upload', 'add', 'insert', 'create', 'update']],
  ['del_records', ['remove', 'erase']],
  ['exp_metadata', ['dictionary', 'codebook', 'variables', 'fields']],
  ['imp_metadata', ['dictionary', 'codebook', 'variables', 'fields']],
  ['exp_logging', ['log', 'audit', 'trail', 'history']],
  ['exp_users', ['rights', 'permissions', 'privileges', 'access']],
  ['imp_users', ['rights', 'permissions', 'privileges', 'access', 'add']],
  ['exp_rc_v', ['token', 'check', 'test', 'ping', 'connection']],
  ['exp_proj', ['token', 'check', 'settings', 'title', 'status', 'production']],
  ['exp_surv_link', ['url', 'invite']],
  ['exp_surv_parts', ['invite', 'email', 'participants']],
  ['exp_next_id', ['autonumber', 'new', 'id']],
  ['exp_proj_xml', ['backup', 'copy', 'clone', 'odm']],
  ['imp_proj', ['new', 'super', 'token', 'copy', 'clone']],
  ['exp_instr_pdf', ['print', 'pdf']],
  ['randomize', ['randomization', 'allocation']],
]);

/** The methods people use most: they win ties ("delete" → Delete Records first). */
const COMMON: ReadonlySet<string> = new Set([
  'exp_records',
  'imp_records',
  'del_records',
  'exp_metadata',
  'exp_proj',
]);

const STOPWORDS = new Set([
  'a',
  'an',
  'the',
  'of',
  'as',
  'for',
  'from',
  'in',
  'into',
  'or',
  'with',
]);

/** Lower case words without punctuation; "token's" → "token". */
function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .split(/[^a-z0-9_]+/)
    .filter(Boolean);
}

/** Singular-ish: "records" and "record" match, as do "dags" and "dag". */
function stem(word: string): string {
  return word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

interface Indexed {
  readonly label: readonly string[];
  readonly labelStems: readonly string[];
  readonly keys: readonly string[];
  readonly group: readonly string[];
  readonly params: readonly string[];
  readonly description: readonly string[];
  readonly keywords: readonly string[];
}

const index = new WeakMap<MethodDefinition, Indexed>();

function indexed(method: MethodDefinition): Indexed {
  let entry = index.get(method);
  if (!entry) {
    const label = words(method.label).filter((w) => !STOPWORDS.has(w));
    entry = {
      label,
      labelStems: label.map(stem),
      keys: [method.id, method.content, method.action ?? ''].filter(Boolean),
      group: words(method.group).map(stem),
      params: Object.keys(method.params.shape).map((p) => p.toLowerCase()),
      description: words(method.description).map(stem),
      keywords: KEYWORDS.get(method.id) ?? [],
    };
    index.set(method, entry);
  }
  return entry;
}

/** How well one term fits one method (0: not at all), and which label words it matched. */
function termScore(term: string, entry: Indexed): { score: number; label: Set<number> } {
  const s = stem(term);
  const label = new Set<number>();
  let score = 0;
  entry.labelStems.forEach((w, i) => {
    if (w === s) {
      score = Math.max(score, 10);
      label.add(i);
    } else if (term.length >= 2 && w.startsWith(term)) {
      score = Math.max(score, 7);
      label.add(i);
    }
  });
  if (entry.keywords.includes(term) || entry.keywords.includes(s)) score = Math.max(score, 9);
  if (entry.keys.some((k) => k === term)) score = Math.max(score, 8);
  else if (term.length >= 3 && entry.keys.some((k) => k.includes(term))) score = Math.max(score, 4);
  if (entry.params.includes(term)) score = Math.max(score, 6);
  else if (term.length >= 4 && entry.params.some((p) => p.includes(term)))
    score = Math.max(score, 3);
  if (entry.group.includes(s)) score = Math.max(score, 5);
  const inDescription = entry.description.some(
    (w) => w === s || (term.length >= 4 && w.startsWith(s)),
  );
  if (inDescription) score = score > 0 ? score + 1 : 3;
  return { score, label };
}

/** A query word's alternatives: itself (full weight) and its synonyms (a little less). */
function alternatives(word: string): [string, number][] {
  const synonyms = SYNONYMS.get(word) ?? SYNONYMS.get(stem(word)) ?? [];
  return [[word, 1], ...synonyms.map((s): [string, number] => [s, 0.8])];
}

/** The relevance of a method for a query; 0 when some word of the query matches nothing. */
export function scoreMethod(method: MethodDefinition, query: string): number {
  const queryWords = words(query).filter((w) => !STOPWORDS.has(w));
  if (queryWords.length === 0) return 0;
  const entry = indexed(method);
  const matchedLabel = new Set<number>();
  let total = 0;
  for (const word of queryWords) {
    let best = 0;
    for (const [term, weight] of alternatives(word)) {
      const { score, label } = termScore(term, entry);
      if (score > 0) for (const i of label) matchedLabel.add(i);
      best = Math.max(best, score * weight);
    }
    if (best === 0) return 0;
    total += best;
  }
  // A query that covers most of a short label is a closer fit than one word of a long one.
  const coverage = entry.label.length > 0 ? matchedLabel.size / entry.label.length : 0;
  return total + 10 * coverage + (COMMON.has(method.id) ? 2 : 0);
}

/**
 * The methods matching a query, best first (catalog order among equals). An empty query keeps
 * every method in catalog order.
 */
export function searchMethods<M extends MethodDefinition>(
  methods: readonly M[],
  query: string,
): M[] {
  if (words(query).filter((w) => !STOPWORDS.has(w)).length === 0) return [...methods];
  return methods
    .map((method, order) => ({ method, order, score: scoreMethod(method, query) }))
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .map((r) => r.method);
}
