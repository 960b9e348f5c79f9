/**
 * "Did you mean …?" for names typed by hand (fields, events, forms, users…): the candidate
 * closest to the name by edit distance (insertions, deletions, substitutions and swaps of two
 * neighbouring letters each count 1), ignoring case. Null when nothing is close: at most one
 * edit for names up to four letters, then one more per four letters (`agee` → `age`,
 * `wieght` → `weight`, `dob` ↛ `age`). Ties go to the earlier candidate.
 */
export function suggest(name: string, candidates: readonly string[]): string | null {
  const wanted = name.trim().toLowerCase();
  if (wanted === '') return null;
  const limit = Math.max(1, Math.floor(wanted.length / 4));
  let best: string | null = null;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const lower = candidate.toLowerCase();
    if (Math.abs(lower.length - wanted.length) >= bestDistance) continue;
    const d = distance(wanted, lower, bestDistance);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
      if (d === 0) break;
    }
  }
  return best;
}

/**
 * The `count` candidates closest to `name` (same distance as `suggest`, no limit), nearest first;
 * ties keep the candidates' order. For "did you mean" lists where something must be offered.
 */
export function nearest(name: string, candidates: readonly string[], count: number): string[] {
  const wanted = name.trim().toLowerCase();
  return candidates
    .map((candidate, at) => ({
      candidate,
      at,
      d: distance(wanted, candidate.toLowerCase(), Number.POSITIVE_INFINITY),
    }))
    .sort((a, b) => a.d - b.d || a.at - b.at)
    .slice(0, Math.max(0, count))
    .map((x) => x.candidate);
}

/** Optimal string alignment distance; stops early (returns ≥ cap) once it reaches cap. */
function distance(a: string, b: string, cap: number): number {
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, before[j - 2]! + 1);
      }
      current.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin >= cap) return cap;
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}
