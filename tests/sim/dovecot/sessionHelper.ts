/**
 * Short POP3/IMAP sessions against a simulated Dovecot (the recording harness underneath): each
 * step is what the client sends (one line, or several for a literal) and gets one reply back.
 * The host is the lab's: alice with three messages in her INBOX, UIDVALIDITY 1700000000.
 */
import { replayCase, replies, type RecordedCase } from './caseHarness';

export const DOVECOT_CONF =
  'auth_mechanisms = plain login\ndisable_plaintext_auth = no\nfirst_valid_uid = 1000\nlisten = 127.0.0.1\n' +
  'mail_location = mbox:~/mail:INBOX=/var/mail/%u\nmail_privileged_group = mail\n' +
  'passdb {\n  args = scheme=PLAIN username_format=%u /etc/dovecot/users\n  driver = passwd-file\n}\n' +
  'protocols = imap pop3\nssl = no\nuserdb {\n  args = username_format=%u /etc/dovecot/users\n  driver = passwd-file\n}\n';

export const INBOX = [
  'Return-Path: <bob@example.net>\nFrom: Bob <bob@example.net>\nTo: alice@example.com\nSubject: Lunch on Friday?\nDate: Mon, 1 Jan 2024 09:00:00 +0000\nMessage-ID: <lunch-1@example.net>\n\nHi Alice,\nshall we have lunch on Friday?\nBob\n',
  "Return-Path: <carol@example.com>\nFrom: Carol <carol@example.com>\nTo: alice@example.com\nSubject: Meeting notes\nDate: Tue, 2 Jan 2024 14:30:00 +0100\nMessage-ID: <notes-7@example.com>\n\nNotes from today's meeting:\n1. POP3 lab on Monday\n\nCarol\n",
  'Return-Path: <news@example.org>\nFrom: news@example.org\nTo: alice@example.com\nSubject: Weekly digest\nDate: Wed, 3 Jan 2024 06:00:00 +0000\nMessage-ID: <digest-2024-01@example.org>\n\nThis week: nothing happened.\n',
];

export const SAVED = 'Return-Path: <dave@example.org>\nFrom: Dave <dave@example.org>\nSubject: Kept for later\n\nSaved message.\n';

export interface Session {
  /** The replies, the greeting first; a reply is every line of it. */
  replies: string[][];
  maillog: string[];
}

/** The same Dovecot with Maildir storage (Maildir++ layout). */
export const MAILDIR_CONF = DOVECOT_CONF.replace('mail_location = mbox:~/mail:INBOX=/var/mail/%u', 'mail_location = maildir:~/Maildir');

export function session(protocol: 'pop3' | 'imap', steps: (string | string[])[], mailboxes: Record<string, string[]> = {}, conf = DOVECOT_CONF): Session {
  const c: RecordedCase = {
    id: `${protocol}-test`,
    protocol,
    host: {
      hostname: 'mail.example.com',
      addresses: ['127.0.0.1'],
      dovecot_conf: conf,
      accounts: ['root', 'alice'],
      sasl: [{ user: 'alice', password: 'wonderland' }],
      mailboxes: { alice: INBOX, ...mailboxes },
      uidvalidity: 1700000000,
    },
    client: { address: '127.0.0.1' },
    dialogue: [{ s: null }, ...steps.flatMap((step) => [...(Array.isArray(step) ? step : [step]).map((c) => ({ c })), { s: null }])],
  };
  const got = replayCase(c);
  // the tagged lines carry timings; the tests look at the words
  const untimed = (l: string) => l.replace(/ \((?:DELAY|\d+\.\d+ \+ \d+\.\d+(?: \+ \d+\.\d+)?) secs\)\.$/, '.');
  return { replies: replies(got.dialogue).map((r) => r.map(untimed)), maillog: got.maillog };
}
