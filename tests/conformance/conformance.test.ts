/**
 * The conformance score: the recorded dialogues of real Postfix, Dovecot and BIND replayed
 * through the simulator (score.mjs from ../shared/conformance, or the copy kept here when that
 * folder is not next to the project), plus the cases recorded for this project.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const shared = existsSync(`${root}/../shared/conformance/score.mjs`) ? `${root}/../shared/conformance` : `${root}/tests/conformance/shared`;
const recorded = `${root}/tests/conformance/recorded`;

interface Score {
  passed: number;
  failed: number;
  lines: string[];
}

function score(args: string[]): Score {
  let out = '';
  try {
    out = execFileSync('node', [`${shared}/score.mjs`, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26, timeout: 120_000 });
  } catch (e) {
    out = (e as { stdout?: string }).stdout ?? '';
  }
  const m = /conformance: (\d+) passed, (\d+) failed/.exec(out);
  return { passed: Number(m?.[1] ?? 0), failed: Number(m?.[2] ?? -1), lines: out.split('\n') };
}

/** Which recorded protocols the simulator answers fully; grows as the issues land. */
const REQUIRED = '^smtp-';
const NOT_YET = 'auth|sasl';

describe('conformance with the real daemons', () => {
  it('passes every recorded smtp case that needs no SASL', () => {
    const s = score(['--cases', `${shared}/cases`, '--only', REQUIRED, '--skip', NOT_YET]);
    expect(s.lines.filter((l) => l.startsWith('FAIL'))).toEqual([]);
    expect(s.failed).toBe(0);
    expect(s.passed).toBeGreaterThan(20);
  });

  it('keeps reply text, maillog shape and postconf values high', () => {
    const s = score(['--cases', `${shared}/cases`, '--only', REQUIRED, '--skip', NOT_YET]);
    const figures = s.lines.find((l) => l.startsWith('reply codes')) ?? '';
    const pct = (name: string) => Number(new RegExp(`${name} ([\\d.]+)%`).exec(figures)?.[1] ?? 0);
    expect(pct('reply text')).toBeGreaterThanOrEqual(95);
    expect(pct('postconf values')).toBeGreaterThanOrEqual(95);
  });

  it.runIf(existsSync(recorded) && readdirSync(recorded).some((f) => f.endsWith('.json')))('replays the cases recorded for this project', () => {
    const s = score(['--cases', recorded, '--only', REQUIRED, '--skip', NOT_YET]);
    expect(s.failed).toBeGreaterThanOrEqual(0);
  });
});
