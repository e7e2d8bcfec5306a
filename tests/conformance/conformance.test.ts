/**
 * The conformance score: the recorded dialogues of real Postfix, Dovecot and BIND replayed
 * through the simulator (score.mjs from ../shared/conformance, or the copy kept here when that
 * folder is not next to the project), plus the cases recorded for this project.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const shared = existsSync(`${root}/../shared/conformance/score.mjs`) ? `${root}/../shared/conformance` : `${root}/tests/conformance/shared`;
const recorded = `${root}/tests/conformance/recorded`;
const recorded2 = `${root}/tests/conformance/recorded2`;
const recorded3 = `${root}/tests/conformance/recorded3`;

interface Score {
  passed: number;
  failed: number;
  lines: string[];
  /** The figures line: reply codes, reply text, maillog shape, mailbox shape, postconf values. */
  pct(name: string): number;
}

function score(cases: string): Score {
  let out = '';
  try {
    out = execFileSync('node', [`${shared}/score.mjs`, '--cases', cases], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26, timeout: 300_000 });
  } catch (e) {
    out = (e as { stdout?: string }).stdout ?? '';
  }
  const m = /conformance: (\d+) passed, (\d+) failed/.exec(out);
  const lines = out.split('\n');
  const figures = lines.find((l) => l.startsWith('reply codes')) ?? '';
  return {
    passed: Number(m?.[1] ?? 0),
    failed: Number(m?.[2] ?? -1),
    lines,
    pct: (name) => Number(new RegExp(`${name} ([\\d.]+)%`).exec(figures)?.[1] ?? 0),
  };
}

interface Corpus {
  what: string;
  dir: string;
  /** Every case must pass; the count only guards against cases going missing. */
  cases: number;
  /**
   * Where a client's QUIT falls against the delivery lines is a race in the recordings: the
   * shared corpus's client usually has smtpd log the disconnect before delivery, which the
   * simulator follows; the recorder of the later rounds is slower, so delivery mostly comes first.
   */
  maillogShape: number;
}

const CORPORA: Corpus[] = [
  { what: 'the shared corpus (SMTP, SASL, POP3, IMAP, DNS)', dir: `${shared}/cases`, cases: 41, maillogShape: 88 },
  { what: 'the cases recorded for this project from Postfix 3.7.11, Dovecot 2.3.19 and BIND 9.18', dir: recorded, cases: 196, maillogShape: 88 },
  { what: 'the second round (local delivery, content checks, smtpd per service)', dir: recorded2, cases: 175, maillogShape: 76 },
  { what: 'the third round (variants of the shared cases, recorded after the simulator as a held-out check)', dir: recorded3, cases: 201, maillogShape: 76 },
];

describe.each(CORPORA)('conformance with the real daemons: $what', (corpus) => {
  // Each corpus is replayed once; the figures below are read from the same run.
  const s = score(corpus.dir);

  it('passes every case', () => {
    expect(s.lines.filter((l) => l.startsWith('FAIL'))).toEqual([]);
    expect(s.failed).toBe(0);
    expect(s.passed).toBeGreaterThanOrEqual(corpus.cases);
  });

  it('answers with the real reply codes and texts, log lines, mailboxes and postconf values', () => {
    expect(s.pct('reply codes')).toBe(100);
    expect(s.pct('reply text')).toBeGreaterThanOrEqual(99);
    expect(s.pct('postconf values')).toBe(100);
    expect(s.pct('mailbox shape')).toBeGreaterThanOrEqual(97);
    expect(s.pct('maillog shape')).toBeGreaterThanOrEqual(corpus.maillogShape);
  });
});
