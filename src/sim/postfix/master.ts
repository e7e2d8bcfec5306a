/**
 * The Postfix master's process pools: a daemon process serves a request, then waits up to
 * max_idle seconds for the next one before it exits (and max_use requests at most). Process ids
 * in the maillog come from here, so a busy minute reuses the same smtpd pid, as on a real host.
 *
 * A request goes to the oldest idle process still alive. With thousands of connections at once
 * there are thousands of processes, so the pools are indexed: by pid, idle ones by age (a heap
 * on creation order) and by the time they became idle (the order in which max_idle ends them).
 */

interface Process {
  pid: number;
  busy: boolean;
  idleSince: number;
  uses: number;
  /** Creation order within the pool. */
  order: number;
  /** Exited (pruned); may still sit in the idle heap until it reaches the top. */
  gone: boolean;
  inHeap: boolean;
  /** What the process keeps between requests (smtpd's statechart), until it exits. */
  kept?: unknown;
}

class Pool {
  /** Alive processes by pid (in creation order). */
  readonly byPid = new Map<number, Process>();
  /** Idle processes in the order they became idle: their idleSince never decreases along it. */
  readonly idleByTime = new Set<Process>();
  /** Idle processes that served max_use requests: they exit at the next request. */
  readonly usedUp = new Set<Process>();
  /** Idle processes, oldest (first created) on top; entries of busy or gone ones are skipped. */
  private readonly heap: Process[] = [];
  private created = 0;

  add(pid: number, now: number): Process {
    const p: Process = { pid, busy: true, idleSince: now, uses: 1, order: this.created++, gone: false, inHeap: false };
    this.byPid.set(pid, p);
    return p;
  }

  idle(p: Process, now: number, maxUse: number): void {
    p.busy = false;
    p.idleSince = now;
    this.idleByTime.delete(p);
    this.idleByTime.add(p);
    if (p.uses >= maxUse) this.usedUp.add(p);
    if (!p.inHeap) this.push(p);
  }

  exit(p: Process): void {
    p.gone = true;
    this.byPid.delete(p.pid);
    this.idleByTime.delete(p);
    this.usedUp.delete(p);
  }

  /** The oldest idle process, taken out of the idle sets. */
  takeOldestIdle(): Process | undefined {
    for (;;) {
      const top = this.pop();
      if (!top) return undefined;
      if (top.gone || top.busy) continue;
      this.idleByTime.delete(top);
      return top;
    }
  }

  private push(p: Process): void {
    const heap = this.heap;
    p.inHeap = true;
    heap.push(p);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent].order <= heap[i].order) break;
      heap[i] = heap[parent];
      heap[parent] = p;
      i = parent;
    }
  }

  private pop(): Process | undefined {
    const heap = this.heap;
    const top = heap[0];
    if (!top) return undefined;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && heap[l].order < heap[m].order) m = l;
        if (r < heap.length && heap[r].order < heap[m].order) m = r;
        if (m === i) break;
        const swap = heap[i];
        heap[i] = heap[m];
        heap[m] = swap;
        i = m;
      }
    }
    top.inHeap = false;
    return top;
  }
}

export class Master {
  readonly pid: number;
  private pools = new Map<string, Pool>();
  private singletons = new Map<string, number>();

  /** Called for every new process: a daemon that starts reads main.cf and logs its warnings. */
  onSpawn?: (service: string, pid: number) => void;

  constructor(
    private readonly newPid: () => number,
    private readonly now: () => number,
    private readonly maxIdleMs = 100_000,
    private readonly maxUse = 100,
  ) {
    this.pid = newPid();
  }

  private pool(service: string): Pool {
    let pool = this.pools.get(service);
    if (!pool) {
      pool = new Pool();
      this.pools.set(service, pool);
    }
    return pool;
  }

  /** A process for one request of `service`: an idle one if it is still alive, else a new one. */
  acquire(service: string): number {
    const pool = this.pool(service);
    const now = this.now();
    // Idle processes past max_idle, or done with max_use requests, have exited.
    for (const p of pool.idleByTime) {
      if (now - p.idleSince <= this.maxIdleMs) break;
      pool.exit(p);
    }
    for (const p of pool.usedUp) pool.exit(p);
    const idle = pool.takeOldestIdle();
    if (idle) {
      idle.busy = true;
      idle.uses++;
      return idle.pid;
    }
    const pid = this.newPid();
    pool.add(pid, now);
    this.onSpawn?.(service, pid);
    return pid;
  }

  /** Leaves something with an idle process for its next request; it goes when the process exits. */
  keep(service: string, pid: number, value: unknown): void {
    const p = this.pools.get(service)?.byPid.get(pid);
    if (p) p.kept = value;
  }

  /** What `keep` left with the process, if it is still alive. */
  kept(service: string, pid: number): unknown {
    return this.pools.get(service)?.byPid.get(pid)?.kept;
  }

  /** The process ended on its own (a fatal error): it serves no further request. */
  exited(service: string, pid: number): void {
    const pool = this.pools.get(service);
    const p = pool?.byPid.get(pid);
    if (pool && p) pool.exit(p);
  }

  release(service: string, pid: number): void {
    const pool = this.pools.get(service);
    const p = pool?.byPid.get(pid);
    if (!pool || !p) return;
    pool.idle(p, this.now(), this.maxUse);
  }

  /** Long-running daemons (qmgr, pickup) keep one pid for the life of the mail system. */
  singleton(service: string): number {
    let pid = this.singletons.get(service);
    if (pid === undefined) {
      pid = this.newPid();
      this.singletons.set(service, pid);
      this.onSpawn?.(service, pid);
    }
    return pid;
  }

  /** Number of processes of a service alive now (busy or idle). */
  count(service: string): number {
    return this.pools.get(service)?.byPid.size ?? 0;
  }
}
