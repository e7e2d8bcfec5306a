/**
 * STARTTLS and port 465 as Postfix does them (TLS is modelled: a client that can speak TLS
 * starts it, telnet cannot), and smtpd_tls_security_level = encrypt on the submission port.
 */
import { describe, expect, it } from 'vitest';
import { DialogueClient } from '../../../src/sim/clients/dialogueClient';
import type { HostSpec } from '../../../src/sim/scenario/schema';
import { maillog, makeWorld, MAIL_HOST, WORKSTATION } from '../../helpers/world';

const TLS_HOST: HostSpec = {
  ...MAIL_HOST,
  main_cf: {
    ...(MAIL_HOST.main_cf as Record<string, string>),
    smtpd_tls_security_level: 'may',
    smtpd_tls_cert_file: '/etc/ssl/certs/ssl-cert-snakeoil.pem',
    smtpd_tls_key_file: '/etc/ssl/private/ssl-cert-snakeoil.key',
  },
  master_cf: [
    'smtp      inet  n       -       y       -       -       smtpd',
    'submission inet n       -       y       -       -       smtpd',
    '  -o syslog_name=postfix/submission',
    '  -o smtpd_tls_security_level=encrypt',
    'smtps     inet  n       -       y       -       -       smtpd',
    '  -o syslog_name=postfix/smtps',
    '  -o smtpd_tls_wrappermode=yes',
  ].join('\n'),
};

function session(port: number, steps: (string | 'TLS')[], tlsAtOpen = false) {
  const world = makeWorld([TLS_HOST, WORKSTATION]);
  const client = new DialogueClient(world, 'client.example.com', undefined, '192.168.1.1', port, tlsAtOpen);
  const replies: string[][] = [];
  const greeting = client.nextReply();
  if (greeting) replies.push(greeting);
  for (const step of steps) {
    if (step === 'TLS') {
      client.conn?.startTls();
      continue;
    }
    client.send([step]);
    const r = client.nextReply();
    replies.push(r ?? ['(closed)']);
  }
  world.runUntilQuiet();
  return { world, replies };
}

describe('STARTTLS', () => {
  it('is offered after EHLO, and the session starts over after the handshake', () => {
    const { world, replies } = session(25, ['EHLO ws', 'STARTTLS', 'TLS', 'EHLO ws', 'QUIT']);
    expect(replies[1]).toContain('250-STARTTLS');
    expect(replies[2]).toEqual(['220 2.0.0 Ready to start TLS']);
    expect(replies[3]).not.toContain('250-STARTTLS');
    const log = maillog(world, 'mail.example.com');
    expect(log.some((l) => /Anonymous TLS connection established from unknown\[192\.168\.1\.23\]: TLSv1\.3/.test(l))).toBe(true);
    expect(log.at(-1)).toMatch(/ehlo=2 starttls=1 quit=1 commands=4$/);
  });

  it('loses a telnet client that keeps typing in plain text', () => {
    const { world, replies } = session(25, ['EHLO ws', 'STARTTLS', 'EHLO ws']);
    expect(replies[3]).toEqual(['(closed)']);
    const log = maillog(world, 'mail.example.com');
    expect(log).toContain(log.find((l) => l.endsWith('SSL_accept error from unknown[192.168.1.23]: -1')));
    expect(log.some((l) => l.endsWith('lost connection after STARTTLS from unknown[192.168.1.23]'))).toBe(true);
  });
});

describe('the submission port with smtpd_tls_security_level = encrypt', () => {
  it('refuses MAIL before STARTTLS and logs under postfix/submission/smtpd', () => {
    const { world, replies } = session(587, ['EHLO ws', 'MAIL FROM:<a@b.c>', 'QUIT']);
    expect(replies[2]).toEqual(['530 5.7.0 Must issue a STARTTLS command first']);
    expect(maillog(world, 'mail.example.com')[0]).toMatch(/^postfix\/submission\/smtpd\[\d+\]: connect from/);
  });
});

describe('port 465 (smtps, wrapper mode)', () => {
  it('greets only after the TLS handshake', () => {
    const { replies } = session(465, ['EHLO ws', 'QUIT'], true);
    expect(replies[0]).toEqual(['220 mail.example.com ESMTP Postfix']);
    expect(replies[1]).not.toContain('250-STARTTLS');
  });

  it('says nothing to a client that cannot do TLS', () => {
    const { replies } = session(465, []);
    expect(replies).toEqual([]);
  });
});
