/**
 * The course's virtual users: domains in virtual_mailbox_domains, mailboxes from a mysql: table
 * (a Postfix built with -DHAS_MYSQL), aliases from virtual_alias_maps, delivered by virtual(8)
 * into Maildirs under /var/mail/vhosts.
 */
import { describe, expect, it } from 'vitest';
import type { HostSpec } from '../../../src/sim/scenario/schema';
import { maillog, makeWorld, talk, WORKSTATION } from '../../helpers/world';

const MYSQL_CF = 'hosts = localhost\nuser = extmail\npassword = extmail\ndbname = extmail\nquery = SELECT maildir FROM mailbox WHERE username=\'%s\' AND active = \'1\'\n';

function virtualHost(ccargs?: string): HostSpec {
  return {
    name: 'mail.example.com',
    addresses: ['192.168.1.1/24'],
    accounts: ['ansible'],
    ccargs,
    main_cf: {
      alias_maps: 'hash:/etc/aliases',
      compatibility_level: '3.6',
      mynetworks_style: 'subnet',
      virtual_mailbox_domains: 'example.net',
      virtual_mailbox_base: '/var/mail/vhosts',
      virtual_mailbox_maps: 'mysql:/etc/postfix/mysql_virtual_mailbox_maps.cf',
      virtual_alias_maps: 'hash:/etc/postfix/virtual',
      virtual_uid_maps: 'static:5000',
      virtual_gid_maps: 'static:5000',
    },
    maps: {
      '/etc/postfix/mysql_virtual_mailbox_maps.cf': MYSQL_CF,
      '/etc/postfix/virtual': 'info@example.net alice@example.net\n',
    },
    sql: {
      mailbox: {
        columns: ['username', 'password', 'maildir', 'active'],
        rows: [
          ['alice@example.net', 'wonderland', 'example.net/alice/', '1'],
          ['bob@example.net', 'builder', 'example.net/bob/', '0'],
        ],
      },
    },
  };
}

const SEND = (rcpt: string) => ['helo ws', 'mail from:<obama@whitehouse.com>', `rcpt to:<${rcpt}>`, 'data', 'Subject: hi', '', 'hello', '.', 'quit'];

describe('virtual mailboxes from a MySQL table', () => {
  it('delivers to the Maildir the table names, through a virtual alias too', () => {
    const world = makeWorld([virtualHost('-DHAS_MYSQL -DUSE_SASL_AUTH -DUSE_CYRUS_SASL -DUSE_TLS'), WORKSTATION]);
    const direct = talk(world, 'client.example.com', '192.168.1.1', SEND('alice@example.net'));
    const aliased = talk(world, 'client.example.com', '192.168.1.1', SEND('info@example.net'));
    world.runUntilQuiet();
    expect(direct.replies[3]).toEqual(['250 2.1.5 Ok']);
    expect(aliased.replies[3]).toEqual(['250 2.1.5 Ok']);
    const box = world.host('mail.example.com')!.store.get('/var/mail/vhosts/example.net/alice/')!;
    expect(box.format).toBe('maildir');
    expect(box.size).toBe(2);
    expect(box.messages[1].text).toContain('X-Original-To: info@example.net\nDelivered-To: alice@example.net\n');
    const log = maillog(world, 'mail.example.com');
    expect(log.filter((l) => l.includes('postfix/virtual'))).toHaveLength(2);
    expect(log.find((l) => l.includes('orig_to=<info@example.net>'))).toMatch(/to=<alice@example\.net>, orig_to=<info@example\.net>, relay=virtual, .*status=sent \(delivered to maildir\)/);
    const queries = world.trace.events.filter((e) => e.kind === 'sql');
    expect(queries.map((q) => (q.kind === 'sql' ? q.query : ''))).toContain("SELECT maildir FROM mailbox WHERE username='alice@example.net' AND active = '1'");
  });

  it('refuses an inactive or unknown user at RCPT', () => {
    const world = makeWorld([virtualHost('-DHAS_MYSQL'), WORKSTATION]);
    const { replies } = talk(world, 'client.example.com', '192.168.1.1', ['helo ws', 'mail from:<a@b.c>', 'rcpt to:<bob@example.net>', 'quit']);
    expect(replies[3]).toEqual(['550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown in virtual mailbox table']);
  });

  it('fails as Postfix does when the build has no MySQL support', () => {
    const world = makeWorld([virtualHost(undefined), WORKSTATION]);
    const { replies } = talk(world, 'client.example.com', '192.168.1.1', ['helo ws', 'mail from:<a@b.c>', 'rcpt to:<alice@example.net>', 'quit']);
    expect(replies[3]).toEqual(['451 4.3.0 <alice@example.net>: Temporary lookup failure']);
    expect(maillog(world, 'mail.example.com').join('\n')).toContain('warning: unsupported dictionary type: mysql');
  });
});
