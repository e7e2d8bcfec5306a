/**
 * The course's classic demo, through the whole chain: telnet to port 25, HELO, MAIL FROM and
 * RCPT TO without brackets, a message, QUIT — then the maillog sequence and the mbox.
 */
import { describe, expect, it } from 'vitest';
import { mboxText } from '../../../src/sim/mail/mailStore';
import { logShape, maillog, makeWorld, talk } from '../../helpers/world';

describe('the course demo: telnet localhost 25', () => {
  const world = makeWorld();
  const { replies } = talk(world, 'client.example.com', '192.168.1.1', [
    'helo localhost',
    'mail from:obama@whitehouse.com',
    'rcpt to:ansible',
    'data',
    'Subject: How are you these days?',
    '',
    'Are you fine?',
    '.',
    'quit',
  ]);
  world.runUntilQuiet();

  it('answers every command as Postfix does', () => {
    expect(replies.map((r) => r.join('|'))).toEqual([
      '220 mail.example.com ESMTP Postfix',
      '250 mail.example.com',
      '250 2.1.0 Ok',
      '250 2.1.5 Ok',
      '354 End data with <CR><LF>.<CR><LF>',
      expect.stringMatching(/^250 2\.0\.0 Ok: queued as [0-9A-F]{10,11}$/),
      '221 2.0.0 Bye',
    ]);
  });

  it('leaves the maillog sequence of a local delivery', () => {
    const log = maillog(world, 'mail.example.com');
    // When the client says QUIT is a matter of timing; the rest comes in this order.
    const shape = logShape(log);
    expect(shape.filter((l) => l !== 'postfix/smtpd disconnect')).toEqual([
      'postfix/smtpd connect',
      'postfix/smtpd client',
      'postfix/cleanup message-id',
      'postfix/qmgr from',
      'postfix/local to',
      'postfix/qmgr removed',
    ]);
    expect(shape.indexOf('postfix/smtpd disconnect')).toBeGreaterThan(shape.indexOf('postfix/qmgr from'));
    const queueId = /queued as (\w+)/.exec(replies[5][0])![1];
    // No DNS in this world: the client has no verified name.
    expect(log[0]).toMatch(/^postfix\/smtpd\[\d+\]: connect from unknown\[192\.168\.1\.23\]$/);
    expect(log.find((l) => l.includes('postfix/local'))).toMatch(
      new RegExp(`${queueId}: to=<ansible@mail\\.example\\.com>, orig_to=<ansible>, relay=local, delay=[\\d.]+, delays=[\\d./]+, dsn=2\\.0\\.0, status=sent \\(delivered to mailbox\\)`),
    );
    expect(log.find((l) => l.includes('postfix/qmgr') && l.includes('from='))).toMatch(/from=<obama@whitehouse\.com>, size=\d+, nrcpt=1 \(queue active\)/);
    expect(log.find((l) => l.includes('disconnect'))).toMatch(/helo=1 mail=1 rcpt=1 data=1 quit=1 commands=5$/);
  });

  it('writes the message into /var/mail/ansible with the headers Postfix adds', () => {
    const box = world.host('mail.example.com')!.store.get('/var/mail/ansible')!;
    expect(box.size).toBe(1);
    const text = mboxText(box);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^From obama@whitehouse\.com {2}\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}$/);
    expect(lines.slice(1, 4)).toEqual(['Return-Path: <obama@whitehouse.com>', 'X-Original-To: ansible', 'Delivered-To: ansible@mail.example.com']);
    expect(lines[4]).toBe('Received: from localhost (unknown [192.168.1.23])');
    expect(lines[5]).toMatch(/^\tby mail\.example\.com \(Postfix\) with SMTP id [0-9A-F]+$/);
    expect(lines[6]).toMatch(/^\tfor <ansible>; \w{3}, \d+ \w{3} \d{4} \d\d:\d\d:\d\d \+0000 \(UTC\)$/);
    expect(lines[7]).toBe('Subject: How are you these days?');
    // A client on another machine gets no Message-Id/Date/From added (local_header_rewrite_clients).
    expect(lines[8]).toBe('');
    expect(lines[9]).toBe('Are you fine?');
  });
});

describe('the same demo from the mail host itself', () => {
  it('adds Message-Id, Date and From for a local client', () => {
    const world = makeWorld();
    talk(world, 'mail.example.com', '127.0.0.1', ['helo localhost', 'mail from:obama@whitehouse.com', 'rcpt to:ansible', 'data', 'Subject: hi', '', 'x', '.', 'quit']);
    world.runUntilQuiet();
    const text = mboxText(world.host('mail.example.com')!.store.get('/var/mail/ansible')!);
    const names = text
      .split('\n\n')[0]
      .split('\n')
      .filter((l) => /^[!-9;-~]+:/.test(l))
      .map((l) => l.split(':')[0]);
    expect(names).toEqual(['Return-Path', 'X-Original-To', 'Delivered-To', 'Received', 'Subject', 'Message-Id', 'Date', 'From']);
    expect(text).toContain('Received: from localhost (localhost [127.0.0.1])');
    expect(text).toContain('\nFrom: obama@whitehouse.com\n');
    expect(text).toMatch(/\nMessage-Id: <\d{14}\.[0-9A-F]+@mail\.example\.com>\n/);
  });
});
