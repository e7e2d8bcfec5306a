import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alignSequences } from '../../../src/ui/compare/sequenceAlign';

/** Length of the longest common subsequence, by the textbook table. */
function lcsLength(a: readonly string[], b: readonly string[]): number {
  const row = new Array(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let diag = 0;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j];
      row[j] = a[i - 1] === b[j - 1] ? diag + 1 : Math.max(row[j], row[j - 1]);
      diag = up;
    }
  }
  return row[b.length];
}

function checkAlignment(a: string[], b: string[]) {
  const r = alignSequences(a, b);
  for (const [x, y] of r.pairs) expect(a[x]).toBe(b[y]);
  for (let i = 1; i < r.pairs.length; i++) {
    expect(r.pairs[i][0]).toBeGreaterThan(r.pairs[i - 1][0]);
    expect(r.pairs[i][1]).toBeGreaterThan(r.pairs[i - 1][1]);
  }
  expect(r.pairs.length + r.onlyA.length).toBe(a.length);
  expect(r.pairs.length + r.onlyB.length).toBe(b.length);
  return r;
}

describe('alignSequences', () => {
  it.each([
    { a: [], b: [], pairs: [] },
    { a: ['x'], b: [], pairs: [] },
    { a: [], b: ['x'], pairs: [] },
    { a: ['a', 'b', 'c'], b: ['a', 'b', 'c'], pairs: [[0, 0], [1, 1], [2, 2]] },
    { a: ['EHLO', 'MAIL', 'RCPT', 'DATA', '.', 'QUIT'], b: ['EHLO', 'MAIL', 'RCPT', 'DATA', 'QUIT'], pairs: [[0, 0], [1, 1], [2, 2], [3, 3], [5, 4]] },
    { a: ['a', 'x', 'b'], b: ['a', 'y', 'b'], pairs: [[0, 0], [2, 2]] },
    { a: ['a', 'b', 'c', 'a', 'b', 'b', 'a'], b: ['c', 'b', 'a', 'b', 'a', 'c'], pairs: null },
  ])('aligns $a with $b', ({ a, b, pairs }) => {
    const r = checkAlignment(a, b);
    if (pairs) expect(r.pairs).toEqual(pairs);
    expect(r.pairs.length).toBe(lcsLength(a, b));
  });

  it('pairs as many keys as the longest common subsequence has', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 40 }), fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 40 }), (a, b) => {
        const r = checkAlignment(a, b);
        expect(r.pairs.length).toBe(lcsLength(a, b));
      }),
      { numRuns: 400 },
    );
  });

  it('gives up on the middle past the edit limit but keeps prefix and suffix', () => {
    const a = ['same', ...Array.from({ length: 50 }, (_, i) => `a${i}`), 'end'];
    const b = ['same', ...Array.from({ length: 50 }, (_, i) => `b${i}`), 'end'];
    const r = alignSequences(a, b, 10);
    expect(r.pairs).toEqual([[0, 0], [51, 51]]);
    expect(r.onlyA).toHaveLength(50);
  });

  it('stays fast on two long runs with a few differences', () => {
    const a = Array.from({ length: 100_000 }, (_, i) => `line ${i}`);
    const b = a.filter((_, i) => i % 10_000 !== 7);
    const t0 = performance.now();
    const r = alignSequences(a, b);
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(r.onlyA).toHaveLength(10);
    expect(r.onlyB).toHaveLength(0);
  });
});
