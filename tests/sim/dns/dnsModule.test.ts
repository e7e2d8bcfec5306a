import { describe, expect, it } from 'vitest';
import { runDnsCommand } from '../../../src/sim/dns/hostTools';
import '../../../src/sim/modules';
import '../../../src/sim/shell/commands';
import { Terminal } from '../../../src/sim/shell/terminal';
import type { Scenario, ZoneSpec } from '../../../src/sim/scenario/schema';
import { World } from '../../../src/sim/world';

const soa = (origin: string) => ({ name: '@', type: 'SOA', value: `ns.${origin}. hostmaster.${origin}. 1 3600 900 604800 300` });

const exampleCom: ZoneSpec = {
  origin: 'example.com',
  records: [soa('example.com'), { name: '@', type: 'NS', value: 'ns.example.com.' }, { name: 'ns', type: 'A', value: '192.0.2.10' }, { name: 'mail', type: 'A', value: '192.0.2.10' }],
};
const exampleNet: ZoneSpec = {
  origin: 'example.net',
  file: `$TTL 600
@ SOA ns hostmaster 1 3600 900 604800 300
  NS ns
  MX 10 mx
ns A 192.0.2.53
mx A 192.0.2.25
www CNAME mx
`,
};

/** A mail server with its own recursive BIND, a second name server for example.net, a plain host. */
function world(changes: (s: Scenario) => void = () => {}): World {
  const scenario: Scenario = {
    version: 1,
    hosts: [
      { name: 'mail.example.com', addresses: ['192.0.2.10/24'], resolv_conf: 'nameserver 127.0.0.1\n', dns: { zones: [exampleCom] } },
      { name: 'ns.example.net', addresses: ['192.0.2.53/24'], resolv_conf: 'nameserver 127.0.0.1\n', dns: { zones: [exampleNet], recursion: false } },
      { name: 'pc.example.com', addresses: ['192.0.2.99/24'], resolv_conf: 'nameserver 192.0.2.10\n' },
    ],
  };
  changes(scenario);
  return new World(scenario);
}

describe('DNS in a simulated world', () => {
  it("gives every host a resolver that reaches the other hosts' zones through its recursive server", () => {
    const w = world();
    const mail = w.host('mail.example.com')!;
    const mx = mail.resolver!.query('example.net', 'MX', 'smtp');
    expect(mx).toMatchObject({ status: 'ok', records: [{ name: 'example.net', type: 'MX', ttl: 600, data: '10 mx.example.net.' }] });
    expect(mail.resolver!.query('www.example.net', 'A', 'smtp').records.map((r) => r.data)).toEqual(['mx.example.net.', '192.0.2.25']);
  });

  it('answers over the network from another host, and through the name service programs use', () => {
    const pc = world().host('pc.example.com')!;
    expect(pc.names().addresses('mx.example.net')).toEqual(['192.0.2.25']);
    expect(pc.names().verifiedName('192.0.2.10')).toBe('unknown');
    expect(runDnsCommand(pc, world(), ['dig', '+short', 'mail.example.com']).stdout).toEqual(['192.0.2.10']);
  });

  it('gives SERVFAIL when the server that holds the zone is switched off', () => {
    const w = world((s) => (s.hosts[1].up = false));
    expect(w.host('mail.example.com')!.resolver!.query('example.net', 'MX', 'smtp').status).toBe('servfail');
  });

  it('says nothing listens when resolv.conf names a host without a name server, and times out on no host', () => {
    const refused = world((s) => (s.hosts[2].resolv_conf = 'nameserver 192.0.2.99\n')).host('pc.example.com')!;
    expect(refused.resolver!.query('example.com', 'A', 'smtp').status).toBe('noserver');
    const silent = world((s) => (s.hosts[2].resolv_conf = 'nameserver 192.0.2.200\n')).host('pc.example.com')!;
    const r = silent.resolver!.query('example.com', 'A', 'smtp');
    expect(r.status).toBe('timeout');
    expect(r.latencyMs).toBe(15000);
  });

  it("reads the host's resolv.conf at each lookup, so an edit takes effect at once", () => {
    const w = world();
    const pc = w.host('pc.example.com')!;
    pc.fs.write('/etc/resolv.conf', 'nameserver 192.0.2.53\n');
    // That server does not recurse, which nslookup remarks on for each of its two queries.
    expect(runDnsCommand(pc, w, ['nslookup', 'mx.example.net']).stdout).toEqual([
      ';; Got recursion not available from 192.0.2.53',
      'Server:\t\t192.0.2.53',
      'Address:\t192.0.2.53#53',
      '',
      'Name:\tmx.example.net',
      'Address: 192.0.2.25',
      ';; Got recursion not available from 192.0.2.53',
      '',
    ]);
  });

  it('puts every query and answer in the trace', () => {
    const w = world();
    w.host('mail.example.com')!.resolver!.query('example.net', 'MX', 'smtp');
    const dns = w.trace.events.filter((e) => e.kind === 'dns.query' || e.kind === 'dns.answer');
    expect(dns.map((e) => `${e.kind} ${e.host} ${'rcode' in e ? e.rcode : e.kind === 'dns.query' ? e.by : ''}`)).toEqual([
      'dns.query mail.example.com smtp',
      'dns.answer mail.example.com NOERROR',
    ]);
  });

  it('runs the tools in a terminal, nslookup interactively until exit', () => {
    const w = world();
    const t = new Terminal(w, w.host('pc.example.com')!, 1);
    for (const line of ['nslookup', 'set type=mx', 'example.net', 'exit', 'host www.example.net']) t.input(line);
    expect(t.transcript).toEqual([
      '[root@pc ~]# nslookup',
      '> set type=mx',
      '> example.net',
      'Server:\t\t192.0.2.10',
      'Address:\t192.0.2.10#53',
      '',
      'Non-authoritative answer:',
      'example.net\tmail exchanger = 10 mx.example.net.',
      '',
      'Authoritative answers can be found from:',
      '> exit',
      '',
      '[root@pc ~]# host www.example.net',
      'www.example.net is an alias for mx.example.net.',
      'mx.example.net has address 192.0.2.25',
    ]);
  });
});

describe('where named listens, and the order dig tries a named server in', () => {
  it('named bound to 127.0.0.1 (dns.listen): dig @localhost tries ::1 first, refused three times, then 127.0.0.1', () => {
    const w = world((s) => {
      s.hosts[0].dns!.listen = ['127.0.0.1'];
    });
    const out = runDnsCommand(w.host('mail.example.com')!, w, ['dig', '@localhost', 'mail.example.com']).stdout;
    expect(out.slice(0, 6)).toEqual([
      ';; communications error to ::1#53: connection refused',
      ';; communications error to ::1#53: connection refused',
      ';; communications error to ::1#53: connection refused',
      '',
      '; <<>> DiG 9.18.49-1~deb12u3-Debian <<>> @localhost mail.example.com',
      '; (2 servers found)',
    ]);
    expect(out).toContain(';; SERVER: 127.0.0.1#53(localhost) (UDP)');
  });

  it('without a listen list named answers on every address, ::1 included', () => {
    const w = world();
    const out = runDnsCommand(w.host('mail.example.com')!, w, ['dig', '@localhost', 'mail.example.com']).stdout;
    expect(out[1]).toBe('; <<>> DiG 9.18.49-1~deb12u3-Debian <<>> @localhost mail.example.com');
    expect(out).toContain(';; SERVER: ::1#53(localhost) (UDP)');
  });

  it('a server on another host is refused on the addresses it does not listen on', () => {
    const w = world((s) => {
      s.hosts[1].addresses = ['192.0.2.53/24', '192.0.2.54/24'];
      s.hosts[1].dns!.listen = ['192.0.2.53'];
    });
    const pc = w.host('pc.example.com')!;
    expect(runDnsCommand(pc, w, ['dig', '+short', '@192.0.2.53', 'ns.example.net']).stdout).toEqual(['192.0.2.53']);
    expect(runDnsCommand(pc, w, ['dig', '+short', '+tries=1', '@192.0.2.54', 'ns.example.net']).stdout[0]).toBe(';; communications error to 192.0.2.54#53: connection refused');
  });
});
