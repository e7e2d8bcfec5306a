import { describe, expect, it } from 'vitest';
import { runDnsTool } from '../../../../src/sim/dns/tools';
import { loadLab, normalize, words, type Recording } from '../helpers/lab';
import { labEnv } from '../helpers/labEnv';

/**
 * Every command recorded from the real nslookup, dig and host (fixtures/lab.json) must print the
 * same lines, after the placeholders score.mjs uses (query id, cookie, query time, WHEN), and
 * exit with the same status. stderr's lines come first: they are all printed before anything
 * reaches stdout.
 */
const lab = loadLab();

/** named shuffles the records of an RRset (rrset-order random); the simulator keeps zone order. */
const RANDOM_ORDER = new Set([
  'nslookup -q=mx example.net',
  'nslookup -q=mx lab.test',
  'nslookup -q=any lab.test',
  'dig multi.lab.test',
  'dig +short multi.lab.test',
  'dig +norec any lab.test',
  'dig -t ANY example.net',
  'host example.net',
  'host lab.test',
  'host -t mx example.net 127.0.0.1',
  'nslookup -q=mx example.net.',
  'dig IN MX example.net +short',
  'host -t MX example.net.',
  'nslookup -q=txt -class=chaos authors.bind',
  'host -c ch -t txt authors.bind',
  'dig +noedns chaos txt authors.bind',
  'dig +noedns +short chaos txt authors.bind',
  'dig CH TXT authors.bind',
]);

/** stdout and stderr lines that a pipe interleaves differently from a terminal. */
const INTERLEAVED = new Set(['dig +trace host.sub.lab.test']);

/** What the simulator does not do, and why. */
const NOT_SIMULATED: Record<string, string> = {
  'host -C example.com': 'host -C (SOA of every authoritative server) is not implemented',
  'dig +nssearch example.com': '+nssearch is not implemented',
  'dig +noedns +ignore chaos txt authors.bind': '+ignore (show the truncated UDP answer) is not implemented',
};

function expected(r: Recording): string[] {
  return [...r.stderr, ...r.stdout].map(normalize);
}

function run(r: Recording): { lines: string[]; exitStatus: number } {
  const result = runDnsTool(words(r.command), labEnv(lab.zones, r.resolvConf));
  return { lines: result.stdout.map(normalize), exitStatus: result.exitStatus };
}

for (const program of ['nslookup', 'dig', 'host']) {
  describe(`${program}, recorded from BIND 9.18`, () => {
    const cases = lab.recordings.filter((r) => words(r.command)[0] === program && !(r.command in NOT_SIMULATED));
    it.each(cases.map((r) => [`${r.command}  [resolv.conf: ${r.resolvConf.trim().replace(/\n/g, '; ') || 'empty'}]`, r] as const))('%s', (_, r) => {
      const got = run(r);
      expect(got.exitStatus).toBe(r.exitStatus);
      if (RANDOM_ORDER.has(r.command) || INTERLEAVED.has(r.command)) expect([...got.lines].sort()).toEqual([...expected(r)].sort());
      else expect(got.lines).toEqual(expected(r));
    });
  });
}

describe('what the simulator does not imitate', () => {
  it('still runs those commands without failing', () => {
    for (const command of Object.keys(NOT_SIMULATED)) {
      const r = lab.recordings.find((x) => x.command === command)!;
      expect(run(r).lines.length).toBeGreaterThan(0);
    }
  });
});
