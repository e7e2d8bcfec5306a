/**
 * Properties over many random runs: whatever clients send, every session gets well-formed
 * replies and nothing crashes; and no accepted message is ever lost — each is delivered,
 * bounced back to its sender, or still in a queue.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { World } from '../../../src/sim/world';
import { makeWorld, MAIL_HOST, talk, WORKSTATION } from '../../helpers/world';

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);

const recipient = fc.constantFrom(
  'ansible', 'alice@mail.example.com', 'staff@mail.example.com', 'webmaster', 'nosuchuser@mail.example.com',
  'bob@example.net', 'root', 'postmaster', 'broken', '<alice@mail.example.com>', 'two words@x', '',
);
const sender = fc.constantFrom('<obama@whitehouse.com>', '<>', 'alice', '<a@b.c>', 'bad address@', '<x@[127.0.0.1]>');
const junk = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.constantFrom('HELO', 'EHLO x', 'RSET', 'NOOP', 'VRFY alice', 'VRFY', 'ETRN x', 'DATA', 'QUIT', 'AUTH PLAIN', 'GET / HTTP/1.0', 'Subject: hi', 'STARTTLS', 'BDAT 1'),
);
const body = fc.array(fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom('.', '..', '.hidden', 'From me', '')), { maxLength: 8 });

/** One client session: a greeting, maybe junk, a transaction, maybe more junk. */
const session = fc.record({
  helo: fc.constantFrom('helo localhost', 'ehlo client', 'HELO', ''),
  before: fc.array(junk, { maxLength: 3 }),
  from: sender,
  to: fc.array(recipient, { minLength: 1, maxLength: 4 }),
  body,
  after: fc.array(junk, { maxLength: 2 }),
});

type Session = typeof session extends fc.Arbitrary<infer T> ? T : never;

function runSession(world: World, s: Session): string[][] {
  const lines = [s.helo, ...s.before, `mail from:${s.from}`, ...s.to.map((t) => `rcpt to:${t}`), 'data', ...s.body.filter((l) => l !== '.'), '.', ...s.after, 'quit'];
  return talk(world, 'client.example.com', '192.168.1.1', lines.filter((l) => l !== '')).replies;
}

function queuedIds(replies: string[][]): string[] {
  return replies.flatMap((r) => r.map((l) => /^250 2\.0\.0 Ok: queued as (\w+)$/.exec(l)?.[1]).filter((x): x is string => !!x));
}

describe('smtpd under random input', () => {
  it('always answers with well-formed SMTP replies', () => {
    fc.assert(
      fc.property(fc.array(session, { minLength: 1, maxLength: 3 }), (sessions) => {
        const world = makeWorld([MAIL_HOST, WORKSTATION]);
        for (const s of sessions) {
          for (const reply of runSession(world, s)) {
            reply.forEach((line, i) => {
              const last = i === reply.length - 1;
              expect(line).toMatch(last ? /^[2-5]\d\d( |$)/ : /^[2-5]\d\d-/);
            });
          }
        }
        world.runUntilQuiet();
      }),
      { numRuns: RUNS, seed: 42 },
    );
  });

  it('loses no accepted message: each is delivered, bounced or still queued', () => {
    const seen = { accepted: 0, bounced: 0, queued: 0 };
    fc.assert(
      fc.property(fc.array(session, { minLength: 1, maxLength: 4 }), (sessions) => {
        const world = makeWorld([MAIL_HOST, WORKSTATION]);
        const accepted = sessions.flatMap((s) => queuedIds(runSession(world, s)));
        world.runUntilQuiet();
        const events = world.trace.events;
        for (const id of accepted) {
          const removed = events.some((e) => e.kind === 'queue' && e.queueId === id && e.to === null);
          const stillQueued = events.filter((e) => e.kind === 'queue' && e.queueId === id).at(-1);
          seen.accepted++;
          if (!removed) {
            seen.queued++;
            expect(stillQueued && stillQueued.kind === 'queue' && stillQueued.to !== null).toBe(true);
            continue;
          }
          const outcomes = events.filter((e) => e.kind === 'delivery' && e.queueId === id);
          expect(outcomes.length).toBeGreaterThan(0);
          for (const o of outcomes) expect(['sent', 'bounced']).toContain(o.kind === 'delivery' ? o.status : '');
          const bounced = outcomes.some((o) => o.kind === 'delivery' && o.status === 'bounced');
          const message = events.find((e) => e.kind === 'message' && e.queueId === id);
          const nullSender = message?.kind === 'message' && message.envelope.sender === '';
          if (bounced) seen.bounced++;
          if (bounced && !nullSender) expect(events.some((e) => e.kind === 'bounce' && e.queueId === id)).toBe(true);
        }
      }),
      { numRuns: RUNS, seed: 7 },
    );
    // The generators must reach every fate, or the property proves little.
    expect(seen.accepted).toBeGreaterThan(RUNS / 4);
    expect(seen.bounced).toBeGreaterThan(0);
    expect(seen.queued).toBeGreaterThan(0);
  });
});
