/**
 * The state at any point of the trace, fast: a working fold moves forward event by event, and a
 * checkpoint is kept every `interval` events, so going back (or far ahead) costs one shallow
 * copy plus at most `interval` events. `buildAhead` takes checkpoints in the background, a few
 * milliseconds per frame, so that a later jump to the end of a long run is already cheap.
 */
import { applyEvent } from './applyEvent';
import { cloneFold, emptyFold, type FoldState } from './foldState';
import type { TraceIndex } from './traceIndex';

export class Projector {
  /** checkpoints[i] is the state after i * interval events. */
  private readonly checkpoints: FoldState[] = [emptyFold()];
  private working: FoldState = emptyFold();
  /** A second fold that runs ahead taking checkpoints. */
  private ahead: FoldState = emptyFold();

  constructor(
    private readonly index: TraceIndex,
    readonly interval = 2048,
  ) {}

  /** The state after the first n events (n is clamped to what the index holds). Read-only for callers. */
  at(n: number): FoldState {
    const target = Math.max(0, Math.min(n, this.index.size));
    const w = this.working;
    if (target < w.n || target - w.n > this.interval) {
      const k = Math.min(Math.floor(target / this.interval), this.checkpoints.length - 1);
      if (target < w.n || k * this.interval > w.n) this.working = cloneFold(this.checkpoints[k]);
    }
    this.forward(this.working, target);
    return this.working;
  }

  /** Takes checkpoints ahead of the playhead for up to `budgetMs` (performance.now based). */
  buildAhead(budgetMs: number, now: () => number = () => performance.now()): boolean {
    const end = now() + budgetMs;
    const a = this.ahead;
    while (a.n < this.index.size) {
      const stop = Math.min(this.index.size, (Math.floor(a.n / this.interval) + 1) * this.interval);
      this.forward(a, stop);
      if (now() > end) break;
    }
    return a.n >= this.index.size;
  }

  get checkpointCount(): number {
    return this.checkpoints.length;
  }

  /** Forgets everything (a new scenario). */
  reset(): void {
    this.checkpoints.length = 1;
    this.checkpoints[0] = emptyFold();
    this.working = emptyFold();
    this.ahead = emptyFold();
  }

  private forward(s: FoldState, target: number): void {
    const events = this.index.events;
    while (s.n < target) {
      applyEvent(s, events[s.n], this.index);
      if (s.n % this.interval === 0) {
        const k = s.n / this.interval;
        if (k === this.checkpoints.length) this.checkpoints.push(cloneFold(s));
      }
    }
  }
}
