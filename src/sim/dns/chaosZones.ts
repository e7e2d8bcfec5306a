/**
 * BIND's built-in CHAOS-class view: "dig chaos txt version.bind" gives the version (the classic
 * way to see what a server runs), hostname.bind its host name, authors.bind the authors;
 * id.server exists but is empty (server-id is not set by default). Any other CH name is refused.
 */
import type { ResourceRecord } from './records';
import { BIND_VERSION } from './version';
import { DnsZone } from './zone';

/** The order named 9.18 gave them in the recording (it shuffles them on each answer). */
const AUTHORS = [
  'Evan Hunt', 'JINMEI Tatuya', 'Witold Krecicki', 'Michael Graff', 'Scott Mann', 'Danny Mayer', 'Brian Wellington',
  'Mark Andrews', 'Jeremy C. Reed', 'Ben Cottrell', 'Andreas Gustafsson', 'James Brister', 'John H. DuBois III',
  'Curtis Blackburn', 'Bob Halley', 'David Lawrence', 'Francis Dupont', 'Matt Nelson', 'Damien Neil', 'Michael Sawyer',
];

function chaosZone(origin: string, texts: string[]): DnsZone {
  const records: ResourceRecord[] = [
    {
      name: origin,
      ttl: 86400,
      class: 'CH',
      data: { type: 'SOA', mname: origin, rname: `hostmaster.${origin}`, serial: 0, refresh: 28800, retry: 7200, expire: 604800, minimum: 86400 },
    },
    { name: origin, ttl: 86400, class: 'CH', data: { type: 'NS', host: origin } },
    ...texts.map((t): ResourceRecord => ({ name: origin, ttl: 0, class: 'CH', data: { type: 'TXT', strings: [t] } })),
  ];
  return new DnsZone(origin, records);
}

/** The CH zones of a named on a host called `hostName` (gethostname(): the short name). */
export function chaosZones(hostName: string): DnsZone[] {
  return [
    chaosZone('version.bind.', [BIND_VERSION]),
    chaosZone('hostname.bind.', [hostName]),
    chaosZone('authors.bind.', AUTHORS),
    chaosZone('id.server.', []),
  ];
}
