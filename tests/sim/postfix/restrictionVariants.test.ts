/**
 * Restrictions a course reaches for after the relay rules, as Postfix 3.7.11 answered them
 * (tests/conformance/recorded3): reject_multi_recipient_bounce and permit_inet_interfaces.
 */
import { describe, expect, it } from 'vitest';
import { MAIL_HOST, maillog, makeWorld, talk } from '../../helpers/world';

function world(extra: Record<string, string>) {
  return makeWorld([{ ...MAIL_HOST, main_cf: { ...(MAIL_HOST.main_cf as Record<string, string>), ...extra } }]);
}

describe('reject_multi_recipient_bounce', () => {
  it('refuses a null sender with two recipients at DATA, and lets one through', () => {
    const w = world({ smtpd_data_restrictions: 'reject_multi_recipient_bounce' });
    const { replies } = talk(w, 'mail.example.com', '127.0.0.1', ['HELO client.example.org', 'MAIL FROM:<>', 'RCPT TO:<alice@mail.example.com>', 'RCPT TO:<bob@mail.example.com>', 'DATA', 'RSET', 'MAIL FROM:<>', 'RCPT TO:<alice@mail.example.com>', 'DATA', 'x', '.', 'QUIT']);
    expect(replies[5]).toEqual(['550 5.5.3 <DATA>: Data command rejected: Multi-recipient bounce']);
    expect(replies[9]).toEqual(['354 End data with <CR><LF>.<CR><LF>']);
    w.runUntilQuiet();
    expect(maillog(w, 'mail.example.com').join('\n')).toMatch(/\w+: reject: DATA from localhost\[127\.0\.0\.1\]: 550 5\.5\.3 <DATA>: Data command rejected: Multi-recipient bounce; from=<> proto=SMTP helo=<client\.example\.org>/);
  });

  it('at RCPT refuses the second recipient already (the one being judged is not counted yet)', () => {
    const w = world({ smtpd_recipient_restrictions: 'reject_multi_recipient_bounce' });
    const { replies } = talk(w, 'mail.example.com', '127.0.0.1', ['HELO c', 'MAIL FROM:<>', 'RCPT TO:<alice@mail.example.com>', 'RCPT TO:<bob@mail.example.com>', 'QUIT']);
    expect(replies[3]).toEqual(['250 2.1.5 Ok']);
    expect(replies[4]).toEqual(['550 5.5.3 <bob@mail.example.com>: Recipient address rejected: Multi-recipient bounce']);
  });
});

describe('permit_inet_interfaces', () => {
  it('lets a client on one of the server\'s own addresses relay, and no one else', () => {
    const rules = { smtpd_relay_restrictions: 'permit_inet_interfaces, reject_unauth_destination', mynetworks: '127.0.0.2/32' };
    const local = talk(world(rules), 'mail.example.com', '127.0.0.1', ['HELO c', 'MAIL FROM:<alice@mail.example.com>', 'RCPT TO:<bob@example.net>', 'QUIT']);
    expect(local.replies[3]).toEqual(['250 2.1.5 Ok']);
    const w = makeWorld([{ ...MAIL_HOST, main_cf: { ...(MAIL_HOST.main_cf as Record<string, string>), ...rules } }, { name: 'ws.example.com', addresses: ['192.168.1.23/24'], kind: 'workstation' }]);
    const outside = talk(w, 'ws.example.com', '192.168.1.1', ['HELO c', 'MAIL FROM:<alice@mail.example.com>', 'RCPT TO:<bob@example.net>', 'QUIT']);
    expect(outside.replies[3]).toEqual(['554 5.7.1 <bob@example.net>: Relay access denied']);
  });
});
