/**
 * Sequence sets: "1", "2:4", "3:*", "1,3,5:7" (RFC 3501 section 9, sequence-set). FETCH and
 * STORE refuse a number past the end ("Invalid messageset"); UID commands and SEARCH just match
 * nothing there. "$" is the last saved search result (SEARCHRES).
 */

export interface SeqRange {
  from: number | '*';
  to: number | '*';
}

/** Parses a set; undefined when it is not one. "$" gives an empty list with `saved` set. */
export function parseSequenceSet(text: string): { ranges: SeqRange[]; saved: boolean } | undefined {
  if (text === '$') return { ranges: [], saved: true };
  const ranges: SeqRange[] = [];
  for (const item of text.split(',')) {
    const m = /^(\d+|\*)(?::(\d+|\*))?$/.exec(item);
    if (!m) return undefined;
    const from = m[1] === '*' ? '*' : Number(m[1]);
    const to = m[2] === undefined ? from : m[2] === '*' ? '*' : Number(m[2]);
    ranges.push({ from, to });
  }
  return { ranges, saved: false };
}

/** Sequence numbers a set names in a mailbox of `count` messages; undefined if any is out of range. */
export function strictSequences(ranges: SeqRange[], count: number): number[] | undefined {
  const out = new Set<number>();
  for (const r of ranges) {
    const a = r.from === '*' ? count : r.from;
    const b = r.to === '*' ? count : r.to;
    if (a === 0 || b === 0 || a > count || b > count) return undefined;
    for (let i = Math.min(a, b); i <= Math.max(a, b); i++) out.add(i);
  }
  return [...out].sort((x, y) => x - y);
}

/** Does the set contain `n`, with "*" standing for `max`? (UIDs, SEARCH) */
export function setContains(ranges: SeqRange[], n: number, max: number): boolean {
  return ranges.some((r) => {
    const a = r.from === '*' ? max : r.from;
    const b = r.to === '*' ? max : r.to;
    return n >= Math.min(a, b) && n <= Math.max(a, b);
  });
}

/** UIDs as a compact set: 1,2,3,5 -> "1:3,5" (order kept, runs joined). */
export function uidSetText(uids: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < uids.length; ) {
    let j = i;
    while (j + 1 < uids.length && uids[j + 1] === uids[j] + 1) j++;
    parts.push(j > i ? `${uids[i]}:${uids[j]}` : String(uids[i]));
    i = j + 1;
  }
  return parts.join(',');
}
