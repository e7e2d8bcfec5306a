/**
 * Scrubbing: a 10,000-message run of the default lesson, folded by the UI's projection (the
 * trace index plus checkpoints every 2,048 events), then the state rebuilt at many arbitrary
 * points in a scrambled order — what dragging the timeline back and forth asks for.
 */
import { DEFAULT_LESSON } from '../src/lessons/defaultLesson';
import { Engine } from '../src/sim/engine';
import { Projector } from '../src/sim/projection/projector';
import { TraceIndex } from '../src/sim/projection/traceIndex';
import type { Scenario } from '../src/sim/scenario/schema';

/** The default lesson with `n` extra messages sent from the workstation, 40 ms apart. */
export function bulkLesson(n: number, spacingMs = 40): Scenario {
  const s = structuredClone(DEFAULT_LESSON);
  s.title = `${n} messages`;
  s.script = Array.from({ length: n }, (_, i) => ({
    at: 1000 + i * spacingMs,
    host: 'ws.example.com',
    action: 'send' as const,
    from: 'student@ws.example.com',
    to: [i % 3 === 0 ? 'alice@example.com' : 'staff@example.com'],
    subject: `message ${i}`,
    body: 'hello',
    server: 'mail.example.com',
  }));
  return s;
}

export interface ScrubFigure {
  messages: number;
  events: number;
  /** Engine time for the whole run (Node). */
  runMs: number;
  /** Folding the whole trace once, taking every checkpoint (the page does this in the background). */
  checkpointsMs: number;
  checkpoints: number;
  seeks: number;
  /** Rebuilding the state at one point: the slowest and the median of `seeks` jumps. */
  worstMs: number;
  medianMs: number;
}

export function scrubRun(messages = 10_000, seeks = 400): ScrubFigure {
  let t0 = performance.now();
  const engine = new Engine(bulkLesson(messages));
  engine.runUntilQuiet(100_000_000);
  const runMs = performance.now() - t0;
  const events = engine.world.trace.events;
  const index = new TraceIndex();
  for (let i = 0; i < events.length; i += 5000) index.append(events.slice(i, i + 5000));
  const projector = new Projector(index);
  t0 = performance.now();
  projector.buildAhead(Infinity);
  const checkpointsMs = performance.now() - t0;
  // Arbitrary points in a scrambled but reproducible order (a multiplicative walk over the run).
  const times: number[] = [];
  let x = 12345;
  for (let i = 0; i < seeks; i++) {
    x = (x * 48271) % 2147483647;
    const n = x % (index.size + 1);
    const s0 = performance.now();
    const state = projector.at(n);
    const dt = performance.now() - s0;
    if (state.n !== n) throw new Error(`projection at ${n} gave ${state.n}`);
    times.push(dt);
  }
  times.sort((a, b) => a - b);
  return {
    messages,
    events: index.size,
    runMs,
    checkpointsMs,
    checkpoints: projector.checkpointCount,
    seeks,
    worstMs: times[times.length - 1],
    medianMs: times[Math.floor(times.length / 2)],
  };
}
