/**
 * Dovecot under random and mutated POP3 and IMAP command lines, on the fetch lesson's server
 * with a mailbox that has MIME parts, 8-bit text, long lines and a line that is a lone dot.
 * Whatever comes in, no exception escapes the engine and every server write is well formed:
 * POP3 "+OK"/"-ERR" (multi-line answers ending in "."), IMAP untagged, continuation or tagged
 * responses with their literals counted in bytes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DialogueClient } from '../../src/sim/clients/dialogueClient';
import { lessonById } from '../../src/lessons';
import type { Scenario } from '../../src/sim/scenario/schema';
import { World } from '../../src/sim/world';
import '../../src/sim/modules';
import { asLine, mutated, runs, timeoutFor } from './mutate';
import { imapReplyProblem, pop3ReplyProblem } from './replies';

const NASTY_MAIL = [
  'From: "Bob \\"B\\" Smith" <bob@example.net>\nTo: alice@example.com, "Carol" <carol@example.com>\nSubject: =?UTF-8?B?5Lit5paH?= and =?iso-8859-1?q?caf=E9?=\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b1"\n\npreamble\n--b1\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\ncaf\u00e9 \u4e2d\u6587 \ud83d\udce7\n.\n..\n--b1\nContent-Type: message/rfc822\n\nSubject: inner\n\ninner body\n--b1\nContent-Type: application/octet-stream; name="x.bin"\nContent-Transfer-Encoding: base64\n\nAAECAwQF\n--b1--\n',
  `Subject: long\n\n${'x'.repeat(3000)}\n\n`,
  'no header separator at all',
];

function scenario(): Scenario {
  const s = structuredClone(lessonById('fetch')!.scenario);
  const mail = s.hosts.find((h) => h.name === 'mail.example.com')!;
  const boxes = mail.mailboxes as Record<string, string[]>;
  boxes['/var/spool/mail/alice'] = [...(boxes['/var/spool/mail/alice'] ?? []), ...NASTY_MAIL];
  return s;
}

const SCENARIO = scenario();

const seq = fc.constantFrom('1', '2', '1:*', '*', '2:1', '0', '4294967296', '1,3:4', '$', '1:2,*', '99');
const fetchItem = fc.constantFrom('FLAGS', 'UID', 'RFC822.SIZE', 'INTERNALDATE', 'ENVELOPE', 'BODY', 'BODYSTRUCTURE', 'BODY[]', 'BODY.PEEK[HEADER]', 'BODY[TEXT]<0.10>', 'BODY[1]', 'BODY[1.MIME]', 'BODY[2.HEADER]', 'BODY[HEADER.FIELDS (SUBJECT FROM)]', 'BODY[HEADER.FIELDS.NOT (DATE)]', 'BINARY[1]', 'BINARY.SIZE[3]', 'RFC822', 'RFC822.HEADER', 'ALL', 'FAST', 'FULL', 'MODSEQ');
const mailbox = fc.constantFrom('INBOX', 'inbox', '"INBOX"', 'Drafts', '"a b"', 'x/y', '&AKM-', '""', '{3}', '*', '%');
const searchKey = fc.constantFrom('ALL', 'SEEN', 'UNSEEN', 'NEW', 'SUBJECT lunch', 'FROM bob', 'BODY caf\u00e9', 'TEXT x', 'LARGER 100', 'SINCE 1-Jan-2024', 'BEFORE 32-Foo-99', 'OR SEEN DELETED', 'NOT (FLAGGED)', 'UID 1:*', 'HEADER Subject inner', 'CHARSET UTF-8 SUBJECT \u4e2d', 'KEYWORD $x', '1:2', '(');

const imapCommand = fc.oneof(
  fc.constantFrom('CAPABILITY', 'NOOP', 'LOGOUT', 'LOGIN alice wonderland', 'LOGIN alice wrong', 'LOGIN "alice" {10}', 'AUTHENTICATE PLAIN', 'AUTHENTICATE PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=', 'STARTTLS', 'CHECK', 'CLOSE', 'UNSELECT', 'EXPUNGE', 'IDLE', 'NAMESPACE', 'ENABLE CONDSTORE', 'ID NIL', 'ID ("name" "fuzz")', 'LIST "" *', 'LIST "" %', 'LSUB "" *', 'SELECT INBOX (CONDSTORE)'),
  mailbox.map((m) => `SELECT ${m}`),
  mailbox.map((m) => `EXAMINE ${m}`),
  mailbox.map((m) => `CREATE ${m}`),
  mailbox.map((m) => `DELETE ${m}`),
  fc.tuple(mailbox, mailbox).map(([a, b]) => `RENAME ${a} ${b}`),
  mailbox.map((m) => `STATUS ${m} (MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN)`),
  fc.tuple(mailbox, fc.integer({ min: 0, max: 40 })).map(([m, n]) => `APPEND ${m} (\\Seen) {${n}}`),
  fc.tuple(seq, fc.array(fetchItem, { minLength: 1, maxLength: 4 })).map(([s, items]) => `FETCH ${s} (${items.join(' ')})`),
  fc.tuple(seq, fetchItem).map(([s, i]) => `UID FETCH ${s} ${i}`),
  fc.array(searchKey, { minLength: 1, maxLength: 3 }).map((k) => `SEARCH ${k.join(' ')}`),
  fc.array(searchKey, { minLength: 1, maxLength: 2 }).map((k) => `UID SEARCH RETURN (MIN MAX COUNT) ${k.join(' ')}`),
  fc.tuple(seq, fc.constantFrom('+FLAGS', '-FLAGS', 'FLAGS.SILENT', 'FLAGS'), fc.constantFrom('(\\Seen)', '(\\Deleted)', '($Label1 \\Flagged)', '()', '(\\Recent)', '\\Bogus')).map(([s, op, f]) => `STORE ${s} ${op} ${f}`),
  fc.tuple(seq, mailbox).map(([s, m]) => `COPY ${s} ${m}`),
  fc.tuple(seq, mailbox).map(([s, m]) => `MOVE ${s} ${m}`),
  fc.constantFrom('SORT (SUBJECT) UTF-8 ALL', 'SORT (REVERSE DATE) US-ASCII SEEN', 'THREAD REFERENCES UTF-8 ALL', 'THREAD ORDEREDSUBJECT UTF-8 ALL'),
  fc.string({ maxLength: 30 }),
);

/** A tagged IMAP line (sometimes without a tag, or with a strange one), or a continuation's answer. */
const imapLine = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(fc.constantFrom('a1', 'b2', 'A0001', '*', '+', 'x.y', '', 'tag{1}'), mutated(imapCommand, 2)).map(([tag, c]) => (tag ? `${tag} ${c}` : c)) },
  { weight: 2, arbitrary: fc.constantFrom('DONE', 'AGFsaWNlAHdvbmRlcmxhbmQ=', '*', 'hello world 123', '') },
);

const pop3Line = mutated(
  fc.oneof(
    fc.constantFrom('USER alice', 'PASS wonderland', 'PASS wrong', 'USER nobody', 'APOP alice 0123456789abcdef', 'AUTH', 'AUTH PLAIN', 'AUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=', 'AUTH LOGIN', 'CAPA', 'STAT', 'LIST', 'UIDL', 'RSET', 'NOOP', 'QUIT', 'STLS', 'LAST', 'XTND XMIT', '*', 'YWxpY2U='),
    fc.tuple(fc.constantFrom('LIST', 'RETR', 'DELE', 'UIDL', 'TOP'), fc.constantFrom('1', '2', '3', '4', '5', '0', '-1', '99999999999', 'x', '')).map(([c, n]) => `${c} ${n}`),
    fc.tuple(fc.constantFrom('1', '3', '4', 'x'), fc.constantFrom('0', '1', '5', '-1', '100000')).map(([n, m]) => `TOP ${n} ${m}`),
    fc.string({ maxLength: 30 }),
  ),
  3,
);

const STEP_LIMIT = 200_000;

/** Connects, sends each line and lets the server answer; returns the server's writes. */
function play(port: number, start: readonly string[], lines: readonly string[]): string[][] {
  const world = new World(SCENARIO);
  const client = new DialogueClient(world, 'ws.example.com', undefined, '192.168.1.1', port);
  const settle = () => world.scheduler.runUntil(world.scheduler.now + 2000, STEP_LIMIT);
  settle();
  for (const line of [...start, ...lines]) {
    if (client.closed) break;
    client.send([line]);
    settle();
  }
  world.runUntilQuiet(STEP_LIMIT);
  if (world.scheduler.busy) throw new Error(`still busy after ${STEP_LIMIT} steps`);
  world.scheduler.runUntil(world.scheduler.now + 3_600_000, STEP_LIMIT);
  return client.replies;
}

describe('Dovecot on random and mutated input', () => {
  const popRuns = runs(150);
  it(`answers POP3 with well-formed replies and never throws (${popRuns} sessions)`, { timeout: timeoutFor(popRuns, 30) }, () => {
    fc.assert(
      fc.property(fc.constantFrom([], ['USER alice', 'PASS wonderland']), fc.array(pop3Line.map(asLine), { maxLength: 10 }), (start, lines) => {
        for (const w of play(110, start, lines)) expect(pop3ReplyProblem(w, true), JSON.stringify(w).slice(0, 400)).toBeUndefined();
      }),
      { numRuns: popRuns, seed: 110 },
    );
  });

  const imapRuns = runs(150);
  it(`answers IMAP with well-formed responses and never throws (${imapRuns} sessions)`, { timeout: timeoutFor(imapRuns, 40) }, () => {
    fc.assert(
      fc.property(
        fc.constantFrom([], ['a1 LOGIN alice wonderland'], ['a1 LOGIN alice wonderland', 'a2 SELECT INBOX']),
        fc.array(imapLine.map(asLine), { maxLength: 10 }),
        (start, lines) => {
          for (const w of play(143, start, lines)) {
            const { problem } = imapReplyProblem(w);
            expect(problem, JSON.stringify(w).slice(0, 400)).toBeUndefined();
          }
        },
      ),
      { numRuns: imapRuns, seed: 143 },
    );
  });
});
