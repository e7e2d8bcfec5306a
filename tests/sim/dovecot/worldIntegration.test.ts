/**
 * Dovecot inside a whole world: the module starts it from the scenario, Postfix delivers into
 * the INBOX it serves, a scripted mail client fetches over POP3 and IMAP, and smtpd asks
 * Dovecot's auth service for SMTP AUTH.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../src/sim/core/trace';
import '../../../src/sim/modules';
import { ScriptRunner } from '../../../src/sim/script/scriptRunner';
import type { Scenario } from '../../../src/sim/scenario/schema';
import { World } from '../../../src/sim/world';

const DOVECOT_CONF = 'auth_mechanisms = plain login\ndisable_plaintext_auth = no\nmail_location = mbox:~/mail:INBOX=/var/mail/%u\nprotocols = imap pop3\nssl = no\n';

function scenario(extra: Partial<Scenario['hosts'][number]> = {}): Scenario {
  return {
    version: 2,
    hosts: [
      {
        name: 'mail.example.com',
        addresses: ['192.168.1.10/24'],
        accounts: ['alice'],
        main_cf: { compatibility_level: '3.6', myhostname: 'mail.example.com', mydomain: 'example.com', smtpd_sasl_auth_enable: 'yes', smtpd_sasl_type: 'dovecot', smtpd_sasl_path: 'private/auth' },
        dovecot: { conf: DOVECOT_CONF },
        sasl: [{ user: 'alice', password: 'wonderland' }],
        mailboxes: { alice: ['Return-Path: <bob@example.net>\nFrom: bob@example.net\nSubject: seeded\n\nhello\n'] },
        uidvalidity: 1700000000,
        ...extra,
      },
      { name: 'pc.example.com', addresses: ['192.168.1.20/24'], kind: 'workstation' },
    ],
  } as Scenario;
}

const events = <K extends TraceEvent['kind']>(world: World, kind: K) => world.trace.events.filter((e): e is Extract<TraceEvent, { kind: K }> => e.kind === kind);

describe('Dovecot in a world', () => {
  it('serves the seeded INBOX to a POP3 client that deletes what it read', () => {
    const world = new World(scenario());
    const runner = new ScriptRunner(world, { shell: () => undefined });
    runner.run({ at: 0, host: 'pc.example.com', action: 'fetch', protocol: 'pop3', server: '192.168.1.10', user: 'alice', password: 'wonderland', delete: true });
    world.runUntilQuiet();
    const host = world.host('mail.example.com')!;
    expect(host.store.get('/var/mail/alice')!.messages).toHaveLength(0);
    const log = host.log.lines.map((l) => l.replace(/^.*? dovecot: /, ''));
    expect(log[0]).toMatch(/^pop3-login: Login: user=<alice>, method=PLAIN, rip=192\.168\.1\.20, lip=192\.168\.1\.10, mpid=\d+, session=<.{16}>$/);
    expect(log[1]).toMatch(/^pop3\(alice\)<\d+><.{16}>: Disconnected: Logged out top=0\/0, retr=1\/\d+, del=1\/1, size=\d+$/);
    expect(events(world, 'sasl')).toMatchObject([{ service: 'pop3', mechanism: 'PLAIN', user: 'alice', ok: true, backend: 'passwd-file' }]);
  });

  it('an IMAP client reading headers leaves the mail unread but no longer \\Recent', () => {
    const world = new World(scenario());
    new ScriptRunner(world, { shell: () => undefined }).run({ at: 0, host: 'pc.example.com', action: 'fetch', protocol: 'imap', server: '192.168.1.10', user: 'alice', password: 'wonderland' });
    world.runUntilQuiet();
    const [msg] = world.host('mail.example.com')!.store.get('/var/mail/alice')!.messages;
    expect(msg.flags.has('\\Seen')).toBe(false);
    expect(msg.recent).toBe(false);
    expect(events(world, 'daemon').filter((e) => e.daemon === 'imap').map((e) => e.state)).toEqual(['notAuthenticated.ready', 'authenticated', 'selected', 'logout']);
  });

  it('gives smtpd the same auth service (AUTH PLAIN LOGIN in EHLO)', () => {
    const world = new World(scenario());
    const runner = new ScriptRunner(world, { shell: () => undefined });
    runner.run({ at: 0, host: 'pc.example.com', action: 'dialogue', to: '192.168.1.10', port: 25, lines: ['EHLO pc', 'AUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=', 'QUIT'] });
    world.runUntilQuiet();
    const replies = events(world, 'conn.data').filter((e) => e.dir === 's2c').flatMap((e) => e.lines);
    expect(replies).toContain('250-AUTH PLAIN LOGIN');
    expect(replies).toContain('235 2.7.0 Authentication successful');
    expect(events(world, 'log').map((e) => e.text)).toContainEqual(expect.stringContaining('disconnect from'));
  });

  it('a host without Dovecot keeps its seeded mail in /var/mail', () => {
    const world = new World(scenario({ dovecot: undefined }));
    expect(world.host('mail.example.com')!.store.get('/var/mail/alice')!.messages).toHaveLength(1);
    expect(world.host('mail.example.com')!.listeners.some((l) => l.port === 110)).toBe(false);
  });
});
