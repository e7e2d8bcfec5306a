import { describe, expect, it } from 'vitest';
import type { RecordSpec } from '../../../src/sim/scenario/schema';
import { recordText } from '../../../src/sim/dns/records';
import { buildZone } from '../../../src/sim/dns/zone';

const base: RecordSpec[] = [
  { name: '@', type: 'SOA', value: 'ns1.example.com. hostmaster.example.com. 1 3600 900 604800 300' },
  { name: '@', type: 'NS', value: 'ns1' },
  { name: 'ns1', type: 'A', value: '192.0.2.1' },
];
const zoneOf = (records: RecordSpec[], extra: { ttl?: number; file?: string } = {}) => buildZone({ origin: 'Example.COM', records: [...base, ...records], ...extra });

describe('a zone from its spec', () => {
  it('makes owner names absolute and lower case, and resolves TTLs', () => {
    const zone = zoneOf([{ name: 'WWW', type: 'A', value: '192.0.2.80', ttl: 60 }, { name: 'mail.example.com.', type: 'MX', value: '10 mail' }], { ttl: 600 });
    expect(zone.origin).toBe('example.com.');
    expect(zone.records.map(recordText).slice(3)).toEqual(['www.example.com. 60 IN A 192.0.2.80', 'mail.example.com. 600 IN MX 10 mail.example.com.']);
    expect(zoneOf([{ name: 'x', type: 'A', value: '192.0.2.9' }]).rrset('x.example.com.', 'A')[0].ttl).toBe(3600);
  });

  it('takes records and a zone file together, the file after the records', () => {
    const zone = zoneOf([{ name: 'a', type: 'A', value: '192.0.2.1' }], { file: '$TTL 300\nb A 192.0.2.2\n' });
    expect(zone.loaded).toBe(true);
    expect(zone.rrset('b.example.com.', 'A')[0].ttl).toBe(300);
  });

  it.each([
    [{ name: 'www', type: 'A', value: '300.1.2.3' }, "zone example.com/IN: www.example.com/A '300.1.2.3': bad dotted quad"],
    [{ name: 'www', type: 'AAAA', value: '192.0.2.1' }, "zone example.com/IN: www.example.com/AAAA '192.0.2.1': bad IPv6 address"],
    [{ name: 'www', type: 'MX', value: 'mail.example.com.' }, "zone example.com/IN: www.example.com/MX 'mail.example.com.': not a valid number"],
    [{ name: 'www', type: 'BOGUS', value: 'x' }, "zone example.com/IN: www.example.com: unknown RR type 'BOGUS'"],
    [{ name: 'a..b', type: 'A', value: '192.0.2.1' }, "zone example.com/IN: 'a..b': empty label"],
    [{ name: 'www', type: 'MX', value: '10 mail extra' }, "zone example.com/IN: www.example.com/MX '10 mail extra' near 'extra': extra input text"],
    [{ name: 'www', type: 'TXT', value: '"open' }, "zone example.com/IN: www.example.com/TXT '\"open': unbalanced quotes"],
  ])('rejects %j with a clear message and does not load', (record, message) => {
    const zone = zoneOf([record]);
    expect(zone.messages.map((m) => m.text)).toEqual([message]);
    expect(zone.loaded).toBe(false);
  });

  it('leaves out a record of a type it does not serve, but still loads the zone', () => {
    const zone = zoneOf([{ name: '@', type: 'CAA', value: '0 issue "letsencrypt.org"' }, { name: 'www', type: 'A', value: '192.0.2.80' }]);
    expect(zone.loaded).toBe(true);
    expect(zone.messages.map((m) => m.text)).toEqual([
      "zone example.com/IN: example.com: RR type 'CAA' is not supported here (use A, AAAA, CNAME, MX, NS, PTR, SOA, SRV or TXT); record ignored",
    ]);
    expect(zone.rrset('www.example.com.', 'A')).toHaveLength(1);
  });

  it('rejects a CNAME beside other data, and a second CNAME', () => {
    expect(zoneOf([{ name: 'www', type: 'CNAME', value: 'ns1' }, { name: 'www', type: 'A', value: '192.0.2.1' }]).messages.map((m) => m.text)).toEqual([
      'zone example.com/IN: www.example.com: CNAME and other data',
    ]);
    expect(zoneOf([{ name: 'www', type: 'CNAME', value: 'ns1' }, { name: 'www', type: 'CNAME', value: 'mail' }]).messages.map((m) => m.text)).toEqual([
      'zone example.com/IN: www.example.com: multiple RRs of singleton type',
    ]);
  });

  it('warns about targets written as addresses and in-zone targets without addresses', () => {
    const zone = zoneOf([{ name: '@', type: 'MX', value: '10 192.0.2.25' }, { name: 'www', type: 'CNAME', value: '192.0.2.80' }]);
    expect(zone.messages.map((m) => `${m.severity}: ${m.text}`)).toEqual([
      "warning: zone example.com/IN: example.com: warning: '192.0.2.25': MX is an address",
      "warning: zone example.com/IN: www.example.com: warning: '192.0.2.80': CNAME is an address",
      "warning: zone example.com/IN: example.com/MX '192.0.2.25.example.com' has no address records (A or AAAA)",
    ]);
    expect(zone.loaded).toBe(true);
  });

  it('needs an SOA and NS records, and addresses for in-zone name servers', () => {
    expect(buildZone({ origin: 'example.org', records: [{ name: 'www', type: 'A', value: '192.0.2.1' }] }).messages.map((m) => m.text)).toEqual([
      'zone example.org/IN: has 0 SOA records',
      'zone example.org/IN: has no NS records',
    ]);
    expect(zoneOf([{ name: '@', type: 'NS', value: 'ns2' }]).messages.map((m) => m.text)).toEqual(["zone example.com/IN: NS 'ns2.example.com' has no address records (A or AAAA)"]);
  });

  it('knows empty non-terminals, zone cuts and wildcards', () => {
    const zone = zoneOf([
      { name: '_smtp._tcp', type: 'SRV', value: '0 0 25 mail' },
      { name: 'sub', type: 'NS', value: 'ns.sub' },
      { name: '*.dyn', type: 'A', value: '192.0.2.99' },
    ]);
    expect(zone.exists('_tcp.example.com.')).toBe(true);
    expect(zone.hasRecords('_tcp.example.com.')).toBe(false);
    expect(zone.zoneCut('a.b.sub.example.com.')).toBe('sub.example.com.');
    expect(zone.zoneCut('www.example.com.')).toBeUndefined();
    expect(zone.wildcardFor('host.dyn.example.com.')).toBe('*.dyn.example.com.');
    expect(zone.wildcardFor('host.example.com.')).toBeUndefined();
  });
});
