/**
 * Input generators for the fuzz properties: a valid text, then a few edits of the kinds that
 * break parsers — bytes a terminal can send (NUL, CR, TAB, DEL), 8-bit and non-BMP text, lone
 * surrogates, a character repeated past a line length limit, a cut, a swapped case, a
 * duplicated piece.
 *
 * Every property runs with a fixed seed and FUZZ_RUNS runs (a moderate default for `npm test`;
 * `npm run fuzz` sets 20,000).
 */
import fc from 'fast-check';

export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 0);

/** Runs for one property: FUZZ_RUNS when set (divided for costly properties), else the default. */
export function runs(defaultRuns: number, costDivisor = 1): number {
  return FUZZ_RUNS > 0 ? Math.max(1, Math.round(FUZZ_RUNS / costDivisor)) : defaultRuns;
}

/** A test timeout that grows with the number of runs. */
export function timeoutFor(numRuns: number, msPerRun: number): number {
  return Math.max(60_000, numRuns * msPerRun * 3);
}

/** Characters that have broken parsers somewhere. */
export const NASTY = ['\0', '\r', '\n', '\t', ' ', '\x7f', '\x1b', ':', '<', '>', '"', '\\', '@', '.', '..', '[', ']', '(', ')', '{', '}', '%', '=', '*', ',', ';', '+', '-', '\u00e9', '\u00ff', '\u4e2d', '\u2028', '\ufeff', '\ud83d\udce7', '\ud800', '\udc00', '{5}', '{999999999}', '~{3}'];

type Edit =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'replace'; at: number; text: string }
  | { kind: 'cut'; at: number }
  | { kind: 'case'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number }
  | { kind: 'repeat'; at: number; text: string; times: number };

const piece = fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 4 }));

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: piece }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), text: piece }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('case' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant('repeat' as const), at: fc.nat(), text: fc.constantFrom('A', ' ', '.', '<', '\\', 'x@'), times: fc.constantFrom(10, 300, 1100, 5000) }),
);

export function applyEdit(text: string, e: Edit): string {
  const at = text.length === 0 ? 0 : e.at % (text.length + 1);
  switch (e.kind) {
    case 'insert':
      return text.slice(0, at) + e.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + e.length);
    case 'replace':
      return text.slice(0, at) + e.text + text.slice(at + e.text.length);
    case 'cut':
      return text.slice(0, at);
    case 'case': {
      const part = text.slice(at, at + e.length);
      const flipped = [...part].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');
      return text.slice(0, at) + flipped + text.slice(at + e.length);
    }
    case 'duplicate':
      return text.slice(0, at + e.length) + text.slice(at, at + e.length) + text.slice(at + e.length);
    case 'repeat':
      return text.slice(0, at) + e.text.repeat(e.times) + text.slice(at);
  }
}

/** A valid text with up to `maxEdits` edits (sometimes none, so valid input is tried too). */
export function mutated(valid: fc.Arbitrary<string>, maxEdits = 3): fc.Arbitrary<string> {
  return fc.tuple(valid, fc.array(edit, { maxLength: maxEdits })).map(([text, edits]) => edits.reduce(applyEdit, text));
}

/** One line as a client could send it: no LF (it ends the line); a bare CR stays, as telnet can send one. */
export function asLine(text: string): string {
  return text.replace(/\n/g, ' ');
}
