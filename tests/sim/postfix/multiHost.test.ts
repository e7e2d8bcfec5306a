/**
 * Mail across the simulated Internet: a workstation hands a message to mail.example.com, which
 * looks up example.net's MX, relays to mx.example.net, which delivers it. Then the failures:
 * a destination that is down (deferred, retried with backoff in virtual time, delivered when it
 * is back) and one that refuses the recipient (bounced to the sender).
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../src/sim/core/trace';
import { mboxText } from '../../../src/sim/mail/mailStore';
import type { HostSpec, Scenario } from '../../../src/sim/scenario/schema';
import { Engine } from '../../../src/sim/engine';
import { maillog } from '../../helpers/world';

const ZONE = (origin: string, records: [string, string, string][]) => ({
  origin,
  ttl: 3600,
  records: [
    { name: '@', type: 'SOA', value: `ns.example.org. hostmaster.${origin}. 1 3600 900 604800 300` },
    { name: '@', type: 'NS', value: 'ns.example.org.' },
    ...records.map(([name, type, value]) => ({ name, type, value })),
  ],
});

const DNS: HostSpec = {
  name: 'ns.example.org',
  addresses: ['10.0.0.53/24'],
  dns: {
    zones: [
      ZONE('example.com', [['@', 'MX', '10 mail.example.com.'], ['mail', 'A', '192.168.1.1'], ['ws', 'A', '192.168.1.23']]),
      ZONE('example.net', [['@', 'MX', '10 mx.example.net.'], ['mx', 'A', '203.0.113.25']]),
      ZONE('1.168.192.in-addr.arpa', [['1', 'PTR', 'mail.example.com.'], ['23', 'PTR', 'ws.example.com.']]),
      ZONE('113.0.203.in-addr.arpa', [['25', 'PTR', 'mx.example.net.']]),
    ],
  },
};

const RESOLV = 'nameserver 10.0.0.53\n';

const MAIL: HostSpec = {
  name: 'mail.example.com',
  addresses: ['192.168.1.1/24'],
  accounts: ['ansible'],
  resolv_conf: RESOLV,
  main_cf: { alias_maps: 'hash:/etc/aliases', compatibility_level: '3.6', inet_protocols: 'ipv4', mydomain: 'example.com', mynetworks_style: 'subnet', mydestination: '$myhostname, localhost, $mydomain', minimal_backoff_time: '300s', maximal_backoff_time: '4000s', queue_run_delay: '300s' },
};

const MX: HostSpec = {
  name: 'mx.example.net',
  addresses: ['203.0.113.25/24'],
  accounts: ['bob'],
  resolv_conf: RESOLV,
  main_cf: { alias_maps: 'hash:/etc/aliases', compatibility_level: '3.6', inet_protocols: 'ipv4', mydomain: 'example.net', mydestination: '$myhostname, localhost, $mydomain' },
};

const WS: HostSpec = { name: 'ws.example.com', addresses: ['192.168.1.23/24'], resolv_conf: RESOLV };

function scenario(extra: Partial<Scenario> = {}, to = 'bob@example.net'): Scenario {
  return {
    version: 2,
    hosts: [DNS, MAIL, MX, WS],
    script: [{ at: 1000, host: 'ws.example.com', action: 'send', server: 'mail.example.com', from: 'ansible@example.com', to: [to], subject: 'Hello Bob', body: 'Across the Internet.' }],
    ...extra,
  };
}

const of = <K extends TraceEvent['kind']>(events: TraceEvent[], kind: K) => events.filter((e): e is Extract<TraceEvent, { kind: K }> => e.kind === kind);

describe('a message across three hosts', () => {
  const engine = new Engine(scenario());
  engine.runUntilQuiet();
  const events = engine.world.trace.events;

  it('lands in the mailbox on mx.example.net with a Received header from each hop', () => {
    const box = engine.world.host('mx.example.net')!.store.get('/var/mail/bob');
    expect(box?.size).toBe(1);
    const text = mboxText(box!);
    const received = text.split('\n').filter((l) => l.startsWith('Received:'));
    expect(received).toEqual(['Received: from mail.example.com (mail.example.com [192.168.1.1])', 'Received: from ws.example.com (ws.example.com [192.168.1.23])']);
    expect(text).toContain('Subject: Hello Bob');
  });

  it('asks DNS for the MX of example.net, then the address of the MX host', () => {
    const queries = of(events, 'dns.query').filter((q) => q.host === 'mail.example.com' && q.by === 'smtp');
    expect(queries.map((q) => `${q.name.replace(/\.$/, '')} ${q.type}`)).toEqual(['example.net MX', 'mx.example.net A']);
    const answers = of(events, 'dns.answer').filter((a) => a.host === 'mail.example.com' && a.name.replace(/\.$/, '') === 'example.net');
    expect(answers[0]?.answers.join()).toContain('10 mx.example.net.');
  });

  it('relays with a relay decision on each hop and logs status=sent', () => {
    const decisions = of(events, 'decision').filter((d) => d.verdict === 'permit');
    expect(decisions.map((d) => `${d.host} ${d.restriction}`)).toEqual(['mail.example.com permit_mynetworks']);
    const log = maillog(engine.world, 'mail.example.com');
    expect(log.find((l) => l.includes('postfix/smtp['))).toMatch(/to=<bob@example\.net>, relay=mx\.example\.net\[203\.0\.113\.25\]:25, .*dsn=2\.0\.0, status=sent \(250 2\.0\.0 Ok: queued as [0-9A-F]+\)/);
    expect(of(events, 'delivery').map((d) => `${d.host} ${d.agent} ${d.status}`).sort()).toEqual(['mail.example.com smtp sent', 'mx.example.net local sent']);
  });
});

describe('a destination that is down', () => {
  it('defers, retries at the backoff times, and delivers once the host is back', () => {
    const engine = new Engine(
      scenario({
        script: [
          { at: 0, host: 'mx.example.net', action: 'down' },
          ...(scenario().script ?? []),
          { at: 1_500_000, host: 'mx.example.net', action: 'up' },
        ],
      }),
    );
    engine.advanceTo(3_000_000);
    const log = maillog(engine.world, 'mail.example.com');
    const deferred = log.filter((l) => l.includes('status=deferred'));
    expect(deferred[0]).toMatch(/relay=none, .*dsn=4\.4\.1, status=deferred \(connect to mx\.example\.net\[203\.0\.113\.25\]:25: Connection timed out\)/);
    const attempts = of(engine.world.trace.events, 'queue').filter((q) => q.to === 'active').map((q) => q.t);
    // First try when it arrives; then queue runs every 300 s once the backoff (300 s, then doubling) has passed.
    expect(attempts.length).toBeGreaterThanOrEqual(3);
    expect(attempts[1] - attempts[0]).toBeGreaterThanOrEqual(300_000);
    expect(attempts[2] - attempts[1]).toBeGreaterThanOrEqual(300_000);
    expect(log.some((l) => /status=sent \(250 2\.0\.0 Ok/.test(l))).toBe(true);
    expect(engine.world.host('mx.example.net')!.store.get('/var/mail/bob')?.size).toBe(1);
  });
});

describe('a recipient the remote server does not know', () => {
  it('bounces back to the sender with the remote reply in the report', () => {
    const engine = new Engine(scenario({}, 'nosuchuser@example.net'));
    engine.runUntilQuiet();
    const log = maillog(engine.world, 'mail.example.com');
    expect(log.find((l) => l.includes('status=bounced'))).toMatch(
      /to=<nosuchuser@example\.net>, relay=mx\.example\.net\[203\.0\.113\.25\]:25, .*dsn=5\.1\.1, status=bounced \(host mx\.example\.net\[203\.0\.113\.25\] said: 550 5\.1\.1 <nosuchuser@example\.net>: Recipient address rejected: User unknown in local recipient table \(in reply to RCPT TO command\)\)/,
    );
    const bounce = engine.world.host('mail.example.com')!.store.get('/var/mail/ansible');
    expect(bounce?.size).toBe(1);
    const text = mboxText(bounce!);
    expect(text).toContain('Subject: Undelivered Mail Returned to Sender');
    expect(text).toMatch(/Diagnostic-Code: smtp; 550 5\.1\.1 <nosuchuser@example\.net>: Recipient address\n {4}rejected: User unknown in local recipient table/);
    expect(text).toContain('Remote-MTA: dns; mx.example.net');
  });
});
