/**
 * Delivery options a course tries, as Postfix 3.7.11 answered them (tests/conformance/recorded3):
 * soft_bounce (refusals become temporary at smtpd, bounces stay in the queue), relocated_maps
 * (the new address in the refusal), and local(8) passing recipients to mailbox_transport or
 * fallback_transport.
 */
import { describe, expect, it } from 'vitest';
import { softenReply } from '../../../src/sim/postfix/softBounce';
import { MAIL_HOST, maillog, makeWorld, talk } from '../../helpers/world';

function world(extra: Record<string, string>, more: Partial<typeof MAIL_HOST> = {}) {
  return makeWorld([{ ...MAIL_HOST, ...more, main_cf: { ...(MAIL_HOST.main_cf as Record<string, string>), ...extra } }]);
}

describe('soft_bounce', () => {
  it('answers an unknown user with 450 4.1.1 instead of 550 5.1.1', () => {
    const { replies } = talk(world({ soft_bounce: 'yes' }), 'mail.example.com', '127.0.0.1', ['HELO c', 'MAIL FROM:<carol@example.net>', 'RCPT TO:<nosuch@mail.example.com>', 'QUIT']);
    expect(replies[3]).toEqual(['450 4.1.1 <nosuch@mail.example.com>: Recipient address rejected: User unknown in local recipient table']);
  });

  it('keeps a message local(8) would bounce in the queue, logged as SOFTBOUNCE', () => {
    const w = world({ soft_bounce: 'yes', local_recipient_maps: '' });
    talk(w, 'mail.example.com', '127.0.0.1', ['HELO c', 'MAIL FROM:<carol@example.net>', 'RCPT TO:<nosuch@mail.example.com>', 'DATA', 'x', '.', 'QUIT']);
    w.runUntilQuiet();
    const log = maillog(w, 'mail.example.com');
    expect(log.find((l) => l.startsWith('postfix/local'))).toMatch(/to=<nosuch@mail\.example\.com>, relay=local, .*dsn=4\.1\.1, status=SOFTBOUNCE \(unknown user: "nosuch"\)$/);
    expect(log.some((l) => l.includes('non-delivery notification'))).toBe(false);
    expect(log.some((l) => /postfix\/qmgr.*removed/.test(l))).toBe(false);
  });

  it('softens 5xx replies only, with or without an enhanced status, and nothing when off', () => {
    const config = (on: boolean) => ({ bool: (n: string) => on && n === 'soft_bounce' }) as unknown as Parameters<typeof softenReply>[1];
    expect(softenReply('554 5.7.1 <a@b>: Relay access denied', config(true))).toBe('454 4.7.1 <a@b>: Relay access denied');
    expect(softenReply('450 4.1.1 x', config(true))).toBe('450 4.1.1 x');
    expect(softenReply('550 Access denied', config(true))).toBe('450 Access denied');
    expect(softenReply('554 5.7.1 <a@b>: Relay access denied', config(false))).toBe('554 5.7.1 <a@b>: Relay access denied');
  });
});

describe('relocated_maps', () => {
  it('refuses a user who has moved with 550 5.1.6 and the new address', () => {
    const w = world({ relocated_maps: 'hash:/etc/postfix/relocated' }, { maps: { '/etc/postfix/relocated': 'alice@mail.example.com alice@example.net\n' } });
    const { replies } = talk(w, 'mail.example.com', '127.0.0.1', ['HELO c', 'MAIL FROM:<carol@example.net>', 'RCPT TO:<alice@mail.example.com>', 'RCPT TO:<bob@mail.example.com>', 'QUIT']);
    expect(replies[3]).toEqual(['550 5.1.6 <alice@mail.example.com>: Recipient address rejected: User has moved to alice@example.net']);
    expect(replies[4]).toEqual(['250 2.1.5 Ok']);
  });
});

describe('local(8) passing a recipient to another transport', () => {
  it('hands an unknown user to fallback_transport = error:text, which bounces it with that text', () => {
    const w = world({ local_recipient_maps: '', fallback_transport: 'error:no such user here' });
    talk(w, 'mail.example.com', '127.0.0.1', ['HELO c', 'MAIL FROM:<carol@example.net>', 'RCPT TO:<nosuch@mail.example.com>', 'DATA', 'x', '.', 'QUIT']);
    w.runUntilQuiet();
    const log = maillog(w, 'mail.example.com');
    expect(log.find((l) => l.startsWith('postfix/local'))).toMatch(/: passing <nosuch@mail\.example\.com> to transport=error$/);
    expect(log.find((l) => l.startsWith('postfix/error'))).toMatch(/to=<nosuch@mail\.example\.com>, relay=none, .*dsn=5\.0\.0, status=bounced \(no such user here\)$/);
    expect(log.some((l) => l.includes('sender non-delivery notification'))).toBe(true);
  });

  it('hands every mailbox delivery to mailbox_transport', () => {
    const w = world({ mailbox_transport: 'error:mailbox is closed' });
    talk(w, 'mail.example.com', '127.0.0.1', ['HELO c', 'MAIL FROM:<carol@example.net>', 'RCPT TO:<alice@mail.example.com>', 'DATA', 'x', '.', 'QUIT']);
    w.runUntilQuiet();
    expect(maillog(w, 'mail.example.com').join('\n')).toMatch(/postfix\/error\[\d+\]: \w+: to=<alice@mail\.example\.com>, relay=none, .*status=bounced \(mailbox is closed\)/);
    expect(w.host('mail.example.com')!.store.get('/var/mail/alice')?.messages ?? []).toHaveLength(0);
  });
});
