/**
 * Two runs of a scenario side by side: A and its variant B, each a full classroom state (its own
 * engine worker, trace, projection and pace), driven by one shared playhead over the lockstep
 * timeline. Each frame pulls both workers once, merges what both have computed, moves the
 * playhead, and hands each side its own position so its views draw as in the classroom.
 * Once both runs are complete, their differences are computed once.
 */
import type { TraceEvent } from '../../sim/core/trace';
import type { Scenario } from '../../sim/scenario/schema';
import type { PaceMode } from '../model/pacing';
import { AppState } from '../state/app.svelte';
import { SPEEDS } from '../state/player.svelte';
import { compareRunsGradually, type CompareDiff, type Where } from './compareDiff';
import { Lockstep } from './lockstep';
import { SIDES, type Side } from './side';

/** Minimum ms between panel updates while playing (the canvases draw every frame). */
const PANEL_INTERVAL = 66;
/** Time per frame for comparing the runs, once both are complete (ms). */
const DIFF_BUDGET = 12;

export class CompareRun {
  readonly sides: Record<Side, AppState> = { a: new AppState(), b: new AppState() };
  scenarios = $state.raw<Record<Side, Scenario> | undefined>(undefined);
  /** Shared playhead: presentation time on the lockstep timeline. */
  p = $state(0);
  /** Virtual time at the playhead. */
  t = $state(0);
  end = $state(0);
  playing = $state(false);
  speed = $state<number>(1);
  /** Bumped when steps are added or the timeline is rebuilt (readers of `lockstep` depend on it). */
  version = $state(0);
  diff = $state.raw<CompareDiff | undefined>(undefined);
  /** The comparison could not be made (a run stopped); the runs still play. */
  diffFailed = $state(false);
  /** Both runs are loaded, computed and merged. */
  complete = $state(false);
  /** A difference picked in the summary: the panels scroll to these events. */
  focus = $state.raw<{ where: Where; token: number } | undefined>(undefined);
  lockstep = new Lockstep('story');
  private mode: PaceMode = 'story';
  private generations: Record<Side, number> = { a: -1, b: -1 };
  /** The comparison under way, a slice per frame. */
  private diffJob?: Generator<void, CompareDiff>;
  private stepTarget?: number;
  /** After a side restarted: go back to this position once the timeline reaches it again. */
  private restoreP?: number;
  private raf = 0;
  private last = 0;
  private published = 0;

  /** Loads A and B (each into its own worker) and rewinds the shared timeline. */
  async load(a: Scenario, b: Scenario, mode: PaceMode): Promise<boolean> {
    this.mode = mode;
    this.scenarios = { a, b };
    this.pause();
    const [okA, okB] = await Promise.all([this.sides.a.session.load(a, { pace: mode }), this.sides.b.session.load(b, { pace: mode })]);
    this.rebuild(0);
    return okA && okB;
  }

  start(): void {
    if (this.raf || typeof requestAnimationFrame === 'undefined') return;
    this.last = performance.now();
    this.raf = requestAnimationFrame(this.frame);
  }

  dispose(): void {
    if (this.raf) cancelAnimationFrame(this.raf);
    this.raf = 0;
    for (const side of SIDES) this.sides[side].session.dispose();
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  play(): void {
    this.focus = undefined;
    if (this.p >= this.lockstep.end && this.complete) this.setP(0);
    this.stepTarget = undefined;
    this.playing = true;
  }

  pause(): void {
    this.playing = false;
    this.stepTarget = undefined;
  }

  seek(p: number): void {
    this.focus = undefined;
    this.stepTarget = undefined;
    this.setP(Math.max(0, Math.min(p, this.lockstep.end)));
  }

  stepForward(): void {
    this.focus = undefined;
    if (this.stepTarget !== undefined) this.setP(this.stepTarget);
    const next = this.lockstep.nextStop(this.p);
    if (next === undefined) return;
    this.stepTarget = next;
    this.playing = true;
  }

  stepBack(): void {
    this.focus = undefined;
    this.pause();
    this.setP(this.lockstep.prevStop(this.p));
  }

  toStart(): void {
    this.focus = undefined;
    this.pause();
    this.setP(0);
  }

  toEnd(): void {
    this.focus = undefined;
    this.pause();
    this.setP(this.lockstep.end);
  }

  faster(): void {
    const i = SPEEDS.findIndex((s) => s >= this.speed);
    this.speed = SPEEDS[Math.min(SPEEDS.length - 1, i + 1)];
  }

  slower(): void {
    const i = SPEEDS.findIndex((s) => s >= this.speed);
    this.speed = SPEEDS[Math.max(0, i - 1)];
  }

  /** The shared position where both sides show their part of a difference. */
  momentOf(where: Where): number | undefined {
    const steps = SIDES.flatMap((side) => (where[side] === undefined ? [] : [this.lockstep.stepOf(side, where[side]!)])).filter((s): s is number => s !== undefined);
    return steps.length > 0 ? this.lockstep.pOfStep(Math.max(...steps)) : undefined;
  }

  /** Goes to the earliest of these differences and asks the panels to show it. */
  show(wheres: readonly Where[]): void {
    let best: { p: number; where: Where } | undefined;
    for (const where of wheres) {
      const p = this.momentOf(where);
      if (p !== undefined && (!best || p < best.p)) best = { p, where };
    }
    if (!best) return;
    this.pause();
    this.setP(best.p);
    this.focus = { where: best.where, token: (this.focus?.token ?? 0) + 1 };
  }

  /** Restarts a side whose worker crashed, where the class was (see Session.reload). */
  async reload(side: Side): Promise<void> {
    await this.sides[side].session.reload();
  }

  /** A side has nothing more to give: computed and received, or stopped. */
  private done(side: Side): boolean {
    const session = this.sides[side].session;
    if (session.error?.kind === 'crash' || session.error?.kind === 'load') return true;
    return session.info !== undefined && !session.computing;
  }

  /** A side that could not load has no run (its index still holds the previous one). */
  private eventsOf(side: Side): readonly TraceEvent[] {
    const session = this.sides[side].session;
    return session.error?.kind === 'load' ? [] : session.index.events;
  }

  /** A new timeline (a side was loaded again): the playhead stays where it was, if it can. */
  private rebuild(p: number): void {
    this.lockstep = new Lockstep(this.mode);
    for (const side of SIDES) this.generations[side] = this.sides[side].session.generation;
    this.diff = undefined;
    this.diffJob = undefined;
    this.diffFailed = false;
    this.complete = false;
    this.focus = undefined;
    this.stepTarget = undefined;
    this.restoreP = p > 0 ? p : undefined;
    this.p = 0;
    this.end = 0;
    this.version++;
  }

  private setP(p: number): void {
    this.p = p;
    this.publish(p);
  }

  private publish(p: number): void {
    const lockstep = this.lockstep;
    const t = lockstep.timeAt(p);
    if (t !== this.t) this.t = t;
    if (lockstep.end !== this.end) this.end = lockstep.end;
    for (const side of SIDES) {
      const player = this.sides[side].player;
      const n = lockstep.shown(side, p);
      if (player.n !== n) player.n = n;
      if (player.t !== t) player.t = t;
    }
  }

  private frame = (now: number): void => {
    const dt = Math.min(now - this.last, 100);
    this.last = now;
    const a = this.sides.a.session;
    const b = this.sides.b.session;
    for (const side of SIDES) {
      const session = this.sides[side].session;
      session.pump(0);
      session.projector.buildAhead(2);
    }
    if (this.generations.a !== a.generation || this.generations.b !== b.generation) this.rebuild(this.p);
    const doneA = this.done('a');
    const doneB = this.done('b');
    const eventsA = this.eventsOf('a');
    const eventsB = this.eventsOf('b');
    if (this.lockstep.extend(eventsA, doneA, eventsB, doneB) > 0) this.version++;
    const merged = this.lockstep.merged;
    const complete = doneA && doneB && merged.a === eventsA.length && merged.b === eventsB.length;
    if (complete && !this.complete) this.finish();
    if (this.diffJob) this.continueDiff();

    let p = Math.min(this.p, this.lockstep.end);
    if (this.restoreP !== undefined && (this.lockstep.end >= this.restoreP || this.complete)) {
      p = Math.min(this.restoreP, this.lockstep.end);
      this.restoreP = undefined;
    }
    if (this.playing) {
      p += dt * this.speed;
      if (this.stepTarget !== undefined && p >= this.stepTarget) {
        p = this.stepTarget;
        this.stepTarget = undefined;
        this.playing = false;
      }
      if (p >= this.lockstep.end) {
        p = this.lockstep.end;
        if (this.complete) this.playing = false;
      }
    }
    if (p !== this.p) this.p = p;
    if (!this.playing || now - this.published >= PANEL_INTERVAL) {
      this.published = now;
      this.publish(p);
    }
    for (const side of SIDES) {
      const app = this.sides[side];
      app.player.p = this.lockstep.localP(side, p, app.session.pace);
      app.player.redrawNow();
    }
    this.raf = requestAnimationFrame(this.frame);
  };

  private finish(): void {
    this.complete = true;
    const crashed = SIDES.some((side) => this.sides[side].session.error?.kind === 'crash' || this.sides[side].session.error?.kind === 'load');
    if (crashed) {
      this.diffFailed = true;
      return;
    }
    this.diffJob = compareRunsGradually(this.sides.a.session.index, this.sides.b.session.index);
  }

  private continueDiff(): void {
    const job = this.diffJob!;
    const started = performance.now();
    try {
      for (;;) {
        const step = job.next();
        if (step.done) {
          this.diff = step.value;
          this.diffJob = undefined;
          return;
        }
        if (performance.now() - started > DIFF_BUDGET) return;
      }
    } catch (e) {
      // The comparison is an extra: without it both runs still play.
      console.warn(`mailsim: compare: ${e instanceof Error ? e.message : String(e)}`);
      this.diffJob = undefined;
      this.diffFailed = true;
    }
  }
}
