/**
 * One timeline for two runs. Virtual time is deterministic, so the two traces are merged by it:
 * each step of the shared timeline shows the next event of A, of B, or of both. Events of the
 * same instant are paired by what they are (an SMTP reply with an SMTP reply, a decision with a
 * decision), so that where the runs diverge, "250 2.1.5 Ok" in A and "454 4.7.1 ... Relay access
 * denied" in B appear at the same step.
 *
 * Each step gets a presentation time as in pacing.ts (story pace: every step that moves
 * something gets its dwell, idle gaps are shortened; real pace: virtual time as it is). A side's
 * own playhead (for its animations) is interpolated between the presentation times its own
 * pace map gave its events, so its envelopes move exactly as in the classroom.
 */
import type { TraceEvent } from '../../sim/core/trace';
import { dwellOf, MAX_GAP, type PaceMode } from '../model/pacing';
import { alignSequences } from './sequenceAlign';
import type { Side } from './side';

/** What a side's playhead is mapped through: its own pace map. */
export interface SidePace {
  pOf(seq: number): number;
}

/** Events in one instant are paired by kind, host and direction. */
function pairKey(e: TraceEvent): string {
  switch (e.kind) {
    case 'conn.data':
      return `${e.kind}|${e.host}|${e.dir}`;
    case 'decision':
      return `${e.kind}|${e.host}|${e.stage}|${e.list}`;
    case 'log':
      return `${e.kind}|${e.host}|${e.program}`;
    default:
      return `${e.kind}|${e.host}`;
  }
}

export class Lockstep {
  /** Presentation time of each step (never decreases). */
  readonly ps: number[] = [];
  /** Virtual time of each step. */
  readonly ts: number[] = [];
  /** Events of A (and of B) shown once the step is reached. */
  readonly na: number[] = [];
  readonly nb: number[] = [];
  /** Whether the step is a stop for "step forward" (something moves). */
  private readonly stops: boolean[] = [];
  private ia = 0;
  private ib = 0;

  constructor(readonly mode: PaceMode) {}

  get size(): number {
    return this.ps.length;
  }

  get end(): number {
    return this.ps.length > 0 ? this.ps[this.ps.length - 1] : 0;
  }

  /** Events of each side merged so far. */
  get merged(): { a: number; b: number } {
    return { a: this.ia, b: this.ib };
  }

  /**
   * Merges what can be merged now. An instant is merged once it is complete on both sides: a
   * later event has arrived, or the side is done (its engine is quiet and every event is here).
   * Returns the number of steps added.
   */
  extend(a: readonly TraceEvent[], aDone: boolean, b: readonly TraceEvent[], bDone: boolean): number {
    const before = this.ps.length;
    for (;;) {
      const ea = a[this.ia];
      const eb = b[this.ib];
      if ((!ea && !aDone) || (!eb && !bDone) || (!ea && !eb)) break;
      const t = Math.min(ea?.t ?? Infinity, eb?.t ?? Infinity);
      const groupA = ea && ea.t === t ? instant(a, this.ia, aDone) : [];
      const groupB = eb && eb.t === t ? instant(b, this.ib, bDone) : [];
      if (groupA === undefined || groupB === undefined) break;
      this.mergeInstant(groupA, groupB, t);
    }
    return this.ps.length - before;
  }

  private mergeInstant(groupA: readonly TraceEvent[], groupB: readonly TraceEvent[], t: number): void {
    const aligned = alignSequences(groupA.map(pairKey), groupB.map(pairKey));
    let i = 0;
    let j = 0;
    const flush = (untilA: number, untilB: number) => {
      for (; i < untilA; i++) this.push(groupA[i], undefined, t);
      for (; j < untilB; j++) this.push(undefined, groupB[j], t);
    };
    for (const [x, y] of aligned.pairs) {
      flush(x, y);
      this.push(groupA[i++], groupB[j++], t);
    }
    flush(groupA.length, groupB.length);
  }

  private push(ea: TraceEvent | undefined, eb: TraceEvent | undefined, t: number): void {
    if (ea) this.ia++;
    if (eb) this.ib++;
    const lastT = this.ts.length > 0 ? this.ts[this.ts.length - 1] : 0;
    const dt = Math.max(0, t - lastT);
    const dwell = Math.max(ea ? dwellOf(ea) : 0, eb ? dwellOf(eb) : 0);
    const gap = this.mode === 'story' ? Math.max(Math.min(dt, MAX_GAP), dwell) : dt;
    this.ps.push(this.end + gap);
    this.ts.push(t);
    this.na.push(this.ia);
    this.nb.push(this.ib);
    this.stops.push(this.mode === 'real' || dwell > 0);
  }

  /** Number of steps reached at presentation time p. */
  countAt(p: number): number {
    let lo = 0;
    let hi = this.ps.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ps[mid] <= p) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Events of a side shown at p. */
  shown(side: Side, p: number): number {
    const k = this.countAt(p);
    return k === 0 ? 0 : (side === 'a' ? this.na : this.nb)[k - 1];
  }

  /** Virtual time at p, interpolated between steps. */
  timeAt(p: number): number {
    const k = this.countAt(p);
    if (this.ps.length === 0) return Math.max(0, p);
    if (k >= this.ps.length) return this.ts[this.ts.length - 1] + (this.mode === 'real' ? p - this.end : 0);
    const p0 = k > 0 ? this.ps[k - 1] : 0;
    const t0 = k > 0 ? this.ts[k - 1] : 0;
    const p1 = this.ps[k];
    return p1 > p0 ? t0 + ((this.ts[k] - t0) * (p - p0)) / (p1 - p0) : t0;
  }

  /**
   * A side's own presentation time at the shared p: while the next step brings one of its
   * events, it moves from its previous event's time to that event's, so animations run in full.
   */
  localP(side: Side, p: number, pace: SidePace): number {
    const ns = side === 'a' ? this.na : this.nb;
    const k = this.countAt(p);
    const shown = k === 0 ? 0 : ns[k - 1];
    const at = (n: number) => (n === 0 ? 0 : pace.pOf(n - 1));
    if (k >= ns.length || ns[k] === shown) return at(shown);
    const p0 = k > 0 ? this.ps[k - 1] : 0;
    const p1 = this.ps[k];
    const f = p1 > p0 ? Math.min(1, Math.max(0, (p - p0) / (p1 - p0))) : 1;
    const l0 = at(shown);
    return l0 + f * (at(shown + 1) - l0);
  }

  /** The first step at which a side shows its event `seq` (undefined if not merged yet). */
  stepOf(side: Side, seq: number): number | undefined {
    const ns = side === 'a' ? this.na : this.nb;
    let lo = 0;
    let hi = ns.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ns[mid] <= seq) lo = mid + 1;
      else hi = mid;
    }
    return lo < ns.length ? lo : undefined;
  }

  pOfStep(step: number): number {
    return this.ps[Math.max(0, Math.min(step, this.ps.length - 1))] ?? 0;
  }

  nextStop(p: number): number | undefined {
    for (let k = this.countAt(p); k < this.ps.length; k++) if (this.stops[k]) return this.ps[k];
    return undefined;
  }

  prevStop(p: number): number {
    for (let k = this.countAt(p) - 1; k >= 0; k--) if (this.ps[k] < p && this.stops[k]) return this.ps[k];
    return 0;
  }
}

/** The events of one instant from `from` on, or undefined if more of that instant may still come. */
function instant(events: readonly TraceEvent[], from: number, done: boolean): TraceEvent[] | undefined {
  const t = events[from].t;
  let end = from;
  while (end < events.length && events[end].t === t) end++;
  if (end === events.length && !done) return undefined;
  return events.slice(from, end);
}
