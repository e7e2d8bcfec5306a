/**
 * What an event looks like when it happens: an envelope travelling from one place to another, an
 * SMTP line crossing a link, a DNS query and its answer, a relay decision lighting a gate, an
 * alias fanning out. Pure data: the canvas turns places into pixels.
 */
import type { TraceEvent } from '../core/trace';
import { commandWord } from './applyEvent';
import { agentNode, hostKey, mailboxNode, mailboxUser, type NodeName, type Place } from './places';
import type { TraceIndex } from './traceIndex';

export type MotionKind =
  /** A mail message (a queue file or the envelope smtpd is receiving). */
  | 'envelope'
  /** A bounce (DSN) on its way. */
  | 'bounce'
  /** A protocol line on a connection. */
  | 'packet'
  | 'connect'
  | 'fail'
  | 'dns-query'
  | 'dns-answer'
  /** Something that lights up in place rather than moving. */
  | 'gate'
  | 'alias'
  | 'sasl'
  /** A queue file leaving the queues. */
  | 'vanish';

export interface Motion {
  kind: MotionKind;
  seq: number;
  /** The places it passes, in order (one place for things that light up in place). */
  path: Place[];
  /** Short text drawn next to it. */
  label: string;
  /** The static envelope it stands for, hidden while it moves (host\tqueueId or conn:N). */
  key?: string;
  /** For gates and SASL: permit (green) or reject/defer (red). */
  ok?: boolean;
  /** For packets: which way. */
  dir?: 'c2s' | 's2c';
}

const SERVICE_NODE: Record<string, NodeName> = { smtpd: 'smtpd', sink: 'smtpd', pop3: 'dovecot', imap: 'dovecot', named: 'named' };

/** The daemon a DNS query came from, as drawn on its host. */
function askerNode(by: string): NodeName {
  if (by === 'smtp' || by === 'smtpd' || by === 'cleanup') return by;
  if (by === 'getnameinfo' || by === 'getaddrinfo') return 'smtpd';
  return 'client';
}

function short(text: string, max = 42): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * The motion an event makes, or undefined for events that only change panels (log lines,
 * daemon states, terminal output). `hostAt` maps an address to the host that owns it.
 */
export function motionOf(e: TraceEvent, index: TraceIndex, hostAt: (address: string, from: string) => string | undefined): Motion | undefined {
  switch (e.kind) {
    case 'conn.open': {
      const c = index.conns.get(e.conn);
      return {
        kind: 'connect',
        seq: e.seq,
        path: [{ host: e.client.host, node: c?.clientNode ?? 'client' }, { host: e.server.host, node: SERVICE_NODE[e.service] ?? 'smtpd' }],
        label: `${e.server.address}:${e.server.port}`,
      };
    }
    case 'conn.fail': {
      const target = e.server.host || hostAt(e.server.address, e.client.host);
      return {
        kind: 'fail',
        seq: e.seq,
        path: [{ host: e.client.host, node: 'client' }, { host: target ?? e.client.host, node: target ? 'smtpd' : 'client' }],
        label: `${e.server.address}:${e.server.port} ${e.reason}`,
      };
    }
    case 'conn.data': {
      const c = index.conns.get(e.conn);
      if (!c) return undefined;
      const client: Place = { host: c.client.host, node: c.clientNode };
      const server: Place = { host: c.host, node: SERVICE_NODE[c.service] ?? 'smtpd' };
      const first = e.lines[0] ?? '';
      const label = short(e.lines.length > 1 ? `${first} (+${e.lines.length - 1})` : first);
      const isMailFrom = e.dir === 'c2s' && (c.service === 'smtpd' || c.service === 'sink') && commandWord(first) === 'MAIL' && /from\s*:/i.test(first);
      if (isMailFrom) return { kind: 'envelope', seq: e.seq, path: [client, server], label, key: `conn:${e.conn}`, dir: 'c2s' };
      return { kind: 'packet', seq: e.seq, path: e.dir === 'c2s' ? [client, server] : [server, client], label, dir: e.dir };
    }
    case 'dns.query': {
      const server = hostAt(e.server, e.host) ?? e.host;
      return { kind: 'dns-query', seq: e.seq, path: [{ host: e.host, node: askerNode(e.by) }, { host: server, node: 'named' }], label: `${e.type}? ${e.name}` };
    }
    case 'dns.answer': {
      const server = hostAt(e.server, e.host) ?? e.host;
      const query = findQuery(index, e.seq, e.id);
      const asker = query?.kind === 'dns.query' ? askerNode(query.by) : 'client';
      const answer = e.answers[0] ? e.answers[0].split(/\s+/).slice(4).join(' ') : e.rcode === 'NOERROR' ? 'NODATA' : e.rcode;
      return { kind: 'dns-answer', seq: e.seq, path: [{ host: server, node: 'named' }, { host: e.host, node: asker }], label: short(answer) };
    }
    case 'decision':
      if (e.verdict === 'dunno') return undefined;
      return {
        kind: 'gate',
        seq: e.seq,
        path: [{ host: e.host, node: 'smtpd' }],
        label: short(`${e.restriction}${e.explain?.args?.reason ? `: ${e.explain.args.reason}` : e.reply ? `: ${e.reply}` : ''}`, 70),
        ok: e.verdict === 'permit',
      };
    case 'message': {
      const from: NodeName = e.origin === 'smtp' ? 'smtpd' : e.origin === 'bounce' ? 'bounce' : e.origin === 'forward' ? 'local' : 'pickup';
      return { kind: e.origin === 'bounce' ? 'bounce' : 'envelope', seq: e.seq, path: [{ host: e.host, node: from }, { host: e.host, node: 'cleanup' }], label: e.queueId, key: hostKey(e.host, e.queueId) };
    }
    case 'queue': {
      const key = hostKey(e.host, e.queueId);
      if (e.to === null) return { kind: 'vanish', seq: e.seq, path: [{ host: e.host, node: e.from ?? 'active' }], label: e.queueId, key };
      return { kind: 'envelope', seq: e.seq, path: [{ host: e.host, node: e.from ?? 'cleanup' }, { host: e.host, node: e.to }], label: e.queueId, key };
    }
    case 'delivery': {
      const agent: Place = { host: e.host, node: agentNode(e.agent) };
      const start: Place = { host: e.host, node: 'active' };
      const path: Place[] = [start, agent];
      if (e.status === 'sent' && e.mailbox) path.push({ host: e.host, node: mailboxNode(mailboxUser(e.mailbox, e.user)) });
      else if (e.status === 'deferred') path.push(start);
      return { kind: e.status === 'bounced' ? 'bounce' : 'envelope', seq: e.seq, path, label: e.recipient, ok: e.status === 'sent' };
    }
    case 'alias':
      return { kind: 'alias', seq: e.seq, path: [{ host: e.host, node: 'local' }], label: short(`${e.address} → ${e.targets.join(', ')}`, 60) };
    case 'bounce':
      return { kind: 'bounce', seq: e.seq, path: [{ host: e.host, node: 'active' }, { host: e.host, node: 'bounce' }], label: `→ ${e.to || 'MAILER-DAEMON'}` };
    case 'sasl':
      return { kind: 'sasl', seq: e.seq, path: [{ host: e.host, node: e.service === 'smtpd' || e.service === 'smtp' ? 'smtpd' : 'dovecot' }], label: `${e.mechanism} ${e.user}`, ok: e.ok };
    default:
      return undefined;
  }
}

/** The query a DNS answer answers: the latest query with its id before it. */
function findQuery(index: TraceIndex, answerSeq: number, id: number): TraceEvent | undefined {
  const dns = index.dns;
  let lo = 0;
  let hi = dns.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (dns[mid] < answerSeq) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo - 1; i >= 0 && i >= lo - 64; i--) {
    const e = index.events[dns[i]];
    if (e.kind === 'dns.query' && e.id === id) return e;
  }
  return undefined;
}

/** Motions that stay visible for a while after they happened (a gate's verdict, an alias fan-out). */
export function lingers(kind: MotionKind): boolean {
  return kind === 'gate' || kind === 'alias' || kind === 'sasl';
}
