/**
 * Whatever an alias or a .forward file pipes mail into, local(8) comes back with a verdict: the
 * small shell never throws, never loops, and its verdict is one Postfix could give (a delivery,
 * or a bounce or deferral with a D.S.N status of the right class and a reason).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runDeliveryCommand, type CommandHost } from '../../../../src/sim/postfix/local/deliveryCommand';
import { pipeVerdict } from '../../../../src/sim/postfix/local/pipeCommand';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);

const word = fc.constantFrom(
  'true', 'false', ':', 'exit', 'echo', '-n', 'cat', 'procmail', '/bin/false', '/usr/bin/cat', '/usr/local/bin/x',
  '0', '1', '75', '77', '256', '-1', '5.1.1', '4.2.2', 'x', '"quoted text"', "'single'", '$HOME', '`id`',
  '>', '>>', '<', '2>&1', '2>/dev/null', '|', '||', '&&', ';', '&', '(', ')', '/tmp/out', '/root/out', '/dev/null', '\\', '*', '#',
);
const command = fc.oneof(fc.array(word, { maxLength: 12 }).map((w) => w.join(' ')), fc.string({ maxLength: 60 }));

function host(): CommandHost {
  const files = new Map<string, string>();
  return {
    stdin: 'From carol@example.org\nSubject: hi\n\nbody\n',
    writeFile(path, text, append) {
      if (path.startsWith('/root/')) return 'EACCES';
      files.set(path, append ? (files.get(path) ?? '') + text : text);
      return undefined;
    },
    readFile: (path) => files.get(path),
  };
}

describe('delivery commands, any text', () => {
  it('end with an exit status and a verdict Postfix could give', () => {
    fc.assert(
      fc.property(command, (text) => {
        const run = runDeliveryCommand(text, host());
        expect(run.signal !== undefined || Number.isInteger(run.exitStatus ?? 0)).toBe(true);
        expect(typeof run.output).toBe('string');
        const verdict = pipeVerdict(text, run);
        if (verdict.kind === 'ok') return;
        expect(verdict.dsn).toMatch(/^[45]\.\d{1,3}\.\d{1,3}$/);
        expect(verdict.dsn[0]).toBe(verdict.kind === 'defer' ? '4' : '5');
        expect(verdict.reason.length).toBeGreaterThan(0);
        expect(verdict.diagnostic).toMatch(/^x-unix; /);
      }),
      { numRuns: RUNS, seed: 7 },
    );
  });
});
