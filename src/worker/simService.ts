/**
 * The engine behind the worker boundary: one Engine at a time, driven by the page in small
 * budgeted slices (so the worker answers quickly even during a 10,000-message run), with the
 * trace handed out in batches. Pure TypeScript over the engine — the tests drive it in Node.
 * It loads no service modules itself: the worker (workerApi.ts) loads what a scenario needs,
 * Node code imports sim/engine.ts, which loads everything.
 */
import { evaluateCheck } from '../lessons/evaluate';
import type { LessonCheck } from '../lessons/types';
import { Engine } from '../sim/engineCore';
import { checkConfigFile } from '../sim/introspect/fileCheck';
import { MailboxWatch } from '../sim/introspect/mailboxWatch';
import { worldInfo } from '../sim/introspect/worldInfo';
import type { MailboxDelta } from '../sim/projection/mailboxDelta';
import { validateScenario } from '../sim/scenario/validate';
import type { ActResult, LiveStep, LoadResult, SimApi, StepChecks, TickRequest, TickResult } from './protocol';

const DEFAULT_BUDGET = 20_000;
const DEFAULT_MAX = 20_000;

export class SimService implements Omit<SimApi, 'machines'> {
  private engine?: Engine;
  private watch?: MailboxWatch;
  /** Deltas not yet sent (their events have not been sent yet). */
  private deltas: MailboxDelta[] = [];

  load(input: unknown): LoadResult {
    const { scenario, issues } = validateScenario(input);
    if (!scenario || issues.some((i) => i.severity === 'error')) return { ok: false, issues };
    this.watch?.dispose();
    this.engine = new Engine(scenario);
    this.watch = new MailboxWatch(this.engine.world);
    this.deltas = [];
    const engine = this.engine;
    const info = worldInfo(engine.world, (host) => engine.terminal(host.name, 1).prompt);
    return { ok: true, issues, info, mailboxes: this.watch.initial() };
  }

  tick(request: TickRequest): TickResult {
    const engine = this.need();
    const budget = request.budget ?? DEFAULT_BUDGET;
    let done = true;
    if (request.run === 'quiet') {
      engine.runUntilQuiet(budget);
      done = engine.status().quiet;
    } else if (typeof request.run === 'number') {
      engine.advanceTo(request.run, budget);
      done = engine.now >= request.run;
    }
    const events = engine.events(request.from, request.max ?? DEFAULT_MAX);
    this.deltas.push(...this.watch!.take());
    const limit = request.from + events.length;
    const ready = this.deltas.filter((d) => d.seq < limit);
    this.deltas = this.deltas.filter((d) => d.seq >= limit);
    return { status: engine.status(), events, mailboxes: ready, done };
  }

  act(step: LiveStep, at: number): ActResult {
    const engine = this.need();
    if (at > engine.now) engine.advanceTo(at);
    const when = engine.now;
    engine.act(step);
    return { at: when, status: engine.status() };
  }

  interrupt(host: string, terminal: number, at: number) {
    const engine = this.need();
    if (at > engine.now) engine.advanceTo(at);
    engine.terminal(host, terminal).interrupt();
    return engine.status();
  }

  readFile(host: string, path: string): string | undefined {
    return this.need().world.host(host)?.fs.read(path);
  }

  checkFile(host: string, path: string, text: string, zoneOrigin?: string) {
    return checkConfigFile(path, text, { hostname: host, ...(zoneOrigin !== undefined ? { zoneOrigin } : {}) });
  }

  validate(scenario: unknown) {
    return validateScenario(scenario).issues;
  }

  checkSteps(checks: LessonCheck[]): StepChecks {
    const engine = this.need();
    return { results: checks.map((check) => evaluateCheck(engine, check)), events: engine.status().events };
  }

  recording() {
    return this.engine?.scenarioWithRecording();
  }

  /** For the end-to-end test of crash recovery: the worker dies as from a bug in the engine. */
  crashForTest(): void {
    setTimeout(() => {
      throw new Error('mailsim test crash');
    }, 0);
  }

  private need(): Engine {
    if (!this.engine) throw new Error('no scenario loaded');
    return this.engine;
  }
}
