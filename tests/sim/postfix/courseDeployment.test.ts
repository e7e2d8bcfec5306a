/**
 * The course's whole deployment, end to end: Postfix built with MySQL, SASL and TLS keeps its
 * mail users in an SQL table (virtual_mailbox_domains / virtual_mailbox_maps), asks Dovecot's
 * auth service — which reads the same table — to check SMTP AUTH passwords, and Dovecot serves
 * the virtual Maildirs over IMAP. A laptop outside mynetworks may relay only after AUTH.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../src/sim/core/trace';
import { laptop, mailServer, remoteMx } from '../../../src/lessons/library/hosts';
import { ScriptRunner } from '../../../src/sim/script/scriptRunner';
import type { ScriptStep } from '../../../src/sim/scenario/schema';
import { World } from '../../../src/sim/world';
import '../../../src/sim/modules';

const MAILBOX_CF = "hosts = localhost\nuser = extmail\npassword = extmail\ndbname = extmail\nquery = SELECT maildir FROM mailbox WHERE username='%s' AND active = '1'\n";

const DOVECOT_SQL_CONF = `auth_mechanisms = plain login
disable_plaintext_auth = no
first_valid_uid = 1000
mail_location = maildir:/var/mail/vhosts/%d/%n
passdb {
  args = /etc/dovecot/dovecot-sql.conf.ext
  driver = sql
}
protocols = imap pop3
service auth {
  unix_listener /var/spool/postfix/private/auth {
    group = postfix
    mode = 0660
    user = postfix
  }
}
ssl = no
userdb {
  args = uid=5000 gid=5000 home=/var/mail/vhosts/%d/%n
  driver = static
}
`;

function deployment(): World {
  const server = mailServer(
    {
      mynetworks_style: 'host',
      smtpd_sasl_auth_enable: 'yes',
      smtpd_sasl_type: 'dovecot',
      smtpd_sasl_path: 'private/auth',
      smtpd_relay_restrictions: 'permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination',
      virtual_mailbox_domains: 'extmail.org',
      virtual_mailbox_base: '/var/mail/vhosts',
      virtual_mailbox_maps: 'mysql:/etc/postfix/mysql_virtual_mailbox_maps.cf',
      virtual_uid_maps: 'static:5000',
      virtual_gid_maps: 'static:5000',
    },
    {
      accounts: ['ansible', 'vmail'],
      ccargs: '-DHAS_MYSQL -DUSE_SASL_AUTH -DUSE_CYRUS_SASL -DUSE_TLS',
      maps: { '/etc/postfix/mysql_virtual_mailbox_maps.cf': MAILBOX_CF },
      sql: {
        mailbox: {
          columns: ['username', 'password', 'maildir', 'active'],
          rows: [
            ['tom@extmail.org', 'tomcat', 'extmail.org/tom/', '1'],
            ['jerry@extmail.org', 'cheese', 'extmail.org/jerry/', '1'],
          ],
        },
      },
      dovecot: { conf: DOVECOT_SQL_CONF },
    },
  );
  return new World({ version: 2, seed: 7, hosts: [server, laptop(), remoteMx()] });
}

const events = <K extends TraceEvent['kind']>(world: World, kind: K) => world.trace.events.filter((e): e is Extract<TraceEvent, { kind: K }> => e.kind === kind);

function run(world: World, steps: ScriptStep[]): void {
  const runner = new ScriptRunner(world, { shell: () => undefined });
  for (const step of steps) {
    runner.run(step);
    world.runUntilQuiet();
  }
}

/** Lines mail.example.com sent to the laptop, in order. */
function serverReplies(world: World): string[] {
  return events(world, 'conn.data')
    .filter((e) => e.dir === 's2c')
    .flatMap((e) => e.lines);
}

const send = (auth?: { user: string; password: string }, to = ['carol@example.net', 'jerry@extmail.org']): ScriptStep => ({
  at: 0,
  host: 'laptop.example.com',
  action: 'send',
  server: 'mail.example.com',
  from: 'tom@extmail.org',
  to,
  subject: 'From the road',
  body: 'Sent from outside the LAN.',
  ...(auth ? { auth } : {}),
});

describe('the course deployment: Postfix + SASL + MySQL virtual users + Dovecot IMAP', () => {
  it('relays for the laptop only after AUTH, and the virtual user reads the mail over IMAP', () => {
    const world = deployment();
    run(world, [send({ user: 'tom@extmail.org', password: 'tomcat' })]);

    const log = world.host('mail.example.com')!.log.lines.join('\n');
    expect(log).toMatch(/client=\S+\[10\.0\.0\.8\], sasl_method=PLAIN, sasl_username=tom@extmail\.org/);
    expect(world.host('mx.example.net')!.store.get('/var/mail/carol')?.messages).toHaveLength(1);
    const maildir = world.host('mail.example.com')!.store.get('/var/mail/vhosts/extmail.org/jerry/');
    expect(maildir?.format).toBe('maildir');
    expect(maildir?.messages).toHaveLength(1);

    run(world, [{ at: 0, host: 'laptop.example.com', action: 'fetch', protocol: 'imap', server: 'mail.example.com', user: 'jerry@extmail.org', password: 'cheese' }]);
    const imap = serverReplies(world).join('\n');
    expect(imap).toMatch(/^\S+ OK .*Logged in/m);
    expect(imap).toContain('Subject: From the road');
    expect(events(world, 'sasl').filter((e) => e.service === 'imap')).toMatchObject([{ user: 'jerry@extmail.org', ok: true, backend: 'sql' }]);
  });

  it('refuses to relay for the laptop without AUTH, but still takes mail for its own virtual users', () => {
    const world = deployment();
    run(world, [send(undefined)]);
    const replies = serverReplies(world);
    expect(replies).toContain('554 5.7.1 <carol@example.net>: Relay access denied');
    expect(world.host('mx.example.net')!.store.get('/var/mail/carol')?.messages ?? []).toHaveLength(0);
    expect(world.host('mail.example.com')!.store.get('/var/mail/vhosts/extmail.org/jerry/')?.messages).toHaveLength(1);
  });

  it('answers a wrong password with 535 5.7.8 and relays nothing', () => {
    const world = deployment();
    run(world, [send({ user: 'tom@extmail.org', password: 'not-tomcat' }, ['carol@example.net'])]);
    const replies = serverReplies(world);
    expect(replies).toContain('535 5.7.8 Error: authentication failed: (reason unavailable)');
    expect(replies.some((l) => l.startsWith('250 2.0.0 Ok: queued'))).toBe(false);
    expect(world.host('mx.example.net')!.store.get('/var/mail/carol')?.messages ?? []).toHaveLength(0);
    expect(world.host('mail.example.com')!.log.lines.join('\n')).toMatch(/warning: \S+\[10\.0\.0\.8\]: SASL PLAIN authentication failed/);
  });

  it('still refuses to relay when a client goes on after a failed AUTH, as at telnet', () => {
    const world = deployment();
    const wrong = btoa('\0tom@extmail.org\0guess');
    run(world, [{ at: 0, host: 'laptop.example.com', action: 'dialogue', to: 'mail.example.com', port: 25, lines: ['EHLO laptop', `AUTH PLAIN ${wrong}`, 'MAIL FROM:<tom@extmail.org>', 'RCPT TO:<carol@example.net>', 'QUIT'] }]);
    const replies = serverReplies(world);
    expect(replies).toContain('535 5.7.8 Error: authentication failed: (reason unavailable)');
    expect(replies).toContain('554 5.7.1 <carol@example.net>: Relay access denied');
  });
});
