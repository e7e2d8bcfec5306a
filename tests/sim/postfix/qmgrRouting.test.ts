/**
 * qmgr hands recipients to delivery agents in groups of at most *_destination_recipient_limit:
 * every recipient reaches an agent exactly once, however the groups are cut.
 */
import { describe, expect, it } from 'vitest';
import { MAIL_HOST, maillog, makeWorld, talk } from '../../helpers/world';

function deliver(mainCf: Record<string, string>, recipients: string[]) {
  const world = makeWorld([{ ...MAIL_HOST, main_cf: { ...(MAIL_HOST.main_cf as Record<string, string>), ...mainCf } }]);
  talk(world, 'mail.example.com', '127.0.0.1', ['HELO x', 'MAIL FROM:<carol@example.org>', ...recipients.map((r) => `RCPT TO:<${r}>`), 'DATA', 'Subject: groups', '', 'hi', '.', 'QUIT']);
  world.runUntilQuiet();
  return maillog(world, 'mail.example.com').filter((l) => l.startsWith('postfix/local'));
}

describe('qmgr delivery groups', () => {
  it('delivers twice to one address reached from two original recipients', () => {
    const lines = deliver({}, ['alice', 'alice@mail.example.com']);
    expect(lines).toHaveLength(2);
    expect(lines.map((l) => /orig_to=<([^>]+)>/.exec(l)?.[1] ?? '')).toEqual(['alice', '']);
  });

  it('cuts groups at the recipient limit without losing anyone', () => {
    const lines = deliver({ local_destination_recipient_limit: '2' }, ['alice@mail.example.com', 'bob@mail.example.com', 'ansible@mail.example.com']);
    expect(lines.map((l) => /to=<([^@]+)@/.exec(l)?.[1]).sort()).toEqual(['alice', 'ansible', 'bob']);
  });
});
