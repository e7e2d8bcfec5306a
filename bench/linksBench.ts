/**
 * Share links: how long the part after "#" is for every lesson as it comes (#L=id), for every
 * lesson written out whole (#S=..., what a changed lesson falls back to at worst), for a lesson
 * with five changes, and for a four-host scenario built from nothing.
 */
import { DEFAULT_LESSON } from '../src/lessons/defaultLesson';
import { DEFAULT_LESSON_ID, LESSONS, lessonById } from '../src/lessons';
import { encodeState, type LessonSource } from '../src/share/urlCodec';
import type { Scenario } from '../src/sim/scenario/schema';

const lessons: LessonSource = { scenarioOf: (id) => lessonById(id)?.scenario };

/** Five edits a teacher makes to the default lesson (as in tests/share). */
export function lessonWithFiveChanges(): Scenario {
  const changed = structuredClone(DEFAULT_LESSON);
  const mail = changed.hosts[1];
  (mail.main_cf as Record<string, string>).mynetworks = '127.0.0.0/8, 192.168.1.0/24';
  (mail.main_cf as Record<string, string>).smtpd_recipient_restrictions = 'permit_mynetworks, reject_unauth_destination';
  mail.aliases = 'postmaster: root\nstaff: ansible, alice\nwebmaster: ansible\n';
  mail.accounts = ['ansible', 'alice', 'bob'];
  changed.script!.push({ at: 20_000, host: 'ws.example.com', action: 'shell', command: 'telnet mail.example.com 25' });
  return changed;
}

/** A name server, two mail domains with an MX hop, and a workstation: built in the scenario editor. */
export function fourHostsFromNothing(): Scenario {
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
      {
        name: 'ns.example.org',
        addresses: ['10.0.0.53/24'],
        dns: {
          zones: [
            zone('example.com', [
              ['@', 'MX', '10 mail.example.com.'],
              ['mail', 'A', '192.168.1.1'],
            ]),
            zone('example.net', [
              ['@', 'MX', '10 mx.example.net.'],
              ['mx', 'A', '203.0.113.25'],
            ]),
          ],
        },
      },
      {
        name: 'mail.example.com',
        addresses: ['192.168.1.1/24'],
        accounts: ['ansible', 'alice'],
        resolv_conf: 'nameserver 10.0.0.53\n',
        main_cf: { compatibility_level: '3.6', mydomain: 'example.com', mynetworks_style: 'subnet', mydestination: '$myhostname, localhost, $mydomain' },
        aliases: 'postmaster: root\nstaff: ansible, alice\n',
      },
      {
        name: 'mx.example.net',
        addresses: ['203.0.113.25/24'],
        accounts: ['bob'],
        resolv_conf: 'nameserver 10.0.0.53\n',
        main_cf: { compatibility_level: '3.6', mydomain: 'example.net', mydestination: '$myhostname, localhost, $mydomain' },
      },
      { name: 'ws.example.com', addresses: ['192.168.1.23/24'], resolv_conf: 'nameserver 10.0.0.53\n' },
    ],
    script: [{ at: 1000, host: 'ws.example.com', action: 'send', server: 'mail.example.com', from: 'ansible@example.com', to: ['bob@example.net'], subject: 'Hello Bob', body: 'Across the Internet.' }],
  };
}

export interface LinkFigures {
  /** Every lesson's link as the app shares it (lesson id, position and language). */
  lessons: Record<string, number>;
  /** Every lesson written out whole, as a scenario. */
  lessonsWhole: Record<string, number>;
  lessonMax: number;
  lessonFiveChanges: number;
  fourHostsFromNothing: number;
}

export async function linkFigures(): Promise<LinkFigures> {
  const out: LinkFigures = { lessons: {}, lessonsWhole: {}, lessonMax: 0, lessonFiveChanges: 0, fourHostsFromNothing: 0 };
  for (const lesson of LESSONS) {
    const link = await encodeState({ scenario: lesson.scenario, lessonId: lesson.id, time: 125_500, lang: 'zh-CN' }, lessons);
    out.lessons[lesson.id] = link.length;
    out.lessonsWhole[lesson.id] = (await encodeState({ scenario: lesson.scenario }, lessons)).length;
  }
  out.lessonMax = Math.max(...Object.values(out.lessons));
  out.lessonFiveChanges = (await encodeState({ scenario: lessonWithFiveChanges(), lessonId: DEFAULT_LESSON_ID, time: 30_000 }, lessons)).length;
  out.fourHostsFromNothing = (await encodeState({ scenario: fourHostsFromNothing() }, lessons)).length;
  return out;
}
