/**
 * What smtpd answers and logs for a few settings a lesson may change: smtpd_reject_footer,
 * smtputf8_enable = no, reject_unauth_pipelining, the null sender in an access table, the data
 * and ETRN restrictions, and command lines with odd white space.
 */
import { describe, expect, it } from 'vitest';
import { DialogueClient } from '../../../src/sim/clients/dialogueClient';
import type { HostSpec } from '../../../src/sim/scenario/schema';
import { maillog, makeWorld, MAIL_HOST, talk, WORKSTATION } from '../../helpers/world';

function host(mainCf: Record<string, string>, more: Partial<HostSpec> = {}): HostSpec {
  return { ...MAIL_HOST, main_cf: { ...(MAIL_HOST.main_cf as Record<string, string>), ...mainCf }, ...more };
}

function session(mainCf: Record<string, string>, lines: string[], more: Partial<HostSpec> = {}) {
  const world = makeWorld([host(mainCf, more), WORKSTATION]);
  const { replies } = talk(world, 'client.example.com', '192.168.1.1', lines);
  const log = maillog(world, 'mail.example.com').map((l) => l.replace(/^\S+ /, ''));
  return { replies, log };
}

describe('smtpd_reject_footer', () => {
  const footer = { smtpd_reject_footer: 'For help contact postmaster@example.com and quote your address $client_address.' };

  it('adds a line under every 4xx/5xx reply, with its reply code and enhanced status code', () => {
    const { replies } = session(footer, ['HELO client.example.com', 'ETRN', 'MAIL FROM:<carol@example.org>', 'RCPT TO:<nosuch@mail.example.com>', 'BOGUS', 'QUIT']);
    // A reply without an enhanced status code gets none in the footer either.
    expect(replies[2]).toEqual(['500-Syntax: ETRN domain', '500 For help contact postmaster@example.com and quote your address 192.168.1.23.']);
    expect(replies[3]).toEqual(['250 2.1.0 Ok']);
    expect(replies[4]).toEqual([
      '550-5.1.1 <nosuch@mail.example.com>: Recipient address rejected: User unknown in local recipient table',
      '550 5.1.1 For help contact postmaster@example.com and quote your address 192.168.1.23.',
    ]);
    expect(replies[5]).toEqual(['500-5.5.2 Error: command not recognized', '500 5.5.2 For help contact postmaster@example.com and quote your address 192.168.1.23.']);
    expect(replies[6]).toEqual(['221 2.0.0 Bye']);
  });

  it('splits the footer at "\\n", glues it on with "\\c", and logs $names it does not know', () => {
    const split = session({ smtpd_reject_footer: '\\c (from $client)\\nAsk $sender_name or $myhostname.' }, ['HELO client.example.com', 'MAIL FROM:<carol@example.org>', 'MAIL FROM:<x@example.org>', 'QUIT']);
    expect(split.replies[3]).toEqual(['503-5.5.1 Error: nested MAIL command (from unknown[192.168.1.23])', '503 5.5.1 Ask carol or .']);
    expect(split.log).toContain('warning: unknown macro name "myhostname" in expansion request');
  });
});

describe('smtputf8_enable = no', () => {
  it('does not announce SMTPUTF8 and refuses it as an option', () => {
    const { replies, log } = session({ smtputf8_enable: 'no' }, ['EHLO client.example.com', 'MAIL FROM:<alice@mail.example.com> SMTPUTF8', 'VRFY alice SMTPUTF8', 'MAIL FROM:<alice@mail.example.com>', 'QUIT']);
    expect(replies[1]).not.toContain('250-SMTPUTF8');
    expect(replies[2]).toEqual(['555 5.5.4 Unsupported option: SMTPUTF8']);
    expect(replies[3]).toEqual(['501 5.1.3 Bad recipient address syntax']);
    expect(log).toContainEqual(expect.stringMatching(/Illegal address syntax from .* in VRFY command: alice SMTPUTF8$/));
    expect(replies[4]).toEqual(['250 2.1.0 Ok']);
  });
});

describe('command pipelining', () => {
  function pipelined(mainCf: Record<string, string>, greeting: string, group: string[]) {
    const world = makeWorld([host(mainCf), WORKSTATION]);
    const client = new DialogueClient(world, 'client.example.com', undefined, '192.168.1.1', 25);
    client.nextReply();
    client.send([greeting]);
    client.nextReply();
    client.send(group);
    const replies = group.map(() => client.nextReply());
    const log = maillog(world, 'mail.example.com').map((l) => l.replace(/^\S+ /, ''));
    return { replies, log };
  }
  const group = ['MAIL FROM:<carol@example.org>', 'RCPT TO:<alice@mail.example.com>', 'DATA'];

  it('refuses DATA to a HELO client that sent MAIL, RCPT and DATA in one write (reject_unauth_pipelining)', () => {
    const { replies, log } = pipelined({ smtpd_data_restrictions: 'reject_unauth_pipelining' }, 'HELO client.example.com', group);
    expect(replies[2]).toEqual(['503 5.5.0 <DATA>: Data command rejected: Improper use of SMTP command pipelining']);
    expect(log).toContain('improper command pipelining after MAIL from unknown[192.168.1.23]: RCPT TO:<alice@mail.example.com>\\r\\nDATA\\r\\n');
    expect(log).toContainEqual(expect.stringMatching(/^[0-9A-F]+: reject: DATA from unknown\[192\.168\.1\.23\]: 503 5\.5\.0 <DATA>: .*; from=<carol@example\.org> to=<alice@mail\.example\.com> proto=SMTP helo=<client\.example\.com>$/));
  });

  it('lets an EHLO client pipeline the same commands', () => {
    const { replies, log } = pipelined({ smtpd_data_restrictions: 'reject_unauth_pipelining' }, 'EHLO client.example.com', group);
    expect(replies[2]).toEqual(['354 End data with <CR><LF>.<CR><LF>']);
    expect(log.some((l) => l.includes('improper command pipelining'))).toBe(false);
  });
});

describe('access tables and restriction texts', () => {
  it('looks the null sender up as smtpd_null_access_lookup_key', () => {
    const { replies } = session(
      { smtpd_sender_restrictions: 'check_sender_access hash:/etc/postfix/sender_access' },
      ['HELO client.example.com', 'MAIL FROM:<>', 'RCPT TO:<alice@mail.example.com>', 'QUIT'],
      { maps: { '/etc/postfix/sender_access': '<> REJECT No bounces accepted here\n' } },
    );
    expect(replies[3]).toEqual(['554 5.7.1 <>: Sender address rejected: No bounces accepted here']);
  });

  it('names DATA and the ETRN domain in their refusals', () => {
    const { replies, log } = session({ smtpd_data_restrictions: 'reject', smtpd_etrn_restrictions: 'reject' }, [
      'HELO client.example.com',
      'ETRN example.org',
      'MAIL FROM:<carol@example.org>',
      'RCPT TO:<alice@mail.example.com>',
      'DATA',
      'QUIT',
    ]);
    expect(replies[2]).toEqual(['554 5.7.1 <example.org>: Etrn command rejected: Access denied']);
    expect(replies[5]).toEqual(['554 5.7.1 <DATA>: Data command rejected: Access denied']);
    expect(log).toContain('NOQUEUE: reject: ETRN from unknown[192.168.1.23]: 554 5.7.1 <example.org>: Etrn command rejected: Access denied; proto=SMTP helo=<client.example.com>');
  });
});

describe('command lines', () => {
  it('takes CR, VT and FF as white space, so no bare CR comes back in a reply', () => {
    const { replies } = session({}, ['HELO client.example.com', 'ETRN \rx', 'NOOP\f', 'QUIT']);
    expect(replies[2]).toEqual(['459 <x>: service unavailable']);
    expect(replies[3]).toEqual(['250 2.0.0 Ok']);
  });

  it('refuses an ETRN argument that is no host name or address literal', () => {
    const { replies } = session({}, ['HELO client.example.com', 'ETRN <\r<example.com', 'ETRN 1.2.3.4', 'ETRN example.com.', 'ETRN [1.2.3.4]', 'QUIT']);
    expect(replies.slice(2, 5)).toEqual([['501 Error: invalid parameter syntax'], ['501 Error: invalid parameter syntax'], ['501 Error: invalid parameter syntax']]);
    expect(replies[5]).toEqual(['459 <[1.2.3.4]>: service unavailable']);
  });

  it('refuses an address whose <...> never closes, and logs a HELO name with "?" for unsafe characters', () => {
    const { replies, log } = session({}, ['HELO a\\ b', 'MAIL FROM:<carol@example.org', 'MAIL FROM:<carol@example.org>', 'RCPT TO:<nosuch@mail.example.com>', 'QUIT']);
    expect(replies[2]).toEqual(['501 5.1.7 Bad sender address syntax']);
    expect(log).toContainEqual(expect.stringMatching(/proto=SMTP helo=<a\?\?b>$/));
  });
});
