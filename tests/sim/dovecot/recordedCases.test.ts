/**
 * Every recorded POP3/IMAP dialogue (the shared conformance cases and the ones recorded for
 * this module from Dovecot 2.3.19 on Debian 12) replayed against the simulator: the same
 * replies, the same maillog lines (byte counts and second counts aside) and the same mailbox.
 */
import { describe, expect, it } from 'vitest';
import { asRecordedBytes, loadCases, normalizeLogLine, replayCase, replies, type RecordedCase } from './caseHarness';

const conformance = loadCases(new URL('./fixtures/conformance/', import.meta.url));
const recorded = loadCases(new URL('./fixtures/recorded/', import.meta.url));
/** Cases recorded by the project's recorder (tools/recorder) in the same way. */
const leadRecorded = loadCases(new URL('./fixtures/lead-recorded/', import.meta.url));

/** What may differ from run to run: timings in seconds and Dovecot's in=/out= byte counts. */
function looseLog(line: string): string {
  return normalizeLogLine(line)
    .replace(/ in \d+ secs\)/, ' in N secs)')
    .replace(/waited \d+ secs/, 'waited N secs')
    .replace(/finished [\d.]+ secs ago/, 'finished N secs ago')
    .replace(/\bin=\d+ out=\d+/, 'in=N out=N');
}

/**
 * Replies the simulator cannot reproduce, by case and reply index, and why. The client side of
 * these was sent as raw 8-bit bytes, which a line of text on the simulated network cannot carry.
 */
const KNOWN_DIFFERENCES: Record<string, { reply: number; why: string }[]> = {
  'imap-search-more': [{ reply: 3, why: 'SEARCH CHARSET UTF-8 with a Latin-1 byte: not valid UTF-8 for Dovecot' }],
};

/**
 * Mailboxes compared by their number of messages only: an uploaded message's mbox "From " line
 * carries the recording machine's clock and name.
 */
const COUNT_ONLY_MAILBOXES = new Set(['imap-append']);

/** A folder created during the session takes its UIDVALIDITY from the clock (real or virtual). */
function clockValues(line: string): string {
  return cramChallenge(line).replace(/\b(1795\d{6}|1704\d{6})\b/g, 'NOW');
}

/** A CRAM-MD5 challenge is random: only its form "<digits.time@host>" is compared. */
function cramChallenge(line: string): string {
  const m = /^\+ ([A-Za-z0-9+/=]{20,})$/.exec(line);
  if (!m) return line;
  return /^<\d{16}\.\d+@[^>]+>$/.test(atob(m[1])) ? '+ <CRAM-MD5 challenge>' : line;
}

/** The pseudo message carries the time Dovecot wrote it and the machine's host name. */
function withoutDates(entry: string): string {
  if (!entry.includes('FOLDER INTERNAL DATA')) return entry;
  return entry.replace(/^From MAILER_DAEMON .*$/m, 'From MAILER_DAEMON DATE').replace(/^Date: .*$/m, 'Date: DATE').replace(/<(\d+|MSGID)@/, '<DATE@').replace(/@[^>\s]+>/g, '@HOST>');
}

function check(c: RecordedCase): void {
  const got = replayCase(c);
  const skip = new Set((KNOWN_DIFFERENCES[c.id] ?? []).map((d) => d.reply));
  const keep = (r: string[][]) => r.filter((_, i) => !skip.has(i)).map((lines) => lines.map(clockValues));
  expect(keep(replies(got.dialogue).map((r) => r.map(asRecordedBytes)))).toEqual(keep(replies(c.dialogue)));
  if (c.maillog) expect(got.maillog.map(looseLog)).toEqual(c.maillog.map(looseLog));
  if (c.mailbox_after) {
    for (const [user, messages] of Object.entries(c.mailbox_after)) {
      if (COUNT_ONLY_MAILBOXES.has(c.id)) expect(got.mailboxes[user].length).toBe(messages.length);
      else expect(got.mailboxes[user].map(withoutDates)).toEqual(messages.map(withoutDates));
    }
  }
}

describe('shared conformance cases', () => {
  for (const c of conformance) it(c.id, () => check(c));
});

describe('cases recorded for this module', () => {
  for (const c of recorded) it(c.id, () => check(c));
});

describe("cases recorded by the project's recorder", () => {
  for (const c of leadRecorded) it(c.id, () => check(c));
});
