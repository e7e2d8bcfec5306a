/**
 * The Postfix queue directories of one host: every queue file is plain data (never an actor),
 * in exactly one of maildrop, incoming, active, deferred, hold or corrupt until it is removed.
 * Every move is a trace event, which is how the UI animates envelopes between queues.
 */
import type { QueueName, TraceBus } from '../../core/trace';

export interface QueueRecipient {
  /** Canonical address, e.g. ansible@mail.example.com. */
  address: string;
  /** The address as the client first gave it (orig_rcpt), e.g. ansible. */
  original: string;
  /** DSN NOTIFY= from RCPT TO. */
  notify?: string;
  /** Done with: sent, bounced, or still to do. */
  status: 'todo' | 'sent' | 'bounced' | 'deferred';
  dsn?: string;
  reason?: string;
  /**
   * The addresses it failed for, when that is not (only) itself: an alias whose members bounced.
   * Like Postfix's bounce log: the bounce daemon reports these, then forgets them.
   */
  failures?: BounceReport[];
  /** Delivered (NOTIFY=SUCCESS): what the success notice says about it. */
  success?: SuccessReport;
}

/** A successful delivery as a delivery status notice reports it. */
export interface SuccessReport {
  /** delivered (mailbox), expanded (alias), relayed (to a server without DSN). */
  action: 'delivered' | 'expanded' | 'relayed';
  /** The text after "<address>: ", e.g. "delivery via local: delivered to mailbox". */
  text: string;
  remoteMta?: string;
  diagnostic?: string;
}

/** One failed address in a non-delivery notification. */
export interface BounceReport {
  address: string;
  original: string;
  dsn: string;
  reason: string;
  /** The Diagnostic-Code when it is not "X-Postfix; reason" (a command's "x-unix; output"). */
  diagnostic?: string;
}

export interface ClientTrace {
  name: string;
  address: string;
  helo?: string;
  protocol: string;
  saslUser?: string;
  saslMethod?: string;
}

export interface QueueFile {
  id: string;
  queue: QueueName;
  sender: string;
  /** Virtual ms when the message arrived (the queue file was created). */
  arrival: number;
  /** Headers and body as cleanup wrote them, LF line ends. */
  text: string;
  size: number;
  recipients: QueueRecipient[];
  /** Delivery attempts so far. */
  attempts: number;
  /** Virtual ms before which a deferred file is not retried. */
  notBefore: number;
  /** When qmgr last moved it into active. */
  activatedAt?: number;
  /** Why the last attempt was deferred, for mailq. */
  lastReason?: string;
  client?: ClientTrace;
  origin: 'smtp' | 'pickup' | 'bounce' | 'forward';
  parent?: string;
  /** ENVID/RET from MAIL FROM, for DSNs. */
  ret?: 'FULL' | 'HDRS';
  envid?: string;
}

export class QueueStore {
  private files = new Map<string, QueueFile>();
  /** The files of each queue directory, kept alongside so a scan does not walk every file. */
  private byQueue = new Map<QueueName, Set<QueueFile>>();

  constructor(
    private readonly host: string,
    private readonly trace: TraceBus,
  ) {}

  private dir(queue: QueueName): Set<QueueFile> {
    let set = this.byQueue.get(queue);
    if (!set) {
      set = new Set();
      this.byQueue.set(queue, set);
    }
    return set;
  }

  add(file: QueueFile): void {
    this.files.set(file.id, file);
    this.dir(file.queue).add(file);
    this.trace.emit({ kind: 'queue', host: this.host, queueId: file.id, from: null, to: file.queue });
  }

  move(file: QueueFile, to: QueueName): void {
    if (file.queue === to) return;
    const from = file.queue;
    this.dir(from).delete(file);
    file.queue = to;
    this.dir(to).add(file);
    this.trace.emit({ kind: 'queue', host: this.host, queueId: file.id, from, to });
  }

  remove(file: QueueFile): void {
    if (!this.files.delete(file.id)) return;
    this.dir(file.queue).delete(file);
    this.trace.emit({ kind: 'queue', host: this.host, queueId: file.id, from: file.queue, to: null });
  }

  /** How many files a queue holds. */
  count(queue: QueueName): number {
    return this.byQueue.get(queue)?.size ?? 0;
  }

  get(id: string): QueueFile | undefined {
    return this.files.get(id);
  }

  has(id: string): boolean {
    return this.files.has(id);
  }

  inQueue(queue: QueueName): QueueFile[] {
    return [...(this.byQueue.get(queue) ?? [])];
  }

  all(): QueueFile[] {
    return [...this.files.values()];
  }

  get size(): number {
    return this.files.size;
  }
}
