import { describe, expect, it } from 'vitest';
import { MAX_GAP, PaceMap, dwellOf } from '../../src/ui/model/pacing';
import { runLesson } from './helpers';

describe('presentation time', () => {
  const { events } = runLesson();

  it('gives every moving event its dwell and never goes back', () => {
    const pace = new PaceMap('story');
    pace.append(events);
    for (let i = 1; i < events.length; i++) {
      const gap = pace.pOf(i) - pace.pOf(i - 1);
      expect(gap).toBeGreaterThanOrEqual(dwellOf(events[i]));
      expect(gap).toBeLessThanOrEqual(Math.max(MAX_GAP, dwellOf(events[i]), events[i].t - events[i - 1].t));
    }
    // The whole lesson fits in a classroom minute, and the 4 ms inside Postfix becomes seconds.
    expect(pace.end).toBeGreaterThan(15_000);
    expect(pace.end).toBeLessThan(60_000);
  });

  it('maps the playhead to events and simulated time', () => {
    const pace = new PaceMap('story');
    pace.append(events);
    expect(pace.countAt(-1)).toBe(0);
    expect(pace.countAt(0)).toBe(events.filter((_, i) => pace.pOf(i) === 0).length);
    expect(pace.countAt(pace.end)).toBe(events.length);
    const mid = Math.floor(events.length / 2);
    expect(pace.countAt(pace.pOf(mid))).toBeGreaterThan(mid);
    expect(pace.timeAt(pace.pOf(mid))).toBe(events[mid].t);
    expect(pace.timeAt(pace.end + 5000)).toBe(events[events.length - 1].t + 5000);
    expect(pace.pAtTime(events[mid].t)).toBeLessThanOrEqual(pace.pOf(mid));
  });

  it('steps from one moving event to the next and back', () => {
    const pace = new PaceMap('story');
    pace.append(events);
    const stops: number[] = [];
    for (let p: number | undefined = 0; p !== undefined; p = pace.nextStop(p)) stops.push(p);
    expect(stops.length).toBeGreaterThan(20);
    for (let i = stops.length - 1; i > 1; i--) expect(pace.prevStop(stops[i])).toBe(stops[i - 1]);
  });

  it('keeps simulated time in real pace', () => {
    const pace = new PaceMap('real');
    pace.append(events);
    expect(pace.end).toBe(events[events.length - 1].t);
  });

  it('never places a live event behind the playhead', () => {
    const pace = new PaceMap('story');
    pace.append(events.slice(0, 10));
    const floor = pace.end + 10_000;
    pace.append(events.slice(10, 12), floor);
    expect(pace.pOf(10)).toBeGreaterThanOrEqual(floor);
  });
});
