/**
 * Rewriting that changes where mail goes or who it is from, checked against what Postfix
 * 3.7.11 did with the same main.cf (probed in a network namespace): sender and recipient
 * canonical maps, masquerade_domains, luser_relay, and transport_maps sending a domain to the
 * error or discard transport.
 */
import { describe, expect, it } from 'vitest';
import { MAIL_HOST, maillog, makeWorld, talk } from '../../helpers/world';

const LOCAL_CLIENT: typeof MAIL_HOST = { ...MAIL_HOST };

function run(mainCf: Record<string, string>, files: Record<string, string>, rcpts: string[], headers: string[]) {
  const world = makeWorld([{ ...LOCAL_CLIENT, main_cf: { ...(MAIL_HOST.main_cf as Record<string, string>), ...mainCf }, files }]);
  // From the server itself, so that headers are rewritten (local_header_rewrite_clients).
  const { replies } = talk(world, 'mail.example.com', '127.0.0.1', ['EHLO client.example.org', 'MAIL FROM:<carol@example.org>', ...rcpts.map((r) => `RCPT TO:<${r}>`), 'DATA', ...headers, '', 'hi', '.', 'QUIT']);
  world.runUntilQuiet();
  const mail = world.host('mail.example.com')!;
  const box = (user: string) => mail.store.get(`/var/mail/${user}`)?.messages.map((m) => m.text) ?? [];
  return { replies: replies.map((r) => r.join('\n')), log: maillog(world, 'mail.example.com'), box };
}

const CANONICAL = {
  // smtpd checks local_recipient_maps before cleanup maps "al"; the probe ran without it.
  local_recipient_maps: '',
  sender_canonical_maps: 'texthash:/etc/postfix/sender_canonical',
  recipient_canonical_maps: 'texthash:/etc/postfix/recipient_canonical',
  masquerade_domains: 'example.com',
};
const CANONICAL_FILES = {
  '/etc/postfix/sender_canonical': 'carol@example.org carol.smith@example.org\n',
  '/etc/postfix/recipient_canonical': 'al@mail.example.com alice@mail.example.com\n',
};

describe('canonical maps and masquerading', () => {
  const r = run(CANONICAL, CANONICAL_FILES, ['al@mail.example.com'], ['From: carol@example.org', 'To: al@mail.example.com', 'Cc: alice@mail.example.com', 'Subject: canon']);

  it('rewrites the envelope: the new sender in qmgr\'s line, the mapped recipient with orig_to', () => {
    expect(r.log.find((l) => l.includes('qmgr') && l.includes('from='))).toMatch(/from=<carol\.smith@example\.org>, size=\d+, nrcpt=1/);
    expect(r.log.find((l) => l.includes('postfix/local'))).toMatch(/to=<alice@mail\.example\.com>, orig_to=<al@mail\.example\.com>, relay=local/);
  });

  it('rewrites the headers of a local client: canonical first, then the subdomain masqueraded', () => {
    const msg = r.box('alice')[0];
    expect(msg).toContain('Return-Path: <carol.smith@example.org>');
    expect(msg).toContain('\nFrom: carol.smith@example.org\n');
    expect(msg).toContain('\nTo: alice@example.com\n');
    expect(msg).toContain('\nCc: alice@example.com\n');
    expect(msg).toContain('X-Original-To: al@mail.example.com');
  });
});

describe('luser_relay', () => {
  it('delivers mail for a user who does not exist to the relay address', () => {
    const r = run({ local_recipient_maps: '', luser_relay: 'bob' }, {}, ['nobody-here@mail.example.com'], ['Subject: lost']);
    expect(r.log.find((l) => l.includes('postfix/local'))).toMatch(/to=<bob@mail\.example\.com>, orig_to=<nobody-here@mail\.example\.com>, relay=local, .*status=sent \(delivered to mailbox\)/);
    expect(r.box('bob')[0]).toContain('Delivered-To: nobody-here@mail.example.com');
  });
});

describe('transport_maps to the error and discard transports', () => {
  const r = run(
    { transport_maps: 'texthash:/etc/postfix/transport' },
    { '/etc/postfix/transport': 'blocked.example error:this domain is closed\ngone.example discard:silently dropped\n' },
    ['x@blocked.example', 'y@gone.example'],
    ['Subject: transports'],
  );

  it('refuses an error: destination at RCPT with its text', () => {
    expect(r.replies[3]).toBe('550 5.1.1 <x@blocked.example>: Recipient address rejected: this domain is closed');
  });

  it('discard: pretends delivery and logs it as postfix/discard', () => {
    expect(r.log.find((l) => l.startsWith('postfix/discard'))).toMatch(/^postfix\/discard\[\d+\]: \w+: to=<y@gone\.example>, relay=none, delay=[\d.]+, delays=[\d./]+, dsn=2\.0\.0, status=sent \(silently dropped\)$/);
  });
});

describe('old routing syntaxes and addresses the maps will rewrite', () => {
  it('relays user%site@ourhost (allow_percent_hack) and site!user (swap_bangpath) to user@site', () => {
    const r = run({}, {}, ['bob%example.net@mail.example.com', 'example.net!carol'], ['Subject: routes']);
    expect(r.replies[3]).toBe('250 2.1.5 Ok');
    expect(r.replies[4]).toBe('250 2.1.5 Ok');
    const qmgr = r.log.find((l) => l.includes('qmgr') && l.includes('from='));
    expect(qmgr).toMatch(/nrcpt=2/);
  });

  it('accepts at RCPT an address only recipient_canonical_maps or a bare virtual_alias_maps key knows', () => {
    const r = run(
      { recipient_canonical_maps: 'texthash:/etc/postfix/rc', virtual_alias_maps: 'texthash:/etc/postfix/va' },
      { '/etc/postfix/rc': 'info@mail.example.com bob@mail.example.com\n', '/etc/postfix/va': 'helpdesk ansible\n' },
      ['info@mail.example.com', 'helpdesk@mail.example.com'],
      ['Subject: maps'],
    );
    expect(r.replies.slice(3, 5)).toEqual(['250 2.1.5 Ok', '250 2.1.5 Ok']);
    const local = r.log.filter((l) => l.includes('postfix/local')).join('\n');
    expect(local).toMatch(/to=<ansible@mail\.example\.com>, orig_to=<helpdesk@mail\.example\.com>/);
    expect(local).toMatch(/to=<bob@mail\.example\.com>, orig_to=<info@mail\.example\.com>/);
    expect(r.box('bob')).toHaveLength(1);
    expect(r.box('ansible')).toHaveLength(1);
  });
});

describe('extra and replaced recipients', () => {
  it('always_bcc adds an archive copy, logged without orig_to', () => {
    const r = run({ always_bcc: 'ansible' }, {}, ['alice@mail.example.com'], ['Subject: copied']);
    expect(r.log.find((l) => l.includes('qmgr') && l.includes('from='))).toMatch(/nrcpt=2/);
    expect(r.log.find((l) => l.includes('to=<ansible@'))).toMatch(/to=<ansible@mail\.example\.com>, relay=local/);
    expect(r.box('ansible')[0]).toContain('Subject: copied');
  });

  it('header_checks REDIRECT sends the message to another address, the original kept as orig_to', () => {
    const r = run(
      { header_checks: 'regexp:/etc/postfix/header_checks' },
      { '/etc/postfix/header_checks': '/^Subject: secret/ REDIRECT ansible@mail.example.com\n' },
      ['alice@mail.example.com'],
      ['Subject: secret plans'],
    );
    expect(r.log.find((l) => l.includes(': redirect: header'))).toMatch(/redirect: header Subject: secret plans from localhost\[127\.0\.0\.1\]; from=<carol@example\.org> to=<alice@mail\.example\.com> proto=ESMTP helo=<client\.example\.org>: ansible@mail\.example\.com$/);
    expect(r.log.find((l) => l.includes('postfix/local'))).toMatch(/to=<ansible@mail\.example\.com>, orig_to=<alice@mail\.example\.com>/);
    expect(r.box('alice')).toEqual([]);
    expect(r.box('ansible')[0]).toContain('X-Original-To: alice@mail.example.com');
  });
});
