import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startNslookup } from '../../../../src/sim/dns/tools/nslookup';
import { loadLab, normalize } from '../helpers/lab';
import { labEnv } from '../helpers/labEnv';

/**
 * nslookup in interactive mode, fed the recorded commands one line at a time as a terminal
 * would (fixtures/nslookupInteractive.json: the real nslookup reading the same lines on stdin).
 */
interface Session {
  resolvConf: string;
  args: string[];
  input: string[];
  stdout: string[];
  stderr: string[];
  exitStatus: number;
}

const lab = loadLab();
const fixture = JSON.parse(readFileSync(new URL('../fixtures/nslookupInteractive.json', import.meta.url), 'utf8')) as { sessions: Session[] };

/** glibc gave "localhost" as 127.0.0.1 twice in the lab; the simulator gives 127.0.0.1 and ::1. */
const LOCALHOST_TWICE = (s: Session) => s.input.includes('server localhost');

function play(s: Session): { lines: string[]; exitStatus: number } {
  const { session, out, interactive } = startNslookup(s.args, labEnv(lab.zones, s.resolvConf));
  expect(interactive).toBe(true);
  for (const line of s.input) {
    if (session.finished) break;
    session.command(line);
  }
  session.end();
  return { lines: out.lines.map(normalize), exitStatus: out.exitStatus };
}

describe('interactive nslookup', () => {
  it.each(fixture.sessions.filter((s) => !LOCALHOST_TWICE(s)).map((s) => [s.input.join(' | '), s] as const))('%s', (_, s) => {
    const got = play(s);
    expect(got.lines).toEqual([...s.stdout, ...s.stderr].map(normalize));
    expect(got.exitStatus).toBe(s.exitStatus);
  });

  it('shows the server it switched to, and "set all"', () => {
    const s = fixture.sessions.find(LOCALHOST_TWICE)!;
    const got = play(s);
    const expected = [...s.stdout, ...s.stderr].map(normalize);
    // Only the second address of localhost differs.
    const differing = expected.flatMap((line, i) => (line === got.lines[i] ? [] : [`${line} / ${got.lines[i]}`]));
    expect(differing).toEqual(['Address: 127.0.0.1#53 / Address: ::1#53', 'Address: 127.0.0.1#53 / Address: ::1#53']);
  });
});
