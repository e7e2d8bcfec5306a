/**
 * The pseudo delivery agents a transport table can name: error (bounce with the next hop as
 * the reason), retry (defer the same way) and discard (pretend delivery). They read no mailbox
 * and open no connection; they only log, as Postfix 3.7's error(8) and discard(8) do:
 *
 *   postfix/discard[PID]: ID: to=<y@gone.example>, relay=none, delay=0.12, delays=..., dsn=2.0.0, status=sent (silently dropped)
 *   postfix/error[PID]: ID: to=<x@blocked.example>, relay=none, ..., dsn=5.0.0, status=bounced (this domain is closed)
 */
import type { HostContext } from '../host/hostContext';
import { splitAddress } from './address';
import { formatDelays } from './logFormat';
import type { Master } from './master';
import type { DeliveryAgent, DeliveryRequest, RecipientResult } from './queue/qmgr';
import type { QueueFile, QueueRecipient } from './queue/queueStore';
import { TIMING } from './timing';

export type PseudoAgentKind = 'error' | 'retry' | 'discard';

const OUTCOME: Record<PseudoAgentKind, { status: RecipientResult['status']; dsn: string }> = {
  error: { status: 'bounced', dsn: '5.0.0' },
  retry: { status: 'deferred', dsn: '4.0.0' },
  discard: { status: 'sent', dsn: '2.0.0' },
};

export class PseudoAgent implements DeliveryAgent {
  constructor(
    private readonly host: HostContext,
    private readonly master: Master,
    private readonly kind: PseudoAgentKind,
    /** The master.cf service name it runs as (its log name). */
    private readonly service: string,
  ) {}

  deliver(req: DeliveryRequest, done: (results: RecipientResult[]) => void): void {
    const { host, master } = this;
    const pid = master.acquire(this.service);
    const started = host.scheduler.now;
    host.scheduler.after(TIMING.agentReportMs, () => {
      const results = req.recipients.map((recipient) => {
        const r = { recipient, ...this.outcome(req.nexthop, recipient.address) };
        this.log(req.file, r, pid, started);
        return r;
      });
      master.release(this.service, pid);
      done(results);
    });
  }

  /**
   * A recipient local(8) passes on (mailbox_transport, fallback_transport = error:text): the
   * error process takes it at once and logs its own line; local reports what it decided.
   */
  passNow(file: QueueFile, recipient: QueueRecipient, nexthop: string, started: number): RecipientResult {
    const pid = this.master.acquire(this.service);
    const r = { recipient, ...this.outcome(nexthop, recipient.address) };
    this.log(file, r, pid, started);
    this.master.release(this.service, pid);
    return r;
  }

  /** The next hop is the reason; it may start with its own status ("5.1.1 no such user"). */
  private outcome(nexthop: string, address: string): { status: RecipientResult['status']; dsn: string; reason: string } {
    const base = OUTCOME[this.kind];
    // An empty next hop is the recipient's domain, as trivial-rewrite fills it in.
    const text = nexthop || splitAddress(address).domain || '';
    const m = /^([245])\.(\d{1,3})\.(\d{1,3})\s+(.*)$/s.exec(text);
    if (!m || this.kind === 'discard') return { ...base, reason: text };
    // error: takes a 4.x.x status as a deferral, retry: a 5.x.x one as a bounce, as Postfix does.
    const status = m[1] === '5' ? 'bounced' : m[1] === '4' ? 'deferred' : base.status;
    return { status, dsn: `${m[1]}.${m[2]}.${m[3]}`, reason: m[4] };
  }

  private log(file: QueueFile, r: RecipientResult, pid: number, started: number): void {
    const activated = file.activatedAt ?? file.arrival;
    const delays = formatDelays({
      beforeQmgr: (activated - file.arrival) / 1000,
      inQmgr: (started - activated) / 1000,
      setup: 0,
      transmission: (this.host.scheduler.now - started) / 1000,
    });
    const rcpt = r.recipient;
    const orig = rcpt.original && rcpt.original.toLowerCase() !== rcpt.address.toLowerCase() ? `, orig_to=<${rcpt.original}>` : '';
    this.host.log.write(`postfix/${this.service}`, pid, `${file.id}: to=<${rcpt.address}>${orig}, relay=none, ${delays}, dsn=${r.dsn}, status=${r.status} (${r.reason})`, file.id);
    this.host.trace.emit({ kind: 'delivery', host: this.host.name, queueId: file.id, recipient: rcpt.address, original: rcpt.original, agent: this.service, status: r.status, dsn: r.dsn, detail: r.reason, relay: 'none' });
  }
}
