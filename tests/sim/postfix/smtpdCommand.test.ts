import { describe, expect, it } from 'vitest';
import { parseSmtpdCommand, tokenize } from '../../../src/sim/postfix/smtpd/command';

describe('parseSmtpdCommand', () => {
  it.each([
    ['helo localhost', 'HELO', ['localhost']],
    ['mail from:obama@whitehouse.com', 'MAIL', ['from:', 'obama@whitehouse.com']],
    ['MAIL FROM:<a@b.c> SIZE=500', 'MAIL', ['FROM:', '<a@b.c>', 'SIZE=500']],
    ['mail from: <a@b.c>', 'MAIL', ['from:', '<a@b.c>']],
    ['rcpt to:', 'RCPT', ['to:']],
    ['RCPT TO:<"two words"@example.com>', 'RCPT', ['TO:', '<"two words"@example.com>']],
    ['hello there', 'UNKNOWN', ['there']],
    ['EXPN root', 'UNKNOWN', ['root']],
    ['  noop  ', 'NOOP', []],
  ])('%j', (line, verb, args) => {
    const cmd = parseSmtpdCommand(line);
    expect(cmd.verb).toBe(verb);
    expect(cmd.args).toEqual(args);
  });

  it('keeps <...> with spaces together', () => {
    expect(tokenize('mail from:<two words@example.com>')).toEqual(['mail', 'from:<two words@example.com>']);
  });
});
