/**
 * A delivery agent that dies as it starts (msg_fatal in its pre_init, before it reads the
 * request): the process logs "fatal: ...", master logs its exit status and stops starting the
 * service for service_throttle_time ("bad command startup -- throttling"), then tries again,
 * and again. qmgr's request is never answered, so the mail stays in the active queue (a
 * reload after fixing main.cf brings it back).
 *
 * The checks are the size limits local(8) and virtual(8) set as their file size limit: the
 * limit must leave room for the queue file, so it may not be below message_size_limit.
 */
import type { HostContext } from '../../host/hostContext';
import type { TimerHandle } from '../../core/scheduler';
import type { PostfixConfig } from '../config';
import type { Master } from '../master';
import type { QueueFile } from '../queue/queueStore';

/** What local's or virtual's pre_init dies of with this configuration, if anything. */
export function sizeLimitFatal(config: PostfixConfig, limitParam: 'mailbox_size_limit' | 'virtual_mailbox_limit'): string | undefined {
  const limit = Number(config.get(limitParam));
  const message = Number(config.get('message_size_limit'));
  if (!limit) return undefined;
  if (limit < message || (limitParam === 'virtual_mailbox_limit' && message === 0)) return `configuration error: ${limitParam} is smaller than message_size_limit`;
  return undefined;
}

export class StartupFailure {
  private retry?: TimerHandle;

  constructor(
    private readonly host: HostContext,
    private readonly master: Master,
    /** master.cf's service name and the program, e.g. local and /usr/lib/postfix/sbin/local. */
    private readonly service: string,
    private readonly program: string,
    private readonly throttleMs: number,
  ) {}

  /**
   * A request arrived for the broken service: a process starts, dies, and master throttles.
   * Master tries again while the request still waits (its message is still in the active queue
   * from the same activation: a reload or restart hands it to a new agent).
   */
  attempt(fatal: string, file: QueueFile): void {
    if (this.retry) return;
    const activation = file.activatedAt;
    this.die(fatal, () => file.queue === 'active' && file.activatedAt === activation);
  }

  stop(): void {
    this.retry?.cancel();
    this.retry = undefined;
  }

  private die(fatal: string, waiting: () => boolean): void {
    const pid = this.master.acquire(this.service);
    this.host.log.write(`postfix/${this.service}`, pid, `fatal: ${fatal}`);
    this.host.log.write('postfix/master', this.master.pid, `warning: process ${this.program} pid ${pid} exit status 1`);
    this.host.log.write('postfix/master', this.master.pid, `warning: ${this.program}: bad command startup -- throttling`);
    this.master.release(this.service, pid);
    // The request still waits on the service's socket: master starts a process for it when the
    // throttle ends. A background timer: it does not keep a run busy, like any other retry.
    this.retry = this.host.scheduler.after(
      this.throttleMs,
      () => {
        this.retry = undefined;
        if (waiting()) this.die(fatal, waiting);
      },
      true,
    );
  }
}
