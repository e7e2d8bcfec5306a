/**
 * The link lengths the issue asks for, measured as the app writes links (position, language and
 * open panels included) and counted after the origin, with the sub-path of a teacher's web space:
 * every lesson ≤ 100 characters, a lesson with five changes ≤ 1,000, four hosts from nothing ≤ 2,000.
 */
import { describe, expect, it } from 'vitest';
import { LESSONS, lessonById } from '../../src/lessons';
import { decodeState, encodeState, type LessonSource } from '../../src/share/urlCodec';
import type { Scenario } from '../../src/sim/scenario/schema';

const lessons: LessonSource = { scenarioOf: (id) => lessonById(id)?.scenario };
/** The path of the built site in the e2e tests (tests/e2e/browser.ts). */
const PATH = '/teachers/ms-li/mailsim/';

function fiveChanges(): Scenario {
  const changed = structuredClone(lessonById('telnet')!.scenario);
  const mail = changed.hosts[1];
  (mail.main_cf as Record<string, string>).mynetworks = '127.0.0.0/8, 192.168.1.0/24';
  (mail.main_cf as Record<string, string>).smtpd_recipient_restrictions = 'permit_mynetworks, reject_unauth_destination';
  mail.aliases = 'postmaster: root\nstaff: ansible, alice\nwebmaster: ansible\n';
  mail.accounts = ['ansible', 'alice', 'bob'];
  changed.script!.push({ at: 20_000, host: 'ws.example.com', action: 'shell', command: 'telnet mail.example.com 25' });
  return changed;
}

function fourHosts(): Scenario {
  const zone = (origin: string, records: [string, string, string][]) => ({
    origin,
    ttl: 3600,
    records: [
      { name: '@', type: 'SOA', value: `ns.example.org. hostmaster.${origin}. 1 3600 900 604800 300` },
      { name: '@', type: 'NS', value: 'ns.example.org.' },
      ...records.map(([name, type, value]) => ({ name, type, value })),
    ],
  });
  return {
    version: 2,
    title: 'Two domains and an MX hop',
    hosts: [
      { name: 'ns.example.org', addresses: ['10.0.0.53/24'], dns: { zones: [zone('example.com', [['@', 'MX', '10 mail.example.com.'], ['mail', 'A', '192.168.1.1']]), zone('example.net', [['@', 'MX', '10 mx.example.net.'], ['mx', 'A', '203.0.113.25']])] } },
      { name: 'mail.example.com', addresses: ['192.168.1.1/24'], accounts: ['ansible', 'alice'], resolv_conf: 'nameserver 10.0.0.53\n', main_cf: { compatibility_level: '3.6', mydomain: 'example.com', mynetworks_style: 'subnet', mydestination: '$myhostname, localhost, $mydomain' }, aliases: 'postmaster: root\nstaff: ansible, alice\n' },
      { name: 'mx.example.net', addresses: ['203.0.113.25/24'], accounts: ['bob'], resolv_conf: 'nameserver 10.0.0.53\n', main_cf: { compatibility_level: '3.6', mydomain: 'example.net', mydestination: '$myhostname, localhost, $mydomain' } },
      { name: 'ws.example.com', addresses: ['192.168.1.23/24'], kind: 'workstation', accounts: ['student'], resolv_conf: 'nameserver 10.0.0.53\n' },
    ],
    script: [
      { at: 1000, host: 'ws.example.com', action: 'send', server: 'mail.example.com', from: 'ansible@example.com', to: ['bob@example.net'], subject: 'Hello Bob', body: 'Across the Internet.' },
      { at: 9000, host: 'mx.example.net', action: 'shell', command: 'tail /var/log/maillog' },
    ],
  };
}

describe('link lengths after the origin', () => {
  it.each(LESSONS.map((l) => [l.id, l] as const))('lesson %s: at most 100 characters', async (id, lesson) => {
    const link = PATH + (await encodeState({ scenario: lesson.scenario, lessonId: id, time: 125_500, lang: 'zh-CN', panels: ['sequence', 'maillog'] }, lessons));
    expect(link.length).toBeLessThanOrEqual(100);
    const back = await decodeState(link.slice(PATH.length), lessons);
    expect('state' in back && back.state).toMatchObject({ lessonId: id, time: 125_500, lang: 'zh-CN', panels: ['sequence', 'maillog'] });
  });

  it('a lesson with five changes: at most 1,000 characters', async () => {
    const link = PATH + (await encodeState({ scenario: fiveChanges(), lessonId: 'telnet', time: 30_000, lang: 'zh-CN', panels: ['sequence', 'maillog'] }, lessons));
    expect(link.length).toBeLessThanOrEqual(1000);
    const back = await decodeState(link.slice(PATH.length), lessons);
    expect('state' in back && back.state.scenario).toEqual(fiveChanges());
  });

  it('a four-host scenario built from nothing: at most 2,000 characters', async () => {
    const link = PATH + (await encodeState({ scenario: fourHosts(), time: 30_000, lang: 'en', panels: ['topology', 'dialogue'] }, lessons));
    expect(link.length).toBeLessThanOrEqual(2000);
    const back = await decodeState(link.slice(PATH.length), lessons);
    expect('state' in back && back.state.scenario).toEqual(fourHosts());
  });
});
