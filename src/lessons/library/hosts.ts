/**
 * Hosts the lessons share: the classroom LAN (ws.example.com 192.168.1.23, mail.example.com
 * 192.168.1.1 with its name server), and a second domain across the Internet (mx.example.net).
 */
import type { HostSpec, ZoneSpec } from '../../sim/scenario/schema';

export function zone(origin: string, records: [string, string, string][]): ZoneSpec {
  return {
    origin,
    ttl: 3600,
    records: [
      { name: '@', type: 'SOA', value: 'mail.example.com. root.example.com. 2024041301 3600 900 604800 300' },
      { name: '@', type: 'NS', value: 'mail.example.com.' },
      ...records.map(([name, type, value]) => ({ name, type, value })),
    ],
  };
}

export const EXAMPLE_COM = zone('example.com', [
  ['@', 'MX', '10 mail.example.com.'],
  ['@', 'TXT', '"v=spf1 mx -all"'],
  ['mail', 'A', '192.168.1.1'],
  ['mail', 'AAAA', '2001:db8::25'],
  ['ws', 'A', '192.168.1.23'],
  ['laptop', 'A', '10.0.0.8'],
  ['a', 'TXT', '"3213124123123"'],
  ['www', 'CNAME', 'mail.example.com.'],
]);

export const EXAMPLE_NET = zone('example.net', [
  ['@', 'MX', '10 mx.example.net.'],
  ['@', 'TXT', '"v=spf1 ip4:203.0.113.25 -all"'],
  ['mx', 'A', '203.0.113.25'],
]);

export const REVERSE_LAN = zone('1.168.192.in-addr.arpa', [
  ['1', 'PTR', 'mail.example.com.'],
  ['23', 'PTR', 'ws.example.com.'],
]);

export const REVERSE_NET = zone('113.0.203.in-addr.arpa', [['25', 'PTR', 'mx.example.net.']]);

export const RESOLV = 'nameserver 192.168.1.1\n';

export function workstation(): HostSpec {
  return { name: 'ws.example.com', addresses: ['192.168.1.23/24'], kind: 'workstation', accounts: ['student'], resolv_conf: RESOLV };
}

export function laptop(): HostSpec {
  return { name: 'laptop.example.com', addresses: ['10.0.0.8/24'], kind: 'workstation', accounts: ['alice'], resolv_conf: RESOLV };
}

/** mail.example.com as the course sets it up, with `extra` main.cf settings on top. */
export function mailServer(extra: Record<string, string> = {}, more: Partial<HostSpec> = {}): HostSpec {
  return {
    name: 'mail.example.com',
    addresses: ['192.168.1.1/24'],
    kind: 'server',
    accounts: ['ansible', 'alice', 'bob'],
    resolv_conf: 'nameserver 127.0.0.1\n',
    main_cf: {
      alias_database: 'hash:/etc/aliases',
      alias_maps: 'hash:/etc/aliases',
      compatibility_level: '3.6',
      inet_interfaces: 'all',
      inet_protocols: 'ipv4',
      mail_spool_directory: '/var/spool/mail',
      mydestination: '$myhostname, localhost.$mydomain, localhost, $mydomain',
      mydomain: 'example.com',
      myhostname: 'mail.example.com',
      ...extra,
    },
    aliases: 'postmaster: root\n',
    dns: { zones: [EXAMPLE_COM, EXAMPLE_NET, REVERSE_LAN, REVERSE_NET] },
    ...more,
  };
}

/** mx.example.net: the other domain's mail server, out on the Internet. */
export function remoteMx(): HostSpec {
  return {
    name: 'mx.example.net',
    addresses: ['203.0.113.25/24'],
    kind: 'server',
    accounts: ['bob', 'carol'],
    resolv_conf: RESOLV,
    main_cf: {
      alias_maps: 'hash:/etc/aliases',
      compatibility_level: '3.6',
      inet_protocols: 'ipv4',
      mydestination: '$myhostname, localhost, $mydomain',
      mydomain: 'example.net',
      myhostname: 'mx.example.net',
    },
  };
}

/** The course's telnet lines for one message. */
export function telnetLines(from: string, to: string, subject: string, body: string): string[] {
  return ['helo ws.example.com', `mail from:${from}`, `rcpt to:${to}`, 'data', `Subject: ${subject}`, '', body, '.', 'quit'];
}
