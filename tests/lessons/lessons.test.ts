/**
 * Every lesson's steps, in order: the step's check fails before the student's work and passes
 * once the intended solution has been applied — typed in terminals, files saved, mail sent —
 * in a real engine, the same the app runs.
 */
import { describe, expect, it } from 'vitest';
import { evaluateCheck } from '../../src/lessons/evaluate';
import { LESSONS } from '../../src/lessons';
import { validateScenario } from '../../src/sim/scenario/validate';
import { Engine } from '../../src/sim/engine';

/** Virtual ms between two actions of a solution: enough for a server to answer a typed line. */
const PAUSE_MS = 3000;

function settle(engine: Engine): void {
  engine.runUntilQuiet(2_000_000);
  engine.advanceTo(engine.now + PAUSE_MS);
  engine.runUntilQuiet(2_000_000);
}

describe.each(LESSONS.map((l) => [l.id, l] as const))('lesson %s', (_id, lesson) => {
  it('has a valid scenario and texts in both languages', () => {
    const v = validateScenario(lesson.scenario);
    expect(v.issues.filter((i) => i.severity === 'error')).toEqual([]);
    for (const t of [lesson.title, lesson.summary, ...lesson.steps.map((s) => s.text)]) {
      expect(t.en.length).toBeGreaterThan(5);
      expect(t['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('checks each step: failing before the solution, passing after it', () => {
    const engine = new Engine(lesson.scenario);
    for (const step of lesson.steps) {
      const before = evaluateCheck(engine, step.check);
      expect(before.pass, `step ${step.id} passes before the solution`).toBe(false);
      for (const action of step.solution) {
        engine.act(action);
        settle(engine);
      }
      settle(engine);
      const after = evaluateCheck(engine, step.check);
      expect(after, `step ${step.id}`).toEqual({ pass: true, detail: 'done' });
    }
  });
});
