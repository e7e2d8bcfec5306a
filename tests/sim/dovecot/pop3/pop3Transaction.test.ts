import { describe, expect, it } from 'vitest';
import { Mailbox } from '../../../../src/sim/mail/mailStore';
import { parsePop3Command } from '../../../../src/sim/dovecot/pop3/pop3Command';
import { Pop3Maildrop } from '../../../../src/sim/dovecot/pop3/pop3Maildrop';
import { handleTransactionCommand } from '../../../../src/sim/dovecot/pop3/pop3Transaction';
import { formatUidl } from '../../../../src/sim/dovecot/pop3/uidlFormat';
import { logoutStats } from '../../../../src/sim/dovecot/pop3/pop3TransactionHandlers';

function drop(): Pop3Maildrop {
  const box = new Mailbox('/var/mail/alice', 'mbox', 1700000000);
  box.append('bob@example.net', 0, 'Subject: one\n\nfirst line\n.dot line\nlast\n');
  box.append('carol@example.com', 0, 'Subject: two\n\nno final newline');
  return new Pop3Maildrop(box, '%08Xu%08Xv');
}

const run = (d: Pop3Maildrop, line: string) => handleTransactionCommand(d, parsePop3Command(line, true)).lines;

describe('POP3 transaction commands', () => {
  it('sizes count CRLF line ends', () => {
    const d = drop();
    expect(d.sizes).toEqual([45, 32]);
    expect(run(d, 'STAT')).toEqual(['+OK 2 77']);
    expect(run(d, 'LIST')).toEqual(['+OK 2 messages:', '1 45', '2 32', '.']);
  });

  it('RETR dot-stuffs and ends an unfinished last line', () => {
    const d = drop();
    expect(run(d, 'RETR 1')).toEqual(['+OK 45 octets', 'Subject: one', '', 'first line', '..dot line', 'last', '.']);
    expect(run(d, 'RETR 2')).toEqual(['+OK 32 octets', 'Subject: two', '', 'no final newline', '.']);
    // What went out: "+OK 45 octets\r\n" (15) + 45 + the stuffed dot, "+OK 32 octets\r\n" (15) + 32 + the
    // CRLF added to the last line.
    expect(d.counters).toMatchObject({ retrCount: 2, retrBytes: 15 + 45 + 1 + 15 + 32 + 2 });
  });

  it('TOP sends the header, the empty line and n body lines', () => {
    const d = drop();
    expect(run(d, 'TOP 1 1')).toEqual(['+OK', 'Subject: one', '', 'first line', '.']);
    expect(run(d, 'TOP 1 0')).toEqual(['+OK', 'Subject: one', '', '.']);
  });

  it('DELE marks, RSET unmarks, QUIT asks for UPDATE', () => {
    const d = drop();
    expect(run(d, 'DELE 1')).toEqual(['+OK Marked to be deleted.']);
    expect(run(d, 'DELE 1')).toEqual(['-ERR Message is deleted.']);
    expect(run(d, 'LIST')).toEqual(['+OK 1 messages:', '2 32', '.']);
    expect(run(d, 'UIDL')).toEqual(['+OK', '2 000000026553f100', '.']);
    expect(handleTransactionCommand(d, parsePop3Command('QUIT', true)).quit).toBe(true);
    expect(run(d, 'RSET')).toEqual(['+OK']);
    expect(run(d, 'STAT')).toEqual(['+OK 2 77']);
  });

  it('unknown commands name themselves after login', () => {
    expect(run(drop(), 'XTND foo')).toEqual(['-ERR Unknown command: XTND']);
    expect(run(drop(), 'CAPA')).toEqual(['+OK', 'CAPA', 'TOP', 'UIDL', 'RESP-CODES', 'PIPELINING', 'AUTH-RESP-CODE', '.']);
  });

  it('pop3_uidl_format and pop3_logout_format', () => {
    const d = drop();
    expect(formatUidl('%08Xu%08Xv', d.messages[0], 1700000000)).toBe('000000016553f100');
    expect(formatUidl('%u-%v', d.messages[1], 1700000000)).toBe('2-1700000000');
    expect(logoutStats('top=%t/%p, retr=%r/%b, del=%d/%m, size=%s', d)).toBe('top=0/0, retr=0/0, del=0/2, size=77');
  });
});
