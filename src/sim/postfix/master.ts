/**
 * The Postfix master's process pools: a daemon process serves a request, then waits up to
 * max_idle seconds for the next one before it exits (and max_use requests at most). Process ids
 * in the maillog come from here, so a busy minute reuses the same smtpd pid, as on a real host.
 */

interface Process {
  pid: number;
  busy: boolean;
  idleSince: number;
  uses: number;
  /** What the process keeps between requests (smtpd's statechart), until it exits. */
  kept?: unknown;
}

export class Master {
  readonly pid: number;
  private pools = new Map<string, Process[]>();
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

  /** A process for one request of `service`: an idle one if it is still alive, else a new one. */
  acquire(service: string): number {
    const pool = this.pools.get(service) ?? [];
    this.pools.set(service, pool);
    const now = this.now();
    for (let i = pool.length - 1; i >= 0; i--) {
      const p = pool[i];
      if (!p.busy && (now - p.idleSince > this.maxIdleMs || p.uses >= this.maxUse)) pool.splice(i, 1);
    }
    const idle = pool.find((p) => !p.busy);
    if (idle) {
      idle.busy = true;
      idle.uses++;
      return idle.pid;
    }
    const p: Process = { pid: this.newPid(), busy: true, idleSince: now, uses: 1 };
    pool.push(p);
    this.onSpawn?.(service, p.pid);
    return p.pid;
  }

  /** Leaves something with an idle process for its next request; it goes when the process exits. */
  keep(service: string, pid: number, value: unknown): void {
    const p = this.pools.get(service)?.find((x) => x.pid === pid);
    if (p) p.kept = value;
  }

  /** What `keep` left with the process, if it is still alive. */
  kept(service: string, pid: number): unknown {
    return this.pools.get(service)?.find((x) => x.pid === pid)?.kept;
  }

  release(service: string, pid: number): void {
    const p = this.pools.get(service)?.find((x) => x.pid === pid);
    if (!p) return;
    p.busy = false;
    p.idleSince = this.now();
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
    return this.pools.get(service)?.length ?? 0;
  }
}
