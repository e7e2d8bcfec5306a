/**
 * Restrictions that ask DNS or other services, as Postfix 3.7.11 answered them
 * (tests/conformance/recorded3): a DNS block list the class builds in its own name server,
 * right-hand-side lists, MX access checks, a policy server that is not running, defer_if_reject,
 * and reject_plaintext_session.
 */
import { describe, expect, it } from 'vitest';
import { EXAMPLE_COM, EXAMPLE_NET, laptop, mailServer, REVERSE_LAN, zone } from '../../../src/lessons/library/hosts';
import type { HostSpec } from '../../../src/sim/scenario/schema';
import { maillog, makeWorld, talk } from '../../helpers/world';

const RBL = zone('rbl.example.org', [
  ['8.0.0.10', 'A', '127.0.0.2'],
  ['8.0.0.10', 'TXT', '"10.0.0.8 is listed: see http://rbl.example.org/"'],
  ['spam.example', 'A', '127.0.0.2'],
]);

const ORG = zone('example.org', [
  ['backup', 'MX', '10 mx.example.net.'],
  ['backup', 'MX', '20 mail.example.com.'],
  ['primary', 'MX', '10 mail.example.com.'],
]);

function server(cf: Record<string, string>, more: Partial<HostSpec> = {}): HostSpec {
  return mailServer({ mynetworks_style: 'host', ...cf }, { dns: { zones: [EXAMPLE_COM, EXAMPLE_NET, REVERSE_LAN, RBL, ORG] }, ...more });
}

/** The laptop (10.0.0.8, outside mynetworks) talks to mail.example.com. */
function fromLaptop(cf: Record<string, string>, lines: string[]) {
  const world = makeWorld([server(cf), laptop()]);
  const { replies } = talk(world, 'laptop.example.com', '192.168.1.1', lines);
  world.runUntilQuiet();
  return { replies, log: maillog(world, 'mail.example.com').join('\n') };
}

const RCPT = (from: string, to = 'alice@example.com') => ['HELO laptop.example.com', `MAIL FROM:<${from}>`, `RCPT TO:<${to}>`, 'QUIT'];

describe('DNS lists', () => {
  it('refuses a client the lab\'s block list names, quoting the list\'s TXT reason', () => {
    const r = fromLaptop({ smtpd_client_restrictions: 'reject_rbl_client rbl.example.org' }, RCPT('carol@example.net'));
    expect(r.replies[3]).toEqual(['554 5.7.1 Service unavailable; Client host [10.0.0.8] blocked using rbl.example.org; 10.0.0.8 is listed: see http://rbl.example.org/']);
  });

  it('lets a client through when the list does not name it, or its answer does not match the filter', () => {
    expect(fromLaptop({ smtpd_client_restrictions: 'reject_rbl_client nothing.example.org' }, RCPT('carol@example.net')).replies[3]).toEqual(['250 2.1.5 Ok']);
    expect(fromLaptop({ smtpd_client_restrictions: 'reject_rbl_client rbl.example.org=127.0.0.4' }, RCPT('carol@example.net')).replies[3]).toEqual(['250 2.1.5 Ok']);
  });

  it('refuses a sender whose domain a right-hand-side list names', () => {
    const r = fromLaptop({ smtpd_sender_restrictions: 'reject_rhsbl_sender rbl.example.org' }, RCPT('bad@spam.example'));
    expect(r.replies[3]).toEqual(['554 5.7.1 Service unavailable; Sender address [bad@spam.example] blocked using rbl.example.org']);
  });

  it('permits a client an allow list names, before a reject', () => {
    const r = fromLaptop({ smtpd_client_restrictions: 'permit_dnswl_client rbl.example.org, reject' }, RCPT('carol@example.net'));
    expect(r.replies[3]).toEqual(['250 2.1.5 Ok']);
  });
});

describe('other services and session checks', () => {
  it('refuses a sender whose domain\'s MX host the table lists', () => {
    const world = makeWorld([server({ smtpd_sender_restrictions: 'check_sender_mx_access hash:/etc/postfix/mx_access' }, { maps: { '/etc/postfix/mx_access': 'mx.example.net REJECT mail exchanger not welcome\n' } }), laptop()]);
    const { replies } = talk(world, 'laptop.example.com', '192.168.1.1', ['HELO l', 'MAIL FROM:<carol@example.net>', 'RCPT TO:<alice@example.com>', 'RSET', 'MAIL FROM:<dave@example.com>', 'RCPT TO:<alice@example.com>', 'QUIT']);
    expect(replies[3]).toEqual(['554 5.7.1 <carol@example.net>: Sender address rejected: mail exchanger not welcome']);
    expect(replies[6]).toEqual(['250 2.1.5 Ok']);
  });

  it('defers when the policy server is not running, and says so in the log', () => {
    const r = fromLaptop({ smtpd_recipient_restrictions: 'check_policy_service unix:private/policy' }, RCPT('carol@example.net'));
    expect(r.replies[3]).toEqual(['451 4.3.5 <alice@example.com>: Recipient address rejected: Server configuration problem']);
    expect(r.log).toContain('warning: problem talking to server private/policy: No such file or directory');
  });

  it('turns a later reject into 450 after defer_if_reject', () => {
    const r = fromLaptop({ smtpd_relay_restrictions: 'defer_if_reject, reject_unauth_destination' }, RCPT('carol@example.net', 'bob@example.net'));
    expect(r.replies[3]).toEqual(['450 4.7.0 <bob@example.net>: Recipient address rejected: defer_if_reject requested']);
  });

  it('relays for a domain this host is a backup MX for, not for one it is the primary of', () => {
    const r = fromLaptop({ smtpd_relay_restrictions: 'permit_mx_backup, reject_unauth_destination' }, ['HELO l', 'MAIL FROM:<carol@example.net>', 'RCPT TO:<bob@backup.example.org>', 'RCPT TO:<bob@primary.example.org>', 'QUIT']);
    expect(r.replies[3]).toEqual(['250 2.1.5 Ok']);
    expect(r.replies[4]).toEqual(['554 5.7.1 <bob@primary.example.org>: Relay access denied']);
  });

  it('refuses every recipient of an unencrypted session with reject_plaintext_session', () => {
    const r = fromLaptop({ smtpd_recipient_restrictions: 'reject_plaintext_session' }, RCPT('carol@example.net'));
    expect(r.replies[3]).toEqual(['450 4.7.1 Session encryption is required']);
  });
});
