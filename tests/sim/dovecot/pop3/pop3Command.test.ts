import { describe, expect, it } from 'vitest';
import { parseMsgnum, parsePop3Command, parseSize } from '../../../../src/sim/dovecot/pop3/pop3Command';

describe('parsePop3Command', () => {
  it.each([
    ['USER alice', false, { name: 'USER', args: 'alice' }],
    ['user alice', false, { name: 'USER', args: 'alice' }],
    ['PASS  two spaces', false, { name: 'PASS', args: ' two spaces' }],
    ['LIST  2', true, { name: 'LIST', args: '2' }],
    ['', true, { name: '', args: '' }],
    ['STAT', true, { name: 'STAT', args: '' }],
  ])('%j (after login: %s)', (line, after, cmd) => {
    expect(parsePop3Command(line, after)).toEqual(cmd);
  });
});

describe("parseMsgnum (pop3-commands.c's get_msgnum)", () => {
  it.each([
    ['2', false, { ok: true, index: 1, rest: '' }],
    ['0', false, { ok: false, reply: "-ERR There's no message 0." }],
    ['4', false, { ok: false, reply: "-ERR There's no message 4." }],
    ['abc', false, { ok: false, reply: '-ERR Invalid message number: abc' }],
    ['', false, { ok: false, reply: '-ERR Invalid message number: ' }],
    ['1 2', false, { ok: false, reply: '-ERR Noise after message number:  2' }],
    ['1', true, { ok: false, reply: '-ERR Noise after message number: ' }],
    ['1 5', true, { ok: true, index: 0, rest: '5' }],
    // Past 32 bits the reply quotes what follows the digits (Dovecot 2.3.19: "LIST 4294967296"
    // gets "too large: " and nothing); past 64 bits the argument is quoted whole.
    ['99999999999', false, { ok: false, reply: '-ERR Message number too large: ' }],
    ['4294967296 x', false, { ok: false, reply: '-ERR Message number too large:  x' }],
    ['123456789012345678901', false, { ok: false, reply: '-ERR Message number too large: 123456789012345678901' }],
  ])('%j (then space: %s)', (args, thenSpace, result) => {
    expect(parseMsgnum(args, 3, thenSpace)).toEqual(result);
  });

  it('parseSize (TOP line counts)', () => {
    expect(parseSize('10')).toEqual({ ok: true, size: 10 });
    expect(parseSize('-1')).toEqual({ ok: false, reply: '-ERR Invalid size: -1' });
    expect(parseSize('2 3')).toEqual({ ok: false, reply: '-ERR Noise after size:  3' });
  });
});
