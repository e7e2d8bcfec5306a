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

  it('keeps <...> with spaces together, and ends a "from:" word at its colon', () => {
    expect(tokenize('mail from:<two words@example.com>')).toEqual(['mail', 'from:', '<two words@example.com>']);
  });

  it('splits on CR, VT and FF as smtpd_token() does, so no bare CR reaches a reply', () => {
    expect(tokenize('ETRN \rx')).toEqual(['ETRN', 'x']);
    expect(tokenize('ETRN\vexample.org\f')).toEqual(['ETRN', 'example.org']);
    expect(parseSmtpdCommand(' \r\f ').word).toBe('');
  });

  it('reads <...> with quotes and nesting whole, and keeps a backslash-escaped space in the word', () => {
    expect(tokenize('MAIL FROM:<"a>b"@example.org> SIZE=5')).toEqual(['MAIL', 'FROM:', '<"a>b"@example.org>', 'SIZE=5']);
    expect(tokenize('MAIL FROM:<<carol@example.org>>')).toEqual(['MAIL', 'FROM:', '<<carol@example.org>>']);
    expect(tokenize('HELO a\\ b')).toEqual(['HELO', 'a\\ b']);
    expect(tokenize('VRFY to:alice')).toEqual(['VRFY', 'to:', 'alice']);
  });

  it('marks an address whose <...> never closes', () => {
    const cmd = parseSmtpdCommand('MAIL FROM:<carol@example.org');
    expect(cmd.args).toEqual(['FROM:', '<carol@example.org']);
    expect(cmd.malformed).toEqual([false, true]);
  });
});
