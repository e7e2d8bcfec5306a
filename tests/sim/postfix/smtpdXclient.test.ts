/**
 * XCLIENT and XFORWARD, TLS configured without a certificate, and the addresses smtpd always
 * accepts, as Postfix 3.7.11 answered them (tests/conformance/recorded3).
 */
import { describe, expect, it } from 'vitest';
import { MAIL_HOST, maillog, makeWorld, talk } from '../../helpers/world';

function world(extra: Record<string, string>, ccargs?: string) {
  return makeWorld([{ ...MAIL_HOST, ...(ccargs ? { ccargs } : {}), main_cf: { ...(MAIL_HOST.main_cf as Record<string, string>), ...extra } }]);
}

describe('XCLIENT and XFORWARD', () => {
  it('refuses both to a client that is not authorized, and EHLO does not offer them', () => {
    const { replies } = talk(world({}), 'mail.example.com', '127.0.0.1', ['EHLO c', 'XCLIENT NAME=spoofed.example ADDR=192.0.2.1', 'XFORWARD NAME=x ADDR=192.0.2.1', 'QUIT']);
    expect(replies[1].some((l) => l.includes('XCLIENT'))).toBe(false);
    expect(replies[2]).toEqual(['550 5.7.0 Error: insufficient authorization']);
    expect(replies[3]).toEqual(['550 5.7.0 Error: insufficient authorization']);
  });

  it('lets an authorized proxy replace the client: a new greeting, and the new address is judged', () => {
    const w = world({ smtpd_authorized_xclient_hosts: '127.0.0.1', mynetworks: '127.0.0.0/8' });
    const { replies } = talk(w, 'mail.example.com', '127.0.0.1', ['EHLO c', 'XCLIENT NAME=relay.example ADDR=192.0.2.1', 'EHLO c', 'MAIL FROM:<carol@example.net>', 'RCPT TO:<bob@example.net>', 'QUIT']);
    expect(replies[1]).toContain('250-XCLIENT NAME ADDR PROTO HELO REVERSE_NAME PORT LOGIN DESTADDR DESTPORT');
    expect(replies[2]).toEqual(['220 mail.example.com ESMTP Postfix']);
    expect(replies[5][0]).toMatch(/^4\d\d 4\.7\.1 <bob@example\.net>: Relay access denied$/);
    w.runUntilQuiet();
    expect(maillog(w, 'mail.example.com').join('\n')).toContain('disconnect from relay.example[192.0.2.1] ehlo=2 xclient=0/1 mail=1 rcpt=0/1 quit=1 commands=4/6');
  });
});

describe('TLS without a certificate', () => {
  it('still offers STARTTLS and enforces "encrypt", but cannot start TLS', () => {
    const w = world({ smtpd_tls_security_level: 'encrypt' }, '-DUSE_TLS');
    const { replies } = talk(w, 'mail.example.com', '127.0.0.1', ['EHLO c', 'MAIL FROM:<carol@example.net>', 'STARTTLS', 'QUIT']);
    expect(replies[1]).toContain('250-STARTTLS');
    expect(replies[2]).toEqual(['530 5.7.0 Must issue a STARTTLS command first']);
    expect(replies[3]).toEqual(['454 4.7.0 TLS not available due to local problem']);
    w.runUntilQuiet();
    expect(maillog(w, 'mail.example.com')[0]).toMatch(/^postfix\/smtpd\[\d+\]: warning: No server certs available\. TLS won't be enabled$/);
  });
});

describe('addresses smtpd always accepts in local domains', () => {
  it('takes postmaster and MAILER-DAEMON even when no table lists them', () => {
    const { replies } = talk(world({ alias_maps: '' }), 'mail.example.com', '127.0.0.1', ['HELO c', 'MAIL FROM:<carol@example.net>', 'RCPT TO:<postmaster@mail.example.com>', 'RCPT TO:<MAILER-DAEMON@mail.example.com>', 'RCPT TO:<nobody-here@mail.example.com>', 'QUIT']);
    expect(replies[3]).toEqual(['250 2.1.5 Ok']);
    expect(replies[4]).toEqual(['250 2.1.5 Ok']);
    expect(replies[5][0]).toMatch(/^550 5\.1\.1 /);
  });
});

describe('every command smtpd knows', () => {
  it('gets a reply, with or without arguments, before and after EHLO', async () => {
    const { SMTPD_VERBS } = await import('../../../src/sim/postfix/smtpd/command');
    for (const verb of SMTPD_VERBS.filter((v) => v !== 'QUIT' && v !== 'DATA' && v !== 'BDAT')) {
      for (const line of [verb, `${verb} x=y`]) {
        const { replies } = talk(world({}), 'mail.example.com', '127.0.0.1', [line, 'EHLO c', line, 'QUIT']);
        expect(replies.length, line).toBe(5);
        for (const r of replies) expect(r[r.length - 1], line).toMatch(/^\d{3}[ ]/);
      }
    }
  });
});
