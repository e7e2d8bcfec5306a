/**
 * One classroom session: the engine worker, the trace as received, its projection and pacing,
 * and the live actions taken. The worker is pulled at most once per animation frame (`pump`),
 * with one call that both runs the engine a budgeted slice and returns a batch of events — never
 * a call per event. Errors are kept in `error` for the page to show; a crashed worker can be
 * replaced by `reload()`, which replays the scenario plus the recorded actions up to where the
 * class was.
 */
import type { EngineStatus } from '../../sim/engine';
import type { WorldInfo } from '../../sim/introspect/worldInfo';
import { Projector } from '../../sim/projection/projector';
import { TraceIndex } from '../../sim/projection/traceIndex';
import type { Scenario, ScriptStep } from '../../sim/scenario/schema';
import type { ValidationIssue } from '../../sim/scenario/validate';
import { startSimClient, type SimClient } from '../../worker/client';
import type { FileCheck, LessonCheck, LiveStep, MachineGraph, StepChecks, TickRequest } from '../../worker/protocol';
import { PaceMap, type PaceMode } from '../model/pacing';

export interface SessionError {
  kind: 'crash' | 'load' | 'action';
  message: string;
  issues?: ValidationIssue[];
}

/** Engine steps per worker call: small enough for a quick answer, large enough to keep up. */
const BUDGET = 20_000;
/** Events per worker call: a burst arrives over a few frames instead of freezing one. */
const BATCH = 5_000;
/** Stop computing ahead at this many events (a runaway scenario must not exhaust memory). */
const MAX_EVENTS = 3_000_000;
/** In live play the engine runs this far ahead of the playhead (virtual ms). */
const LOOKAHEAD = 250;

export class Session {
  info = $state.raw<WorldInfo | undefined>(undefined);
  scenario = $state.raw<Scenario | undefined>(undefined);
  error = $state.raw<SessionError | undefined>(undefined);
  status = $state.raw<EngineStatus>({ now: 0, events: 0, quiet: true });
  /** Bumped when a scenario is (re)loaded: views reset what they cached. */
  generation = $state(0);
  /** Bumped when events arrive: views showing "everything so far" recompute. */
  version = $state(0);
  /** Events received. */
  received = $state(0);
  /** The engine stopped computing ahead (MAX_EVENTS). */
  capped = $state(false);
  /** Bumped when a live action is recorded (autosave keeps them). */
  acted = $state(0);
  /** The trace so far, its projection and its pacing (replaced on load; read them, never keep them). */
  index = new TraceIndex();
  projector = new Projector(this.index);
  pace = new PaceMap('story');
  /** Live actions taken, with the time they ran at: the scenario's script continues with them. */
  private acts: ScriptStep[] = [];
  private client?: SimClient;
  private inflight = false;
  private loadToken = 0;
  /** After a reload: run the engine's clock up to where it was (background timers may have fired there). */
  private catchUpTo?: number;
  /** Called when a new trace starts, before anything reads it (the player rewinds). */
  onReset?: () => void;

  /** Loads a scenario into a fresh worker state. Returns false (and sets `error`) when it does not validate. */
  async load(scenario: Scenario, options: { keepActs?: boolean; pace?: PaceMode } = {}): Promise<boolean> {
    const token = ++this.loadToken;
    if (!options.keepActs) this.acts = [];
    const client = this.ensureClient();
    let result;
    try {
      // Callers pass plain data (editors copy their drafts first): snapshotting a 10,000-step
      // script here would cost the page most of a second.
      result = await client.call('load', scenario);
    } catch (e) {
      this.fail('crash', e);
      return false;
    }
    if (token !== this.loadToken) return false;
    if (!result.ok || !result.info) {
      this.error = { kind: 'load', message: 'scenario', issues: result.issues.filter((i) => i.severity === 'error') };
      return false;
    }
    this.index = new TraceIndex();
    this.projector = new Projector(this.index);
    this.pace = new PaceMap(options.pace ?? this.pace.mode);
    this.onReset?.();
    this.index.append([], result.mailboxes ?? []);
    this.scenario = scenario;
    this.info = result.info;
    this.status = { now: 0, events: 0, quiet: false };
    this.received = 0;
    this.capped = false;
    this.inflight = false;
    this.catchUpTo = undefined;
    this.error = undefined;
    this.generation++;
    this.version++;
    return true;
  }

  /**
   * One worker call if there is anything to do: run the engine ahead (until quiet), advance the
   * live clock, or fetch events not yet received. `playhead` places live events.
   */
  pump(playhead: number, liveUntil?: number): void {
    if (!this.client || this.inflight || !this.info || this.error?.kind === 'crash') return;
    const request: TickRequest = { from: this.index.size, max: BATCH, budget: BUDGET };
    if (!this.status.quiet && !this.capped) request.run = 'quiet';
    else if (this.catchUpTo !== undefined && this.catchUpTo > this.status.now) request.run = this.catchUpTo;
    else if (liveUntil !== undefined && liveUntil > this.status.now) request.run = liveUntil + LOOKAHEAD;
    if (request.run === undefined && this.status.events <= this.index.size) return;
    this.inflight = true;
    const generation = this.generation;
    this.client
      .call('tick', request)
      .then((r) => {
        if (generation !== this.generation) return;
        this.inflight = false;
        if (r.events.length > 0 || r.mailboxes.length > 0) {
          this.pace.append(r.events, playhead);
          this.index.append(r.events, r.mailboxes);
          this.received = this.index.size;
          this.version++;
        }
        this.status = r.status;
        if (this.index.size >= MAX_EVENTS && !r.status.quiet) this.capped = true;
      })
      .catch((e) => {
        this.inflight = false;
        this.fail('crash', e);
      });
  }

  /** True while the engine still has work before the end of what is scheduled. */
  get computing(): boolean {
    return !this.capped && (!this.status.quiet || this.status.events > this.received || (this.catchUpTo ?? 0) > this.status.now);
  }

  /** A live action (a line typed in a terminal, a file saved, a mail sent) at virtual time `at`. */
  async act(step: LiveStep, at: number): Promise<number | undefined> {
    const client = this.client;
    if (!client) return undefined;
    try {
      const r = await client.call('act', step, at);
      this.acts.push({ ...step, at: r.at } as ScriptStep);
      this.acted++;
      this.status = r.status;
      return r.at;
    } catch (e) {
      this.fail('action', e);
      return undefined;
    }
  }

  /** A file on a host as it is now. */
  readFile(host: string, path: string): Promise<string | undefined> {
    return this.ask((c) => c.call('readFile', host, path));
  }

  checkFile(host: string, path: string, text: string, zoneOrigin?: string): Promise<FileCheck> {
    return this.ask((c) => c.call('checkFile', host, path, text, zoneOrigin));
  }

  validate(scenario: Scenario): Promise<ValidationIssue[]> {
    return this.ask((c) => c.call('validate', $state.snapshot(scenario) as Scenario));
  }

  /** Lesson checks against the engine now; undefined when there is no engine to ask (never an error banner). */
  async checkSteps(checks: LessonCheck[]): Promise<StepChecks | undefined> {
    if (!this.client || !this.info || this.error?.kind === 'crash') return undefined;
    return this.client.call('checkSteps', checks).catch(() => undefined);
  }

  machines(): Promise<Record<string, MachineGraph>> {
    return this.ask((c) => c.call('machines'));
  }

  /** Errors of these questions are shown, then passed on to the caller. */
  private async ask<T>(fn: (client: SimClient) => Promise<T>): Promise<T> {
    try {
      return await fn(this.ensureClient());
    } catch (e) {
      this.fail('action', e);
      throw e;
    }
  }

  /** The scenario with the live actions so far (what a reload replays). */
  recording(): Scenario | undefined {
    if (!this.scenario) return undefined;
    return { ...this.scenario, script: [...(this.scenario.script ?? []), ...this.acts] };
  }

  /** The live actions taken since the scenario was loaded. */
  get actions(): readonly ScriptStep[] {
    return this.acts;
  }

  /**
   * Loads `base` with live actions taken earlier (autosaved work): they replay from the script,
   * and stay the session's actions, so the scenario shown and shared is still `base` plus them.
   */
  async restore(base: Scenario, actions: ScriptStep[], options: { pace?: PaceMode } = {}): Promise<boolean> {
    this.acts = [...actions];
    const ok = await this.load({ ...base, script: [...(base.script ?? []), ...actions] }, { keepActs: true, ...options });
    if (ok) {
      this.scenario = base;
      this.acted++;
    } else {
      this.acts = [];
    }
    return ok;
  }

  /** After a crash: a new worker, the scenario and the recorded actions replayed. */
  async reload(): Promise<boolean> {
    const scenario = this.recording();
    const now = this.status.now;
    this.client?.terminate();
    this.client = undefined;
    this.error = undefined;
    if (!scenario) return false;
    const base = this.scenario!;
    const ok = await this.load(scenario, { keepActs: true });
    // The recorded actions are now part of the script; the session's scenario stays the lesson.
    if (ok) {
      this.scenario = base;
      this.catchUpTo = now;
    }
    return ok;
  }

  dismissError(): void {
    if (this.error?.kind !== 'crash') this.error = undefined;
  }

  /** Rebuilds presentation times (the pace setting changed). */
  setPace(mode: PaceMode): void {
    this.pace.rebuild(this.index.events, mode);
    this.version++;
  }

  /** Test hook: the worker dies (see App's #e2e hook). */
  crashForTest(): void {
    this.client?.call('crashForTest').catch(() => undefined);
  }

  dispose(): void {
    this.client?.terminate();
    this.client = undefined;
  }

  private ensureClient(): SimClient {
    if (!this.client) this.client = startSimClient((message) => (this.error = { kind: 'crash', message }));
    return this.client;
  }

  private fail(kind: SessionError['kind'], e: unknown): void {
    const message = e instanceof Error ? e.message : String(e);
    console.warn(`mailsim: ${kind}: ${message}`);
    if (this.error?.kind === 'crash') return;
    this.error = { kind, message };
  }
}
