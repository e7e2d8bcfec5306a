/**
 * A shared position is a virtual time (p depends on the pace setting of each page): pOfTime is
 * the inverse of timeAt, so that a link opened in either pace shows the same clock.
 */
import { describe, expect, it } from 'vitest';
import { PaceMap } from '../../src/ui/model/pacing';
import { runLesson } from './helpers';

describe('pOfTime', () => {
  const { events } = runLesson();

  it.each(['story', 'real'] as const)('gives back the clock it was asked for (%s pace)', (mode) => {
    const pace = new PaceMap(mode);
    pace.append(events);
    for (const p of [0, 1, 350, pace.end / 3, pace.end / 2, pace.end * 0.9, pace.end]) {
      const t = pace.timeAt(p);
      expect(pace.timeAt(pace.pOfTime(t))).toBeCloseTo(t, 6);
    }
  });

  it('lands after every event of a burst that shares the time, and past the end on the live clock', () => {
    const pace = new PaceMap('story');
    pace.append(events);
    const i = events.findIndex((e, k) => k > 0 && e.t === events[k - 1].t);
    const t = events[i].t;
    let last = i;
    while (last + 1 < events.length && events[last + 1].t === t) last++;
    expect(pace.countAt(pace.pOfTime(t))).toBe(last + 1);
    expect(pace.pOfTime(pace.endTime + 1000)).toBe(pace.end + 1000);
    expect(new PaceMap().pOfTime(1234)).toBe(1234);
  });
});
