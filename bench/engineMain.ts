/**
 * The engine's figures, measured in one Node process (bench/run.ts starts it with --expose-gc,
 * from a bundle built the way the site is built): prints one JSON object on stdout.
 *
 * Each speed figure is the best of a few rounds, the reference measured in the same rounds in the
 * same process, so that a busy machine slows both alike.
 */
import { deliveryRun, heapPerQueuedMessage, referenceTransitionsPerSec, type DeliveryFigure } from './engineBench';
import { scrubRun } from './scrubBench';

const quick = process.argv.includes('--quick');
const REPEAT = quick ? 2 : 3;

function log(text: string): void {
  process.stderr.write(`bench: ${text}\n`);
}

// Warm the engine up once (the JIT), as a class's first minute of a lesson would.
deliveryRun(100, quick ? 300 : 2000);

const plan: [number, number][] = quick
  ? [
      [1, 500],
      [100, 1000],
      [10_000, 10_000],
    ]
  : [
      [1, 5_000],
      [100, 10_000],
      [10_000, 10_000],
    ];
// Rounds, not runs in a row: each round measures every level and the reference once, and the
// best of each is kept. On a shared machine a busy spell then slows a whole round, not all the
// runs of one figure, and the ratio to the reference compares like with like.
const top = new Map<number, DeliveryFigure>();
let reference = 0;
for (let round = 0; round < REPEAT; round++) {
  for (const [concurrent, total] of plan) {
    const r = deliveryRun(concurrent, total);
    if (r.deliveries !== total) throw new Error(`only ${r.deliveries} of ${total} messages were delivered`);
    if (r.perSec > (top.get(concurrent)?.perSec ?? 0)) top.set(concurrent, r);
  }
  reference = Math.max(reference, referenceTransitionsPerSec(quick ? 100_000 : 300_000));
}
const deliveries = plan.map(([concurrent]) => top.get(concurrent)!);
for (const d of deliveries) log(`${d.concurrent} concurrent: ${Math.round(d.perSec)} deliveries/s`);

// Transitions: counted once (the inspection hook costs time), then over the best run's time.
const counted = deliveryRun(100, quick ? 1000 : 10_000, true);
const transitionsPerDelivery = counted.transitions / counted.deliveries;
const typical = deliveries.find((d) => d.concurrent === 100)!;
const transitionsPerSec = transitionsPerDelivery * typical.perSec;
log(`transitions: ${transitionsPerDelivery.toFixed(1)} per delivery, ${Math.round(transitionsPerSec)}/s; bare XState ${Math.round(reference)}/s`);

const heap = heapPerQueuedMessage(100_000);
log(`heap: ${Math.round(heap)} bytes per queued message`);

const scrub = scrubRun(quick ? 2_000 : 10_000);
log(`scrub: ${scrub.events} events, worst ${scrub.worstMs.toFixed(1)} ms, median ${scrub.medianMs.toFixed(2)} ms`);

process.stdout.write(
  `${JSON.stringify({
    deliveries: deliveries.map((d) => ({ concurrent: d.concurrent, deliveries: d.deliveries, seconds: d.seconds, perSec: d.perSec })),
    transitionsPerDelivery,
    transitionsPerSec,
    referenceTransitionsPerSec: reference,
    heapBytesPerQueuedMessage: heap,
    gcExposed: typeof (globalThis as { gc?: unknown }).gc === 'function',
    scrub,
  })}\n`,
);
