/**
 * A connection's dialogue as exchanges: one client command and the server's reply to it. This is
 * the unit compare mode pairs between two runs ("RCPT TO:<carol@example.net>" answered "250 2.1.5
 * Ok" in A, "454 4.7.1 ... Relay access denied" in B).
 *
 * SMTP is read as a client and server read it: every command gets exactly one reply, a reply
 * ends at its first line without a hyphen after the code ("250-PIPELINING" goes on, "250 ..."
 * ends), so pipelined commands ("MAIL FROM", "RCPT TO", "DATA" in one packet) are answered in
 * order; after a 354 the client's lines are message text up to the lone "." which gets the final
 * reply. Other protocols (POP3, IMAP) are read more loosely: each packet of the server answers
 * the oldest open command.
 */
import type { TraceEvent } from '../../sim/core/trace';
import type { ConnRecord } from '../../sim/projection/traceIndex';

export interface Exchange {
  /** The command as the client sent it; '' for the greeting (or a reply nobody asked for). */
  command: string;
  /** The event that carried the command (undefined for the greeting). */
  commandSeq?: number;
  /** Lines of message text before the "." command. */
  textLines?: number;
  /** The reply's lines; empty when the connection ended before it came. */
  reply: string[];
  /** The event that completed the reply. */
  replySeq?: number;
}

/** Services whose replies are SMTP replies (three digits, hyphen for "more lines follow"). */
export function speaksSmtp(service: string): boolean {
  return service === 'smtpd' || service === 'sink' || service.startsWith('smtp');
}

const REPLY_END = /^\d{3}(?: |$)/;

export function exchangesOf(events: readonly TraceEvent[], conn: ConnRecord): Exchange[] {
  const smtp = speaksSmtp(conn.service);
  const out: Exchange[] = [];
  const open: Exchange[] = [];
  let inText = false;
  let textLines = 0;
  let reply: string[] = [];

  const finish = (lines: string[], seq: number) => {
    const exchange = open.shift() ?? { command: '', reply: [] };
    exchange.reply = lines;
    exchange.replySeq = seq;
    out.push(exchange);
    if (smtp && lines[lines.length - 1]?.startsWith('354')) inText = true;
  };

  for (const seq of conn.seqs) {
    const e = events[seq];
    if (e.kind !== 'conn.data') continue;
    if (e.dir === 'c2s') {
      for (const line of e.lines) {
        if (inText) {
          if (line !== '.') {
            textLines++;
            continue;
          }
          inText = false;
          open.push({ command: '.', commandSeq: seq, textLines, reply: [] });
          textLines = 0;
          continue;
        }
        open.push({ command: line, commandSeq: seq, reply: [] });
      }
    } else if (smtp) {
      for (const line of e.lines) {
        reply.push(line);
        if (REPLY_END.test(line)) {
          finish(reply, seq);
          reply = [];
        }
      }
    } else {
      finish([...e.lines], seq);
    }
  }
  // Commands the server never answered (the connection closed first) still count.
  for (const exchange of open) out.push(exchange);
  if (reply.length > 0) out.push({ command: '', reply });
  return out.sort(byFirstSeq);
}

function byFirstSeq(x: Exchange, y: Exchange): number {
  return (x.commandSeq ?? x.replySeq ?? Infinity) - (y.commandSeq ?? y.replySeq ?? Infinity);
}
