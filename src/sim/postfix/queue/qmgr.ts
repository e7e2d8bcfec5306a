/**
 * The queue manager: moves files from incoming (and due ones from deferred) into active, asks
 * trivial-rewrite where each recipient goes, hands recipients to the delivery agents in sorted
 * order, and when a file is done removes it, defers it with backoff, or has the bounce daemon
 * return it to the sender.
 */
import type { Actor } from 'xstate';
import { createSimActor } from '../../core/actors';
import type { HostContext } from '../../host/hostContext';
import type { PostfixConfig } from '../config';
import { formatDelays } from '../logFormat';
import { TIMING } from '../timing';
import type { TrivialRewrite } from '../trivialRewrite';
import { qmgrMachine, type QmgrWork } from './qmgrMachine';
import type { BounceReport, QueueFile, QueueRecipient, QueueStore, SuccessReport } from './queueStore';

export interface DeliveryRequest {
  file: QueueFile;
  recipients: QueueRecipient[];
  transport: string;
  nexthop: string;
  /** trivial-rewrite could not resolve these recipients (a table lookup failed). */
  unresolved?: boolean;
}

export interface RecipientResult {
  recipient: QueueRecipient;
  status: 'sent' | 'bounced' | 'deferred';
  dsn: string;
  reason: string;
  /** Addresses behind this recipient that failed (alias members), when they are not the recipient itself. */
  failures?: BounceReport[];
  /** For a delivered recipient: how a success notice (NOTIFY=SUCCESS) would describe it. */
  success?: SuccessReport;
}

export interface DeliveryAgent {
  /** Delivers, logs each recipient's outcome, then calls `done` (in virtual time). */
  deliver(req: DeliveryRequest, done: (results: RecipientResult[]) => void): void;
}

export interface BounceService {
  /** Returns the file's bounced recipients to its sender; calls `done` when the notice is queued. */
  bounce(file: QueueFile, expired: boolean, done: (sent: boolean) => void): void;
  /** Sends the sender a success notice for recipients delivered with NOTIFY=SUCCESS. */
  trace(file: QueueFile, done: (sent: boolean) => void): void;
}

interface ActiveEntry {
  file: QueueFile;
  pending: number;
  expired: boolean;
}

export class QueueManager implements QmgrWork {
  readonly pid: number;
  private actor: Actor<typeof qmgrMachine>;
  private active = new Map<string, ActiveEntry>();
  private pickupScheduled = false;
  private scanTimer?: { cancel(): void };
  private readonly startedAt: number;
  /** Deliveries waiting for room, by transport and next hop. */
  private waiting = new Map<string, { req: DeliveryRequest; agent: DeliveryAgent }[]>();
  private running = new Map<string, number>();
  private limits = new Map<string, number>();

  constructor(
    private readonly host: HostContext,
    private readonly config: PostfixConfig,
    private readonly store: QueueStore,
    private readonly rewrite: TrivialRewrite,
    private readonly agents: (transport: string) => DeliveryAgent | undefined,
    private readonly bounces: BounceService,
    pid: number,
  ) {
    this.pid = pid;
    this.actor = createSimActor(qmgrMachine, { input: { work: this } });
    let last = '';
    this.actor.subscribe((snap) => {
      const value = String(snap.value);
      if (value === last) return;
      last = value;
      this.host.trace.emit({ kind: 'daemon', host: this.host.name, daemon: 'qmgr', instance: String(this.pid), state: value });
    });
    this.startedAt = host.scheduler.now;
    this.actor.start();
  }

  /** cleanup put a file into incoming. */
  notify(): void {
    if (this.pickupScheduled) return;
    this.pickupScheduled = true;
    this.host.scheduler.after(TIMING.qmgrPickupMs, () => {
      this.pickupScheduled = false;
      this.actor.send({ type: 'INCOMING' });
    });
  }

  /** postqueue -f / sendmail -q: try every deferred file now. */
  flush(): void {
    for (const f of this.store.inQueue('deferred')) f.notBefore = 0;
    this.actor.send({ type: 'SCAN' });
  }

  stop(): void {
    this.scanTimer?.cancel();
    this.actor.stop();
  }

  activeCount(): number {
    return this.active.size;
  }

  activate(scanDeferred: boolean): void {
    const now = this.host.scheduler.now;
    const due = this.store.inQueue('incoming');
    if (scanDeferred) due.push(...this.store.inQueue('deferred').filter((f) => f.notBefore <= now));
    due.sort((a, b) => a.arrival - b.arrival);
    for (const file of due) this.activateFile(file);
  }

  private activateFile(file: QueueFile): void {
    const now = this.host.scheduler.now;
    const todo = file.recipients.filter((r) => r.status === 'todo' || r.status === 'deferred');
    this.store.move(file, 'active');
    file.activatedAt = now;
    const lifetime = this.config.seconds(file.sender === '' ? 'bounce_queue_lifetime' : 'maximal_queue_lifetime', 'd') * 1000;
    const expired = file.attempts > 0 && now - file.arrival >= lifetime;
    const entry: ActiveEntry = { file, pending: 0, expired };
    this.active.set(file.id, entry);
    if (expired) {
      this.log(`${file.id}: from=<${file.sender}>, status=expired, returned to sender`, file.id);
      for (const r of todo) {
        r.status = 'bounced';
        r.dsn = r.dsn ?? '4.4.7';
        r.reason = r.reason ?? 'delivery temporarily suspended';
      }
      this.finish(entry);
      return;
    }
    this.log(`${file.id}: from=<${file.sender}>, size=${file.size}, nrcpt=${todo.length} (queue active)`, file.id);
    for (const r of todo) r.status = 'todo';
    for (const req of this.route(file, todo)) {
      const agent = req.unresolved ? undefined : this.agents(req.transport);
      entry.pending++;
      if (!agent) {
        this.deferInQmgr(file, req.recipients, req.unresolved ? 'address resolver failure' : 'mail transport unavailable');
        continue;
      }
      const key = `${req.transport}\0${req.nexthop}`;
      const list = this.waiting.get(key) ?? [];
      list.push({ req, agent });
      this.waiting.set(key, list);
      this.dispatch(key);
    }
  }

  /** qmgr itself defers recipients it cannot hand to any agent, and logs them as an agent would. */
  private deferInQmgr(file: QueueFile, recipients: QueueRecipient[], reason: string): void {
    const now = this.host.scheduler.now;
    const activated = file.activatedAt ?? file.arrival;
    const delays = formatDelays({ beforeQmgr: (activated - file.arrival) / 1000, inQmgr: (now - activated) / 1000, setup: 0, transmission: 0 });
    for (const r of recipients) {
      const orig = r.original && r.original.toLowerCase() !== r.address.toLowerCase() ? `, orig_to=<${r.original}>` : '';
      this.log(`${file.id}: to=<${r.address}>${orig}, relay=none, ${delays}, dsn=4.3.0, status=deferred (${reason})`, file.id);
    }
    this.host.scheduler.after(TIMING.qmgrDispatchMs, () =>
      this.actor.send({ type: 'DONE', result: { file, results: recipients.map((recipient) => ({ recipient, status: 'deferred', dsn: '4.3.0', reason })) } }),
    );
  }

  /** Groups recipients by transport and next hop, sorted the way qmgr sorts them. */
  private route(file: QueueFile, todo: QueueRecipient[]): DeliveryRequest[] {
    const requests: DeliveryRequest[] = [];
    /** The request still taking recipients, per transport and next hop. */
    const open = new Map<string, DeliveryRequest>();
    const resolved = todo.map((r) => ({ r, res: this.rewrite.resolve(r.address, 'qmgr') }));
    resolved.sort((a, b) => compareRecipients(a.res, b.res));
    for (const { r, res } of resolved) {
      const perDelivery = this.recipientLimit(res.transport);
      const key = res.tempFail ? '\0unresolved' : `${res.transport}\0${res.nexthop}`;
      let group = open.get(key);
      if (!group || group.recipients.length >= perDelivery) {
        group = { file, recipients: [], transport: res.transport, nexthop: res.nexthop, ...(res.tempFail ? { unresolved: true } : {}) };
        open.set(key, group);
        requests.push(group);
      }
      group.recipients.push(r);
    }
    return requests;
  }

  private recipientLimit(transport: string): number {
    const specific = `${transport}_destination_recipient_limit`;
    const value = this.config.explicit.has(specific) ? this.config.get(specific) : transport === 'local' ? '1' : this.config.get('default_destination_recipient_limit');
    return Math.max(1, Number(value) || 50);
  }

  private concurrencyLimit(transport: string): number {
    let limit = this.limits.get(transport);
    if (limit === undefined) {
      const specific = `${transport}_destination_concurrency_limit`;
      const value = this.config.explicit.has(specific) || transport === 'local' ? this.config.get(specific) : this.config.get('default_destination_concurrency_limit');
      limit = Math.max(1, Number(value) || 20);
      this.limits.set(transport, limit);
    }
    return limit;
  }

  /** Starts waiting deliveries to one destination while it has room (its concurrency limit). */
  private dispatch(key: string): void {
    const list = this.waiting.get(key);
    if (!list || list.length === 0) return;
    const limit = this.concurrencyLimit(list[0].req.transport);
    while (list.length > 0 && (this.running.get(key) ?? 0) < limit) {
      const item = list.shift()!;
      this.running.set(key, (this.running.get(key) ?? 0) + 1);
      this.host.scheduler.after(TIMING.qmgrDispatchMs, () => {
        item.agent.deliver(item.req, (results) => {
          this.running.set(key, (this.running.get(key) ?? 1) - 1);
          this.dispatch(key);
          this.host.scheduler.after(TIMING.agentReportMs, () => this.actor.send({ type: 'DONE', result: { file: item.req.file, results } }));
        });
      });
    }
    if (list.length === 0) this.waiting.delete(key);
  }

  collect(result: unknown): void {
    const { file, results } = result as { file: QueueFile; results: RecipientResult[] };
    for (const r of results) {
      r.recipient.status = r.status;
      r.recipient.dsn = r.dsn;
      r.recipient.reason = r.reason;
      if (r.failures?.length) r.recipient.failures = [...(r.recipient.failures ?? []), ...r.failures];
      if (r.status === 'sent' && r.success && wantsNotice(r.recipient.notify, 'SUCCESS')) r.recipient.success = r.success;
    }
    const entry = this.active.get(file.id);
    if (!entry) return;
    entry.pending--;
    if (entry.pending <= 0) this.finish(entry);
  }

  /** All recipients of a file have an outcome: notices to the sender, then defer or remove it. */
  private finish(entry: ActiveEntry): void {
    const { file } = entry;
    const deferred = file.recipients.filter((r) => r.status === 'deferred');
    const bounced = file.recipients.some((r) => r.status === 'bounced' || r.failures?.length);
    const succeeded = file.recipients.some((r) => r.success);
    const afterNotices = () => {
      if (deferred.length > 0) {
        this.deferFile(file, deferred[0].reason ?? '');
      } else {
        this.active.delete(file.id);
        this.log(`${file.id}: removed`, file.id);
        this.store.remove(file);
      }
      this.actor.send({ type: 'SCAN' });
    };
    const afterBounce = () => {
      if (!succeeded || file.sender === '') return afterNotices();
      this.bounces.trace(file, () => {
        for (const r of file.recipients) delete r.success;
        afterNotices();
      });
    };
    if (bounced && file.sender !== '') {
      this.bounces.bounce(file, entry.expired, (sent) => {
        if (!sent) {
          // The notice could not be queued: the message stays, to be bounced on a later run.
          this.log(`${file.id}: status=deferred (bounce failed)`, file.id);
          this.deferFile(file, 'bounce failed');
          this.actor.send({ type: 'SCAN' });
          return;
        }
        for (const r of file.recipients) {
          if (r.status === 'bounced') r.status = 'sent';
          delete r.failures;
        }
        afterBounce();
      });
      return;
    }
    afterBounce();
  }

  private deferFile(file: QueueFile, reason: string): void {
    const now = this.host.scheduler.now;
    file.attempts++;
    file.lastReason = reason;
    const min = this.config.seconds('minimal_backoff_time') * 1000;
    const max = this.config.seconds('maximal_backoff_time') * 1000;
    const backoff = Math.min(max, Math.max(min, now - file.arrival));
    file.notBefore = now + backoff;
    this.active.delete(file.id);
    this.store.move(file, 'deferred');
    this.scheduleDeferredScan();
  }

  /**
   * qmgr scans the deferred queue every queue_run_delay since it started. The timer runs only
   * while something waits there, and it does not keep a run "busy": deferred mail is quiet mail.
   */
  private scheduleDeferredScan(): void {
    if (this.scanTimer) return;
    const delay = this.config.seconds('queue_run_delay') * 1000;
    const now = this.host.scheduler.now;
    const periods = Math.floor((now - this.startedAt) / delay) + 1;
    this.scanTimer = this.host.scheduler.at(
      this.startedAt + periods * delay,
      () => {
        this.scanTimer = undefined;
        if (this.actor.getSnapshot().status !== 'active') return;
        if (this.store.count('deferred') === 0) return;
        this.actor.send({ type: 'SCAN' });
        if (this.store.count('deferred') > 0) this.scheduleDeferredScan();
      },
      true,
    );
  }

  private log(text: string, queueId?: string): void {
    this.host.log.write('postfix/qmgr', this.pid, text, queueId);
  }
}

/**
 * qmgr_message_sort_compare: by transport, next hop, recipient domain (ignoring case), then the
 * whole address byte for byte (so "POSTMASTER@..." comes before "postmaster@...").
 */
function compareRecipients(a: { transport: string; nexthop: string; address: string }, b: { transport: string; nexthop: string; address: string }): number {
  const domain = (x: string) => {
    const at = x.lastIndexOf('@');
    return at < 0 ? undefined : x.slice(at).toLowerCase();
  };
  const da = domain(a.address);
  const db = domain(b.address);
  return (
    byteCompare(a.transport, b.transport) ||
    byteCompare(a.nexthop.toLowerCase(), b.nexthop.toLowerCase()) ||
    (da === undefined ? (db === undefined ? 0 : 1) : db === undefined ? -1 : byteCompare(da, db)) ||
    byteCompare(a.address, b.address)
  );
}

function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** DSN NOTIFY=: without it Postfix reports failures and delays, never successes. */
export function wantsNotice(notify: string | undefined, kind: 'SUCCESS' | 'FAILURE' | 'DELAY'): boolean {
  if (notify === undefined || notify === '') return kind !== 'SUCCESS';
  return notify.toUpperCase().split(',').includes(kind);
}
