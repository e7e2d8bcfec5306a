/**
 * Presentation time. Inside Postfix a message goes from cleanup to a mailbox in 4 ms, while a
 * student types an SMTP command every few seconds: played in real time the interesting part is
 * invisible. In "story" pace every event that moves something gets at least its dwell time on
 * screen and long idle gaps are shortened; "real" pace is simulated time as it is.
 *
 * The playhead is a presentation time p (ms at 1x). Each trace event gets a p when it arrives and
 * keeps it, so a position on screen is a function of (p, trace): pausing, speed and seeking stay
 * exact, and stepping back lands where it was.
 */
import type { TraceEvent } from '../../sim/core/trace';

export type PaceMode = 'story' | 'real';

/** Longest idle gap shown in story pace (a 5-minute deferred-queue wait becomes 2 s). */
export const MAX_GAP = 2000;

/** Minimum on-screen time of an event that moves or lights something, in story pace. */
export function dwellOf(e: TraceEvent): number {
  switch (e.kind) {
    case 'conn.open':
      return 500;
    case 'conn.fail':
      return 800;
    case 'conn.close':
    case 'conn.tls':
      return 300;
    case 'sql':
      return 500;
    case 'conn.data':
      return 450;
    case 'dns.query':
    case 'dns.answer':
      return 450;
    case 'decision':
      return e.verdict === 'dunno' ? 0 : 900;
    case 'message':
      return 700;
    case 'queue':
      return e.to === null ? 400 : 700;
    case 'delivery':
    case 'alias':
    case 'bounce':
      return 800;
    case 'sasl':
      return 600;
    case 'mailbox':
      return 400;
    default:
      return 0;
  }
}

export class PaceMap {
  /** p of each event, by seq; never decreases. */
  private ps: number[] = [];
  private ts: number[] = [];
  private dwells: number[] = [];

  constructor(public mode: PaceMode = 'story') {}

  get size(): number {
    return this.ps.length;
  }

  /** p of the last event (0 when there is none). */
  get end(): number {
    return this.ps.length > 0 ? this.ps[this.ps.length - 1] : 0;
  }

  get endTime(): number {
    return this.ts.length > 0 ? this.ts[this.ts.length - 1] : 0;
  }

  /**
   * Gives new events their p. `floor` is the playhead when they arrive: live events are never
   * placed behind it (they would be "in the past" and skip their animation).
   */
  append(events: readonly TraceEvent[], floor = 0): void {
    let i = 0;
    for (const e of events) {
      let baseP = this.end;
      let baseT = this.endTime;
      if (i === 0 && floor > baseP) {
        baseT = Math.min(e.t, baseT + (floor - baseP));
        baseP = floor;
      }
      this.push(e, baseP, baseT);
      i++;
    }
  }

  /** Recomputes every p (the pace mode changed). */
  rebuild(events: readonly TraceEvent[], mode: PaceMode = this.mode): void {
    this.mode = mode;
    this.ps = [];
    this.ts = [];
    this.dwells = [];
    for (const e of events) this.push(e, this.end, this.endTime);
  }

  pOf(seq: number): number {
    return this.ps[seq] ?? this.end;
  }

  /** How long the event's animation lasts: its dwell, but never longer than its gap. */
  travelOf(seq: number): number {
    const gap = this.ps[seq] - (seq > 0 ? this.ps[seq - 1] : 0);
    return Math.min(this.dwells[seq] ?? 0, gap);
  }

  /** Number of events whose p <= p: the state shown at the playhead. */
  countAt(p: number): number {
    const ps = this.ps;
    let lo = 0;
    let hi = ps.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ps[mid] <= p) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Simulated time at p: interpolated between events, 1:1 after the last one (the live clock). */
  timeAt(p: number): number {
    const n = this.countAt(p);
    if (n === 0) return this.ps.length === 0 ? Math.max(0, p) : this.ps[0] > 0 ? (this.ts[0] * Math.max(0, p)) / this.ps[0] : 0;
    if (n >= this.ps.length) return this.endTime + (p - this.end);
    const p0 = this.ps[n - 1];
    const p1 = this.ps[n];
    const t0 = this.ts[n - 1];
    const t1 = this.ts[n];
    return p1 > p0 ? t0 + ((t1 - t0) * (p - p0)) / (p1 - p0) : t0;
  }

  /** p where simulated time t is reached (the first event at or after t; the live clock beyond). */
  pAtTime(t: number): number {
    const ts = this.ts;
    let lo = 0;
    let hi = ts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ts[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    if (lo >= ts.length) return this.end + Math.max(0, t - this.endTime);
    return this.ps[lo];
  }

  /**
   * The inverse of timeAt: the p whose clock reads t (where a burst of events shares one time,
   * after all of them). A shared position is a time, since p depends on the pace setting.
   */
  pOfTime(t: number): number {
    const ts = this.ts;
    let lo = 0;
    let hi = ts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ts[mid] <= t) lo = mid + 1;
      else hi = mid;
    }
    const k = lo - 1;
    if (k < 0) return ts.length > 0 && ts[0] > 0 ? (Math.max(0, t) * this.ps[0]) / ts[0] : Math.max(0, t);
    if (k >= ts.length - 1) return this.end + (t - this.endTime);
    const [p0, p1, t0, t1] = [this.ps[k], this.ps[k + 1], ts[k], ts[k + 1]];
    return t1 > t0 ? p0 + ((t - t0) * (p1 - p0)) / (t1 - t0) : p0;
  }

  /** The next step: p of the first event after p that moves something (any event in real pace). */
  nextStop(p: number): number | undefined {
    for (let i = this.countAt(p); i < this.ps.length; i++) {
      if (this.mode === 'real' || this.dwells[i] > 0) return this.ps[i];
    }
    return undefined;
  }

  /** The previous step: p of the last such event before p (0 at the start). */
  prevStop(p: number): number {
    let i = this.countAt(p) - 1;
    while (i >= 0 && this.ps[i] >= p) i--;
    for (; i >= 0; i--) {
      if (this.ps[i] < p && (this.mode === 'real' || this.dwells[i] > 0)) return this.ps[i];
    }
    return 0;
  }

  private push(e: TraceEvent, baseP: number, baseT: number): void {
    const dt = Math.max(0, e.t - baseT);
    const dwell = this.mode === 'story' ? dwellOf(e) : 0;
    const gap = this.mode === 'story' ? Math.max(Math.min(dt, MAX_GAP), dwell) : dt;
    this.ps.push(baseP + gap);
    this.ts.push(e.t);
    this.dwells.push(this.mode === 'story' ? dwell : Math.min(dwellOf(e), dt));
  }
}
