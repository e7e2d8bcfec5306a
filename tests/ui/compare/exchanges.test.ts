import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../src/sim/core/trace';
import { TraceIndex } from '../../../src/sim/projection/traceIndex';
import { exchangesOf } from '../../../src/ui/compare/exchanges';
import { relayRuns } from './fixtures';

/** A connection from lines: ['S', ...] is the server writing, ['C', ...] the client. */
function conn(service: string, packets: [dir: 'C' | 'S', ...lines: string[]][]) {
  const events: TraceEvent[] = [
    { seq: 0, t: 0, host: 'srv', kind: 'conn.open', conn: 1, service, client: { host: 'cli', address: '10.0.0.2', port: 30000 }, server: { host: 'srv', address: '10.0.0.1', port: 25 } },
  ];
  for (const [dir, ...lines] of packets) events.push({ seq: events.length, t: events.length, host: dir === 'S' ? 'srv' : 'cli', kind: 'conn.data', conn: 1, dir: dir === 'S' ? 's2c' : 'c2s', lines });
  const index = new TraceIndex();
  index.append(events);
  return exchangesOf(index.events, index.conns.get(1)!);
}

const brief = (xs: ReturnType<typeof conn>) => xs.map((x) => [x.command, x.reply.join(' / ')]);

describe('exchangesOf', () => {
  it('pairs each SMTP command with its reply, multi-line replies as one', () => {
    const xs = conn('smtpd', [
      ['S', '220 srv ESMTP Postfix'],
      ['C', 'EHLO cli'],
      ['S', '250-srv', '250-PIPELINING', '250 CHUNKING'],
      ['C', 'QUIT'],
      ['S', '221 2.0.0 Bye'],
    ]);
    expect(brief(xs)).toEqual([
      ['', '220 srv ESMTP Postfix'],
      ['EHLO cli', '250-srv / 250-PIPELINING / 250 CHUNKING'],
      ['QUIT', '221 2.0.0 Bye'],
    ]);
    expect(xs[1]).toMatchObject({ commandSeq: 2, replySeq: 3 });
  });

  it('answers pipelined commands in order and reads message text up to the dot', () => {
    const xs = conn('smtpd', [
      ['S', '220 srv ESMTP'],
      ['C', 'MAIL FROM:<a@x>', 'RCPT TO:<b@y>', 'DATA'],
      ['S', '250 2.1.0 Ok'],
      ['S', '250 2.1.5 Ok'],
      ['S', '354 End data with <CR><LF>.<CR><LF>'],
      ['C', 'Subject: hi', '', 'text', '.'],
      ['S', '250 2.0.0 Ok: queued as ABC123'],
      ['C', 'QUIT'],
    ]);
    expect(brief(xs)).toEqual([
      ['', '220 srv ESMTP'],
      ['MAIL FROM:<a@x>', '250 2.1.0 Ok'],
      ['RCPT TO:<b@y>', '250 2.1.5 Ok'],
      ['DATA', '354 End data with <CR><LF>.<CR><LF>'],
      ['.', '250 2.0.0 Ok: queued as ABC123'],
      // The connection ended before the reply: the command still counts.
      ['QUIT', ''],
    ]);
    expect(xs[4].textLines).toBe(3);
  });

  it('does not read text after a refused DATA', () => {
    const xs = conn('smtpd', [
      ['C', 'DATA'],
      ['S', '554 5.5.1 Error: no valid recipients'],
      ['C', 'QUIT'],
      ['S', '221 2.0.0 Bye'],
    ]);
    expect(brief(xs)).toEqual([
      ['DATA', '554 5.5.1 Error: no valid recipients'],
      ['QUIT', '221 2.0.0 Bye'],
    ]);
  });

  it('takes each packet of a POP3 server as one reply', () => {
    const xs = conn('pop3', [
      ['S', '+OK Dovecot ready.'],
      ['C', 'USER alice'],
      ['S', '+OK'],
      ['C', 'LIST'],
      ['S', '+OK 1 messages:', '1 420', '.'],
    ]);
    expect(brief(xs)).toEqual([
      ['', '+OK Dovecot ready.'],
      ['USER alice', '+OK'],
      ['LIST', '+OK 1 messages: / 1 420 / .'],
    ]);
  });

  it('reads the relay lesson: the laptop to mail.example.com, then Postfix to mx.example.net', () => {
    const { a } = relayRuns();
    const [first, second] = a.index.connOrder.map((id) => exchangesOf(a.index.events, a.index.conns.get(id)!));
    expect(first.map((x) => x.command)).toEqual(['', 'EHLO laptop.example.com', 'MAIL FROM:<spammer@example.org>', 'RCPT TO:<carol@example.net>', 'DATA', '.', 'QUIT']);
    expect(first[3].reply).toEqual(['250 2.1.5 Ok']);
    expect(second.map((x) => [x.command.split(' ')[0], x.reply[x.reply.length - 1]?.slice(0, 3)])).toEqual([
      ['', '220'],
      ['EHLO', '250'],
      ['MAIL', '250'],
      ['RCPT', '250'],
      ['DATA', '354'],
      ['.', '250'],
      ['QUIT', '221'],
    ]);
  });
});
