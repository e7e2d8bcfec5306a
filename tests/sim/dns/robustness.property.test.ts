/**
 * Whatever a student types or writes, the DNS layer answers without crashing: zone files and
 * record values never throw, the tools always print something and exit with a status, and a
 * name server answers any question with a well-formed message.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wireSize } from '../../../src/sim/dns/message';
import { NameServer } from '../../../src/sim/dns/nameServer';
import { runDnsTool } from '../../../src/sim/dns/tools';
import { buildZone } from '../../../src/sim/dns/zone';
import { parseZoneFile } from '../../../src/sim/dns/zoneFile';
import { loadLab } from './helpers/lab';
import { labEnv } from './helpers/labEnv';

const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const lab = loadLab();

const zoneWord = fc.constantFrom('@', '$TTL', '$ORIGIN', 'IN', 'CH', 'A', 'AAAA', 'MX', 'TXT', 'SOA', 'NS', 'CNAME', 'PTR', 'SRV', '(', ')', ';', '"', '\\', 'www', 'mail.example.com.', '10', '1h', '192.0.2.1', '::1', '"a b"', '.', '..', '*');
const zoneLine = fc.oneof(fc.string({ maxLength: 40 }), fc.array(zoneWord, { maxLength: 8 }).map((w) => w.join(' ')), fc.array(zoneWord, { maxLength: 6 }).map((w) => ` ${w.join('\t')}`));

const word = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    '-q=mx', '-type=txt', '-x', '-t', 'mx', 'any', 'axfr', 'chaos', 'txt', '+short', '+trace', '+noall', '+answer', '+norec', '@127.0.0.1', '@127.0.0.9',
    '@127.0.0.66', '@nosuchhost', 'example.com', 'www.example.com', 'nosuch.example.com', '127.0.0.2', '2001:db8::25', '.', '-', '-v', '-a', '-l', '-debug',
    'a..b', 'version.bind', '+multiline', '-c', 'in', '-p', '53', '+tries=1',
  ),
);

describe('the DNS layer on arbitrary input', () => {
  it('parses any zone text without throwing, every problem with its message', () => {
    fc.assert(
      fc.property(fc.array(zoneLine, { maxLength: 12 }), (lines) => {
        const text = lines.join('\n');
        const parsed = parseZoneFile(text, { origin: 'example.com' });
        for (const m of parsed.messages) expect(m.text.length).toBeGreaterThan(0);
        const zone = buildZone({ origin: 'example.com', file: text, records: [{ name: lines[0] ?? '@', type: 'A', value: lines[1] ?? '' }] });
        expect(typeof zone.loaded).toBe('boolean');
      }),
      { numRuns: RUNS },
    );
  });

  it('runs any nslookup, dig or host command line to an exit status', () => {
    fc.assert(
      fc.property(fc.constantFrom('nslookup', 'dig', 'host'), fc.array(word, { maxLength: 5 }), (tool, args) => {
        const result = runDnsTool([tool, ...args], labEnv(lab.zones, 'nameserver 127.0.0.1\nnameserver 127.0.0.9\n'));
        expect(Number.isInteger(result.exitStatus)).toBe(true);
        expect(result.stdout.every((l) => typeof l === 'string' && !l.includes('\n'))).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('answers any question with a message that has a size', () => {
    const server = new NameServer(lab.zones.map((z) => buildZone(z)), { recursion: true });
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('.', 'example.com.', 'x.wild.lab.test.', 'a.b.sub.lab.test.')), fc.constantFrom('A', 'MX', 'ANY', 'AXFR', 'TXT', 'CNAME', 'TYPE99'), fc.boolean(), (name, type, rd) => {
        const m = server.query({ name, type }, { recursionDesired: rd, edns: true, clientCookie: '0011223344556677' });
        expect(wireSize(m)).toBeGreaterThan(12);
      }),
      { numRuns: RUNS },
    );
  });
});
