import { describe, expect, it } from 'vitest';
import { PaceMap } from '../../../src/ui/model/pacing';
import { compareRuns } from '../../../src/ui/compare/compareDiff';
import { Lockstep } from '../../../src/ui/compare/lockstep';
import { relayRuns } from './fixtures';

function full(mode: 'story' | 'real' = 'story') {
  const { a, b } = relayRuns();
  const lockstep = new Lockstep(mode);
  lockstep.extend(a.events, true, b.events, true);
  return { a, b, lockstep };
}

describe('Lockstep: two runs on one timeline', () => {
  it('walks two equal runs together, one event of each per step', () => {
    const { a } = relayRuns();
    const lockstep = new Lockstep('story');
    lockstep.extend(a.events, true, a.events, true);
    expect(lockstep.size).toBe(a.events.length);
    expect(lockstep.na).toEqual(lockstep.nb);
    // The same presentation times as the classroom's pace map.
    const pace = new PaceMap('story');
    pace.append(a.events);
    expect(lockstep.ps).toEqual(a.events.map((e) => pace.pOf(e.seq)));
  });

  it('shows where the runs diverge at one step: 250 in A next to 454 in B', () => {
    const { a, b, lockstep } = full();
    const [rcpt] = compareRuns(a.index, b.index).replies;
    const step = lockstep.stepOf('a', rcpt.at.a!);
    expect(step).toBeDefined();
    expect(lockstep.stepOf('b', rcpt.at.b!)).toBe(step);
    const p = lockstep.pOfStep(step!);
    // (Events of no duration right after them share the step's time.)
    expect(lockstep.shown('a', p)).toBeGreaterThan(rcpt.at.a!);
    expect(lockstep.shown('b', p)).toBeGreaterThan(rcpt.at.b!);
    // Just before, neither reply is there.
    expect(lockstep.shown('a', p - 1)).toBeLessThanOrEqual(rcpt.at.a!);
    expect(lockstep.shown('b', p - 1)).toBeLessThanOrEqual(rcpt.at.b!);
  });

  it('keeps virtual time in step: both sides show what happened up to the same instant', () => {
    const { a, b, lockstep } = full();
    for (let k = 0; k < lockstep.size; k++) {
      const t = lockstep.ts[k];
      const na = lockstep.na[k];
      const nb = lockstep.nb[k];
      if (na > 0) expect(a.events[na - 1].t).toBeLessThanOrEqual(t);
      if (nb > 0) expect(b.events[nb - 1].t).toBeLessThanOrEqual(t);
      if (na < a.events.length) expect(a.events[na].t).toBeGreaterThanOrEqual(t);
      if (nb < b.events.length) expect(b.events[nb].t).toBeGreaterThanOrEqual(t);
    }
    expect(lockstep.na.at(-1)).toBe(a.events.length);
    expect(lockstep.nb.at(-1)).toBe(b.events.length);
  });

  it('gives the same steps when the events arrive in small batches', () => {
    const { a, b, lockstep: whole } = full();
    const parts = new Lockstep('story');
    for (let i = 1; i <= Math.max(a.events.length, b.events.length); i += 7) {
      const ea = a.events.slice(0, i * 2);
      const eb = b.events.slice(0, i);
      parts.extend(ea, ea.length === a.events.length, eb, eb.length === b.events.length);
      // Nothing is merged past what both sides are sure of.
      const { a: ma, b: mb } = parts.merged;
      expect(ma).toBeLessThanOrEqual(ea.length);
      expect(mb).toBeLessThanOrEqual(eb.length);
    }
    parts.extend(a.events, true, b.events, true);
    expect(parts.ps).toEqual(whole.ps);
    expect(parts.na).toEqual(whole.na);
    expect(parts.nb).toEqual(whole.nb);
  });

  it('waits for a side that is still computing', () => {
    const { a, b } = relayRuns();
    const lockstep = new Lockstep('story');
    expect(lockstep.extend(a.events, true, [], false)).toBe(0);
    expect(lockstep.extend(a.events, true, b.events, true)).toBeGreaterThan(0);
  });

  it('maps the shared playhead onto each side’s own pace, exactly at its events', () => {
    const { a, b, lockstep } = full();
    const pace = new PaceMap('story');
    pace.append(b.events);
    let last = -1;
    for (let p = 0; p <= lockstep.end; p += 37) {
      const local = lockstep.localP('b', p, pace);
      expect(local).toBeGreaterThanOrEqual(last);
      last = local;
    }
    for (let k = 0; k < lockstep.size; k++) {
      const n = lockstep.nb[k];
      if (n > 0) expect(lockstep.localP('b', lockstep.ps[k], pace)).toBe(pace.pOf(n - 1));
    }
    expect(a.events.length).toBeGreaterThan(b.events.length);
  });

  it('steps forward and back between steps that move something; real pace uses virtual time', () => {
    const { lockstep } = full();
    const first = lockstep.nextStop(0)!;
    expect(first).toBeGreaterThan(0);
    const second = lockstep.nextStop(first)!;
    expect(second).toBeGreaterThan(first);
    expect(lockstep.prevStop(second)).toBe(first);
    expect(lockstep.prevStop(first)).toBe(0);
    const real = full('real').lockstep;
    expect(real.end).toBe(real.ts.at(-1));
    expect(real.timeAt(real.end / 2)).toBeCloseTo(real.end / 2, 5);
  });
});
