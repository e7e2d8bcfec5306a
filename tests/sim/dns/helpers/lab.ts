/**
 * The lab the fixtures were recorded in (tests/sim/dns/fixtures/README.md): BIND 9.18 servers on
 * loopback addresses of a network namespace, all primary for the conformance cases' zones plus
 * lab.test, differing in recursion and in whether they serve the stub root zone.
 */
import { readFileSync } from 'node:fs';
import type { ZoneSpec } from '../../../../src/sim/scenario/schema';
import { NameServer } from '../../../../src/sim/dns/nameServer';
import { buildZone } from '../../../../src/sim/dns/zone';

export interface Recording {
  resolvConf: string;
  command: string;
  stdout: string[];
  stderr: string[];
  exitStatus: number;
}

export interface LabFixture {
  about: string;
  zones: ZoneSpec[];
  recordings: Recording[];
}

export function loadLab(): LabFixture {
  return JSON.parse(readFileSync(new URL('../fixtures/lab.json', import.meta.url), 'utf8')) as LabFixture;
}

/** gethostname() of the recording machine, which hostname.bind gives. */
const LAB_HOSTNAME = 'vm';

/** The servers by address: what answers, what refuses, what stays silent. */
export function labServers(zones: ZoneSpec[]): (address: string, port: number) => NameServer | 'refused' | undefined {
  const all = zones.map((z) => buildZone(z));
  const noRoot = all.filter((z) => z.origin !== '.');
  const servers: Record<string, NameServer> = {
    '127.0.0.1': new NameServer(all, { recursion: true, hostName: LAB_HOSTNAME }),
    '127.0.0.2': new NameServer(all, { recursion: false, hostName: LAB_HOSTNAME }),
    '127.0.0.3': new NameServer(noRoot, { recursion: false, hostName: LAB_HOSTNAME }),
    '127.0.0.4': new NameServer(noRoot, { recursion: true, hostName: LAB_HOSTNAME }),
  };
  return (address, port) => {
    if (address === '127.0.0.66') return undefined;
    if (port !== 53) return 'refused';
    return servers[address] ?? 'refused';
  };
}

/** The placeholders score.mjs puts in place of what changes from run to run. */
export function normalize(line: string): string {
  return line
    .replace(/\bid: \d+/g, 'id: DNSID')
    .replace(/; COOKIE: [0-9a-f]+ \(good\)/g, '; COOKIE: COOKIE (good)')
    .replace(/Query time: \d+ msec/g, 'Query time: DELAY msec')
    .replace(/WHEN: .+$/g, 'WHEN: DATE')
    .replace(/ in \d+ ms/g, ' in DELAY ms')
    .replace(/\s+$/, '');
}

/** Shell words of a recorded command line (the recordings use no quoting). */
export function words(command: string): string[] {
  return command.trim().split(/\s+/);
}
