/**
 * Lesson checks through the worker's API, as the steps panel asks for them: evaluated against
 * the engine in the worker, failing with a reason the page can translate, passing once the
 * student's actions have run, and stamped with the trace position they were evaluated at.
 */
import { describe, expect, it } from 'vitest';
import { lessonById } from '../../src/lessons';
import '../../src/sim/engine';
import { SimService } from '../../src/worker/simService';

describe('SimService.checkSteps', () => {
  it('fails before the solution with a translatable reason, passes after it', () => {
    const lesson = lessonById('relay')!;
    const service = new SimService();
    expect(service.load(structuredClone(lesson.scenario)).ok).toBe(true);
    service.tick({ from: 0, run: 'quiet', budget: 1_000_000 });
    const checks = lesson.steps.map((s) => s.check);
    const before = service.checkSteps(checks);
    expect(before.results.map((r) => r.pass)).toEqual([false, false]);
    expect(before.results[0].why).toEqual({ key: 'stillAccepts', args: { host: 'mail.example.com', recipient: 'carol@example.net', client: '10.0.0.8' } });
    expect(before.events).toBeGreaterThan(0);

    let at = service.tick({ from: 0, max: 0 }).status.now + 1000;
    for (const action of lesson.steps[0].solution) {
      service.act(action, at);
      service.tick({ from: 0, max: 0, run: 'quiet', budget: 1_000_000 });
      at += 3000;
    }
    const after = service.checkSteps(checks);
    expect(after.results[0]).toEqual({ pass: true, detail: 'done' });
    expect(after.results[1].pass).toBe(false);
    expect(after.events).toBeGreaterThan(before.events);
  });

  it('answers a check on a host that does not exist with a reason, not an exception', () => {
    const service = new SimService();
    service.load(structuredClone(lessonById('telnet')!.scenario));
    const r = service.checkSteps([{ kind: 'log', host: 'nowhere.example', matches: 'x' }]);
    expect(r.results[0]).toMatchObject({ pass: false, why: { key: 'noHost', args: { host: 'nowhere.example' } } });
  });
});
