import { describe, expect, it } from 'vitest';
import { DEFAULT_LESSON } from '../../src/lessons/defaultLesson';
import { decodeState, encodeState, type LessonSource } from '../../src/share/urlCodec';
import type { Scenario } from '../../src/sim/scenario/schema';

const lessons: LessonSource = { scenarioOf: (id) => (id === 'telnet' ? DEFAULT_LESSON : undefined) };

function fourHosts(): Scenario {
  const zone = (origin: string, records: [string, string, string][]) => ({
    origin,
    ttl: 3600,
    records: [{ name: '@', type: 'SOA', value: `ns.example.org. hostmaster.${origin}. 1 3600 900 604800 300` }, { name: '@', type: 'NS', value: 'ns.example.org.' }, ...records.map(([name, type, value]) => ({ name, type, value }))],
  });
  return {
    version: 2,
    title: 'Two domains and an MX hop',
    hosts: [
      { name: 'ns.example.org', addresses: ['10.0.0.53/24'], dns: { zones: [zone('example.com', [['@', 'MX', '10 mail.example.com.'], ['mail', 'A', '192.168.1.1']]), zone('example.net', [['@', 'MX', '10 mx.example.net.'], ['mx', 'A', '203.0.113.25']])] } },
      { name: 'mail.example.com', addresses: ['192.168.1.1/24'], accounts: ['ansible', 'alice'], resolv_conf: 'nameserver 10.0.0.53\n', main_cf: { compatibility_level: '3.6', mydomain: 'example.com', mynetworks_style: 'subnet', mydestination: '$myhostname, localhost, $mydomain' }, aliases: 'postmaster: root\nstaff: ansible, alice\n' },
      { name: 'mx.example.net', addresses: ['203.0.113.25/24'], accounts: ['bob'], resolv_conf: 'nameserver 10.0.0.53\n', main_cf: { compatibility_level: '3.6', mydomain: 'example.net', mydestination: '$myhostname, localhost, $mydomain' } },
      { name: 'ws.example.com', addresses: ['192.168.1.23/24'], resolv_conf: 'nameserver 10.0.0.53\n' },
    ],
    script: [{ at: 1000, host: 'ws.example.com', action: 'send', server: 'mail.example.com', from: 'ansible@example.com', to: ['bob@example.net'], subject: 'Hello Bob', body: 'Across the Internet.' }],
  };
}

describe('scenario links', () => {
  it('keeps a lesson link under 100 characters after the origin', async () => {
    const link = await encodeState({ scenario: DEFAULT_LESSON, lessonId: 'telnet', time: 12_500, lang: 'zh-CN' }, lessons);
    expect(link).toBe('#L=telnet&t=12.5&lang=zh-CN');
    expect(link.length).toBeLessThanOrEqual(100);
    const back = await decodeState(link, lessons);
    expect('state' in back && back.state.time).toBe(12_500);
    expect('state' in back && back.state.scenario).toEqual(DEFAULT_LESSON);
  });

  it('writes a lesson with five changes as the lesson plus its changes, in under 1,000 characters', async () => {
    const changed = structuredClone(DEFAULT_LESSON);
    const mail = changed.hosts[1];
    (mail.main_cf as Record<string, string>).mynetworks = '127.0.0.0/8, 192.168.1.0/24';
    (mail.main_cf as Record<string, string>).smtpd_recipient_restrictions = 'permit_mynetworks, reject_unauth_destination';
    mail.aliases = 'postmaster: root\nstaff: ansible, alice\nwebmaster: ansible\n';
    mail.accounts = ['ansible', 'alice', 'bob'];
    changed.script!.push({ at: 20_000, host: 'ws.example.com', action: 'shell', command: 'telnet mail.example.com 25' });
    const link = await encodeState({ scenario: changed, lessonId: 'telnet', time: 30_000 }, lessons);
    expect(link.startsWith('#S=')).toBe(true);
    expect(link.length).toBeLessThanOrEqual(1000);
    const back = await decodeState(link, lessons);
    expect('state' in back && back.state.scenario).toEqual(changed);
    expect('state' in back && back.state.lessonId).toBe('telnet');
  });

  it('carries a comparison: the lesson as A and the variant B as its changes, short enough to share', async () => {
    const b = structuredClone(DEFAULT_LESSON);
    (b.hosts[1].main_cf as Record<string, string>).compatibility_level = '0';
    const link = await encodeState({ scenario: DEFAULT_LESSON, lessonId: 'telnet', time: 5_000, compareWith: b }, lessons);
    expect(link.startsWith('#S=')).toBe(true);
    expect(link.length).toBeLessThanOrEqual(300);
    const back = await decodeState(link, lessons);
    expect('state' in back && back.state.scenario).toEqual(DEFAULT_LESSON);
    expect('state' in back && back.state.compareWith).toEqual(b);
    expect('state' in back && back.state.time).toBe(5_000);
  });

  it('refuses a comparison whose variant is not a valid scenario, naming the field', async () => {
    const b = structuredClone(DEFAULT_LESSON);
    b.hosts[1].addresses = ['192.168.1.1/99'];
    const link = await encodeState({ scenario: DEFAULT_LESSON, lessonId: 'telnet', compareWith: b }, lessons);
    const back = await decodeState(link, lessons);
    expect(back).toMatchObject({ code: 'invalid', args: { path: 'hosts[1].addresses[0]' } });
  });

  it('fits a four-host scenario built from nothing in 2,000 characters', async () => {
    const link = await encodeState({ scenario: fourHosts() }, lessons);
    expect(link.length).toBeLessThanOrEqual(2000);
    const back = await decodeState(link, lessons);
    expect('state' in back && back.state.scenario).toEqual(fourHosts());
  });

  it('opens a link made with scenario format 1 (Postfix settings grouped under "postfix")', async () => {
    const old = { version: 1, hosts: [{ name: 'mail.example.com', addresses: ['192.168.1.1/24'], postfix: { main_cf: { myhostname: 'mail.example.com' }, aliases: 'postmaster: root\n' } }] };
    const { compress } = await import('../../src/share/urlCodec');
    const link = `#S=${await compress(JSON.stringify({ v: 1, s: old }))}`;
    const back = await decodeState(link, lessons);
    expect('state' in back && back.state.scenario.hosts[0]).toEqual({ name: 'mail.example.com', addresses: ['192.168.1.1/24'], main_cf: { myhostname: 'mail.example.com' }, aliases: 'postmaster: root\n' });
  });

  it.each([
    ['#S=not*base64', 'damaged'],
    ['#S=AAAA', 'damaged'],
    ['#L=no-such-lesson', 'does not exist'],
    ['#garbage', 'does not describe a scenario'],
    [`#S=${'A'.repeat(300_000)}`, 'too long'],
  ])('refuses a broken link %s with a message', async (fragment, words) => {
    const r = await decodeState(fragment.slice(0, 300_010), lessons);
    expect('error' in r && r.error).toContain(words);
  });

  it('refuses a scenario with bad fields, and keeps markup in names as plain text', async () => {
    const { compress } = await import('../../src/share/urlCodec');
    const bad = `#S=${await compress(JSON.stringify({ v: 1, s: { version: 2, hosts: [{ name: '<img src=x onerror=alert(1)>', addresses: ['1.2.3.4'] }] } }))}`;
    const r = await decodeState(bad, lessons);
    expect('error' in r && r.error).toMatch(/hosts\[0\]\.name: .* is not a host name/);
  });
});
