/**
 * Sender and HELO restrictions a course sets up next to SASL: smtpd_sender_login_maps with the
 * reject_*_sender_login_mismatch family, reject_unknown_helo_hostname through DNS, and
 * reject_unlisted_sender / reject_unlisted_recipient named in a list.
 */
import { describe, expect, it } from 'vitest';
import { DOVECOT_CONF, LAB_USERS } from '../../../src/lessons/library/dovecotConf';
import { laptop, mailServer } from '../../../src/lessons/library/hosts';
import { World } from '../../../src/sim/world';
import { talk } from '../../helpers/world';

const PLAIN_ALICE = Buffer.from('\0alice\0wonderland').toString('base64');

function world(mainCf: Record<string, string>): World {
  return new World({
    version: 2,
    hosts: [
      mailServer(
        { smtpd_sasl_type: 'dovecot', smtpd_sasl_path: 'private/auth', smtpd_sasl_auth_enable: 'yes', mynetworks_style: 'host', ...mainCf },
        {
          sasl: LAB_USERS,
          dovecot: { conf: DOVECOT_CONF },
          ccargs: '-DUSE_SASL_AUTH -DUSE_CYRUS_SASL',
          files: { '/etc/postfix/sender_login': 'alice@example.com alice\nteam@example.com alice, bob\n' },
        },
      ),
      laptop(),
    ],
  });
}

function mailFrom(w: World, sender: string, auth: boolean, helo = 'laptop.example.com'): string {
  const lines = [`EHLO ${helo}`, ...(auth ? [`AUTH PLAIN ${PLAIN_ALICE}`] : []), `MAIL FROM:<${sender}>`, 'RCPT TO:<bob@example.com>', 'QUIT'];
  const { replies } = talk(w, 'laptop.example.com', '192.168.1.1', lines);
  return replies[replies.length - 2].join('\n');
}

const LOGIN = { smtpd_sender_login_maps: 'texthash:/etc/postfix/sender_login' };

describe('reject_sender_login_mismatch', () => {
  const restrictions = { ...LOGIN, smtpd_sender_restrictions: 'reject_sender_login_mismatch' };

  it('lets alice use her own address and a shared one', () => {
    expect(mailFrom(world(restrictions), 'alice@example.com', true)).toBe('250 2.1.5 Ok');
    expect(mailFrom(world(restrictions), 'team@example.com', true)).toBe('250 2.1.5 Ok');
  });

  it('refuses another user\'s address, and an unlisted one, to a logged-in client', () => {
    expect(mailFrom(world(restrictions), 'bob@example.com', true)).toBe('553 5.7.1 <bob@example.com>: Sender address rejected: not owned by user alice');
  });

  it('refuses an owned address to a client that did not log in', () => {
    expect(mailFrom(world(restrictions), 'alice@example.com', false)).toBe('553 5.7.1 <alice@example.com>: Sender address rejected: not logged in');
  });

  it('reject_known_sender_login_mismatch lets a logged-in client use unlisted addresses', () => {
    const w = world({ ...LOGIN, smtpd_sender_restrictions: 'reject_known_sender_login_mismatch, permit_sasl_authenticated, reject_unauth_destination' });
    expect(mailFrom(w, 'bob@example.com', true)).toBe('250 2.1.5 Ok');
  });
});

describe('reject_unknown_helo_hostname', () => {
  it('defers a HELO name DNS does not know, with Postfix\'s 450', () => {
    const w = world({ smtpd_helo_restrictions: 'reject_unknown_helo_hostname', smtpd_helo_required: 'yes' });
    expect(mailFrom(w, 'alice@example.com', false, 'nosuch.example.com')).toBe('450 4.7.1 <nosuch.example.com>: Helo command rejected: Host not found');
  });

  it('accepts a name with an address record', () => {
    const w = world({ smtpd_helo_restrictions: 'reject_unknown_helo_hostname' });
    expect(mailFrom(w, 'alice@example.com', false, 'mail.example.com')).toBe('250 2.1.5 Ok');
  });
});

describe('reject_unlisted_sender', () => {
  it('refuses a sender in our own domain that does not exist', () => {
    const w = world({ smtpd_sender_restrictions: 'reject_unlisted_sender' });
    expect(mailFrom(w, 'nosuchuser@example.com', false)).toBe('550 5.1.0 <nosuchuser@example.com>: Sender address rejected: User unknown in local recipient table');
  });
});
