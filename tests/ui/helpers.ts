/** Shared test helpers: the default lesson run through the worker's service, in Node. */
import { DEFAULT_LESSON } from '../../src/lessons/defaultLesson';
import type { TraceEvent } from '../../src/sim/core/trace';
import { TraceIndex } from '../../src/sim/projection/traceIndex';
import type { MailboxDelta } from '../../src/sim/projection/mailboxDelta';
import '../../src/sim/engine';
import { SimService } from '../../src/worker/simService';

export function runLesson(scenario: unknown = DEFAULT_LESSON): { service: SimService; events: TraceEvent[]; deltas: MailboxDelta[]; index: TraceIndex } {
  const service = new SimService();
  const loaded = service.load(scenario);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  const events: TraceEvent[] = [];
  const deltas: MailboxDelta[] = [...(loaded.mailboxes ?? [])];
  for (;;) {
    const r = service.tick({ run: 'quiet', from: events.length, budget: 1000, max: 7 });
    events.push(...r.events);
    deltas.push(...r.mailboxes);
    if (r.done && r.events.length === 0) break;
  }
  const index = new TraceIndex();
  index.append(events, deltas);
  return { service, events, deltas, index };
}

/**
 * A long synthetic trace: the default lesson's events repeated `copies` times with fresh queue
 * ids, connection numbers, sequence numbers and times — a 10,000-message run without waiting
 * for the engine to produce it.
 */
export function repeatTrace(events: readonly TraceEvent[], copies: number, spacingMs = 50): TraceEvent[] {
  const out: TraceEvent[] = [];
  const span = events[events.length - 1].t;
  for (let c = 0; c < copies; c++) {
    const shift = c * spacingMs;
    const suffix = c.toString(36).toUpperCase();
    for (const e of events) {
      const copy = { ...e, t: e.t + shift + (span * 0) } as TraceEvent & Record<string, unknown>;
      if ('queueId' in copy && typeof copy.queueId === 'string') copy.queueId = `${copy.queueId}${suffix}`;
      if ('conn' in copy && typeof copy.conn === 'number') copy.conn = copy.conn + c * 10;
      if (copy.kind === 'conn.data') copy.lines = copy.lines.map((l: string) => l.replace(/queued as (\w+)/, `queued as $1${suffix}`));
      out.push(copy);
    }
  }
  out.sort((a, b) => a.t - b.t);
  out.forEach((e, i) => ((e as { seq: number }).seq = i));
  return out;
}
