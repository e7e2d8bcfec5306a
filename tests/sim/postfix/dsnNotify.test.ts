/**
 * DSN NOTIFY= decides which notices the sender gets: failures by default, a "Successful Mail
 * Delivery Report" with NOTIFY=SUCCESS, nothing at all with NOTIFY=NEVER.
 */
import { describe, expect, it } from 'vitest';
import { maillog, makeWorld, talk } from '../../helpers/world';

function send(rcptLine: string, mailLine = 'MAIL FROM:<ansible@mail.example.com>') {
  const world = makeWorld();
  talk(world, 'client.example.com', '192.168.1.1', ['EHLO client.example.com', mailLine, rcptLine, 'DATA', 'Subject: dsn', '', 'hello', '.', 'QUIT']);
  world.runUntilQuiet();
  const box = world.host('mail.example.com')!.store.get('/var/mail/ansible');
  return { log: maillog(world, 'mail.example.com'), notices: box?.messages.map((m) => m.text) ?? [] };
}

describe('DSN NOTIFY', () => {
  it('sends a failure notice by default', () => {
    const { log, notices } = send('RCPT TO:<broken@mail.example.com>');
    expect(log.some((l) => /sender non-delivery notification: \w+$/.test(l))).toBe(true);
    expect(notices[0]).toContain('Subject: Undelivered Mail Returned to Sender');
    expect(notices[0]).toContain('<nosuchuser@mail.example.com> (expanded from <broken@mail.example.com>):');
  });

  it('sends nothing about a failure with NOTIFY=NEVER', () => {
    const { log, notices } = send('RCPT TO:<broken@mail.example.com> NOTIFY=NEVER');
    expect(log.some((l) => l.includes('status=bounced'))).toBe(true);
    expect(log.some((l) => l.includes('notification'))).toBe(false);
    expect(notices).toEqual([]);
  });

  it('reports a mailbox delivery with NOTIFY=SUCCESS, headers only, with the ENVID', () => {
    const { log, notices } = send('RCPT TO:<alice@mail.example.com> NOTIFY=SUCCESS', 'MAIL FROM:<ansible@mail.example.com> ENVID=lesson-42');
    expect(log.some((l) => /sender delivery status notification: \w+$/.test(l))).toBe(true);
    const notice = notices[0];
    expect(notice).toContain('Subject: Successful Mail Delivery Report');
    expect(notice).toContain('<alice@mail.example.com>: delivery via local: delivered to mailbox');
    expect(notice).toContain('Original-Envelope-Id: lesson-42');
    expect(notice).toContain('Action: delivered');
    expect(notice).toContain('Content-Type: text/rfc822-headers');
    expect(notice).not.toContain('\nhello\n');
  });

  it('reports an alias as expanded, not each member', () => {
    const { notices } = send('RCPT TO:<staff@mail.example.com> NOTIFY=SUCCESS');
    const report = notices.find((n) => n.includes('Successful Mail Delivery Report'))!;
    expect(report).toContain('<staff@mail.example.com>: delivery via local: alias expanded');
    expect(report).toContain('Action: expanded');
    expect(report).not.toContain('Final-Recipient: rfc822; alice@');
  });
});
