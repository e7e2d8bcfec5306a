/**
 * The trace as a sequence diagram: participants (the client, smtpd, cleanup, qmgr, local, the
 * DNS server...) and one arrow per event between them, in trace order. Scoped to one message
 * and the connection it came on, or to everything.
 */
import type { TraceEvent } from '../core/trace';
import { agentNode, hostKey, mailboxUser } from './places';
import type { TraceIndex } from './traceIndex';

export interface Participant {
  key: string;
  host: string;
  role: string;
}

export interface SequenceRow {
  seq: number;
  t: number;
  from: string;
  to: string;
  label: string;
  kind: 'request' | 'reply' | 'self' | 'ok' | 'bad';
}

export interface SequenceDiagram {
  participants: Participant[];
  rows: SequenceRow[];
}

function short(text: string, max = 48): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The events in scope: a message's queue events and its connection, or all, up to n. */
export function sequenceSeqs(index: TraceIndex, n: number, scope?: { host: string; queueId: string } | { conn: number }): number[] {
  if (!scope) return Array.from({ length: n }, (_, i) => i);
  const out = new Set<number>();
  let conn: number | undefined;
  if ('conn' in scope) conn = scope.conn;
  else {
    const record = index.message(scope.host, scope.queueId);
    if (record) {
      conn = record.conn;
      if (record.messageSeq !== undefined) out.add(record.messageSeq);
      for (const s of record.seqs) out.add(s);
    }
  }
  if (conn !== undefined) {
    const c = index.conns.get(conn);
    if (c) {
      for (const s of c.seqs) out.add(s);
      // What smtpd did for this session in between: DNS lookups, relay decisions.
      const last = c.closeSeq ?? index.size - 1;
      for (const s of index.dns) if (s >= c.openSeq && s <= last && index.events[s].host === c.host) out.add(s);
      for (const s of index.decisions) if (s >= c.openSeq && s <= last) {
        const d = index.events[s];
        if (d.kind === 'decision' && d.conn === conn) out.add(s);
      }
      for (const id of c.queueIds) {
        const r = index.message(c.host, id);
        if (r?.messageSeq !== undefined) out.add(r.messageSeq);
        for (const s of r?.seqs ?? []) out.add(s);
      }
    }
  }
  return [...out].filter((s) => s < n).sort((a, b) => a - b);
}

export function sequenceDiagram(index: TraceIndex, seqs: readonly number[], hostAt: (address: string, from: string) => string | undefined, limit = 400): SequenceDiagram {
  const participants = new Map<string, Participant>();
  const rows: SequenceRow[] = [];
  const p = (host: string, role: string) => {
    const key = hostKey(host, role);
    if (!participants.has(key)) participants.set(key, { key, host, role });
    return key;
  };
  const start = Math.max(0, seqs.length - limit * 3);
  for (const seq of seqs.slice(start)) {
    const e = index.events[seq];
    const row = rowOf(e, index, p, hostAt);
    if (row) rows.push(row);
  }
  const kept = rows.slice(-limit);
  const used = new Set(kept.flatMap((r) => [r.from, r.to]));
  return { participants: [...participants.values()].filter((x) => used.has(x.key)), rows: kept };
}

function rowOf(e: TraceEvent, index: TraceIndex, p: (host: string, role: string) => string, hostAt: (address: string, from: string) => string | undefined): SequenceRow | undefined {
  const base = { seq: e.seq, t: e.t };
  switch (e.kind) {
    case 'conn.open': {
      const c = index.conns.get(e.conn);
      return { ...base, from: p(e.client.host, c?.clientNode === 'smtp' ? 'smtp' : 'client'), to: p(e.server.host, e.service), label: `connect :${e.server.port}`, kind: 'request' };
    }
    case 'conn.data':
    case 'conn.close': {
      const c = index.conns.get(e.conn);
      if (!c) return undefined;
      const client = p(c.client.host, c.clientNode === 'smtp' ? 'smtp' : 'client');
      const server = p(c.host, c.service);
      if (e.kind === 'conn.close') return { ...base, from: e.by === 'client' ? client : server, to: e.by === 'client' ? server : client, label: 'close', kind: 'reply' };
      const text = e.lines.length > 1 ? `${e.lines[0]} (+${e.lines.length - 1})` : (e.lines[0] ?? '');
      return e.dir === 'c2s' ? { ...base, from: client, to: server, label: short(text), kind: 'request' } : { ...base, from: server, to: client, label: short(text), kind: /^[45]|^-ERR|^\S+ (NO|BAD)/.test(text) ? 'bad' : 'reply' };
    }
    case 'dns.query': {
      const asker = p(e.host, e.by === 'getnameinfo' || e.by === 'getaddrinfo' ? 'smtpd' : e.by);
      return { ...base, from: asker, to: p(hostAt(e.server, e.host) ?? e.server, 'named'), label: short(`${e.type}? ${e.name}`), kind: 'request' };
    }
    case 'dns.answer': {
      const server = p(hostAt(e.server, e.host) ?? e.server, 'named');
      const answer = e.answers[0]?.split(/\s+/).slice(4).join(' ') ?? e.rcode;
      // The asker is whoever asked last with this id; smtpd is the usual one.
      const q = [...index.dns].reverse().map((s) => index.events[s]).find((x) => x.seq < e.seq && x.kind === 'dns.query' && x.id === e.id);
      const by = q?.kind === 'dns.query' ? q.by : 'client';
      return { ...base, from: server, to: p(e.host, by === 'getnameinfo' || by === 'getaddrinfo' ? 'smtpd' : by), label: short(`${e.rcode} ${answer}`), kind: e.rcode === 'NOERROR' ? 'reply' : 'bad' };
    }
    case 'decision':
      if (e.verdict === 'dunno') return undefined;
      return { ...base, from: p(e.host, 'smtpd'), to: p(e.host, 'smtpd'), label: short(`${e.restriction}: ${e.verdict}`), kind: e.verdict === 'permit' ? 'ok' : 'bad' };
    case 'message':
      return { ...base, from: p(e.host, e.origin === 'smtp' ? 'smtpd' : e.origin === 'bounce' ? 'bounce' : 'pickup'), to: p(e.host, 'cleanup'), label: `queue file ${e.queueId}`, kind: 'request' };
    case 'queue':
      if (e.from === null) return { ...base, from: p(e.host, 'cleanup'), to: p(e.host, 'qmgr'), label: `${e.queueId} → ${e.to}`, kind: 'request' };
      return { ...base, from: p(e.host, 'qmgr'), to: p(e.host, 'qmgr'), label: `${e.queueId} ${e.from} → ${e.to ?? 'removed'}`, kind: 'self' };
    case 'alias':
      return { ...base, from: p(e.host, 'local'), to: p(e.host, 'local'), label: short(`${e.address} → ${e.targets.join(', ')}`), kind: 'self' };
    case 'delivery': {
      const agent = agentNode(e.agent);
      if (e.mailbox && e.status === 'sent') return { ...base, from: p(e.host, agent), to: p(e.host, `mailbox ${mailboxUser(e.mailbox, e.user)}`), label: short(`${e.recipient}: ${e.status}`), kind: 'ok' };
      return { ...base, from: p(e.host, 'qmgr'), to: p(e.host, agent), label: short(`${e.recipient}: ${e.status} ${e.dsn}`), kind: e.status === 'sent' ? 'ok' : 'bad' };
    }
    case 'bounce':
      return { ...base, from: p(e.host, 'qmgr'), to: p(e.host, 'bounce'), label: `bounce ${e.bounceId} → ${e.to || '<>'}`, kind: 'bad' };
    case 'sasl':
      return { ...base, from: p(e.host, e.service), to: p(e.host, e.service), label: `AUTH ${e.mechanism} ${e.user}: ${e.ok ? 'ok' : 'failed'}`, kind: e.ok ? 'ok' : 'bad' };
    default:
      return undefined;
  }
}
