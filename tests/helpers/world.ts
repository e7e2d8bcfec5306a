/**
 * Test helpers: a small world around mail.example.com and a client that talks to it line by line.
 */
import { DialogueClient } from '../../src/sim/clients/dialogueClient';
import { Syslog } from '../../src/sim/core/syslog';
import type { HostSpec, Scenario } from '../../src/sim/scenario/schema';
import { World } from '../../src/sim/world';
import '../../src/sim/modules';

export const MAIL_HOST: HostSpec = {
  name: 'mail.example.com',
  addresses: ['192.168.1.1/24'],
  kind: 'server',
  accounts: ['ansible', 'alice', 'bob'],
  main_cf: {
    alias_maps: 'hash:/etc/aliases',
    myhostname: 'mail.example.com',
    mydomain: 'example.com',
    compatibility_level: '3.6',
    mynetworks_style: 'subnet',
  },
  aliases: 'postmaster: root\nwebmaster: ansible\nstaff: ansible, alice\nbroken: nosuchuser\n',
};

export const WORKSTATION: HostSpec = { name: 'client.example.com', addresses: ['192.168.1.23/24'], kind: 'workstation' };

export function makeWorld(hosts: HostSpec[] = [MAIL_HOST, WORKSTATION], extra: Partial<Scenario> = {}): World {
  return new World({ version: 2, hosts, ...extra });
}

export interface Talk {
  replies: string[][];
  client: DialogueClient;
}

/**
 * Connects from host `from` to address `to`:port and sends each line, waiting for a reply after each one
 * except lines inside DATA (until "."), like a person at telnet. Returns every reply.
 */
export function talk(world: World, from: string, to: string, lines: string[], port = 25): Talk {
  const fromHost = world.host(from);
  if (!fromHost) throw new Error(`no host ${from}`);
  const client = new DialogueClient(world, fromHost.name, undefined, to, port);
  const replies: string[][] = [];
  const greeting = client.nextReply();
  if (greeting) replies.push(greeting);
  let inData = false;
  for (const line of lines) {
    client.send([line]);
    if (inData && line !== '.') continue;
    const r = client.nextReply();
    if (r) replies.push(r);
    inData = line.toUpperCase() === 'DATA' && r?.[0]?.startsWith('354') === true;
    if (line === '.') inData = false;
  }
  return { replies, client };
}

/** The maillog of a host without time stamps: "postfix/smtpd[123]: connect from ...". */
export function maillog(world: World, host: string): string[] {
  return world.host(host)!.log.lines.map((l) => Syslog.bare(l));
}

/** Program and first word of each log line ("postfix/qmgr from"), like the conformance scorer's shape. */
export function logShape(lines: string[]): string[] {
  return lines.map((l) => {
    const m = /^(\S+?)(?:\[\d+\])?:\s+(?:[0-9A-F]{6,12}:\s+)?([a-z_-]+)/i.exec(l);
    return m ? `${m[1]} ${m[2]}` : l;
  });
}
