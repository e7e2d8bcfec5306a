/**
 * SASL in smtpd as a student meets it: AUTH offered per master.cf service (the submission port
 * with -o smtpd_sasl_auth_enable=yes), smtpd_sasl_security_options deciding which mechanisms are
 * offered (and smtpd dying when none is left), and the log lines of failed logins.
 */
import { describe, expect, it } from 'vitest';
import { DOVECOT_CONF, LAB_USERS } from '../../../src/lessons/library/dovecotConf';
import { laptop, mailServer } from '../../../src/lessons/library/hosts';
import { DEBIAN_MASTER_CF } from '../../../src/sim/postfix/masterCf';
import type { HostSpec } from '../../../src/sim/scenario/schema';
import { World } from '../../../src/sim/world';
import { maillog, talk } from '../../helpers/world';

const b64 = (text: string) => Buffer.from(text).toString('base64');
const PLAIN_ALICE = b64('\0alice\0wonderland');

const SUBMISSION = DEBIAN_MASTER_CF.replace(
  /^#submission inet.*$/m,
  ['submission inet n       -       y       -       -       smtpd', '  -o syslog_name=postfix/submission', '  -o smtpd_sasl_auth_enable=yes', '  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject'].join('\n'),
);

function world(mainCf: Record<string, string>, more: Partial<HostSpec> = {}): World {
  return new World({
    version: 2,
    hosts: [
      mailServer(
        { smtpd_sasl_type: 'dovecot', smtpd_sasl_path: 'private/auth', mynetworks_style: 'host', ...mainCf },
        { sasl: LAB_USERS, dovecot: { conf: DOVECOT_CONF }, ccargs: '-DUSE_SASL_AUTH -DUSE_CYRUS_SASL', ...more },
      ),
      laptop(),
    ],
  });
}

function ehloAuth(replies: string[][]): string | undefined {
  return replies[1]?.find((l) => l.slice(4).startsWith('AUTH '))?.slice(4);
}

describe('SASL per master.cf service', () => {
  const w = () => world({}, { master_cf: SUBMISSION });

  it('offers AUTH on the submission port that turns it on, not on port 25', () => {
    const port25 = talk(w(), 'laptop.example.com', '192.168.1.1', ['EHLO laptop.example.com', `AUTH PLAIN ${PLAIN_ALICE}`, 'QUIT']);
    expect(ehloAuth(port25.replies)).toBeUndefined();
    expect(port25.replies[2]).toEqual(['503 5.5.1 Error: authentication not enabled']);

    const w587 = w();
    const submission = talk(w587, 'laptop.example.com', '192.168.1.1', ['EHLO laptop.example.com', `AUTH PLAIN ${PLAIN_ALICE}`, 'MAIL FROM:<alice@example.com>', 'RCPT TO:<bob@example.net>', 'QUIT'], 587);
    expect(ehloAuth(submission.replies)).toBe('AUTH PLAIN LOGIN');
    expect(submission.replies[2]).toEqual(['235 2.7.0 Authentication successful']);
    expect(submission.replies[4]).toEqual(['250 2.1.5 Ok']);
    expect(maillog(w587, 'mail.example.com')).toContainEqual(expect.stringMatching(/^postfix\/submission\/smtpd\[\d+\]: [0-9A-F]+: client=unknown\[10\.0\.0\.8\], sasl_method=PLAIN, sasl_username=alice$/));
  });

  it('keeps the submission relay rule for clients that did not log in', () => {
    const { replies } = talk(w(), 'laptop.example.com', '192.168.1.1', ['EHLO laptop.example.com', 'MAIL FROM:<alice@example.com>', 'RCPT TO:<bob@example.net>', 'QUIT'], 587);
    expect(replies[3]).toEqual(['554 5.7.1 <bob@example.net>: Recipient address rejected: Access denied']);
  });
});

describe('smtpd_sasl_security_options', () => {
  it('leaves out what the options forbid: noplaintext keeps only CRAM-MD5', () => {
    const conf = DOVECOT_CONF.replace('auth_mechanisms = plain login', 'auth_mechanisms = plain login cram-md5');
    const w = world({ smtpd_sasl_auth_enable: 'yes', smtpd_sasl_security_options: 'noanonymous, noplaintext' }, { dovecot: { conf } });
    const { replies } = talk(w, 'laptop.example.com', '192.168.1.1', ['EHLO laptop.example.com', `AUTH PLAIN ${PLAIN_ALICE}`, 'QUIT']);
    expect(ehloAuth(replies)).toBe('AUTH CRAM-MD5');
    expect(replies[2]).toEqual(['535 5.7.8 Error: authentication failed: Invalid authentication mechanism']);
  });

  it('kills smtpd at connect when no mechanism is left: no greeting, the master throttles', () => {
    const w = world({ smtpd_sasl_auth_enable: 'yes', smtpd_sasl_security_options: 'noanonymous, noplaintext' });
    const { replies, client } = talk(w, 'laptop.example.com', '192.168.1.1', []);
    expect(replies).toEqual([]);
    expect(client.closed).toBe(true);
    const log = maillog(w, 'mail.example.com').filter((l) => /smtpd|master/.test(l));
    expect(log.map((l) => l.replace(/\[\d+\]/, '[PID]').replace(/pid \d+/, 'pid PID'))).toEqual([
      'postfix/smtpd[PID]: connect from unknown[10.0.0.8]',
      'postfix/smtpd[PID]: fatal: no SASL authentication mechanisms',
      'postfix/master[PID]: warning: process /usr/lib/postfix/sbin/smtpd pid PID exit status 1',
      'postfix/master[PID]: warning: /usr/lib/postfix/sbin/smtpd: bad command startup -- throttling',
    ]);
  });

  it('applies per service: only the submission port dies', () => {
    const master = SUBMISSION.replace('  -o smtpd_sasl_auth_enable=yes', '  -o smtpd_sasl_auth_enable=yes\n  -o smtpd_sasl_security_options=noplaintext');
    const w = world({}, { master_cf: master });
    expect(talk(w, 'laptop.example.com', '192.168.1.1', [], 587).replies).toEqual([]);
    expect(talk(w, 'laptop.example.com', '192.168.1.1', ['QUIT'], 25).replies[0]).toEqual(['220 mail.example.com ESMTP Postfix']);
  });
});

describe('failed logins in the maillog', () => {
  it('names the user, or "(unavailable)", and the mechanism as the client typed it', () => {
    const w = world({ smtpd_sasl_auth_enable: 'yes', smtpd_recipient_restrictions: 'reject_unlisted_recipient' });
    talk(w, 'laptop.example.com', '192.168.1.1', [
      'EHLO laptop.example.com',
      'auth foo',
      `AUTH PLAIN ${b64('\0alice\0wrong')}`,
      `auth plain ${PLAIN_ALICE}`,
      'MAIL FROM:<alice@example.com>',
      'RCPT TO:<nosuch@example.com>',
      'QUIT',
    ]);
    const log = maillog(w, 'mail.example.com').map((l) => l.replace(/^\S+ /, ''));
    expect(log).toContain('warning: unknown[10.0.0.8]: SASL foo authentication failed: Invalid authentication mechanism, sasl_username=(unavailable)');
    expect(log).toContain('warning: unknown[10.0.0.8]: SASL PLAIN authentication failed: (reason unavailable), sasl_username=alice');
    // AUTH shows in the Received: header (ESMTPA), not on a reject line.
    expect(log).toContainEqual(expect.stringMatching(/^NOQUEUE: reject: RCPT from .*; from=<alice@example\.com> to=<nosuch@example\.com> proto=ESMTP helo=<laptop\.example\.com>$/));
  });

  it('gives Cyrus SASL\'s words for a mechanism outside mech_list', () => {
    const w = world(
      { smtpd_sasl_auth_enable: 'yes', smtpd_sasl_type: 'cyrus', smtpd_sasl_path: 'smtpd' },
      { cyrus_sasl_conf: 'pwcheck_method: auxprop\nauxprop_plugin: sasldb\nmech_list: PLAIN\n' },
    );
    const { replies } = talk(w, 'laptop.example.com', '192.168.1.1', ['EHLO laptop.example.com', 'AUTH LOGIN', 'QUIT']);
    expect(ehloAuth(replies)).toBe('AUTH PLAIN');
    expect(replies[2]).toEqual(['535 5.7.8 Error: authentication failed: no mechanism available']);
    const log = maillog(w, 'mail.example.com').map((l) => l.replace(/^\S+ /, ''));
    expect(log).toContain("warning: SASL authentication failure: Couldn't find mech LOGIN");
    expect(log).toContain('warning: unknown[10.0.0.8]: SASL LOGIN authentication failed: no mechanism available, sasl_username=(unavailable)');
  });
});
