/**
 * Reading and sending mail with `mail` (Heirloom mailx 12.5 as on the course's CentOS) and
 * `sendmail`: the course's session, the header line and message layout, the flags mailx keeps,
 * and local submission through maildrop and pickup with the headers Postfix 3.7 adds.
 */
import { describe, expect, it } from 'vitest';
import { findMailbox } from '../../../src/sim/shell/commands/mailboxFiles';
import { headerLine, messageLines } from '../../../src/sim/shell/commands/mailxFormat';
import { mboxText, type StoredMessage } from '../../../src/sim/mail/mailStore';
import { UTC } from '../../../src/sim/core/time';
import { CTRL_C, CTRL_D } from '../../../src/sim/shell/terminal';
import { lesson, maskPids, Session } from './helpers';

/** The message of the course note, as Postfix 2.10 wrote it into /var/spool/mail/ansible. */
const COURSE_TEXT = [
  'Return-Path: <obama@whitehouse.com>',
  'X-Original-To: ansible',
  'Delivered-To: ansible@rancher-agent-1.localdomain',
  'Received: from localhost (localhost [127.0.0.1])',
  '\tby rancher-agent-1.localdomain (Postfix) with SMTP id 9D29380F3D',
  '\tfor <ansible>; Thu, 13 Apr 2017 07:39:16 +0800 (CST)',
  'Subject:How are you these datys?',
  'Message-Id: <20170412233926.9D29380F3D@rancher-agent-1.localdomain>',
  'Date: Thu, 13 Apr 2017 07:39:16 +0800 (CST)',
  'From: obama@whitehouse.com',
  '',
  'Are you gua le ma?',
  '',
].join('\n');

const CST = { offsetMinutes: 480, name: 'CST' };

function courseMessage(): StoredMessage {
  return { uid: 1, sender: 'obama@whitehouse.com', arrived: Date.parse('2017-04-12T23:39:39Z'), text: COURSE_TEXT, flags: new Set(), recent: true };
}

describe("the course note's message", () => {
  it('has the header line mailx printed, sizes included (the subject cut to an 80-column terminal)', () => {
    const m = { stored: courseMessage(), read: false, isNew: true, deleted: false };
    // The note shows `"How are you these datys?"` in full: its terminal was wider than 80 columns.
    expect(headerLine(m, 1, true, CST)).toBe('>N  1 obama@whitehouse.com  Thu Apr 13 07:39  14/523   "How are you these dat"');
  });

  it('is shown as in the note: ignored headers hidden, Status: R after reading', () => {
    const m = { stored: courseMessage(), read: true, isNew: true, deleted: false };
    expect(messageLines(m, 1, CST)).toEqual([
      'Message  1:',
      'From obama@whitehouse.com  Thu Apr 13 07:39:39 2017',
      'Return-Path: <obama@whitehouse.com>',
      'X-Original-To: ansible',
      'Delivered-To: ansible@rancher-agent-1.localdomain',
      'Subject:How are you these datys?',
      'Date: Thu, 13 Apr 2017 07:39:16 +0800 (CST)',
      'From: obama@whitehouse.com',
      'Status: R',
      '',
      'Are you gua le ma?',
      '',
    ]);
  });
});

describe('reading mail', () => {
  /** The lesson after its telnet session: one message for ansible (and alice), from a remote client. */
  function delivered(): Session {
    const sh = new Session(lesson());
    sh.type("echo 'Subject: How are you?' | sendmail -f obama@whitehouse.com ansible", 1000);
    return sh;
  }

  it('opens the mailbox, shows, lists and quits as mailx does', () => {
    const sh = delivered();
    sh.type('su - ansible');
    expect(sh.type('mail')).toEqual([
      'Heirloom Mail version 12.5 7/5/10.  Type ? for help.',
      '"/var/spool/mail/ansible": 1 message 1 new',
      '>N  1 root                  Sat Apr 13 07:38  12/420   "How are you?"',
    ]);
    expect(sh.terminal.prompt).toBe('& ');
    const shown = sh.type('1');
    expect(shown.slice(0, 2)).toEqual(['Message  1:', 'From obama@whitehouse.com  Sat Apr 13 07:38:00 2024']);
    expect(shown).toContain('Status: R');
    expect(shown.some((l) => l.startsWith('Received:') || l.startsWith('Message-Id:'))).toBe(false);
    expect(sh.type('h')).toEqual(['>   1 root                  Sat Apr 13 07:38  12/420   "How are you?"']);
    expect(sh.type('q')).toEqual(['Held 1 message in /var/spool/mail/ansible']);
    expect(sh.terminal.prompt).toBe('[ansible@mail ~]$ ');
    // Read and old now: Status: RO in the file, and no "new" the next time.
    expect(sh.type('mail')[1]).toBe('"/var/spool/mail/ansible": 1 message');
    expect(sh.type('x')).toEqual([]);
  });

  it('says "No mail for USER" when there is none', () => {
    expect(new Session(lesson()).type('mail')).toEqual(['No mail for root']);
  });

  it('walks with Enter, deletes, and keeps unread mail as unread', () => {
    const sh = delivered();
    sh.type('echo second | sendmail ansible', 1000);
    sh.type('mail -u ansible');
    expect(sh.type('')[0]).toBe('Message  1:');
    expect(sh.type('')[0]).toBe('Message  2:');
    expect(sh.type('')).toEqual(['At EOF']);
    expect(sh.type('d 1')).toEqual([]);
    expect(sh.type('h')).toEqual([expect.stringMatching(/^> {3}2 root {18}Sat Apr 13 07:38 {2}\d+\/\d+ *$/)]);
    expect(sh.type('p 1')).toEqual(['1: Inappropriate message']);
    expect(sh.type('p 9')).toEqual(['9: Invalid message number']);
    expect(sh.type('frobnicate')).toEqual(['Unknown command: "frobnicate"']);
    expect(sh.type('q')).toEqual(['Held 1 message in /var/spool/mail/ansible']);
    const box = findMailbox(sh.terminal.host, '/var/spool/mail/ansible')!;
    expect(box.messages).toHaveLength(1);
    expect(box.messages[0].flags.has('\\Seen')).toBe(true);
  });

  it('quits on Ctrl-D like q', () => {
    const sh = delivered();
    sh.type('mail -u ansible');
    expect(sh.type(CTRL_D)).toEqual(['Held 1 message in /var/spool/mail/ansible']);
  });
});

describe('sending mail', () => {
  it('mail -s reads the body to Ctrl-D, prints EOT, and Postfix picks it up from maildrop', () => {
    const sh = new Session(lesson());
    const from = sh.logLength;
    expect(sh.type("mail -s 'Test' root")).toEqual([]);
    sh.type('Hello Nihao~');
    expect(sh.type(CTRL_D, 1000)).toEqual(['EOT']);
    const log = maskPids(sh.log(from));
    expect(log[0]).toMatch(/^postfix\/pickup\[PID\]: ([0-9A-F]+): uid=0 from=<root>$/);
    const id = /: ([0-9A-F]+):/.exec(log[0])![1];
    expect(log.slice(1)).toEqual([
      `postfix/cleanup[PID]: ${id}: message-id=<20240413073800.${id}@mail.example.com>`,
      expect.stringMatching(new RegExp(`^postfix/qmgr\\[PID\\]: ${id}: from=<root@mail\\.example\\.com>, size=\\d+, nrcpt=1 \\(queue active\\)$`)),
      expect.stringMatching(new RegExp(`^postfix/local\\[PID\\]: ${id}: to=<root@mail\\.example\\.com>, orig_to=<root>, relay=local, .*status=sent \\(delivered to mailbox\\)$`)),
      `postfix/qmgr[PID]: ${id}: removed`,
    ]);
    const text = mboxText(findMailbox(sh.terminal.host, '/var/spool/mail/root')!).split('\n');
    expect(text.slice(4)).toEqual([
      'Received: by mail.example.com (Postfix, from userid 0)',
      `\tid ${id}; Sat, 13 Apr 2024 07:38:00 +0000 (UTC)`,
      'Date: Sat, 13 Apr 2024 07:38:00 +0000',
      'To: root@mail.example.com',
      'Subject: Test',
      'User-Agent: Heirloom mailx 12.5 7/5/10',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=us-ascii',
      'Content-Transfer-Encoding: 7bit',
      `Message-Id: <20240413073800.${id}@mail.example.com>`,
      'From: root <root@mail.example.com>',
      '',
      'Hello Nihao~',
      '',
      '',
    ]);
  });

  it('asks for the subject, ends the body at a lone dot, and warns of an empty body', () => {
    const sh = new Session(lesson());
    sh.type('su - ansible');
    sh.type('mail root');
    expect(sh.terminal.prompt).toBe('Subject: ');
    sh.type('Hi');
    expect(sh.type('.', 1000)).toEqual(['EOT', "Null message body; hope that's ok"]);
    expect(sh.log().find((l) => l.includes('postfix/pickup'))).toMatch(/uid=1000 from=<ansible>$/);
  });

  it('takes the body from a pipe without asking', () => {
    const sh = new Session(lesson());
    expect(sh.type('echo body | mail -s piped ansible', 1000)).toEqual([]);
    expect(findMailbox(sh.terminal.host, '/var/spool/mail/ansible')!.messages[0].text).toContain('\nSubject: piped\n');
  });

  it('drops the letter at the second Ctrl-C', () => {
    const sh = new Session(lesson());
    sh.type('mail -s x root');
    expect(sh.type(CTRL_C)).toEqual(['(Interrupt -- one more to kill letter)']);
    sh.type(CTRL_C, 1000);
    expect(sh.terminal.busy).toBe(false);
    expect(sh.log().some((l) => l.includes('pickup'))).toBe(false);
  });

  it('sendmail: -f, -F and -t, a lone dot ending the input unless -i', () => {
    const sh = new Session(lesson());
    sh.type('sendmail -t -F "Alice Liddell" -f alice@example.com');
    sh.type('To: ansible');
    sh.type('Bcc: root');
    sh.type('Subject: t');
    sh.type('');
    sh.type('line');
    sh.type('.', 1000);
    const ansible = findMailbox(sh.terminal.host, '/var/spool/mail/ansible')!.messages[0].text;
    expect(ansible).toContain('\nFrom: Alice Liddell <alice@example.com>\n');
    expect(ansible).not.toContain('Bcc:');
    expect(findMailbox(sh.terminal.host, '/var/spool/mail/root')!.messages).toHaveLength(1);
    expect(sh.log().find((l) => l.includes('pickup'))).toMatch(/uid=0 from=<alice@example\.com>$/);
  });

  it('sendmail without recipients fails as the real one does', () => {
    const sh = new Session(lesson());
    expect(sh.type('sendmail')).toEqual(['sendmail: fatal: root(0): Recipient addresses must be specified on the command line or via the -t option']);
    expect(sh.terminal.lastExitStatus).toBe(75);
    expect(maskPids(sh.log())).toContain('postfix/sendmail[PID]: fatal: root(0): Recipient addresses must be specified on the command line or via the -t option');
  });

  it('waits in maildrop while Postfix is down; postfix start picks it up', () => {
    const sh = new Session(lesson());
    sh.type('postfix stop');
    sh.type('echo hi | mail -s waiting root', 10_000);
    expect(sh.log().some((l) => l.includes('pickup'))).toBe(false);
    sh.type('postfix start', 1000);
    const local = sh.log().find((l) => l.includes('postfix/local'))!;
    expect(local).toMatch(/delay=10, delays=10\/0\/0\/0/);
  });
});
