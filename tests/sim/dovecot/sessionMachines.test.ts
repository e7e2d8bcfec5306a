/**
 * The POP3 and IMAP statecharts walked through every state by real sessions, with the trace
 * events they leave: daemon state changes, SASL verdicts, mailbox changes.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../src/sim/core/trace';
import { simulatedDovecot, TestClient, type RecordedCase } from './caseHarness';

const HOST: RecordedCase['host'] = {
  hostname: 'mail.example.com',
  addresses: ['127.0.0.1'],
  dovecot_conf: 'auth_mechanisms = plain login\ndisable_plaintext_auth = no\nlisten = 127.0.0.1\nprotocols = imap pop3\nssl = no\n',
  accounts: ['root', 'alice'],
  sasl: [{ user: 'alice', password: 'wonderland' }],
  mailboxes: { alice: ['Subject: one\n\nfirst\n', 'Subject: two\n\nsecond\n'] },
  uidvalidity: 1700000000,
};

function session(protocol: 'pop3' | 'imap') {
  const sim = simulatedDovecot({ id: 't', protocol, host: HOST, client: { address: '127.0.0.1' }, dialogue: [] });
  const client = new TestClient(sim, '127.0.0.1', '127.0.0.1', protocol === 'pop3' ? 110 : 143);
  client.nextReply();
  const say = (...lines: string[]) => {
    client.send(lines);
    return client.nextReply();
  };
  const states = () => sim.trace.events.filter((e): e is Extract<TraceEvent, { kind: 'daemon' }> => e.kind === 'daemon').map((e) => e.state);
  const events = <K extends TraceEvent['kind']>(kind: K) => sim.trace.events.filter((e): e is Extract<TraceEvent, { kind: K }> => e.kind === kind);
  return { sim, client, say, states, events };
}

describe('POP3 statechart', () => {
  it('authorization (ready, sasl, verifying) -> transaction -> update -> closed', () => {
    const { say, states, events, client, sim } = session('pop3');
    expect(say('AUTH PLAIN')).toEqual(['+ ']);
    expect(say('AGFsaWNlAHF1ZWVu')).toEqual(['-ERR [AUTH] Authentication failed.']);
    expect(say('USER alice', 'PASS wonderland')).toEqual(['+OK']);
    expect(client.nextReply()).toEqual(['+OK Logged in.']);
    expect(say('DELE 1')).toEqual(['+OK Marked to be deleted.']);
    expect(say('QUIT')).toEqual(['+OK Logging out, messages deleted.']);
    sim.scheduler.runUntilQuiet();
    expect(states()).toEqual([
      'authorization.ready',
      'authorization.sasl',
      'authorization.verifying',
      'authorization.ready',
      'authorization.verifying',
      'transaction',
      'update',
      'closed',
    ]);
    expect(events('sasl').map((e) => [e.mechanism, e.user, e.ok, e.backend])).toEqual([
      ['PLAIN', 'alice', false, 'passwd-file'],
      ['PLAIN', 'alice', true, 'passwd-file'],
    ]);
    expect(events('mailbox').map((e) => [e.mailbox, e.change, e.count])).toEqual([['/var/mail/alice', 'expunge', 1]]);
    expect(client.closed).toBe(true);
  });

  it('a failed login answers after 2 s of virtual time; lines sent meanwhile wait their turn', () => {
    const { client, sim } = session('pop3');
    const start = sim.scheduler.now;
    client.send(['USER alice', 'PASS nope', 'CAPA']);
    expect(client.nextReply()).toEqual(['+OK']);
    expect(client.nextReply()).toEqual(['-ERR [AUTH] Authentication failed.']);
    expect(sim.scheduler.now - start).toBeGreaterThanOrEqual(2000);
    expect(client.nextReply()?.[0]).toBe('+OK');
  });

  it('a client that just disconnects commits nothing', () => {
    const { say, client, sim, states } = session('pop3');
    say('USER alice', 'PASS wonderland');
    client.nextReply();
    say('DELE 1');
    client.close();
    sim.scheduler.runUntilQuiet();
    expect(sim.host.store.get('/var/mail/alice')!.messages).toHaveLength(2);
    expect(states().at(-1)).toBe('closed');
  });
});

describe('IMAP statechart', () => {
  it('notAuthenticated (ready, sasl) -> authenticated -> selected -> authenticated -> logout', () => {
    const { say, states, sim, client } = session('imap');
    expect(say('a1 AUTHENTICATE PLAIN')).toEqual(['+ ']);
    expect(say('AGFsaWNlAHdvbmRlcmxhbmQ=')?.[0]).toMatch(/^a1 OK \[CAPABILITY IMAP4rev1 .*\] Logged in$/);
    expect(say('a2 SELECT INBOX')?.at(-1)).toBe('a2 OK [READ-WRITE] Select completed (0.001 + 0.000 secs).');
    expect(say('a3 STORE 1 +FLAGS (\\Deleted)')).toEqual(['* 1 FETCH (FLAGS (\\Deleted \\Recent))', 'a3 OK Store completed (0.001 + 0.000 secs).']);
    expect(say('a4 CLOSE')).toEqual(['a4 OK Close completed (0.001 + 0.000 secs).']);
    expect(say('a5 LOGOUT')).toEqual(['* BYE Logging out', 'a5 OK Logout completed (0.001 + 0.000 secs).']);
    sim.scheduler.runUntilQuiet();
    expect(states()).toEqual(['notAuthenticated.ready', 'notAuthenticated.sasl', 'authenticated', 'selected', 'authenticated', 'logout']);
    expect(sim.host.store.get('/var/mail/alice')!.messages).toHaveLength(1);
    expect(client.closed).toBe(true);
    expect(sim.host.log.lines.map((l) => l.replace(/^.* dovecot: /, ''))).toEqual([
      expect.stringMatching(/^imap-login: Login: user=<alice>, method=PLAIN, rip=127\.0\.0\.1, lip=127\.0\.0\.1, mpid=\d+, secured, session=<[A-Za-z0-9+/]{16}>$/),
      expect.stringMatching(/^imap\(alice\)<\d+><[A-Za-z0-9+/]{16}>: Disconnected: Logged out in=\d+ out=\d+ deleted=1 expunged=1 trashed=0 hdr_count=0 hdr_bytes=0 body_count=0 body_bytes=0$/),
    ]);
  });

  it('verifying holds the next commands until the verdict', () => {
    const { client, sim, states } = session('imap');
    client.send(['a1 LOGIN alice nope', 'a2 NOOP']);
    expect(client.nextReply()).toEqual(['a1 NO [AUTHENTICATIONFAILED] Authentication failed.']);
    expect(client.nextReply()).toEqual(['a2 OK NOOP completed.']);
    expect(states()).toContain('notAuthenticated.verifying');
    expect(sim.scheduler.now).toBeGreaterThanOrEqual(2000);
  });

  it('mail delivered during the session shows at the next command (checked against Dovecot 2.3.19)', () => {
    const { say, sim } = session('imap');
    say('a1 LOGIN alice wonderland');
    say('a2 SELECT INBOX');
    sim.host.store.get('/var/mail/alice')!.append('zed@example.com', 0, 'Subject: new one\n\nnew mail\n');
    expect(say('a3 NOOP')).toEqual(['* 3 EXISTS', '* 3 RECENT', 'a3 OK NOOP completed (0.001 + 0.000 secs).']);
    expect(say('a4 FETCH 3 (UID FLAGS)')).toEqual(['* 3 FETCH (UID 3 FLAGS (\\Recent))', 'a4 OK Fetch completed (0.001 + 0.000 secs).']);
  });

  it('literals get "+ OK" and count in bytes', () => {
    const { client, say } = session('imap');
    expect(say('a1 LOGIN {5}')).toEqual(['+ OK']);
    client.send(['alice {10}']);
    expect(client.nextReply()).toEqual(['+ OK']);
    client.send(['wonderland']);
    expect(client.nextReply()?.[0]).toMatch(/^a1 OK \[CAPABILITY/);
  });
});
