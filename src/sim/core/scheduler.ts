/**
 * The virtual clock and its ordered event queue.
 *
 * Time is a number of milliseconds since the scenario's start. Events scheduled for the same
 * instant run in the order they were scheduled (a sequence number breaks ties), which is what
 * makes a run reproducible byte for byte.
 */

export type Task = () => void;

export interface TimerHandle {
  cancel(): void;
  readonly at: number;
}

/** A scheduled task; it is its own handle (one object per task, no closure). */
class Entry implements TimerHandle {
  /** Set when it ran or was cancelled. */
  cancelled = false;

  constructor(
    private readonly owner: Scheduler,
    readonly at: number,
    readonly seq: number,
    readonly task: Task,
    /** Background tasks (periodic queue scans, retry timers) do not keep a run "busy". */
    readonly background: boolean,
  ) {}

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    this.owner.cancelled(this);
  }
}

/** Below this many dead entries the heap is left alone; above, and above half the heap, it is compacted. */
const COMPACT_MIN = 1024;

export class Scheduler {
  private heap: Entry[] = [];
  private seq = 0;
  private busyCount = 0;
  private current = 0;
  /**
   * Cancelled entries still in the heap. A session re-arms its idle timer on every command, so
   * most timers die long before they are due; without compaction they would pile up in the heap.
   */
  private dead = 0;

  get now(): number {
    return this.current;
  }

  /** Runs `task` `delay` ms from now. */
  after(delay: number, task: Task, background = false): TimerHandle {
    return this.at(this.current + Math.max(0, delay), task, background);
  }

  at(time: number, task: Task, background = false): TimerHandle {
    const entry = new Entry(this, Math.max(time, this.current), this.seq++, task, background);
    this.push(entry);
    if (!background) this.busyCount++;
    return entry;
  }

  /** An entry still in the heap was cancelled (called by Entry.cancel). */
  cancelled(entry: Entry): void {
    if (!entry.background) this.busyCount--;
    this.dead++;
    if (this.dead > COMPACT_MIN && this.dead * 2 > this.heap.length) this.compact();
  }

  /** Drops the cancelled entries; a sorted array is a valid heap, and (at, seq) order is kept. */
  private compact(): void {
    this.heap = this.heap.filter((e) => !e.cancelled).sort((a, b) => a.at - b.at || a.seq - b.seq);
    this.dead = 0;
  }

  /** True when something other than background timers is waiting to run. */
  get busy(): boolean {
    return this.busyCount > 0;
  }

  /** The time of the next pending task, or undefined when nothing is scheduled. */
  nextTime(): number | undefined {
    this.dropCancelled();
    return this.heap[0]?.at;
  }

  /** Runs the next task; returns false when there was none. */
  step(): boolean {
    this.dropCancelled();
    const entry = this.pop();
    if (!entry) return false;
    this.current = entry.at;
    if (!entry.background) this.busyCount--;
    // Marked done before it runs: a task that cancels its own handle changes nothing.
    entry.cancelled = true;
    entry.task();
    return true;
  }

  /** Runs every task due at or before `time`, then sets the clock to `time`. */
  runUntil(time: number, maxSteps = Infinity): number {
    let steps = 0;
    for (;;) {
      const next = this.nextTime();
      if (next === undefined || next > time || steps >= maxSteps) break;
      this.step();
      steps++;
    }
    if (steps < maxSteps && time > this.current) this.current = time;
    return steps;
  }

  /** Runs until only background timers remain (the queues are quiet). */
  runUntilQuiet(maxSteps = 10_000_000): number {
    let steps = 0;
    while (this.busy && steps < maxSteps) {
      if (!this.step()) break;
      steps++;
    }
    return steps;
  }

  /** Number of pending tasks, background ones included. */
  get pending(): number {
    let n = 0;
    for (const e of this.heap) if (!e.cancelled) n++;
    return n;
  }

  private dropCancelled(): void {
    while (this.heap.length > 0 && this.heap[0].cancelled) {
      this.pop();
      this.dead--;
    }
  }

  private less(a: Entry, b: Entry): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private push(entry: Entry): void {
    const heap = this.heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(heap[i], heap[parent])) break;
      const swap = heap[i];
      heap[i] = heap[parent];
      heap[parent] = swap;
      i = parent;
    }
  }

  private pop(): Entry | undefined {
    const heap = this.heap;
    if (heap.length === 0) return undefined;
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && this.less(heap[l], heap[m])) m = l;
        if (r < heap.length && this.less(heap[r], heap[m])) m = r;
        if (m === i) break;
        const swap = heap[i];
        heap[i] = heap[m];
        heap[m] = swap;
        i = m;
      }
    }
    return top;
  }
}
