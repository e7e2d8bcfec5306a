import { describe, expect, it } from 'vitest';
import type { TraceInput } from '../../../src/sim/core/trace';
import { recordText } from '../../../src/sim/dns/records';
import { Resolver } from '../../../src/sim/dns/resolver';
import { labServers, loadLab } from './helpers/lab';

const lab = loadLab();
const serverAt = labServers(lab.zones);

function resolver(resolvConf: string, extra: Partial<ConstructorParameters<typeof Resolver>[0]> = {}) {
  const events: TraceInput[] = [];
  const r = new Resolver({ hostName: 'mail.example.com', resolvConf, serverAt, emit: (e) => events.push(e), by: 'smtp', ...extra });
  return { r, events };
}

describe('Resolver.lookup', () => {
  it('follows a CNAME to the records and says which server answered', () => {
    const result = resolver('nameserver 127.0.0.1\n').r.lookup('www.example.com', 'A');
    expect(result.status).toBe('ok');
    if (result.status !== 'ok') return;
    expect(result.cnameChain).toEqual(['www.example.com.', 'mail.example.com.']);
    expect(result.canonicalName).toBe('mail.example.com.');
    expect(result.records.map(recordText)).toEqual(['mail.example.com. 3600 IN A 127.0.0.1']);
    expect(result.server).toBe('127.0.0.1');
    expect(result.authoritative).toBe(true);
  });

  it.each([
    ['nxdomain', 'nameserver 127.0.0.1\n', 'nosuch.example.com.', 'A'],
    ['nodata', 'nameserver 127.0.0.1\n', 'a.example.com.', 'MX'],
    ['servfail', 'nameserver 127.0.0.4\n', 'www.google.com.', 'A'],
    ['refused', 'nameserver 127.0.0.3\n', 'www.google.com.', 'A'],
    ['timeout', 'nameserver 127.0.0.66\n', 'example.com.', 'A'],
    ['timeout', 'nameserver 127.0.0.9\n', 'example.com.', 'A'],
  ])('reports %s', (status, conf, name, type) => {
    expect(resolver(conf).r.lookup(name, type).status).toBe(status);
  });

  it('costs the timeout on a silent server, glibc-style: full first round, then shared', () => {
    const result = resolver('nameserver 127.0.0.66\n').r.lookup('example.com.', 'A');
    expect(result.attempts.map((a) => a.outcome)).toEqual(['timed out', 'timed out']);
    expect(result.latencyMs).toBe(5000 + 10000);
    const quick = resolver('nameserver 127.0.0.66\noptions timeout:1 attempts:1\n').r.lookup('example.com.', 'A');
    expect(quick.latencyMs).toBe(1000);
  });

  it('skips a server that refuses the connection and asks the next', () => {
    const result = resolver('nameserver 127.0.0.9\nnameserver 127.0.0.1\n').r.lookup('mail.example.com.', 'AAAA');
    expect(result.status).toBe('ok');
    expect(result.attempts.map((a) => `${a.server} ${a.outcome}`)).toEqual(['127.0.0.9 connection refused', '127.0.0.1 answer']);
  });

  it('passes over SERVFAIL to the next server, as glibc does', () => {
    const result = resolver('nameserver 127.0.0.4\nnameserver 127.0.0.1\n').r.lookup('www.google.com.', 'A');
    expect(result.status).toBe('nxdomain');
    if (result.status === 'nxdomain') expect(result.server).toBe('127.0.0.1');
  });

  it('uses the search list below ndots dots, and the name as typed at the end', () => {
    const { r } = resolver('search example.net example.com\nnameserver 127.0.0.1\n');
    expect(r.searchCandidates('mail')).toEqual(['mail.example.net.', 'mail.example.com.', 'mail.']);
    expect(r.searchCandidates('mail.example.com')).toEqual(['mail.example.com.', 'mail.example.com.example.net.', 'mail.example.com.example.com.']);
    expect(r.searchCandidates('mail.example.com.')).toEqual(['mail.example.com.']);
    const found = r.lookup('mail', 'A');
    expect(found.status === 'ok' && found.name).toBe('mail.example.com.');
    expect(r.lookup('mail', 'A', { search: false }).status).toBe('nxdomain');
  });

  it('looks addresses up in reverse', () => {
    const result = resolver('nameserver 127.0.0.1\n').r.reverse('127.0.0.2');
    expect(result?.status === 'ok' && result.records.map(recordText)).toEqual(['2.0.0.127.in-addr.arpa. 3600 IN PTR mx.example.net.']);
    expect(resolver('nameserver 127.0.0.1\n').r.reverse('not an address')).toBeUndefined();
  });

  it('emits a dns.query and a dns.answer per attempt, with the same id', () => {
    const { r, events } = resolver('nameserver 127.0.0.9\nnameserver 127.0.0.1\n');
    r.lookup('example.com.', 'MX');
    expect(events.map((e) => (e.kind === 'dns.answer' ? `answer ${e.server} ${e.rcode} ${e.answers.join('|')}` : `${e.kind} ${'server' in e ? e.server : ''}`))).toEqual([
      'dns.query 127.0.0.9',
      'answer 127.0.0.9 CONNREFUSED ',
      'dns.query 127.0.0.1',
      'answer 127.0.0.1 NOERROR example.com. 3600 IN MX 10 mail.example.com.',
    ]);
    const [query, answer] = events.slice(2);
    expect(query.kind === 'dns.query' && answer.kind === 'dns.answer' && query.id === answer.id).toBe(true);
    expect(query.kind === 'dns.query' && query.by).toBe('smtp');
  });
});

describe('Resolver.addresses (getaddrinfo: files, then dns)', () => {
  it('answers localhost from the implicit Debian /etc/hosts lines', () => {
    const { r, events } = resolver('nameserver 127.0.0.1\n');
    expect(r.addresses('localhost')).toEqual({ addresses: ['127.0.0.1', '::1'], source: 'files', results: [] });
    expect(events).toEqual([]);
  });

  it('reads the extra /etc/hosts lines before asking DNS', () => {
    const { r } = resolver('nameserver 127.0.0.1\n', { hostsFile: '192.0.2.7 mail.example.com mail\n' });
    expect(r.addresses('mail').addresses).toEqual(['192.0.2.7']);
    expect(r.hostsName('192.0.2.7')).toBe('mail.example.com');
  });

  it('asks A and AAAA from DNS otherwise', () => {
    const found = resolver('nameserver 127.0.0.1\n').r.addresses('mail.example.com');
    expect(found.source).toBe('dns');
    expect(found.addresses).toEqual(['127.0.0.1', '2001:db8::25']);
    expect(resolver('nameserver 127.0.0.1\n').r.addresses('mail.example.com', 6).addresses).toEqual(['2001:db8::25']);
  });

  it('falls back to the local server when resolv.conf names none', () => {
    expect(resolver('').r.nameservers).toEqual(['127.0.0.1']);
  });
});
