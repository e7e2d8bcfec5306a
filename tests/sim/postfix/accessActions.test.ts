/**
 * Access table answers that act on the message instead of judging the request, as Postfix
 * 3.7.11 answered them (tests/conformance/recorded3): HOLD, DISCARD, WARN, PREPEND, REDIRECT.
 */
import { describe, expect, it } from 'vitest';
import { MAIL_HOST, maillog, makeWorld, talk } from '../../helpers/world';

function send(action: string) {
  const w = makeWorld([
    {
      ...MAIL_HOST,
      main_cf: { ...(MAIL_HOST.main_cf as Record<string, string>), smtpd_recipient_restrictions: 'check_recipient_access hash:/etc/postfix/rcpt_actions, permit_mynetworks, reject_unauth_destination' },
      maps: { '/etc/postfix/rcpt_actions': `alice@mail.example.com ${action}\n` },
    },
  ]);
  const { replies } = talk(w, 'mail.example.com', '127.0.0.1', ['HELO c', 'MAIL FROM:<carol@example.net>', 'RCPT TO:<alice@mail.example.com>', 'DATA', 'Subject: action', '', 'x', '.', 'QUIT']);
  w.runUntilQuiet();
  const host = w.host('mail.example.com')!;
  return { replies, log: maillog(w, 'mail.example.com').join('\n'), box: (user: string) => host.store.get(`/var/mail/${user}`)?.messages ?? [] };
}

describe('access table actions', () => {
  it('HOLD accepts the message into the hold queue and logs why', () => {
    const r = send('HOLD held for review');
    expect(r.replies[5][0]).toMatch(/^250 2\.0\.0 Ok: queued as/);
    expect(r.log).toContain('NOQUEUE: hold: RCPT from localhost[127.0.0.1]: <alice@mail.example.com>: Recipient address held for review;');
    expect(r.box('alice')).toHaveLength(0);
    expect(r.log).not.toMatch(/postfix\/qmgr/);
  });

  it('DISCARD claims delivery and drops the message without a cleanup line', () => {
    const r = send('DISCARD');
    expect(r.replies[5][0]).toMatch(/^250 2\.0\.0 Ok: queued as/);
    expect(r.log).toContain('<alice@mail.example.com>: Recipient address triggers DISCARD action;');
    expect(r.log).not.toMatch(/postfix\/cleanup/);
    expect(r.box('alice')).toHaveLength(0);
  });

  it('WARN only logs; PREPEND adds its header above smtpd\'s Received:', () => {
    expect(send('WARN suspicious recipient').log).toContain('NOQUEUE: warn: RCPT from localhost[127.0.0.1]: suspicious recipient; from=<carol@example.net>');
    const [msg] = send('PREPEND X-Checked: by the access table').box('alice');
    expect(msg.text).toMatch(/^Return-Path: <carol@example\.net>\nX-Original-To: alice@mail\.example\.com\nDelivered-To: alice@mail\.example\.com\nX-Checked: by the access table\nReceived: from c /);
  });

  it('REDIRECT sends the message to the other address instead', () => {
    const r = send('REDIRECT bob@mail.example.com');
    expect(r.box('alice')).toHaveLength(0);
    expect(r.box('bob')).toHaveLength(1);
    expect(r.log).toMatch(/to=<bob@mail\.example\.com>, orig_to=<alice@mail\.example\.com>, relay=local, .*status=sent/);
  });
});
