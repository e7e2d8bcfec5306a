/**
 * Looking at files: the maillog (tail, tail -f, grep for a queue id), mailboxes as mbox text,
 * configuration files, ls, head and wc, with coreutils' and grep's messages.
 */
import { describe, expect, it } from 'vitest';
import { columns } from '../../../src/sim/shell/commands/ls';
import { toJsRegex } from '../../../src/sim/shell/commands/grep';
import { CTRL_C } from '../../../src/sim/shell/terminal';
import { lesson, Session } from './helpers';

/** The lesson host after one message to ansible. */
function withMail(): Session {
  const sh = new Session(lesson());
  sh.type("echo 'Subject: hi' | sendmail -f obama@whitehouse.com ansible", 1000);
  return sh;
}

describe('the maillog', () => {
  it('is /var/log/maillog (CentOS) and /var/log/mail.log (Debian), the host syslog lines', () => {
    const sh = withMail();
    const log = sh.terminal.host.log.lines;
    expect(sh.type('tail /var/log/maillog')).toEqual(log.slice(-10));
    expect(sh.type('tail -n 2 /var/log/mail.log')).toEqual(log.slice(-2));
    expect(sh.type('tail -3 /var/log/maillog')).toEqual(log.slice(-3));
    expect(sh.type('head -n 1 /var/log/maillog')).toEqual(log.slice(0, 1));
    expect(sh.type('cat /var/log/maillog')).toEqual(log);
    expect(sh.type('wc -l /var/log/maillog')).toEqual([`${log.length} /var/log/maillog`]);
  });

  it('finds a queue id with grep', () => {
    const sh = withMail();
    const id = /pickup\[\d+\]: ([0-9A-F]+):/.exec(sh.terminal.host.log.lines.join('\n'))![1];
    const lines = sh.type(`grep ${id} /var/log/maillog`);
    expect(lines).toHaveLength(5);
    expect(lines.every((l) => l.includes(`: ${id}: `))).toBe(true);
    expect(sh.type(`grep -c ${id} /var/log/maillog`)).toEqual(['5']);
    expect(sh.type('grep -n status=sent /var/log/maillog')).toEqual([expect.stringMatching(/^\d+:.*status=sent \(delivered to mailbox\)$/)]);
    expect(sh.type('grep nothing-like-this /var/log/maillog')).toEqual([]);
    expect(sh.terminal.lastExitStatus).toBe(1);
    expect(sh.type('grep x /nosuch')).toEqual(['grep: /nosuch: No such file or directory']);
    expect(sh.terminal.lastExitStatus).toBe(2);
  });

  it('is followed by tail -f until Ctrl-C', () => {
    const sh = new Session(lesson());
    const other = new Session(sh.engine, 'mail.example.com', 2);
    sh.type('tail -n 0 -f /var/log/maillog');
    expect(sh.terminal.busy).toBe(true);
    other.type('echo hi | sendmail ansible');
    const followed = sh.wait(1000);
    expect(followed[0]).toMatch(/ postfix\/pickup\[\d+\]: [0-9A-F]+: uid=0 from=<root>$/);
    expect(followed).toHaveLength(5);
    sh.type(CTRL_C);
    expect(sh.terminal.busy).toBe(false);
    expect(sh.terminal.lastExitStatus).toBe(130);
    other.type('echo again | sendmail ansible', 1000);
    expect(sh.wait(1000)).toEqual([]);
  });

  it('is for root only', () => {
    const sh = withMail();
    sh.type('echo hi | sendmail alice', 1000);
    sh.type('su - ansible');
    expect(sh.type('tail /var/log/maillog')).toEqual(["tail: cannot open '/var/log/maillog' for reading: Permission denied"]);
    expect(sh.type('cat /var/spool/mail/alice')).toEqual(['cat: /var/spool/mail/alice: Permission denied']);
    expect(sh.type('cat /var/mail/ansible')[0]).toMatch(/^From obama@whitehouse\.com {2}Sat Apr 13 07:38:00 2024$/);
  });
});

describe('files', () => {
  it('shows a mailbox as mbox text, /var/mail being /var/spool/mail', () => {
    const sh = withMail();
    const mbox = sh.type('cat /var/spool/mail/ansible');
    expect(mbox[0]).toBe('From obama@whitehouse.com  Sat Apr 13 07:38:00 2024');
    expect(mbox).toContain('Subject: hi');
    expect(mbox[mbox.length - 1]).toBe('');
    expect(sh.type('cat /var/mail/ansible')).toEqual(mbox);
    // Once mail has been read and kept, the file carries mailx's Status: header.
    sh.type('mail -u ansible');
    sh.type('1');
    sh.type('q');
    expect(sh.type('cat /var/mail/ansible')).toContain('Status: RO');
  });

  it('shows configuration files and lists directories', () => {
    const sh = withMail();
    expect(sh.type('cat /etc/aliases')).toEqual(['postmaster: root', 'staff: ansible, alice']);
    expect(sh.type('cat /etc/resolv.conf')).toEqual(['nameserver 127.0.0.1']);
    expect(sh.type('cat /etc/hostname')).toEqual(['mail']);
    expect(sh.type('grep ^mydomain /etc/postfix/main.cf')).toEqual(['mydomain = example.com']);
    expect(sh.type('ls /etc/postfix')).toEqual(['main.cf  master.cf']);
    expect(sh.type('ls /var/spool/mail')).toEqual(['ansible']);
    expect(sh.type('ls -l /var/mail')).toEqual(['total 4', expect.stringMatching(/^-rw-rw---- 1 ansible mail \d+ Apr 13 07:38 ansible$/)]);
    expect(sh.type('cat /etc/postfix')).toEqual(['cat: /etc/postfix: Is a directory']);
    expect(sh.type('ls /nosuch')).toEqual(["ls: cannot access '/nosuch': No such file or directory"]);
    expect(sh.type('cat /etc/passwd | grep ansible')).toEqual(['ansible:x:1000:1000::/home/ansible:/bin/bash']);
  });

  it('lays ls names out in columns as GNU ls does at 80 columns', () => {
    expect(columns(['a', 'bb', 'ccc'])).toEqual(['a  bb  ccc']);
    const many = Array.from({ length: 30 }, (_, i) => `file-number-${i}`);
    const rows = columns(many);
    expect(rows.every((r) => r.length <= 80)).toBe(true);
    expect(rows[0].startsWith('file-number-0  ')).toBe(true);
  });
});

describe('grep patterns', () => {
  it.each([
    ['a\\|b', false, 'a|b'],
    ['(x)', false, '\\(x\\)'],
    ['\\(x\\)\\+', false, '(x)+'],
    ['[[:digit:]]\\{3\\}', false, '[0-9]{3}'],
    ['a|b', true, 'a|b'],
  ])('%s', (pattern, extended, js) => {
    expect(toJsRegex(pattern, extended)).toBe(js);
  });
});
