/**
 * Postfix's smtp-sink test server: accepts every command and every message and keeps nothing.
 * Lessons use it as "some other mail server out there"; its replies are the real program's.
 */
import type { Connection, Listener, Peer } from '../core/network';

const EHLO = ['250-smtp-sink', '250-PIPELINING', '250-8BITMIME', '250-AUTH PLAIN LOGIN', '250-XCLIENT NAME HELO', '250-XFORWARD NAME ADDR PROTO HELO', '250-ENHANCEDSTATUSCODES', '250-DSN', '250 '];

class SinkSession implements Peer {
  private inData = false;

  constructor(
    private readonly conn: Connection,
    private readonly dataReply: string,
  ) {
    conn.serverWrite(['220 smtp-sink ESMTP']);
  }

  onData(lines: string[]): void {
    for (const line of lines) this.handle(line);
  }

  onClose(): void {}

  private handle(line: string): void {
    if (this.inData) {
      if (line === '.') {
        this.inData = false;
        this.conn.serverWrite([this.dataReply]);
      }
      return;
    }
    const verb = line.trim().split(/\s+/)[0]?.toUpperCase() ?? '';
    const reply = (text: string | string[]) => this.conn.serverWrite(typeof text === 'string' ? [text] : text);
    switch (verb) {
      case 'EHLO':
        return reply(EHLO);
      case 'HELO':
        return reply('250 smtp-sink');
      case 'MAIL':
      case 'RSET':
        return reply('250 2.1.0 Ok');
      case 'RCPT':
        return reply('250 2.1.5 Ok');
      case 'DATA':
        this.inData = true;
        return reply('354 End data with <CR><LF>.<CR><LF>');
      case 'NOOP':
      case 'VRFY':
        return reply('250 2.0.0 Ok');
      case 'QUIT':
        reply('221 Bye');
        this.conn.close('server');
        return;
      default:
        return reply('500 5.5.1 Error: unknown command');
    }
  }
}

export function smtpSinkListener(port: number, dataReply = '250 2.0.0 Ok'): Listener {
  return { port, service: 'smtp-sink', accept: (conn) => new SinkSession(conn, dataReply) };
}
