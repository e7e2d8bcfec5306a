/**
 * The lesson being taught and how far the class has got: each step's check is evaluated by the
 * engine in the worker (never by looking at the page), again whenever the simulation moves. A
 * pass is stamped with the trace position it was seen at, so stepping back in the timeline shows
 * the step as "happens later" instead of done — the panel always tells the state at the playhead.
 */
import { lessonById } from '../../lessons';
import type { Lesson } from '../../lessons/types';
import type { CheckResult } from '../../worker/protocol';
import { stepStates, type StepResult, type StepState } from './stepStates';
import type { Session } from './session.svelte';

/** How often checks run while the class watches (ms), and while the engine is still computing. */
const CHECK_INTERVAL = 400;
const CHECK_INTERVAL_COMPUTING = 2500;

export class LessonProgress {
  /** The built-in lesson the scenario started from (undefined: an imported or hand-built scenario). */
  id = $state<string | undefined>(undefined);
  /** One result per step, from the latest evaluation (empty until the first one). */
  results = $state.raw<StepResult[]>([]);
  private timer?: ReturnType<typeof setTimeout>;
  private running = false;
  private again = false;
  private lastRun = 0;
  private generation = -1;

  constructor(private readonly session: Session) {}

  get lesson(): Lesson | undefined {
    return this.id ? lessonById(this.id) : undefined;
  }

  set(id: string | undefined): void {
    this.id = id && lessonById(id) ? id : undefined;
    this.results = [];
    this.schedule();
  }

  /** Each step's state at the playhead (`shown` events on screen). */
  states(shown: number): StepState[] {
    return stepStates(this.lesson?.steps.length ?? 0, this.results, shown);
  }

  /** Asks for a check soon: at most every CHECK_INTERVAL, the last request always honoured. */
  schedule(): void {
    if (!this.lesson) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) return;
    const interval = this.session.computing ? CHECK_INTERVAL_COMPUTING : CHECK_INTERVAL;
    const wait = Math.max(0, this.lastRun + interval - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, wait);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async run(): Promise<void> {
    const lesson = this.lesson;
    if (!lesson) return;
    this.running = true;
    this.lastRun = Date.now();
    const generation = this.session.generation;
    if (generation !== this.generation) {
      this.generation = generation;
      this.results = [];
    }
    const answer = await this.session.checkSteps(lesson.steps.map((s) => s.check));
    this.running = false;
    if (answer && this.lesson === lesson && this.session.generation === generation) {
      this.results = answer.results.map((r, i) => merge(this.results[i], r, answer.events));
    }
    if (this.again) {
      this.again = false;
      this.schedule();
    }
  }
}

/** A pass keeps the position it was first seen at; a failure (the student undid it) clears it. */
function merge(previous: StepResult | undefined, result: CheckResult, events: number): StepResult {
  if (!result.pass) return { pass: false, detail: result.detail, why: result.why };
  return { pass: true, detail: result.detail, passedAt: previous?.pass ? previous.passedAt : events };
}
