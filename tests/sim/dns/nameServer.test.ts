import { describe, expect, it } from 'vitest';
import { wireSize, type DnsMessage } from '../../../src/sim/dns/message';
import { NameServer } from '../../../src/sim/dns/nameServer';
import { recordText } from '../../../src/sim/dns/records';
import { buildZone } from '../../../src/sim/dns/zone';
import { loadLab } from './helpers/lab';

/**
 * Every expectation here was read off dig's output against the real named in the recording lab
 * (fixtures/lab.json): the same zones, recursion on (127.0.0.1) or off (127.0.0.2/.3).
 */
const lab = loadLab();
const zones = lab.zones.map((z) => buildZone(z));
const recursive = new NameServer(zones, { recursion: true });
const authoritativeOnly = new NameServer(zones, { recursion: false });
const withoutRoot = new NameServer(zones.filter((z) => z.origin !== '.'), { recursion: false });
const recursiveWithoutRoot = new NameServer(zones.filter((z) => z.origin !== '.'), { recursion: true });

const ask = (server: NameServer, name: string, type: string, rd = true) =>
  server.query({ name, type }, { recursionDesired: rd, edns: true, clientCookie: '0011223344556677' });

function summary(m: DnsMessage) {
  const flags = (['qr', 'aa', 'tc', 'rd', 'ra'] as const).filter((f) => m.flags[f]).join(' ');
  return {
    head: `${m.rcode} ${flags}`,
    answer: m.answer.map(recordText),
    authority: m.authority.map(recordText),
    additional: m.additional.map(recordText),
  };
}

const SOA_COM = 'example.com. 300 IN SOA ns1.example.com. hostmaster.example.com. 2025010101 3600 900 604800 300';
const SOA_ROOT = '. 3600 IN SOA ns1.example.com. hostmaster.example.com. 2025010101 3600 900 604800 86400';

describe('a name server with recursion (BIND defaults)', () => {
  it.each([
    ['mail.example.com.', 'A', { head: 'NOERROR qr aa rd ra', answer: ['mail.example.com. 3600 IN A 127.0.0.1'], authority: [], additional: [] }, 89],
    ['nosuch.example.com.', 'A', { head: 'NXDOMAIN qr aa rd ra', answer: [], authority: [SOA_COM], additional: [] }, 126],
    ['a.example.com.', 'MX', { head: 'NOERROR qr aa rd ra', answer: [], authority: [SOA_COM], additional: [] }, 121],
    ['www.google.com.', 'A', { head: 'NXDOMAIN qr aa rd ra', answer: [], authority: [SOA_ROOT], additional: [] }, 132],
    [
      'example.com.', 'MX',
      { head: 'NOERROR qr aa rd ra', answer: ['example.com. 3600 IN MX 10 mail.example.com.'], authority: [], additional: ['mail.example.com. 3600 IN A 127.0.0.1', 'mail.example.com. 3600 IN AAAA 2001:db8::25'] },
      133,
    ],
    [
      'www.example.com.', 'A',
      { head: 'NOERROR qr aa rd ra', answer: ['www.example.com. 3600 IN CNAME mail.example.com.', 'mail.example.com. 3600 IN A 127.0.0.1'], authority: [], additional: [] },
      107,
    ],
    [
      'cext.lab.test.', 'A',
      { head: 'NOERROR qr aa rd ra', answer: ['cext.lab.test. 600 IN CNAME mail.example.com.', 'mail.example.com. 3600 IN A 127.0.0.1'], authority: [], additional: [] },
      116,
    ],
    ['cout.lab.test.', 'A', { head: 'NXDOMAIN qr aa rd ra', answer: ['cout.lab.test. 600 IN CNAME www.nowhere.org.'], authority: [SOA_ROOT], additional: [] }, 160],
    ['x.wild.lab.test.', 'A', { head: 'NOERROR qr aa rd ra', answer: ['x.wild.lab.test. 600 IN A 10.0.0.4'], authority: [], additional: [] }, 88],
    ['wild.lab.test.', 'A', { head: 'NOERROR qr aa rd ra', answer: [], authority: ['lab.test. 60 IN SOA ns.lab.test. root.lab.test. 7 3600 900 604800 60'], additional: [] }, 114],
    ['host.sub.lab.test.', 'A', { head: 'SERVFAIL qr rd ra', answer: [], authority: [], additional: [] }, 74],
    ['1.1.168.192.in-addr.arpa.', 'PTR', { head: 'NXDOMAIN qr aa rd ra', answer: [], authority: ['168.192.IN-ADDR.ARPA. 86400 IN SOA 168.192.IN-ADDR.ARPA. . 0 28800 7200 604800 86400'], additional: [] }, 136],
    ['_smtp._tcp.lab.test.', 'SRV', { head: 'NOERROR qr aa rd ra', answer: ['_smtp._tcp.lab.test. 600 IN SRV 0 5 25 mx.lab.test.'], authority: [], additional: ['mx.lab.test. 600 IN A 10.0.0.2', 'mx.lab.test. 600 IN AAAA 2001:db8::2'] }, 151],
  ])('%s %s', (name, type, expected, size) => {
    const m = ask(recursive, name, type);
    expect(summary(m)).toEqual(expected);
    expect(wireSize(m)).toBe(size);
  });

  it('gives additional addresses only from the zone the question fell in', () => {
    const m = ask(recursive, 'lab.test.', 'MX');
    expect(m.additional.map(recordText)).toEqual(['mx.lab.test. 600 IN A 10.0.0.2', 'mx.lab.test. 600 IN AAAA 2001:db8::2']);
    expect(ask(recursive, '.', 'NS').additional).toEqual([]);
  });

  it('does no additional processing for ANY', () => {
    const m = ask(recursive, 'example.net.', 'ANY');
    expect(m.answer.map((rr) => rr.data.type)).toEqual(['SOA', 'NS', 'MX', 'MX', 'TXT']);
    expect(m.additional).toEqual([]);
  });

  it('puts the NS records in AUTHORITY only when recursion was not asked for', () => {
    const m = ask(recursive, 'example.com.', 'MX', false);
    expect(summary(m).head).toBe('NOERROR qr aa ra');
    expect(m.authority.map(recordText)).toEqual(['example.com. 3600 IN NS ns1.example.com.']);
    // BIND renders the A records of every name first, then the AAAA ones.
    expect(m.additional.map(recordText)).toEqual(['mail.example.com. 3600 IN A 127.0.0.1', 'ns1.example.com. 3600 IN A 127.0.0.1', 'mail.example.com. 3600 IN AAAA 2001:db8::25']);
    expect(wireSize(m)).toBe(167);
  });

  it('puts AAAA before A in ADDITIONAL for a client on IPv6', () => {
    const m = recursive.query({ name: 'example.com.', type: 'MX' }, { recursionDesired: false, family: 6 });
    expect(m.additional.map((rr) => rr.data.type)).toEqual(['AAAA', 'A', 'A']);
  });

  it('refers a non-recursive query below a zone cut to the child, with glue', () => {
    const m = ask(recursive, 'host.sub.lab.test.', 'A', false);
    expect(summary(m)).toEqual({
      head: 'NOERROR qr ra',
      answer: [],
      authority: ['sub.lab.test. 600 IN NS ns.sub.lab.test.'],
      additional: ['ns.sub.lab.test. 600 IN A 10.0.0.3'],
    });
    expect(wireSize(m)).toBe(107);
  });

  it('answers from a broken zone with SERVFAIL, as named does for a zone it could not load', () => {
    const broken = buildZone({ origin: 'broken.test', records: [{ name: 'www', type: 'A', value: '300.1.1.1' }] });
    const server = new NameServer([broken], { recursion: false });
    expect(broken.loaded).toBe(false);
    expect(summary(ask(server, 'ok.broken.test.', 'A')).head).toBe('SERVFAIL qr rd');
  });

  it('resolves names outside its zones through the upstream it is given', () => {
    const org = buildZone({
      origin: 'example.org',
      records: [
        { name: '@', type: 'SOA', value: 'ns.example.org. root.example.org. 1 3600 900 604800 300' },
        { name: '@', type: 'NS', value: 'ns.example.org.' },
        { name: 'ns', type: 'A', value: '192.0.2.53' },
        { name: 'www', type: 'A', value: '192.0.2.80' },
      ],
    });
    const upstream = new NameServer([org], { recursion: false });
    const server = new NameServer([], { recursion: true, upstream: (q) => upstream.query(q, { recursionDesired: false }) });
    const m = ask(server, 'www.example.org.', 'A');
    expect(summary(m)).toEqual({ head: 'NOERROR qr rd ra', answer: ['www.example.org. 3600 IN A 192.0.2.80'], authority: [], additional: [] });
  });
});

describe('a name server without recursion', () => {
  it('answers its zones with aa and warns nobody: rd is copied, ra stays off', () => {
    expect(summary(ask(authoritativeOnly, 'example.com.', 'A')).head).toBe('NOERROR qr aa rd');
  });

  it('does not follow a CNAME into another zone', () => {
    expect(summary(ask(authoritativeOnly, 'cout.lab.test.', 'A'))).toEqual({ head: 'NOERROR qr aa rd', answer: ['cout.lab.test. 600 IN CNAME www.nowhere.org.'], authority: [], additional: [] });
    expect(summary(ask(authoritativeOnly, 'cext.lab.test.', 'A')).answer).toEqual(['cext.lab.test. 600 IN CNAME mail.example.com.']);
    expect(summary(ask(authoritativeOnly, 'c1.lab.test.', 'A')).answer).toHaveLength(3);
  });

  it('refuses names outside its zones, or says NXDOMAIN from its stub root', () => {
    expect(summary(ask(withoutRoot, 'www.google.com.', 'A')).head).toBe('REFUSED qr rd');
    expect(summary(ask(authoritativeOnly, 'www.google.com.', 'A')).head).toBe('NXDOMAIN qr aa rd');
    expect(wireSize(ask(withoutRoot, 'www.google.com.', 'A'))).toBe(71);
  });

  it('has no automatic empty zones', () => {
    expect(summary(ask(authoritativeOnly, '1.1.168.192.in-addr.arpa.', 'PTR')).authority).toEqual([SOA_ROOT]);
  });

  it('gives SERVFAIL for names it would have to recurse for when it has no way out', () => {
    expect(summary(ask(recursiveWithoutRoot, 'cout.lab.test.', 'A'))).toEqual({ head: 'SERVFAIL qr rd ra', answer: [], authority: [], additional: [] });
  });
});

describe('EDNS', () => {
  it('answers a query without EDNS without OPT, and one with a cookie with BIND\'s server cookie', () => {
    const plain = recursive.query({ name: 'example.com.', type: 'A' });
    expect(plain.edns).toBeUndefined();
    expect(wireSize(plain)).toBe(45);
    const m = recursive.query({ name: 'example.com.', type: 'A' }, { edns: true, clientCookie: '0011223344556677', nowSeconds: 0x6b05cd16 });
    expect(m.edns?.cookie).toMatch(/^001122334455667701000000 ?6b05cd16[0-9a-f]{16}$/);
    expect(wireSize(m)).toBe(84);
    expect(wireSize(recursive.query({ name: 'example.com.', type: 'A' }, { edns: true }))).toBe(56);
  });

  it('compresses names case-sensitively, as BIND 9.18 does', () => {
    expect(wireSize(ask(recursive, 'MAIL.Example.COM.', 'A'))).toBe(105);
  });
});
