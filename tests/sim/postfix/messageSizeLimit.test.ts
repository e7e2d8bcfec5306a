/**
 * message_size_limit counts cleanup's whole queue file — envelope records as well as the text —
 * as Postfix 3.7.11 does: with a limit of 1000 bytes even a one-line message is refused, while
 * 1300 bytes let a short message to two recipients through.
 */
import { describe, expect, it } from 'vitest';
import { queueFileSize } from '../../../src/sim/postfix/queue/queueFileSize';
import { MAIL_HOST, maillog, makeWorld, talk } from '../../helpers/world';

function send(limit: string, recipients: string[]) {
  const world = makeWorld([{ ...MAIL_HOST, main_cf: { ...(MAIL_HOST.main_cf as Record<string, string>), message_size_limit: limit, mailbox_size_limit: '0' } }]);
  const { replies } = talk(world, 'mail.example.com', '127.0.0.1', ['HELO client.example.org', 'MAIL FROM:<carol@example.org>', ...recipients.map((r) => `RCPT TO:<${r}>`), 'DATA', 'x', '.', 'QUIT']);
  world.runUntilQuiet();
  return { end: replies[replies.length - 2].join('\n'), log: maillog(world, 'mail.example.com') };
}

describe('message_size_limit and the queue file', () => {
  it('refuses a one-line message with limit 1000: 552 and cleanup\'s two warnings, no reject line', () => {
    const r = send('1000', ['bob@mail.example.com']);
    expect(r.end).toBe('552 5.3.4 Error: message file too big');
    const cleanup = r.log.filter((l) => l.startsWith('postfix/cleanup'));
    expect(cleanup.map((l) => l.replace(/^postfix\/cleanup\[\d+\]: /, ''))).toEqual([
      expect.stringMatching(/^\w+: message-id=</),
      expect.stringMatching(/^warning: \w+: queue file size limit exceeded$/),
      'warning: mail_stream_cleanup: close error',
    ]);
    expect(r.log.some((l) => l.includes('reject:'))).toBe(false);
    expect(r.log.find((l) => l.includes('disconnect'))).toMatch(/data=0\/1/);
  });

  it('accepts the same message to two recipients with limit 1300', () => {
    expect(send('1300', ['alice@mail.example.com', 'bob@mail.example.com']).end).toMatch(/^250 2\.0\.0 Ok: queued as/);
  });

  it('counts every recipient and attribute on top of the text', () => {
    const base = { sender: 'carol@example.org', text: 'Subject: x\n\nhi\n', rewriteContext: 'remote' as const };
    const one = queueFileSize({ ...base, recipients: [{ address: 'a@example.com', original: 'a@example.com' }] });
    const two = queueFileSize({ ...base, recipients: [{ address: 'a@example.com', original: 'a@example.com' }, { address: 'b@example.com', original: 'b@example.com' }] });
    expect(one).toBeGreaterThan(base.text.length + 150);
    expect(two - one).toBeGreaterThan(2 * 'b@example.com'.length);
  });
});
