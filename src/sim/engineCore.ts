/**
 * The engine as the app and the tests drive it: a world built from a scenario, its script
 * scheduled, virtual time advanced on request, the trace read in batches, terminals on hosts.
 * Everything a user does live (typing in a terminal, saving a file, switching a host off) is
 * recorded as a script step, so the scenario plus its recorded steps replays the same trace.
 *
 * This file loads no service modules: engine.ts loads them all (Node), the worker loads them
 * as a scenario needs them (see moduleLoader.ts), so the first page load stays small.
 */
import type { TraceEvent } from './core/trace';
import type { LiveAction, Scenario, ScriptStep } from './scenario/schema';
import { ScriptRunner } from './script/scriptRunner';
import { Terminal } from './shell/terminal';
import { World } from './world';

export interface EngineStatus {
  /** Virtual ms now. */
  now: number;
  /** Number of trace events so far. */
  events: number;
  /** Nothing is in flight: only background timers (deferred-queue scans) are waiting. */
  quiet: boolean;
  /** When the next scheduled thing happens, if anything is scheduled. */
  nextAt?: number;
}

export class Engine {
  readonly world: World;
  private readonly runner: ScriptRunner;
  private readonly terminals = new Map<string, Terminal>();
  /** Steps recorded from live use, in the order they happened. */
  readonly recorded: ScriptStep[] = [];

  constructor(readonly scenario: Scenario) {
    this.world = new World(scenario);
    this.runner = new ScriptRunner(this.world, { shell: (host, id, line) => this.terminal(host.name, id).input(line) });
    this.runner.schedule(scenario.script ?? []);
  }

  get now(): number {
    return this.world.scheduler.now;
  }

  status(): EngineStatus {
    const s = this.world.scheduler;
    return { now: s.now, events: this.world.trace.size, quiet: !s.busy, nextAt: s.nextTime() };
  }

  /** Runs everything due up to virtual time `t` (and sets the clock to `t`). */
  advanceTo(t: number, maxSteps = 1_000_000): void {
    this.world.scheduler.runUntil(t, maxSteps);
  }

  /** Runs until nothing but background timers is left. */
  runUntilQuiet(maxSteps?: number): void {
    this.world.runUntilQuiet(maxSteps);
  }

  /** Trace events from position `from`, at most `max` of them. */
  events(from: number, max = 5000): TraceEvent[] {
    return this.world.trace.events.slice(from, from + max);
  }

  /** The terminal `id` on a host, opened on first use. */
  terminal(hostName: string, id = 1): Terminal {
    const host = this.world.host(hostName);
    if (!host) throw new Error(`no host ${hostName}`);
    const key = `${host.name}#${id}`;
    let t = this.terminals.get(key);
    if (!t) {
      t = new Terminal(this.world, host, id);
      this.terminals.set(key, t);
    }
    return t;
  }

  /** A live action at the current time: recorded, then run. */
  act(step: LiveAction): void {
    const full = { ...step, at: this.now } as ScriptStep;
    this.recorded.push(full);
    this.runner.run(full);
  }

  /** The scenario with the live actions appended to its script: what a shared link carries. */
  scenarioWithRecording(): Scenario {
    return { ...this.scenario, script: [...(this.scenario.script ?? []), ...this.recorded] };
  }
}
