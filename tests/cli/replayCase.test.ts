/**
 * The conformance replay (src/cli): what a recorded case's host becomes and what is read back —
 * the port the client connects to, master.cf, and every mailbox by path.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { caseToScenario, type ConformanceCase } from '../../src/cli/caseToScenario';
import { replayCase } from '../../src/cli/replayCase';

/** A recorded case with its answers removed, as score.mjs hands it to the replayer. */
function stripped(id: string): ConformanceCase {
  const c = JSON.parse(readFileSync(new URL(`../conformance/recorded2/${id}.json`, import.meta.url), 'utf8')) as ConformanceCase;
  c.dialogue = c.dialogue?.map((st) => ('s' in st ? { s: null } : st));
  delete c.maillog;
  delete c.mailbox_after;
  delete c.output;
  delete c.host.effective;
  return c;
}

describe('replaying a case', () => {
  it('connects to client.port and builds the host with the case master.cf', () => {
    const c = stripped('smtp-submission-port-ehlo-and-denied');
    expect(c.client.port).toBe(587);
    const server = caseToScenario(c).hosts[0];
    expect(server.master_cf).toContain('submission inet n');
    const got = replayCase(c);
    expect(got.dialogue?.[0]).toEqual({ s: ['220 mail.example.com ESMTP Postfix'] });
    expect(got.maillog?.[0]).toBe('postfix/submission/smtpd[PID]: connect from unknown[127.0.0.5]');
  });

  it('reads back every mailbox other than /var/mail/USER by its path (home Maildirs here)', () => {
    const got = replayCase(stripped('smtp-home-mailbox-maildir'));
    expect(Object.keys(got.mailbox_after ?? {}).sort()).toEqual(['/home/alice/Maildir/', '/home/bob/Maildir/']);
    const [msg] = got.mailbox_after!['/home/alice/Maildir/'];
    // a Maildir file has no "From " line
    expect(msg.startsWith('Return-Path: <carol@example.org>\n')).toBe(true);
    expect(msg.endsWith('\nin the home directory\n')).toBe(true);
  });

  it('reports an IMAP folder the session changed, not one it only read', () => {
    const got = replayCase(stripped('imap-move'));
    expect(Object.keys(got.mailbox_after ?? {})).toContain('/home/alice/mail/Saved');
    expect(got.mailbox_after!['/home/alice/mail/Saved']).toHaveLength(3);
    const listed = replayCase(stripped('imap-list-patterns'));
    expect(listed.mailbox_after).toBeUndefined();
  });

  it('normalizes the queue ids the log names, also of a message cleanup rejected', () => {
    const got = replayCase(stripped('smtp-body-checks'));
    expect(got.maillog?.some((l) => l.includes('postfix/cleanup[PID]: QUEUEID: reject: body'))).toBe(true);
    expect(got.maillog?.filter((l) => /message-id=<\d{14}\./.test(l))).toEqual([]);
  });
});
