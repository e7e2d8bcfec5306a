import { describe, expect, it } from 'vitest';
import { DEFAULT_LESSON } from '../../../src/lessons/defaultLesson';
import { MAILLOG_LESSON } from '../../../src/lessons/library/maillog';
import { journeysOf, outcomeSignature, relayHost, routeSignature, type Journey } from '../../../src/ui/compare/journeys';
import { runLesson } from '../helpers';
import { relayRuns } from './fixtures';

const brief = (j: Journey) => ({ from: j.sender, to: j.recipient, route: routeSignature(j), outcomes: j.outcomes.map((o) => `${o.kind} ${o.host} ${o.detail}`) });

describe('journeysOf', () => {
  it('follows an alias to its two mailboxes', () => {
    const { index } = runLesson(DEFAULT_LESSON);
    expect(journeysOf(index).map(brief)).toEqual([
      {
        from: 'obama@whitehouse.com',
        to: 'staff@example.com',
        route: 'ws.example.com > mail.example.com',
        outcomes: ['delivered mail.example.com /var/spool/mail/ansible', 'delivered mail.example.com /var/spool/mail/alice'],
      },
    ]);
  });

  it('follows a relayed message to the next host, and a refused one to the refusal', () => {
    const { a, b } = relayRuns();
    const [ja] = journeysOf(a.index);
    const [jb] = journeysOf(b.index);
    expect(brief(ja)).toEqual({ from: 'spammer@example.org', to: 'carol@example.net', route: 'laptop.example.com > mail.example.com > mx.example.net', outcomes: ['delivered mx.example.net /var/mail/carol'] });
    expect(brief(jb)).toEqual({ from: 'spammer@example.org', to: 'carol@example.net', route: 'laptop.example.com > mail.example.com', outcomes: ['rejected mail.example.com 454 4.7.1 <carol@example.net>: Relay access denied'] });
    expect(ja.key).toBe(jb.key);
    expect(outcomeSignature(ja)).not.toBe(outcomeSignature(jb));
    // The refusal is the 454 reply event.
    const reply = b.index.events[jb.outcomes[0].seq];
    expect(reply).toMatchObject({ kind: 'conn.data', dir: 's2c', lines: ['454 4.7.1 <carol@example.net>: Relay access denied'] });
  });

  it('tells a bounce from a delivery, and follows the bounce notice back to the sender', () => {
    const { index } = runLesson(MAILLOG_LESSON.scenario);
    const list = journeysOf(index).map(brief);
    expect(list).toContainEqual(expect.objectContaining({ from: 'alice@example.com', to: 'helpdesk@example.com', outcomes: [expect.stringMatching(/^bounced mail\.example\.com /)] }));
    expect(list).toContainEqual(expect.objectContaining({ from: '', to: 'alice@example.com', outcomes: ['delivered mail.example.com /var/spool/mail/alice'] }));
    expect(list).toContainEqual(expect.objectContaining({ from: 'alice@example.com', to: 'carol@example.net', route: 'ws.example.com > mail.example.com > mx.example.net' }));
  });

  it('names the host of a relay', () => {
    expect(relayHost('mx.example.net[203.0.113.25]:25')).toBe('mx.example.net');
    expect(relayHost('local')).toBe('local');
  });
});
