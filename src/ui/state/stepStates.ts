/**
 * A lesson step's state at the playhead, from its latest check: done, done further on in the
 * timeline (the engine has computed it, the class has not watched it yet), or still to do.
 */
import type { CheckResult } from '../../worker/protocol';

export type StepState = 'done' | 'later' | 'todo';

export interface StepResult {
  pass: boolean;
  detail: string;
  why?: CheckResult['why'];
  /** Trace events when the pass was first seen: the step is done from there on. */
  passedAt?: number;
}

export function stepStates(count: number, results: readonly StepResult[], shown: number): StepState[] {
  const out: StepState[] = [];
  for (let i = 0; i < count; i++) {
    const r = results[i];
    out.push(!r?.pass ? 'todo' : (r.passedAt ?? 0) <= shown ? 'done' : 'later');
  }
  return out;
}

/** The step to work on: the first one not done (the last when all are). */
export function currentStep(states: readonly StepState[]): number {
  const i = states.findIndex((s) => s !== 'done');
  return i < 0 ? Math.max(0, states.length - 1) : i;
}
