/**
 * The fold: one trace event changes the drawn state. Entries are replaced, never mutated, so
 * checkpoints can share them (see foldState.ts).
 */
import type { ConnDataEvent, TraceEvent } from '../core/trace';
import type { FoldState, SmtpParse } from './foldState';
import { hostKey, type NodeName } from './places';
import type { TraceIndex } from './traceIndex';

const ORIGIN_NODE: Record<string, NodeName> = { smtp: 'smtpd', pickup: 'pickup', bounce: 'bounce', forward: 'local' };

export function applyEvent(s: FoldState, e: TraceEvent, index: TraceIndex): void {
  s.n = e.seq + 1;
  s.t = e.t;
  switch (e.kind) {
    case 'conn.open':
      if (e.service === 'smtpd' || e.service === 'sink') s.smtp.set(e.conn, { lastCommand: '', awaitingData: false, inData: false });
      return;
    case 'conn.data':
      smtpLines(s, e, index);
      return;
    case 'conn.close':
      s.smtp.delete(e.conn);
      s.pending.delete(e.conn);
      return;
    case 'message': {
      // The envelope smtpd was receiving is now this queue file.
      const conn = index.message(e.host, e.queueId)?.conn;
      if (conn !== undefined) s.pending.delete(conn);
      s.messages.set(hostKey(e.host, e.queueId), {
        host: e.host,
        queueId: e.queueId,
        node: 'cleanup',
        from: { host: e.host, node: ORIGIN_NODE[e.origin] ?? 'pickup' },
        seq: e.seq,
        sender: e.envelope.sender,
        recipients: e.envelope.recipients.length,
        origin: e.origin,
      });
      return;
    }
    case 'queue': {
      if (e.from) bump(s, hostKey(e.host, e.from), -1);
      if (e.to) bump(s, hostKey(e.host, e.to), 1);
      const key = hostKey(e.host, e.queueId);
      const token = s.messages.get(key);
      if (e.to === null) {
        s.messages.delete(key);
        return;
      }
      const base = token ?? { host: e.host, queueId: e.queueId, sender: '', recipients: 0, origin: 'pickup' as const, node: 'pickup' as NodeName, from: { host: e.host, node: 'pickup' as NodeName }, seq: e.seq };
      s.messages.set(key, { ...base, node: e.to, from: { host: e.host, node: base.node }, seq: e.seq });
      return;
    }
    case 'daemon': {
      const key = `${e.host}\t${e.daemon}\t${e.instance}`;
      if (e.state === 'closed' || e.state === 'done') s.daemons.delete(key);
      else s.daemons.set(key, { host: e.host, daemon: e.daemon, instance: e.instance, state: e.state, event: e.event, seq: e.seq });
      return;
    }
    case 'note': {
      const m = /^(\S+) is (up|down)$/.exec(e.text);
      if (m) s.power.set(m[1], m[2] === 'up');
      return;
    }
    default:
      return;
  }
}

function bump(s: FoldState, key: string, by: number): void {
  const v = (s.depth.get(key) ?? 0) + by;
  if (v === 0) s.depth.delete(key);
  else s.depth.set(key, v);
}

/** The SMTP command word of a client line: "mail from:<a>" -> MAIL. */
export function commandWord(line: string): string {
  const m = /^\s*([A-Za-z]+)/.exec(line);
  return m ? m[1].toUpperCase() : '';
}

/** The address in "MAIL FROM:<a@b>" (or the course's "mail from:a@b"). */
export function mailFromAddress(line: string): string {
  const m = /from\s*:\s*<?([^>\s]*)>?/i.exec(line);
  return m ? m[1] : '';
}

/** Follows an SMTP session line by line: an envelope appears at MAIL FROM and becomes a queue file at "queued as". */
function smtpLines(s: FoldState, e: ConnDataEvent, index: TraceIndex): void {
  const prev = s.smtp.get(e.conn);
  if (!prev) return;
  const p: SmtpParse = { ...prev };
  if (e.dir === 'c2s') {
    for (const line of e.lines) {
      if (p.inData) {
        if (line === '.') p.inData = false;
        continue;
      }
      const cmd = commandWord(line);
      p.lastCommand = cmd;
      if (cmd === 'MAIL' && !s.pending.has(e.conn)) {
        const c = index.conns.get(e.conn);
        if (c) {
          s.pending.set(e.conn, {
            conn: e.conn,
            client: { host: c.client.host, node: c.clientNode },
            server: { host: c.host, node: 'smtpd' },
            sender: mailFromAddress(line),
            seq: e.seq,
          });
        }
      } else if (cmd === 'RSET') {
        s.pending.delete(e.conn);
      } else if (cmd === 'DATA') {
        p.awaitingData = true;
      }
    }
  } else {
    for (const line of e.lines) {
      if (p.awaitingData && line.startsWith('354')) {
        p.awaitingData = false;
        p.inData = true;
      } else if (p.awaitingData && /^[45]/.test(line)) {
        p.awaitingData = false;
      }
      if (/queued as /.test(line)) s.pending.delete(e.conn);
      else if (p.lastCommand === 'MAIL' && /^[45]\d\d /.test(line)) s.pending.delete(e.conn);
    }
  }
  s.smtp.set(e.conn, p);
}
