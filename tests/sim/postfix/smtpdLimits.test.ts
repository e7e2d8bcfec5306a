/**
 * Restriction classes, end-of-data restrictions, anvil's rate limits and the junk command
 * limit, as Postfix 3.7.11 answered them (tests/conformance/recorded3).
 */
import { describe, expect, it } from 'vitest';
import type { HostSpec } from '../../../src/sim/scenario/schema';
import { MAIL_HOST, maillog, makeWorld, talk } from '../../helpers/world';

const OUTSIDE: HostSpec = { name: 'outside.example.org', addresses: ['10.9.9.9/24'], kind: 'workstation' };

function world(extra: Record<string, string>, more: Partial<HostSpec> = {}) {
  const mail: HostSpec = { ...MAIL_HOST, addresses: ['192.168.1.1/24', '10.9.9.1/24'], ...more, main_cf: { ...(MAIL_HOST.main_cf as Record<string, string>), ...extra } };
  return makeWorld([mail, OUTSIDE]);
}

describe('smtpd limits and classes', () => {
  it('applies a restriction class named by an access table', () => {
    const w = world(
      {
        smtpd_restriction_classes: 'local_only',
        local_only: 'check_sender_access hash:/etc/postfix/local_senders, reject',
        smtpd_recipient_restrictions: 'check_recipient_access hash:/etc/postfix/protected, permit_mynetworks, reject_unauth_destination',
      },
      { maps: { '/etc/postfix/protected': 'staff@mail.example.com local_only\n', '/etc/postfix/local_senders': 'mail.example.com OK\n' } },
    );
    const { replies } = talk(w, 'mail.example.com', '127.0.0.1', ['HELO c', 'MAIL FROM:<carol@example.net>', 'RCPT TO:<staff@mail.example.com>', 'RSET', 'MAIL FROM:<alice@mail.example.com>', 'RCPT TO:<staff@mail.example.com>', 'QUIT']);
    expect(replies[3]).toEqual(['554 5.7.1 <staff@mail.example.com>: Recipient address rejected: Access denied']);
    expect(replies[6]).toEqual(['250 2.1.5 Ok']);
  });

  it('refuses a message after its last line by smtpd_end_of_data_restrictions', () => {
    const w = world({ smtpd_end_of_data_restrictions: 'check_sender_access hash:/etc/postfix/eod' }, { maps: { '/etc/postfix/eod': 'carol@example.net REJECT not after all\n' } });
    const { replies } = talk(w, 'mail.example.com', '127.0.0.1', ['HELO c', 'MAIL FROM:<carol@example.net>', 'RCPT TO:<alice@mail.example.com>', 'DATA', 'x', '.', 'QUIT']);
    expect(replies[5]).toEqual(['554 5.7.1 <carol@example.net>: Sender address rejected: not after all']);
    w.runUntilQuiet();
    expect(maillog(w, 'mail.example.com').join('\n')).toMatch(/\w+: reject: END-OF-MESSAGE from localhost\[127\.0\.0\.1\]: 554 5\.7\.1/);
    expect(w.host('mail.example.com')!.store.get('/var/mail/alice')?.messages ?? []).toHaveLength(0);
  });

  it('limits the message rate of a client outside mynetworks, and not of one inside', () => {
    const lines = ['HELO c', 'MAIL FROM:<carol@example.net>', 'RCPT TO:<alice@mail.example.com>', 'DATA', 'x', '.', 'MAIL FROM:<carol@example.net>', 'QUIT'];
    const outside = talk(world({ smtpd_client_message_rate_limit: '1', mynetworks_style: 'host' }), 'outside.example.org', '10.9.9.1', lines);
    expect(outside.replies[6]).toEqual(['450 4.7.1 Error: too much mail from 10.9.9.9']);
    const inside = talk(world({ smtpd_client_message_rate_limit: '1', mynetworks_style: 'host' }), 'mail.example.com', '127.0.0.1', lines);
    expect(inside.replies[6]).toEqual(['250 2.1.0 Ok']);
  });

  it('limits the recipient rate, logging the count', () => {
    const w = world({ smtpd_client_recipient_rate_limit: '2', mynetworks_style: 'host' });
    const { replies } = talk(w, 'outside.example.org', '10.9.9.1', ['HELO c', 'MAIL FROM:<carol@example.net>', 'RCPT TO:<alice@mail.example.com>', 'RCPT TO:<bob@mail.example.com>', 'RCPT TO:<ansible@mail.example.com>', 'QUIT']);
    expect(replies[5]).toEqual(['450 4.7.1 Error: too many recipients from 10.9.9.9']);
    w.runUntilQuiet();
    expect(maillog(w, 'mail.example.com').join('\n')).toMatch(/warning: Recipient address rate limit exceeded: 3 from \S+\[10\.9\.9\.9\] for service smtp/);
  });

  it('counts HELO and NOOP past smtpd_junk_command_limit as errors', () => {
    const w = world({ smtpd_junk_command_limit: '2', smtpd_hard_error_limit: '2', smtpd_error_sleep_time: '0' });
    const { replies, client } = talk(w, 'mail.example.com', '127.0.0.1', ['HELO c', 'NOOP', 'NOOP', 'NOOP', 'NOOP']);
    expect(replies[4]).toEqual(['250 2.0.0 Ok']);
    // HELO and the first two NOOPs are within the limit; the third and fourth are the two errors.
    expect(client.nextReply()).toEqual(['421 4.7.0 mail.example.com Error: too many errors']);
    w.runUntilQuiet();
    expect(maillog(w, 'mail.example.com').join('\n')).toContain('too many errors after NOOP from localhost[127.0.0.1]');
  });
});

describe('milters that are not running, and inline tables', () => {
  it('refuses MAIL with 451 4.7.1 when the milter is unreachable and milter_default_action is tempfail', () => {
    const w = world({ smtpd_milters: 'inet:127.0.0.1:8891' });
    const { replies } = talk(w, 'mail.example.com', '127.0.0.1', ['HELO c', 'MAIL FROM:<carol@example.net>', 'QUIT']);
    expect(replies[1]).toEqual(['250 mail.example.com']);
    expect(replies[2]).toEqual(['451 4.7.1 Service unavailable - try again later']);
    w.runUntilQuiet();
    const log = maillog(w, 'mail.example.com').join('\n');
    expect(log).toContain('warning: connect to Milter service inet:127.0.0.1:8891: Connection refused');
    expect(log).toContain('NOQUEUE: milter-reject: CONNECT from localhost[127.0.0.1]: 451 4.7.1 Service unavailable - try again later; proto=SMTP');
  });

  it('carries on without the milter when milter_default_action is accept', () => {
    const { replies } = talk(world({ smtpd_milters: 'inet:127.0.0.1:8891', milter_default_action: 'accept' }), 'mail.example.com', '127.0.0.1', ['HELO c', 'MAIL FROM:<carol@example.net>', 'QUIT']);
    expect(replies[2]).toEqual(['250 2.1.0 Ok']);
  });

  it('reads an inline:{...} table with blanks inside its braces', () => {
    const w = world({ virtual_alias_maps: 'inline:{ info@mail.example.com=alice@mail.example.com }' });
    const { replies } = talk(w, 'mail.example.com', '127.0.0.1', ['HELO c', 'MAIL FROM:<carol@example.net>', 'RCPT TO:<info@mail.example.com>', 'DATA', 'x', '.', 'QUIT']);
    expect(replies[3]).toEqual(['250 2.1.5 Ok']);
    w.runUntilQuiet();
    expect(w.host('mail.example.com')!.store.get('/var/mail/alice')?.messages).toHaveLength(1);
  });
});
