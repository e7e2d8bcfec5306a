/**
 * Engine figures: full deliveries per second (a scripted SMTP client -> smtpd -> cleanup ->
 * queues -> qmgr -> local -> mailbox), the engine's XState transitions per second, a bare XState
 * reference (six small machines driven by the same event loop), and heap per queued message.
 */
import { createActor, setup } from 'xstate';
import { ScriptedConversation, type PlanStep } from '../src/sim/clients/scriptedConversation';
import { Scheduler } from '../src/sim/core/scheduler';
import { countTransitions } from '../src/sim/core/actors';
import type { Scenario } from '../src/sim/scenario/schema';
import { postfixOf } from '../src/sim/services';
import { World } from '../src/sim/world';
import '../src/sim/modules';

const BENCH_SCENARIO: Scenario = {
  version: 2,
  seed: 1,
  hosts: [
    {
      name: 'mail.example.com',
      addresses: ['192.168.1.1/24'],
      accounts: ['bench'],
      main_cf: { alias_maps: 'hash:/etc/aliases', compatibility_level: '3.6', mynetworks_style: 'subnet', inet_protocols: 'ipv4', smtpd_client_event_limit_exceptions: '' },
    },
    { name: 'source.example.com', addresses: ['192.168.1.50/24'] },
  ],
};

const PLAN: PlanStep[] = [
  { lines: ['HELO source.example.com'], awaitReply: true, delayMs: 0 },
  { lines: ['MAIL FROM:<source@example.com>'], awaitReply: true, delayMs: 0 },
  { lines: ['RCPT TO:<bench@mail.example.com>'], awaitReply: true, delayMs: 0 },
  { lines: ['DATA'], awaitReply: true, delayMs: 0 },
  { lines: ['Subject: benchmark', '', 'A line of text.', 'Another line.', '.'], awaitReply: true, delayMs: 0 },
  { lines: ['QUIT'], awaitReply: true, delayMs: 0 },
];

export interface DeliveryFigure {
  concurrent: number;
  deliveries: number;
  seconds: number;
  perSec: number;
  transitions: number;
}

/** Runs `total` messages with `concurrent` sessions at a time; counts transitions when asked. */
export function deliveryRun(concurrent: number, total: number, count = false): DeliveryFigure {
  // Counting starts before the world is built: qmgr's and the delivery agents' actors are
  // created with it, and their transitions are the engine's as much as smtpd's.
  const counter = count ? countTransitions() : undefined;
  const world = new World(BENCH_SCENARIO);
  world.trace.keep = false;
  let delivered = 0;
  world.trace.subscribe((e) => {
    if (e.kind === 'delivery' && e.status === 'sent') delivered++;
  });
  let started = 0;
  const startOne = () => {
    if (started >= total) return;
    started++;
    new ScriptedConversation(world, { from: 'source.example.com', to: '192.168.1.1', port: 25, plan: PLAN, onEnd: startOne });
  };
  const t0 = performance.now();
  for (let i = 0; i < Math.min(concurrent, total); i++) startOne();
  world.runUntilQuiet(50_000_000);
  const seconds = (performance.now() - t0) / 1000;
  const transitions = counter?.stop() ?? 0;
  return { concurrent, deliveries: delivered, seconds, perSec: delivered / seconds, transitions };
}

/** Six small machines in a ring, each passing the event on through the scheduler. */
export function referenceTransitionsPerSec(events = 300_000): number {
  const scheduler = new Scheduler();
  const actors: { send(e: { type: 'E' }): void }[] = [];
  let done = 0;
  const machine = (next: () => void) =>
    setup({ actions: { pass: () => next() } }).createMachine({
      initial: 'a',
      states: { a: { on: { E: { target: 'b', actions: 'pass' } } }, b: { on: { E: { target: 'a', actions: 'pass' } } } },
    });
  for (let i = 0; i < 6; i++) {
    const actor = createActor(
      machine(() => {
        done++;
        if (done < events) scheduler.after(0, () => actors[(i + 1) % 6].send({ type: 'E' }));
      }),
    );
    actor.start();
    actors.push(actor);
  }
  const t0 = performance.now();
  actors[0].send({ type: 'E' });
  scheduler.runUntilQuiet(events * 2);
  return done / ((performance.now() - t0) / 1000);
}

/** Heap bytes per message sitting in the queue (qmgr stopped), measured with 100,000 of them. */
export function heapPerQueuedMessage(messages = 100_000): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  const world = new World(BENCH_SCENARIO);
  world.trace.keep = false;
  const postfix = postfixOf(world.host('mail.example.com')!)!;
  postfix.stop();
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const text = 'Received: from source.example.com (unknown [192.168.1.50])\n\tby mail.example.com (Postfix) with SMTP id X\nSubject: benchmark\n\nA line of text.\n';
  for (let i = 0; i < messages; i++) {
    postfix.submit({ sender: 'source@example.com', recipients: [{ address: 'bench@mail.example.com', original: 'bench@mail.example.com' }], text, rewriteLocal: false, origin: 'smtp' });
  }
  gc?.();
  const after = process.memoryUsage().heapUsed;
  if (postfix.queue.size !== messages) throw new Error(`expected ${messages} queued, found ${postfix.queue.size}`);
  return (after - before) / messages;
}
