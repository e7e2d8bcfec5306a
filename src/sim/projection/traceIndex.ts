/**
 * The trace as the UI holds it: every event in order, plus append-only indexes (by connection,
 * host, queue id, terminal, mailbox) so that a panel asks "the maillog of this host up to event
 * n" with a binary search instead of a scan. Appending is O(1) per event, which keeps a burst of
 * thousands of events cheap; nothing here is ever rewritten, so any prefix is a valid past.
 */
import type { ConnOpenEvent, Endpoint, TraceEvent } from '../core/trace';
import type { MailboxDelta, MailboxMessage } from './mailboxDelta';
import { hostKey, mailboxUser, type NodeName } from './places';

export interface ConnRecord {
  id: number;
  /** The server's host (where conn.open was traced). */
  host: string;
  client: Endpoint;
  server: Endpoint;
  service: string;
  openSeq: number;
  closeSeq?: number;
  /** Every event of this connection (open, data, close), in order. */
  seqs: number[];
  /** What opened it on the client side: Postfix's smtp client, or a user (telnet, a MUA). */
  clientNode: NodeName;
  /** Queue ids the server gave messages received on it ("queued as ..."). */
  queueIds: string[];
}

export interface MessageRecord {
  host: string;
  queueId: string;
  /** The `message` event (cleanup wrote the queue file). */
  messageSeq?: number;
  /** Queue moves, deliveries, alias expansions and bounces of this queue file, in order. */
  seqs: number[];
  /** The connection it arrived on, when it came over SMTP. */
  conn?: number;
}

export interface MailboxRecord {
  host: string;
  path: string;
  user: string;
  format: 'mbox' | 'maildir';
  deltas: MailboxDelta[];
  /** Message count after each delta, for "how many at event n" by binary search. */
  counts: number[];
}

/** Number of entries of a sorted array that are < limit. */
export function countBelow(sorted: ArrayLike<number>, limit: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function push<K>(map: Map<K, number[]>, key: K, seq: number): void {
  const list = map.get(key);
  if (list) list.push(seq);
  else map.set(key, [seq]);
}

export class TraceIndex {
  readonly events: TraceEvent[] = [];
  readonly conns = new Map<number, ConnRecord>();
  /** Connection ids in the order they opened. */
  readonly connOrder: number[] = [];
  /** conn.fail events (no connection id: the connection never existed). */
  readonly connFailures: number[] = [];
  readonly logs: number[] = [];
  readonly logsByHost = new Map<string, number[]>();
  readonly logsByQueue = new Map<string, number[]>();
  readonly terminals = new Map<string, number[]>();
  readonly messages = new Map<string, MessageRecord>();
  readonly messageOrder: string[] = [];
  readonly mailboxes = new Map<string, MailboxRecord>();
  /** host\tdaemon\tinstance -> its daemon events. */
  readonly daemons = new Map<string, number[]>();
  readonly notes: number[] = [];
  readonly dns: number[] = [];
  readonly decisions: number[] = [];
  /** Bumped on every append: a cheap "something changed" for reactive readers. */
  version = 0;

  get size(): number {
    return this.events.length;
  }

  append(batch: readonly TraceEvent[], deltas: readonly MailboxDelta[] = []): void {
    for (const e of batch) this.add(e);
    for (const d of deltas) this.addDelta(d);
    if (batch.length > 0 || deltas.length > 0) this.version++;
  }

  /** Number of events with time <= t. */
  countAtTime(t: number): number {
    let lo = 0;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.events[mid].t <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  message(host: string, queueId: string): MessageRecord | undefined {
    return this.messages.get(hostKey(host, queueId));
  }

  /** Messages a mailbox holds after the first n events. */
  mailboxAt(host: string, path: string, n: number): MailboxMessage[] {
    const box = this.mailboxes.get(hostKey(host, path));
    if (!box) return [];
    let list: MailboxMessage[] = [];
    for (const d of box.deltas) {
      if (d.seq >= n) break;
      list = applyDelta(list, d);
    }
    return list;
  }

  /** How many messages a mailbox holds after the first n events. */
  mailboxCount(box: MailboxRecord, n: number): number {
    let lo = 0;
    let hi = box.deltas.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (box.deltas[mid].seq < n) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? 0 : box.counts[lo - 1];
  }

  private add(e: TraceEvent): void {
    if (e.seq !== this.events.length) throw new Error(`trace index: expected event ${this.events.length}, got ${e.seq}`);
    this.events.push(e);
    switch (e.kind) {
      case 'conn.open':
        this.openConn(e);
        break;
      case 'conn.data':
      case 'conn.tls':
      case 'conn.close': {
        const c = this.conns.get(e.conn);
        if (!c) break;
        c.seqs.push(e.seq);
        if (e.kind === 'conn.close') c.closeSeq = e.seq;
        else if (e.kind === 'conn.data' && e.dir === 's2c') this.noteQueued(c, e.lines);
        break;
      }
      case 'conn.fail':
        this.connFailures.push(e.seq);
        break;
      case 'log':
        this.logs.push(e.seq);
        push(this.logsByHost, e.host, e.seq);
        if (e.queueId) push(this.logsByQueue, hostKey(e.host, e.queueId), e.seq);
        break;
      case 'terminal':
        push(this.terminals, hostKey(e.host, e.terminal), e.seq);
        break;
      case 'message':
        this.messageRecord(e.host, e.queueId).messageSeq = e.seq;
        break;
      case 'queue':
      case 'delivery':
      case 'alias':
        this.messageRecord(e.host, e.queueId).seqs.push(e.seq);
        break;
      case 'bounce':
        this.messageRecord(e.host, e.queueId).seqs.push(e.seq);
        break;
      case 'daemon':
        push(this.daemons, `${e.host}\t${e.daemon}\t${e.instance}`, e.seq);
        if (e.daemon === 'smtp' && /^\d+$/.test(e.instance)) this.markSmtpClient(e.host, e.seq);
        break;
      case 'note':
        this.notes.push(e.seq);
        break;
      case 'dns.query':
      case 'dns.answer':
        this.dns.push(e.seq);
        break;
      case 'decision':
        this.decisions.push(e.seq);
        break;
      default:
        break;
    }
  }

  private openConn(e: ConnOpenEvent): void {
    const record: ConnRecord = {
      id: e.conn,
      host: e.host,
      client: e.client,
      server: e.server,
      service: e.service,
      openSeq: e.seq,
      seqs: [e.seq],
      clientNode: 'client',
      queueIds: [],
    };
    this.conns.set(e.conn, record);
    this.connOrder.push(e.conn);
  }

  /** Postfix's smtp client announces its state right after its connection opens. */
  private markSmtpClient(host: string, seq: number): void {
    const t = this.events[seq].t;
    for (let i = this.connOrder.length - 1; i >= 0 && i >= this.connOrder.length - 8; i--) {
      const c = this.conns.get(this.connOrder[i])!;
      if (c.client.host !== host) continue;
      if (this.events[c.openSeq].t === t && c.seqs.length === 1) c.clientNode = 'smtp';
      break;
    }
  }

  private noteQueued(c: ConnRecord, lines: string[]): void {
    for (const line of lines) {
      const m = /queued as ([0-9A-Za-z]+)/.exec(line);
      if (!m) continue;
      c.queueIds.push(m[1]);
      this.messageRecord(c.host, m[1]).conn = c.id;
    }
  }

  private messageRecord(host: string, queueId: string): MessageRecord {
    const key = hostKey(host, queueId);
    let r = this.messages.get(key);
    if (!r) {
      r = { host, queueId, seqs: [] };
      this.messages.set(key, r);
      this.messageOrder.push(key);
    }
    return r;
  }

  private addDelta(d: MailboxDelta): void {
    const key = hostKey(d.host, d.path);
    let box = this.mailboxes.get(key);
    if (!box) {
      box = { host: d.host, path: d.path, user: mailboxUser(d.path), format: d.format, deltas: [], counts: [] };
      this.mailboxes.set(key, box);
    }
    const before = box.counts.length > 0 ? box.counts[box.counts.length - 1] : 0;
    box.deltas.push(d);
    box.counts.push(before + (d.appended?.length ?? 0) - (d.removed?.length ?? 0));
  }
}

export function applyDelta(list: MailboxMessage[], d: MailboxDelta): MailboxMessage[] {
  let out = list;
  if (d.removed && d.removed.length > 0) {
    const gone = new Set(d.removed);
    out = out.filter((m) => !gone.has(m.uid));
  }
  if (d.flags && d.flags.length > 0) {
    const changed = new Map(d.flags.map((f) => [f.uid, f.flags]));
    out = out.map((m) => (changed.has(m.uid) ? { ...m, flags: changed.get(m.uid)! } : m));
  }
  if (d.appended && d.appended.length > 0) out = [...out, ...d.appended];
  return out;
}
