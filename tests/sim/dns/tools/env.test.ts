import { describe, expect, it } from 'vitest';
import { Rng } from '../../../../src/sim/core/rng';
import { parseZone } from '../../../../src/sim/core/time';
import type { TraceInput } from '../../../../src/sim/core/trace';
import { runDnsTool, type DnsToolEnv } from '../../../../src/sim/dns/tools';
import { labServers, loadLab } from '../helpers/lab';

const lab = loadLab();

function env(seed: number, extra: Partial<DnsToolEnv> = {}): DnsToolEnv {
  return {
    hostName: 'mail.example.com',
    resolvConf: 'nameserver 127.0.0.1\n',
    serverAt: labServers(lab.zones),
    rng: new Rng(seed),
    epochNow: () => Date.UTC(2024, 0, 1, 9, 0, 0),
    zone: parseZone('+0800 CST')!,
    ...extra,
  };
}

const line = (out: string[], prefix: string) => out.find((l) => l.startsWith(prefix)) ?? '';

describe('what varies from run to run comes from the env', () => {
  it('prints the same text for the same seed and clock', () => {
    const a = runDnsTool(['dig', 'mx', 'example.com'], env(7));
    const b = runDnsTool(['dig', 'mx', 'example.com'], env(7));
    expect(a).toEqual(b);
  });

  it('takes the query id and the client cookie from the rng', () => {
    const a = runDnsTool(['dig', 'example.com'], env(1)).stdout;
    const b = runDnsTool(['dig', 'example.com'], env(2)).stdout;
    expect(line(a, ';; ->>HEADER')).not.toBe(line(b, ';; ->>HEADER'));
    expect(line(a, '; COOKIE')).not.toBe(line(b, '; COOKIE'));
  });

  it("builds BIND's server cookie around the clock: version 1, then the time in seconds", () => {
    const cookie = line(runDnsTool(['dig', 'example.com'], env(1)).stdout, '; COOKIE');
    const seconds = (Date.UTC(2024, 0, 1, 9, 0, 0) / 1000).toString(16);
    expect(cookie).toMatch(new RegExp(`^; COOKIE: [0-9a-f]{16}01000000${seconds}[0-9a-f]{16} \\(good\\)$`));
  });

  it("prints WHEN in the host's time zone", () => {
    expect(line(runDnsTool(['dig', 'example.com'], env(1)).stdout, ';; WHEN')).toBe(';; WHEN: Mon Jan 01 17:00:00 CST 2024');
  });

  it('reports 0 ms from a server on the same host and a few ms across the network', () => {
    expect(line(runDnsTool(['dig', 'example.com'], env(1)).stdout, ';; Query time')).toBe(';; Query time: 0 msec');
    const remote = env(1, { resolvConf: 'nameserver 192.0.2.53\n', serverAt: (address, port) => labServers(lab.zones)(address === '192.0.2.53' ? '127.0.0.1' : address, port) });
    expect(line(runDnsTool(['dig', 'example.com'], remote).stdout, ';; Query time')).toMatch(/^;; Query time: [1-4] msec$/);
  });

  it('emits a dns.query and a dns.answer for each query, tagged with the tool', () => {
    const events: TraceInput[] = [];
    runDnsTool(['nslookup', 'mail.example.com'], env(1, { emit: (e) => events.push(e) }));
    expect(events.map((e) => (e.kind === 'dns.query' ? `? ${e.name} ${e.type} by ${e.by}` : e.kind === 'dns.answer' ? `! ${e.rcode} ${e.answers.length}` : e.kind))).toEqual([
      '? mail.example.com. A by nslookup',
      '! NOERROR 1',
      '? mail.example.com. AAAA by nslookup',
      '! NOERROR 1',
    ]);
  });
});

describe('exit statuses', () => {
  it.each([
    [['dig', 'nosuch.example.com'], 0],
    [['dig', '@127.0.0.9', 'example.com'], 9],
    [['dig', '+bogus'], 1],
    [['dig', 'a..b'], 10],
    [['nslookup', 'nosuch.example.com'], 1],
    [['nslookup', 'example.com'], 0],
    [['host', 'nosuch.example.com'], 1],
    [['host', '-t', 'mx', 'a.example.com'], 0],
    [['whois', 'example.com'], 127],
  ])('%j exits with %i', (argv, status) => {
    expect(runDnsTool(argv, env(1)).exitStatus).toBe(status);
  });
});
