/**
 * The playhead and the animation frame loop. The playhead is a presentation time p (see
 * pacing.ts); everything on screen is derived from p and the trace, so pause, speed, seek and
 * step back are exact. Each frame: move p, pull the worker once, take projection checkpoints for
 * a few milliseconds, publish p / n / t, and let the canvas draw.
 */
import type { Session } from './session.svelte';

export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8, 16, 64, 256] as const;

/** Minimum ms between panel updates while playing. */
const PANEL_INTERVAL = 66;

export type FrameDrawer = (p: number) => void;

export class Player {
  /** Presentation time of the playhead (ms at 1x). */
  p = $state(0);
  /** Events shown: those with presentation time <= p. */
  n = $state(0);
  /** Simulated time at the playhead (virtual ms). */
  t = $state(0);
  /** Presentation time of the last event received. */
  end = $state(0);
  playing = $state(false);
  speed = $state<number>(1);
  /** After a live action the clock keeps running past the last event, as real time does. */
  live = $state(false);
  /** Set after a live action jumped from the past to the present (the page says so). */
  jumpedToPresent = $state(0);
  private stepTarget?: number;
  private raf = 0;
  private last = 0;
  private published = 0;
  private drawers = new Set<FrameDrawer>();
  /** After a crash reload: go back to this many events once they are there again. */
  private restoreN?: number;
  /** The trace restoreN was taken from: only a newer one (the reloaded trace) is restored. */
  private restoreFrom = -1;
  /** A shared link or saved work: go to this virtual time once the engine has computed that far. */
  private restoreT?: number;

  constructor(private readonly session: Session) {
    session.onReset = () => this.reset();
  }

  /** A new trace: back to the start, stopped (synchronously, so nothing reads the new trace with the old position). */
  private reset(): void {
    this.restoreT = undefined;
    this.playing = false;
    this.live = false;
    this.stepTarget = undefined;
    this.p = 0;
    this.n = 0;
    this.t = 0;
    this.end = 0;
  }

  start(): void {
    if (this.raf || typeof requestAnimationFrame === 'undefined') return;
    this.last = performance.now();
    this.raf = requestAnimationFrame(this.frame);
  }

  stop(): void {
    if (this.raf) cancelAnimationFrame(this.raf);
    this.raf = 0;
  }

  /** Registers a function called every frame with the playhead (the canvas). */
  onFrame(draw: FrameDrawer): () => void {
    this.drawers.add(draw);
    return () => this.drawers.delete(draw);
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  play(): void {
    // Playing from the very end starts the lesson again, as a video player does.
    if (!this.live && this.p >= this.session.pace.end && !this.session.computing) this.setP(0);
    this.stepTarget = undefined;
    this.playing = true;
  }

  pause(): void {
    this.playing = false;
    this.stepTarget = undefined;
  }

  seek(p: number): void {
    const end = this.session.pace.end;
    const target = Math.max(0, Math.min(p, this.live ? Math.max(end, this.p) : end));
    if (target < end) this.live = false;
    this.stepTarget = undefined;
    this.setP(target);
  }

  /** Plays to the next step (animated) and stops there; pressed again, finishes that step at once. */
  stepForward(): void {
    if (this.stepTarget !== undefined) this.setP(this.stepTarget);
    const next = this.session.pace.nextStop(this.p);
    if (next === undefined) return;
    this.stepTarget = next;
    this.playing = true;
  }

  stepBack(): void {
    this.pause();
    this.live = false;
    this.setP(this.session.pace.prevStop(this.p));
  }

  toStart(): void {
    this.pause();
    this.live = false;
    this.setP(0);
  }

  toEnd(): void {
    this.pause();
    this.setP(this.session.pace.end);
  }

  faster(): void {
    const i = SPEEDS.findIndex((s) => s >= this.speed);
    this.speed = SPEEDS[Math.min(SPEEDS.length - 1, i + 1)];
  }

  slower(): void {
    const i = SPEEDS.findIndex((s) => s >= this.speed);
    this.speed = SPEEDS[Math.max(0, i - 1)];
  }

  /**
   * Before a live action: actions happen in the present, so a playhead in the past jumps to
   * the end of the trace first. Returns the virtual time to act at, and starts the live clock.
   */
  goLive(): number {
    const end = this.session.pace.end;
    if (this.p < end) {
      this.setP(end);
      this.jumpedToPresent++;
    }
    this.live = true;
    this.stepTarget = undefined;
    this.playing = true;
    return this.session.pace.timeAt(this.p);
  }

  /** Draws now, without waiting for the next frame (measuring a seek). */
  redrawNow(): void {
    for (const draw of this.drawers) draw(this.p);
  }

  /** Goes to virtual time `t` (a shared link's position) as soon as the trace reaches it. */
  seekTimeWhenReady(t: number): void {
    this.restoreT = t > 0 ? t : undefined;
  }

  /** Remembers the position across a crash reload (see Session.reload). */
  keepPositionForReload(): void {
    this.restoreN = this.n;
    this.restoreFrom = this.session.generation;
  }

  private setP(p: number): void {
    this.p = p;
    this.publish(p);
  }

  private publish(p: number): void {
    const pace = this.session.pace;
    const n = pace.countAt(p);
    if (n !== this.n) this.n = n;
    const t = pace.timeAt(p);
    if (t !== this.t) this.t = t;
    if (pace.end !== this.end) this.end = pace.end;
  }

  private frame = (now: number): void => {
    // A tab in the background gets no frames; do not leap when it comes back.
    const dt = Math.min(now - this.last, 100);
    this.last = now;
    const session = this.session;
    const pace = session.pace;
    let p = this.p;
    // Not on the old trace, which is still there until the reload has loaded: restoring onto it
    // would use the position up before the reload resets the player to the start.
    if (this.restoreN !== undefined && session.generation !== this.restoreFrom && session.index.size >= this.restoreN) {
      p = this.restoreN > 0 ? pace.pOf(this.restoreN - 1) : 0;
      this.restoreN = undefined;
    }
    if (this.restoreT !== undefined && (pace.endTime > this.restoreT || !session.computing) && session.info) {
      // Past the last event there is nothing to show; the end is as far as a link can go.
      p = Math.min(pace.pOfTime(this.restoreT), pace.end);
      this.restoreT = undefined;
      this.playing = false;
      this.publish(p);
    }
    if (this.playing) {
      p += dt * this.speed;
      if (this.stepTarget !== undefined && p >= this.stepTarget) {
        p = this.stepTarget;
        this.stepTarget = undefined;
        this.playing = false;
      }
      if (!this.live && p >= pace.end) {
        p = pace.end;
        // The end of the lesson, unless the engine is still producing it.
        if (!session.computing) this.playing = false;
      }
    }
    session.pump(p, this.live && this.playing ? pace.timeAt(p) : undefined);
    session.projector.buildAhead(3);
    if (p !== this.p) this.p = p;
    // Panels follow at most ~15 times a second while playing (the canvas draws every frame):
    // re-rendering lists 60 times a second would take the frames from the animation.
    if (!this.playing || now - this.published >= PANEL_INTERVAL) {
      this.published = now;
      this.publish(p);
    }
    for (const draw of this.drawers) draw(p);
    this.raf = requestAnimationFrame(this.frame);
  };
}
