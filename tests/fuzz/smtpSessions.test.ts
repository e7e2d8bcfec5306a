/**
 * smtpd under random and mutated input, on the lessons' mail servers: command lines valid,
 * damaged or made of junk, sent one by one or pipelined, message bodies with dots, NULs, bare
 * CRs, 8-bit text and overlong lines, BDAT chunks of any size, AUTH exchanges, STARTTLS with
 * and without a handshake. Whatever comes in, no exception escapes the engine, every server
 * write is one well-formed SMTP reply, and the world runs quiet afterwards.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { command, play, SERVERS, session, asLine } from './smtpFuzz';
import { mutated, runs, timeoutFor } from './mutate';
import { smtpReplyProblem } from './replies';

describe('smtpd on random and mutated input', () => {
  const numRuns = runs(120);
  it(`answers every write with one well-formed reply and never throws (${numRuns} sessions)`, { timeout: timeoutFor(numRuns, 40) }, () => {
    fc.assert(
      fc.property(session, (s) => {
        const { writes } = play(s);
        expect(writes.length).toBeGreaterThan(0);
        for (const w of writes) {
          const problem = smtpReplyProblem(w);
          if (problem) throw new Error(`${SERVERS[s.server].name}: ${problem}`);
        }
      }),
      { numRuns, seed: 20_251_124 },
    );
  });

  const lineRuns = runs(200);
  it(`survives any single line typed at telnet (${lineRuns} lines)`, { timeout: timeoutFor(lineRuns, 20) }, () => {
    const anyLine = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }), mutated(command, 6));
    fc.assert(
      fc.property(fc.nat({ max: SERVERS.length - 1 }), fc.array(anyLine.map(asLine), { minLength: 1, maxLength: 4 }), (server, lines) => {
        const { writes } = play({ server, start: [], moves: lines.map((l) => ({ lines: [l], tls: false })), quit: true });
        for (const w of writes) expect(smtpReplyProblem(w), JSON.stringify(w)).toBeUndefined();
      }),
      { numRuns: lineRuns, seed: 5 },
    );
  });
});
