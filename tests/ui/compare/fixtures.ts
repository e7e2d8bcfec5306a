/** The relay lesson as A, and B with the laptop's 10.0.0.0/8 taken out of mynetworks (both run in Node). */
import { RELAY_LESSON } from '../../../src/lessons/library/relay';
import type { Scenario } from '../../../src/sim/scenario/schema';
import { runLesson } from '../helpers';

export const RELAY_A: Scenario = RELAY_LESSON.scenario;

export const RELAY_B: Scenario = (() => {
  const b = structuredClone(RELAY_A);
  (b.hosts[0].main_cf as Record<string, string>).mynetworks = '127.0.0.0/8, 192.168.1.0/24';
  return b;
})();

let cached: { a: ReturnType<typeof runLesson>; b: ReturnType<typeof runLesson> } | undefined;

export function relayRuns() {
  cached ??= { a: runLesson(RELAY_A), b: runLesson(RELAY_B) };
  return cached;
}
