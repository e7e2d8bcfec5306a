/**
 * header_checks and body_checks through smtpd and cleanup, with the replies and log lines
 * Postfix 3.7.11 gave for the same tables (probed in a network namespace).
 */
import { describe, expect, it } from 'vitest';
import { postfixOf } from '../../../src/sim/services';
import { MAIL_HOST, WORKSTATION, maillog, makeWorld, talk } from '../../helpers/world';

const HEADER_CHECKS = [
  '/^Subject:.*reject-me/ REJECT no spam here',
  '/^Subject:.*reject-bare/ REJECT',
  '/^Subject:.*warn-me/ WARN watch this',
  '/^Subject:.*discard-me/ DISCARD gone',
  '/^Subject:.*hold-me/ HOLD held for review',
  '/^Subject:.*ignore-me/ IGNORE',
  '/^Subject:.*prepend-me/ PREPEND X-Tag: tagged',
  '/^Subject:.*replace-me/ REPLACE Subject: replaced',
  '/^Subject:.*defer-me/ DEFER try later',
  '/^X-Folded:.*second/ REJECT folded matched',
].join('\n');

function send(headers: string[], body = ['hi']) {
  const world = makeWorld([
    {
      ...MAIL_HOST,
      main_cf: { ...(MAIL_HOST.main_cf as Record<string, string>), header_checks: 'regexp:/etc/postfix/header_checks', body_checks: 'regexp:/etc/postfix/body_checks' },
      files: { '/etc/postfix/header_checks': HEADER_CHECKS, '/etc/postfix/body_checks': '/viagra/ REJECT body spam\n/bodywarn/ WARN body warn\n' },
    },
    WORKSTATION,
  ]);
  const { replies } = talk(world, 'client.example.com', '192.168.1.1', ['EHLO client.example.com', 'MAIL FROM:<carol@example.org>', 'RCPT TO:<bob@mail.example.com>', 'RCPT TO:<alice@mail.example.com>', 'DATA', ...headers, '', ...body, '.', 'QUIT']);
  world.runUntilQuiet();
  const log = maillog(world, 'mail.example.com').filter((l) => l.startsWith('postfix/cleanup') || l.startsWith('postfix/qmgr'));
  const box = world.host('mail.example.com')!.store.get('/var/mail/alice');
  return { reply: replies[6][0], log, delivered: box?.messages.map((m) => m.text) ?? [], world };
}

const ENVELOPE = 'from unknown[192.168.1.23]; from=<carol@example.org> to=<alice@mail.example.com> proto=ESMTP helo=<client.example.com>';

describe('header_checks', () => {
  it('REJECT: 550 with the table text, a cleanup reject line, nothing queued', () => {
    const r = send(['Subject: reject-me']);
    expect(r.reply).toBe('550 5.7.1 no spam here');
    expect(r.log).toEqual([expect.stringMatching(new RegExp(`^postfix/cleanup\\[\\d+\\]: \\w+: reject: header Subject: reject-me ${escape(ENVELOPE)}: 5\\.7\\.1 no spam here$`))]);
    expect(r.delivered).toEqual([]);
  });

  it('REJECT without text answers "message content rejected"', () => {
    expect(send(['Subject: reject-bare']).reply).toBe('550 5.7.1 message content rejected');
  });

  it('matches a folded header as one, logging the fold as "??"', () => {
    const r = send(['Subject: x', 'X-Folded: first', '\tsecond']);
    expect(r.reply).toBe('550 5.7.1 folded matched');
    expect(r.log[0]).toContain('reject: header X-Folded: first??second from');
  });

  it('WARN logs and delivers', () => {
    const r = send(['Subject: warn-me']);
    expect(r.reply).toMatch(/^250 2\.0\.0 Ok: queued as/);
    expect(r.log[0]).toMatch(new RegExp(`: warning: header Subject: warn-me ${escape(ENVELOPE)}: watch this$`));
    expect(r.log[1]).toMatch(/message-id=/);
    expect(r.delivered).toHaveLength(1);
  });

  it('DISCARD answers "queued as" and drops the message without a message-id line', () => {
    const r = send(['Subject: discard-me']);
    expect(r.reply).toMatch(/^250 2\.0\.0 Ok: queued as/);
    expect(r.log).toEqual([expect.stringMatching(/: discard: header Subject: discard-me from .*: gone$/)]);
    expect(r.delivered).toEqual([]);
  });

  it('HOLD keeps the message in the hold queue', () => {
    const r = send(['Subject: hold-me']);
    expect(r.log.map((l) => l.replace(/^.*?: \w+: /, ''))).toEqual([expect.stringMatching(/^hold: header Subject: hold-me .*: held for review$/), expect.stringMatching(/^message-id=/)]);
    const pf = postfixOf(r.world.host('mail.example.com')!)!;
    expect(r.delivered).toEqual([]);
    expect(pf.queue.count('hold')).toBe(1);
  });

  it('IGNORE drops the header, PREPEND adds one above, REPLACE swaps it', () => {
    expect(send(['Subject: ignore-me', 'X-Keep: yes']).delivered[0]).not.toContain('ignore-me');
    const prepended = send(['Subject: prepend-me']).delivered[0];
    expect(prepended).toMatch(/X-Tag: tagged\nSubject: prepend-me/);
    const replaced = send(['Subject: replace-me']);
    expect(replaced.delivered[0]).toContain('Subject: replaced');
    expect(replaced.log[0]).toMatch(/: replace: header Subject: replace-me .*: Subject: replaced$/);
  });

  it('DEFER is not a header_checks action in Postfix 3.7: a warning, and the mail goes through', () => {
    const r = send(['Subject: defer-me']);
    expect(r.log[0]).toMatch(/^postfix\/cleanup\[\d+\]: warning: unknown command in header_checks map: DEFER try later$/);
    expect(r.delivered).toHaveLength(1);
  });
});

describe('body_checks', () => {
  it('REJECT after the headers: the message-id line, then the reject line', () => {
    const r = send(['Subject: y'], ['buy viagra now', 'more']);
    expect(r.reply).toBe('550 5.7.1 body spam');
    expect(r.log[0]).toMatch(/message-id=/);
    expect(r.log[1]).toMatch(new RegExp(`: reject: body buy viagra now ${escape(ENVELOPE)}: 5\\.7\\.1 body spam$`));
  });

  it('WARN logs the body line and delivers', () => {
    const r = send(['Subject: z'], ['bodywarn here']);
    expect(r.log[1]).toMatch(/: warning: body bodywarn here from .*: body warn$/);
    expect(r.delivered).toHaveLength(1);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
