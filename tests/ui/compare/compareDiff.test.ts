import { describe, expect, it } from 'vitest';
import { compareRuns, compareRunsGradually, runsAgree } from '../../../src/ui/compare/compareDiff';
import { summarize } from '../../../src/ui/compare/diffSummary';
import { runLesson } from '../helpers';
import { RELAY_A, relayRuns } from './fixtures';

describe('compareRuns on the relay lesson, B without 10.0.0.0/8 in mynetworks', () => {
  const { a, b } = relayRuns();
  const diff = compareRuns(a.index, b.index);

  it('finds the replies that differ, paired by the command', () => {
    expect(diff.replies.map((r) => [r.command, r.a?.reply.at(-1), r.b?.reply.at(-1)])).toEqual([
      ['RCPT TO:<carol@example.net>', '250 2.1.5 Ok', '454 4.7.1 <carol@example.net>: Relay access denied'],
      ['DATA', '354 End data with <CR><LF>.<CR><LF>', '554 5.5.1 Error: no valid recipients'],
      ['.', expect.stringMatching(/^250 2\.0\.0 Ok: queued as /), undefined],
    ]);
  });

  it('marks the differing reply on both sides with the other side’s words', () => {
    const [rcpt] = diff.replies;
    expect(diff.marks.a.get(rcpt.at.a!)).toEqual({ kind: 'differs', other: '454 4.7.1 <carol@example.net>: Relay access denied' });
    expect(diff.marks.b.get(rcpt.at.b!)).toEqual({ kind: 'differs', other: '250 2.1.5 Ok' });
  });

  it('finds the relay decision that changed', () => {
    expect(diff.decisions.map((d) => [d.a?.list, d.a?.restriction, d.a?.verdict, d.b?.restriction, d.b?.verdict])).toEqual([
      ['smtpd_relay_restrictions', 'permit_mynetworks', 'permit', 'defer_unauth_destination', 'defer'],
    ]);
  });

  it('finds the message delivered in A but refused in B, and the connection B never made', () => {
    expect(diff.journeys.map((j) => [j.kind, j.recipient])).toEqual([['outcome', 'carol@example.net']]);
    expect(diff.conns.map((c) => [c.side, c.conn.client.host, c.conn.host])).toEqual([['a', 'mail.example.com', 'mx.example.net']]);
  });

  it('lists maillog lines of one run only: queue ids do not count as a difference', () => {
    const lines = (run: typeof a, seqs: number[]) => seqs.map((s) => (run.index.events[s] as { text: string }).text);
    expect(lines(b, diff.logs.b)).toEqual([
      expect.stringMatching(/^NOQUEUE: reject: RCPT from unknown\[10\.0\.0\.8\]: 454 4\.7\.1 <carol@example\.net>: Relay access denied/),
      'disconnect from unknown[10.0.0.8] ehlo=1 mail=1 rcpt=0/1 data=0/1 quit=1 commands=3/5',
    ]);
    expect(lines(a, diff.logs.a)).toContain('disconnect from unknown[10.0.0.8] ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5');
    expect(lines(a, diff.logs.a)).not.toContain('connect from unknown[10.0.0.8]');
  });

  it('sums it up, each item knowing where its differences are', () => {
    const items = summarize(diff);
    expect(items.map((i) => [i.id, i.count])).toEqual([
      ['replies', 3],
      ['decisions', 1],
      ['outcome:delivered>rejected', 1],
      ['connOnly:a', 1],
      ['logs', 15],
    ]);
    expect(items[2]).toMatchObject({ outcomeA: ['delivered'], outcomeB: ['rejected'], panel: 'outcomes' });
    expect(items[0].wheres[0]).toEqual({ a: diff.replies[0].at.a, b: diff.replies[0].at.b });
  });

  it('can be computed in slices, with the same result', () => {
    const job = compareRunsGradually(a.index, b.index);
    let pauses = 0;
    let step = job.next();
    for (; !step.done; step = job.next()) pauses++;
    expect(pauses).toBeGreaterThan(2);
    expect(step.value.replies).toEqual(diff.replies);
    expect([...step.value.marks.b]).toEqual([...diff.marks.b]);
  });

  it('finds nothing between two runs of the same scenario', () => {
    const again = runLesson(RELAY_A);
    const same = compareRuns(a.index, again.index);
    expect(runsAgree(same)).toBe(true);
    expect(summarize(same)).toEqual([]);
    expect(same.marks.a.size + same.marks.b.size).toBe(0);
  });
});
