/**
 * Aligns two lists of keys the way `diff` aligns two files: the longest run of equal keys in
 * order is paired, the rest is "only in A" or "only in B". Compare mode uses it for connections,
 * SMTP exchanges, decisions and maillog lines of two runs that share most of their story.
 *
 * Myers' O((N+M)·D) algorithm after trimming the common prefix and suffix: two variants of one
 * scenario differ in a few places, so D is small and a long run stays cheap. Past `maxEdits`
 * differences the middle is left unpaired rather than spending quadratic time on it.
 */

export interface Alignment {
  /** Index pairs (in A, in B) of equal keys, increasing in both. */
  pairs: [number, number][];
  /** Indexes of A with no partner in B, increasing. */
  onlyA: number[];
  /** Indexes of B with no partner in A, increasing. */
  onlyB: number[];
}

export const DEFAULT_MAX_EDITS = 2000;

export function alignSequences(a: readonly string[], b: readonly string[], maxEdits = DEFAULT_MAX_EDITS): Alignment {
  const pairs: [number, number][] = [];
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) {
    pairs.push([start, start]);
    start++;
  }
  let endA = a.length;
  let endB = b.length;
  const tail: [number, number][] = [];
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
    tail.push([endA, endB]);
  }
  const middle = myers(a, b, start, endA, start, endB, maxEdits);
  if (middle) for (const [x, y] of middle) pairs.push([x, y]);
  for (let i = tail.length - 1; i >= 0; i--) pairs.push(tail[i]);
  return { pairs, onlyA: unpaired(a.length, pairs, 0), onlyB: unpaired(b.length, pairs, 1) };
}

function unpaired(length: number, pairs: readonly [number, number][], side: 0 | 1): number[] {
  const used = new Uint8Array(length);
  for (const p of pairs) used[p[side]] = 1;
  const out: number[] = [];
  for (let i = 0; i < length; i++) if (!used[i]) out.push(i);
  return out;
}

/**
 * The pairs of the shortest edit script between a[a0..a1) and b[b0..b1), or undefined when
 * it needs more than `maxEdits` insertions and deletions. `frontiers[d]` keeps, for each
 * diagonal k in [-d, d], the furthest x reached with d edits; walking them back gives the path.
 */
function myers(a: readonly string[], b: readonly string[], a0: number, a1: number, b0: number, b1: number, maxEdits: number): [number, number][] | undefined {
  const n = a1 - a0;
  const m = b1 - b0;
  if (n === 0 || m === 0) return [];
  const max = Math.min(n + m, maxEdits);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const frontiers: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[a0 + x] === b[b0 + y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
    }
    frontiers.push(v.slice(offset - d, offset + d + 1));
    if (reached(v, offset, d, n, m)) return backtrack(frontiers, a0, b0, n, m);
  }
  return undefined;
}

function reached(v: Int32Array, offset: number, d: number, n: number, m: number): boolean {
  const k = n - m;
  return k >= -d && k <= d && (k + d) % 2 === 0 && v[offset + k] >= n;
}

function backtrack(frontiers: Int32Array[], a0: number, b0: number, n: number, m: number): [number, number][] {
  const out: [number, number][] = [];
  let x = n;
  let y = m;
  for (let d = frontiers.length - 1; d > 0; d--) {
    const prev = frontiers[d - 1];
    const at = (k: number) => prev[k + d - 1];
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    // The snake after the edit: equal keys.
    const startX = down ? prevX : prevX + 1;
    while (x > startX) {
      x--;
      y--;
      out.push([a0 + x, b0 + y]);
    }
    x = prevX;
    y = prevY;
  }
  // Whatever is left matched with no edit at all (the d = 0 snake).
  while (x > 0 && y > 0) {
    x--;
    y--;
    out.push([a0 + x, b0 + y]);
  }
  return out.reverse();
}
